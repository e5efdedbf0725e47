"""Writes for the commitment cycle: years, categories, commitments and their progress.

Every step of the cycle is declared in `workflow.py` and taken by the workflow kernel's one
service body (lock, table, guard, save, audit in one transaction), so two reviewers acting at
once end with one winner and a clear refusal for the other; the named steps here are thin calls.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.commitments import selectors, workflow
from renda.commitments.choices import CommitmentStatus
from renda.commitments.models import (
    Commitment,
    CommitmentCategory,
    CommitmentProgress,
    CommitmentYear,
    ReturnReason,
)
from renda.core import attachments, audit, evidence
from renda.core import services as base
from renda.core.choices import AuditAction
from renda.core.exceptions import (
    InvalidTransition,
    NotFound,
    PermissionRefused,
    ValidationFailed,
)
from renda.core.querysets import CHANGE, VIEW
from renda.core.scope import scope_for
from renda.people.models import Mandate, Person

NO_COMMITMENT_YEAR = _("Commitments for %(year)s have not been opened for this congress.")
NO_CURRENT_SEAT = _("The deputy holds no seat to file commitments under.")
SEAT_OF_SOMEONE_ELSE = _("That seat belongs to another deputy.")
TOO_MANY = _("At most %(max)s commitments a year; withdraw one before adding another.")
CATEGORY_NOT_OFFERED = _("That category is not offered this year.")
DUE_OUTSIDE_YEAR = _("The due date must fall within %(year)s.")
NO_SEAT_IN_CONGRESS = _("The deputy holds no seat in the congress that opened this year.")
PROGRESS_IN_FUTURE = _("A progress report cannot be dated later than today.")
PROGRESS_OUTSIDE_YEAR = _("A progress report must be dated within %(year)s, the commitment's year.")
FILE_NOT_ALLOWED = evidence.FILE_NOT_ALLOWED
# The workflow's refusals, under the names the services have always had.
NOT_THE_OWNER = workflow.NOT_THE_OWNER
ONLY_REVIEWERS = workflow.ONLY_REVIEWERS
WINDOW_CLOSED = workflow.WINDOW_CLOSED
REASON_REQUIRED = workflow.REASON_REQUIRED
NOTE_REQUIRED = workflow.NOTE_REQUIRED
TOO_EARLY_TO_CLOSE = workflow.TOO_EARLY_TO_CLOSE
close_from = workflow.close_from

COMMITMENT_FIELDS = ["category", "title", "detail", "target_value", "target_unit", "due"]
YEAR_FIELDS = ["opens", "closes", "min_count", "max_count"]


# --- Who acts ---------------------------------------------------------------------------------


def _ensure_owner(actor, commitment: Commitment) -> None:
    """Only the deputy themself (the workflow's "owner"): staff do not act as the deputy."""
    workflow.COMMITMENT.ensure_holds(actor, commitment, ["owner"])


# --- Years and categories ---------------------------------------------------------------------


def category_create(*, actor, congress, name: str, order: int = 0) -> CommitmentCategory:
    base.ensure_in_scope(actor, congress)
    with transaction.atomic():
        return base.create(
            actor=actor, obj=CommitmentCategory(congress=congress, name=name.strip(), order=order)
        )


def commitment_year_open(
    *,
    actor,
    congress,
    year: int,
    opens: datetime.date,
    closes: datetime.date,
    min_count: int = 3,
    max_count: int = 6,
    categories=(),
) -> CommitmentYear:
    """Open a year's commitments: the window, how many each deputy makes, the categories."""
    base.ensure_in_scope(actor, congress)
    cycle = CommitmentYear(
        congress=congress,
        year=year,
        opens=opens,
        closes=closes,
        min_count=min_count,
        max_count=max_count,
    )
    with transaction.atomic():
        base.create(actor=actor, obj=cycle)
        _set_categories(cycle, congress, categories)
    return cycle


def commitment_year_update(
    *, actor, cycle: CommitmentYear, categories=None, **data
) -> CommitmentYear:
    base.ensure_in_scope(actor, cycle)
    with transaction.atomic():
        base.update(actor=actor, obj=cycle, data=data, fields=YEAR_FIELDS)
        if categories is not None:
            before = sorted(c.name for c in cycle.categories.all())
            _set_categories(cycle, cycle.congress, categories)
            after = sorted(c.name for c in cycle.categories.all())
            if before != after:
                audit.record(
                    actor=actor,
                    action=AuditAction.UPDATE,
                    obj=cycle,
                    before={"categories": before},
                    after={"categories": after},
                )
    return cycle


def _set_categories(cycle, congress, categories) -> None:
    categories = list(categories)
    if any(c.congress_id != congress.pk for c in categories):
        raise ValidationFailed(CATEGORY_NOT_OFFERED)
    cycle.categories.set(categories)


# --- Commitments ------------------------------------------------------------------------------


def _default_seat(person, day: datetime.date):
    """The seat closest to the electors (the lowest level), where their group and station are."""
    seat = (
        Mandate.objects.current(day)
        .filter(person=person)
        .select_related("congress")
        .order_by("-congress__level", "pk")
        .first()
    )
    if seat is None:
        raise ValidationFailed(NO_CURRENT_SEAT)
    return seat


def _clean_fields(cycle: CommitmentYear, data: dict) -> None:
    category = data.get("category")
    if category is not None and not cycle.categories.filter(pk=category.pk).exists():
        raise ValidationFailed.on("category", CATEGORY_NOT_OFFERED)
    due = data.get("due")
    if due is not None and due.year != cycle.year:
        message = DUE_OUTSIDE_YEAR % {"year": cycle.year}
        raise ValidationFailed.on("due", message)
    if "title" in data:
        data["title"] = (data["title"] or "").strip()
    if "target_unit" in data:
        data["target_unit"] = (data["target_unit"] or "").strip()
    if data.get("target_value") is not None:
        data["target_value"] = Decimal(data["target_value"])


def _count_in_year(person, cycle: CommitmentYear) -> int:
    return (
        Commitment.objects.filter(person=person, commitment_year__year=cycle.year)
        .exclude(status__in=(CommitmentStatus.WITHDRAWN, CommitmentStatus.CANCELLED))
        .count()
    )


def commitment_create(
    *,
    actor,
    person,
    year: int,
    category,
    title: str,
    due: datetime.date,
    detail: str = "",
    target_value=None,
    target_unit: str = "",
    mandate=None,
) -> Commitment:
    """A draft commitment, filed under `mandate` (by default the deputy's lowest seat)."""
    scope = None if base.is_system(actor) else scope_for(actor)
    if scope is not None and person.pk not in scope.person_ids and not scope.has("staff"):
        raise PermissionRefused(NOT_THE_OWNER)
    seat = mandate or _default_seat(person, timezone.localdate())
    if seat.person_id != person.pk:
        raise ValidationFailed(SEAT_OF_SOMEONE_ELSE)
    if scope is not None and person.pk not in scope.person_ids:
        base.ensure_in_scope(actor, seat, CHANGE)
    cycle = CommitmentYear.objects.filter(congress_id=seat.congress_id, year=year).first()
    if cycle is None:
        raise ValidationFailed(NO_COMMITMENT_YEAR % {"year": year})
    workflow.ensure_window(cycle, actor)
    data = {
        "category": category,
        "title": title,
        "detail": detail,
        "target_value": target_value,
        "target_unit": target_unit,
        "due": due,
    }
    _clean_fields(cycle, data)
    with transaction.atomic():
        # Count under the write lock (SQLite's IMMEDIATE transaction, PostgreSQL's row lock on
        # the person) so two drafts added at once cannot both pass the limit.
        type(person).objects.select_for_update().filter(pk=person.pk).first()
        if _count_in_year(person, cycle) >= cycle.max_count:
            raise ValidationFailed(TOO_MANY % {"max": cycle.max_count})
        commitment = Commitment(person=person, mandate=seat, commitment_year=cycle, **data)
        return base.create(actor=actor, obj=commitment)


def commitment_create_in_year(
    *, actor, person, commitment_year: CommitmentYear, **fields
) -> Commitment:
    """A draft in `commitment_year`, filed under the deputy's seat in the congress that opened
    it: what the pages and the API call. The person must be in the actor's reach (themself, or
    a deputy whose seat the staff keep) and the year visible to them; else not found."""
    if not base.is_system(actor):
        if not Person.objects.restrict(actor, CHANGE).filter(pk=person.pk).exists():
            raise NotFound(base.OUT_OF_SCOPE)
        if not CommitmentYear.objects.restrict(actor, VIEW).filter(pk=commitment_year.pk).exists():
            raise NotFound(base.OUT_OF_SCOPE)
    seat = selectors.seat_in(person, commitment_year)
    if seat is None:
        raise ValidationFailed.on("commitment_year", NO_SEAT_IN_CONGRESS)
    return commitment_create(
        actor=actor, person=person, year=commitment_year.year, mandate=seat, **fields
    )


def commitment_update(*, actor, commitment: Commitment, **data) -> Commitment:
    """Revise the text while it is a draft or returned."""
    _ensure_owner(actor, commitment)
    with transaction.atomic():
        commitment = base.lock(commitment)
        if commitment.status not in workflow.EDITABLE:
            raise InvalidTransition(
                workflow.NOT_ALLOWED_NOW % {"status": commitment.get_status_display()}
            )
        _clean_fields(commitment.commitment_year, data)
        return base.update(actor=actor, obj=commitment, data=data, fields=COMMITMENT_FIELDS)


def commitment_submit(*, actor, commitment: Commitment) -> Commitment:
    return workflow.COMMITMENT.transition(actor=actor, obj=commitment, name="submit")


def commitment_withdraw(*, actor, commitment: Commitment, note: str = "") -> Commitment:
    return workflow.COMMITMENT.transition(actor=actor, obj=commitment, name="withdraw", note=note)


def commitment_approve(*, actor, commitment: Commitment, note: str = "") -> Commitment:
    return workflow.COMMITMENT.transition(actor=actor, obj=commitment, name="approve", note=note)


def commitment_return(
    *, actor, commitment: Commitment, reason: ReturnReason | None, note: str = ""
) -> Commitment:
    """Send it back with a reason — "与本职工作重合" among them — for the deputy to revise."""
    return workflow.COMMITMENT.transition(
        actor=actor, obj=commitment, name="return", note=note, reason=reason
    )


def commitment_cancel(*, actor, commitment: Commitment, note: str) -> Commitment:
    """Staff cancel with a reason, e.g. the mandate ended."""
    return workflow.COMMITMENT.transition(actor=actor, obj=commitment, name="cancel", note=note)


def commitment_close(*, actor, commitment: Commitment, result: str, note: str = "") -> Commitment:
    """The year-end verdict from the evidence: fulfilled, partly fulfilled or unfulfilled."""
    return workflow.COMMITMENT.transition(
        actor=actor, obj=commitment, name="close", note=note, result=result
    )


# --- Progress and evidence --------------------------------------------------------------------


def progress_add(
    *,
    actor,
    commitment: Commitment,
    text: str,
    day: datetime.date | None = None,
    value=None,
    files=(),
) -> CommitmentProgress:
    """Report progress on an approved commitment, with photos (re-encoded, metadata removed)
    and documents as evidence. A refused file saves nothing of the report."""
    _ensure_owner(actor, commitment)
    today = timezone.localdate()
    day = day or today
    if day > today:
        raise ValidationFailed.on("day", PROGRESS_IN_FUTURE)
    year = commitment.commitment_year.year
    if day.year != year:
        raise ValidationFailed.on("day", PROGRESS_OUTSIDE_YEAR % {"year": year})
    prepared = attachments.prepare(files)
    with transaction.atomic():
        commitment = base.lock(commitment)
        if commitment.status not in workflow.OPEN_FOR_PROGRESS:
            raise InvalidTransition(
                workflow.NOT_ALLOWED_NOW % {"status": commitment.get_status_display()}
            )
        progress = CommitmentProgress(
            commitment=commitment,
            author=None if base.is_system(actor) else actor,
            day=day,
            text=(text or "").strip(),
            value=Decimal(value) if value not in (None, "") else None,
        )
        base.create(actor=actor, obj=progress)
        attachments.attachments_add(actor=actor, obj=progress, files=prepared)
    return progress


# --- Past commitments (往年承诺), from the offices' spreadsheets ------------------------------
#
# Years before the system never went through the live review: what the spreadsheet records is
# written as it stands, audited as imported (never as created) with the file's name in the note.
# `spreadsheets.PastCommitmentsImporter` checks the rows and calls these in one transaction.

# The audit note of every record an import writes: which file it came from. Its words stay as the
# audit rows already written have them.
IMPORT_NOTE = "导入历史承诺：%s"


def _imported(*, actor, obj, file_name: str):
    """Validate, insert and audit as imported from `file_name`."""
    base.validate(obj)
    base.save(obj)
    audit.record(actor=actor, action=AuditAction.IMPORT, obj=obj, note=IMPORT_NOTE % file_name)
    return obj


def commitment_year_import_open(
    *, actor, congress, year: int, file_name: str = ""
) -> CommitmentYear:
    """A past year's commitments, open for the whole year: the year predates the system."""
    base.ensure_in_scope(actor, congress)
    cycle = CommitmentYear(
        congress=congress,
        year=year,
        opens=datetime.date(year, 1, 1),
        closes=datetime.date(year, 12, 31),
    )
    with transaction.atomic():
        return _imported(actor=actor, obj=cycle, file_name=file_name)


def category_import_create(
    *, actor, congress, name: str, file_name: str = ""
) -> CommitmentCategory:
    """A category a past year's spreadsheet names, after the congress's other categories."""
    base.ensure_in_scope(actor, congress)
    last = CommitmentCategory.objects.filter(congress=congress).aggregate(last=Max("order"))
    category = CommitmentCategory(congress=congress, name=name, order=1 + (last["last"] or 0))
    with transaction.atomic():
        return _imported(actor=actor, obj=category, file_name=file_name)


def commitment_year_import_category(
    *, actor, cycle: CommitmentYear, category: CommitmentCategory, file_name: str = ""
) -> CommitmentYear:
    """Offer `category` in a past year, as a spreadsheet files a commitment under it; nothing
    to write when it is offered already."""
    offered = list(cycle.categories.all())
    if category in offered:
        return cycle
    base.ensure_in_scope(actor, cycle)
    before = sorted(c.name for c in offered)
    with transaction.atomic():
        cycle.categories.add(category)
        audit.record(
            actor=actor,
            action=AuditAction.IMPORT,
            obj=cycle,
            before={"categories": before},
            after={"categories": sorted([*before, category.name])},
            note=IMPORT_NOTE % file_name,
        )
    return cycle


def commitment_import_create(
    *,
    actor,
    mandate: Mandate,
    cycle: CommitmentYear,
    category: CommitmentCategory,
    title: str,
    status: str,
    due: datetime.date,
    target_value=None,
    target_unit: str = "",
    note: str = "",
    file_name: str = "",
) -> Commitment:
    """A past year's commitment, written straight in its recorded status: it predates the
    system, so it never went through the live review. Audited as imported from `file_name`."""
    base.ensure_in_scope(actor, mandate.congress, CHANGE)
    commitment = Commitment(
        person_id=mandate.person_id,
        mandate=mandate,
        commitment_year=cycle,
        category=category,
        title=title.strip(),
        target_value=target_value,
        target_unit=target_unit.strip(),
        due=due,
        status=status,
        status_note=note.strip(),
    )
    with transaction.atomic():
        return _imported(actor=actor, obj=commitment, file_name=file_name)


def commitment_import_update(
    *, actor, commitment: Commitment, file_name: str = "", **data
) -> Commitment:
    """Correct an imported commitment from a later file: its category, target, due date,
    result or note; audited from → to as imported."""
    base.ensure_in_scope(actor, commitment.mandate, CHANGE)
    return base.update(
        actor=actor,
        obj=commitment,
        data=data,
        fields=["category", "target_value", "target_unit", "due", "status", "status_note"],
        note=IMPORT_NOTE % file_name,
        action=AuditAction.IMPORT,
    )
