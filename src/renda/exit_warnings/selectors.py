"""Named reads of exit warnings."""

from django.db.models import Case, IntegerField, Value, When

from renda.exit_warnings.choices import WarningStatus


def open_first(qs):
    """Warnings with the open ones first, then the newest year, then in 姓氏笔画 order."""
    return qs.annotate(
        open_rank=Case(
            When(status=WarningStatus.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("open_rank", "-year", "mandate__person__stroke_key", "pk")
