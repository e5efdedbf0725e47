"""Core's part of the shared world (`core.testing.shared_world`): a working-day override."""

import datetime

from renda.core.models import WorkdayOverride


def build(w) -> None:
    w.workday = WorkdayOverride.objects.create(
        day=datetime.date(2026, 5, 9), is_workday=True, note="劳动节调休"
    )
