"""Suggestions' part of the shared world, with handling's: 黎源's motions and suggestions in the
statuses the pages act on, one invitation of 王芳's he has not answered, a key supervision, and
the assignments to 荣昌区交通局 (the unit role's unit) with a request for more time.

Handling's objects are made here, by the suggestions' assign step as they arise: an assignment
hangs on an item of a module above handling, and suggestions is that module. `handling/access.py`
names them: `unit_assignment` (waiting for the unit to accept), `extension` (a pending request for
more time on an assignment in hand).
"""

import datetime

from django.utils import timezone

from renda.handling import services as handling
from renda.handling.choices import AssignmentRole, AssignmentStatus
from renda.handling.models import Assignment
from renda.suggestions import services
from renda.suggestions.choices import SuggestionStatus as S

BODY = "黄泥村至直升镇的村道年久失修，雨天泥泞，群众出行困难，建议纳入年度道路硬化计划。"


def build(w) -> None:
    deputy, staff, unit = w.users["deputy"], w.users["district"], w.users["unit"]

    def drafted(title, *, by=deputy, seat=None, kind="suggestion"):
        return services.suggestion_draft(
            actor=by,
            mandate=seat or w.li_seat,
            title=title,
            body=BODY,
            topic="transport",
            kind=kind,
        )

    def accepted(title):
        s = services.suggestion_submit(actor=deputy, suggestion=drafted(title))
        return services.suggestion_accept(actor=staff, suggestion=s)

    def assigned(title):
        s = services.suggestion_assign(
            actor=staff, suggestion=accepted(title), mode="lead_co", lead=w.unit
        )
        return s, Assignment.objects.of(s).get(unit=w.unit)

    w.suggestion_draft = drafted("关于黄泥村道路硬化的建议")
    w.invitation = drafted(
        "关于直升镇增设农贸市场的议案", by=w.login, seat=w.wang_seat, kind="motion"
    )
    services.cosigners_invite(actor=w.login, suggestion=w.invitation, mandates=[w.li_seat])
    w.suggestion = services.suggestion_submit(
        actor=deputy, suggestion=drafted("关于改善直升镇饮水条件的建议")
    )
    w.accepted = accepted("关于加快昌州大道改造的建议")
    w.supervision = services.supervision_create(
        actor=staff, congress=w.congress, year=2026, title="城区交通治理", leader="张主任"
    )
    services.suggestion_supervise(actor=staff, suggestion=w.accepted, supervision=w.supervision)
    # Assigned to the unit, waiting for it to accept.
    w.assigned, w.unit_assignment = assigned("关于增设昌州大道公交站点的建议")
    # In the unit's hands, with a request for more time the office has not decided.
    w.in_hand, in_hand = assigned("关于整治濑溪河沿岸环境的建议")
    handling.assignment_accept(actor=unit, assignment=in_hand)
    in_hand = Assignment.objects.with_clocks().get(pk=in_hand.pk)
    w.extension = handling.assignment_request_extension(
        actor=unit,
        assignment=in_hand,
        requested_until=in_hand.answer_due + datetime.timedelta(days=30),
        text="需协调市级部门，申请延期一个月答复。",
    )
    # Further on: replied (to be rated), being carried out, fulfilled (to be rated).
    w.replied = _later(w, "关于改造城区老旧小区的建议", S.REPLIED, AssignmentStatus.ANSWERED)
    w.fulfilling = _later(w, "关于新建直升镇卫生院的建议", S.FULFILLING, AssignmentStatus.DONE)
    w.fulfilled = _later(w, "关于修缮荣昌夏布小镇的建议", S.FULFILLED, AssignmentStatus.DONE)
    # Disclosed: what the public pages and the public API show.
    w.disclosed_suggestion = services.suggestion_disclose(actor=staff, suggestion=w.fulfilled)


def _later(w, title, status, assignment_status):
    """An item past its reply, with the unit's assignment as that implies (made directly: the
    replies and ratings on the way are the services' tests')."""
    from renda.suggestions.models import Suggestion

    now = timezone.now()
    s = Suggestion.objects.create(
        congress=w.congress,
        year=2026,
        number=100 + Suggestion.objects.count(),
        title=title,
        body=BODY,
        topic="urban",
        mandate=w.li_seat,
        status=status,
        submitted_at=now,
        accepted_at=now,
        mode="lead_co",
        assigned_on=datetime.date(2026, 1, 5),
        replied_at=now,
        result_category="B",
    )
    Assignment.objects.create(
        subject=s,
        region=w.rc,
        unit=w.unit,
        role=AssignmentRole.LEAD,
        status=assignment_status,
        assigned_on=datetime.date(2026, 1, 5),
        accepted_at=now,
        answered_at=now,
        done_at=now if assignment_status == AssignmentStatus.DONE else None,
    )
    return s
