"""Activities' part of the shared world: 荣昌区's catalogue and "341 311", 黎源's activities in
each status, a group registration and an excused absence."""

import datetime

from renda.activities import services
from renda.activities.choices import ActivityStatus as S
from renda.activities.models import Requirement
from renda.activities.tests.factories import ActivityFactory, ExcuseFactory, preset_types


def build(w) -> None:
    w.types = preset_types(w.congress)
    w.activity_type = w.types["inspection"]
    services.requirements_apply_preset(actor="test", term=w.term)
    w.requirement = Requirement.objects.filter(term=w.term).first()
    w.activity = ActivityFactory(
        mandate=w.li_seat, activity_type=w.activity_type, status=S.SUBMITTED, content="视察饮水"
    )
    w.verified = ActivityFactory(
        mandate=w.li_seat, activity_type=w.activity_type, status=S.VERIFIED, content="调研振兴"
    )
    w.rejected = ActivityFactory(
        mandate=w.li_seat,
        activity_type=w.activity_type,
        status=S.REJECTED,
        status_note="照片与内容不符",
        content="走访企业",
    )
    w.batch = services.activity_register_for_many(
        actor="test",
        congress=w.congress,
        activity_type=w.activity_type,
        day=datetime.date(2024, 6, 1),
        content="视察城区污水管网建设",
        mandates=[w.li_seat, w.wang_seat],
    )
    w.excuse = ExcuseFactory(mandate=w.li_seat)
