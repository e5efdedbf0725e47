"""`{% commitment_status c %}`: a commitment's status as a badge, and 逾期 (overdue) when an
approved one is past its due date. A tag rather than an included template: a deputy's public
page shows it for each of their commitments, and the include was a third of that list's
rendering."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from renda.commitments.choices import CommitmentStatus as S

register = template.Library()

BADGE = {
    S.SUBMITTED: "text-bg-warning",
    S.RETURNED: "text-bg-danger",
    S.APPROVED: "text-bg-primary",
    S.FULFILLED: "text-bg-success",
    S.PARTLY_FULFILLED: "text-bg-info",
    S.UNFULFILLED: "text-bg-dark",
    S.DRAFT: "text-bg-light border",
}


@register.simple_tag
def commitment_status(commitment) -> str:
    badge = format_html(
        '<span class="badge {}">{}</span>',
        BADGE.get(commitment.status, "text-bg-secondary"),
        commitment.status_label,
    )
    if not commitment.is_overdue:
        return badge
    return format_html(
        '{} <span class="badge text-bg-danger" title="{}">{}</span>',
        badge,
        gettext("Past its due date and not yet concluded"),
        gettext("Overdue"),
    )
