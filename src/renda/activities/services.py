"""Writes for the activity register: the catalogue, the minimums, registration, verification,
group registration, registration by other modules, excused absences.

A deputy's own record waits for staff to verify it; what staff, an organiser or another module
registers is verified on entry. Every write is audited in its transaction; a year whose
evaluation is final can no longer change.
"""

import datetime
import hashlib

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.activities import presets, workflow
from renda.activities.choices import ActivityStatus
from renda.activities.models import (
    Activity,
    ActivityBatch,
    ActivityType,
    Excuse,
    Requirement,
)
from renda.core import attachments, audit
from renda.core import services as base
from renda.core.choices import AuditAction
from renda.core.exceptions import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionRefused,
    ValidationFailed,
)
from renda.core.querysets import CHANGE
from renda.core.scope import scope_for
from renda.core.workflow import NOTE_REQUIRED, user_of
from renda.people.models import Mandate
from renda.stations.models import StationAssignment

TYPE_OF_ANOTHER_CONGRESS = _("That activity type belongs to another congress's catalogue.")
TYPE_INACTIVE = _("That activity type is no longer in use.")
IN_THE_FUTURE = _("An activity is registered after it took place.")
OUTSIDE_SEAT = _("The date falls outside the deputy's term of office (%(start)s – %(end)s).")
PERSON_TIMES_REQUIRED = _("Say how many people were met (person-times).")
PERSON_TIMES_NOT_COUNTED = _("This activity type is not counted in person-times.")
CONTENT_REQUIRED = _("Say what was done.")
REASON_REQUIRED = NOTE_REQUIRED
DUPLICATES_IN_GROUP = _("Already registered for: %(names)s.")
NO_DEPUTIES = _("Choose at least one deputy.")
SEAT_OF_ANOTHER_CONGRESS = _("%(name)s holds no seat in this congress.")
NOT_AT_YOUR_STATIONS = _("%(names)s: a station liaison registers only their stations' deputies.")
NO_GROUPS_FOR_LIAISONS = _(
    "A station liaison picks their stations' deputies one by one, not whole deputy groups."
)
UNKNOWN_TYPE_CODE = _("This congress has no activity type “%(code)s”.")
UNKNOWN_PRESET = _("There is no preset called “%(name)s”.")
NO_OWN_SEAT = _("Say under which seat (mandate); you hold no current seat in that congress.")
# The workflow's refusals, under the names the services have always had.
NOT_THE_OWNER = workflow.NOT_THE_OWNER
ONLY_STAFF = workflow.ONLY_STAFF
YEAR_FINAL = workflow.YEAR_FINAL
DUPLICATE = workflow.DUPLICATE

ACTIVITY_FIELDS = ["activity_type", "day", "place", "content", "person_times"]
TYPE_FIELDS = ["code", "name", "category", "counts_person_times", "order", "active"]


# --- Who acts ---------------------------------------------------------------------------------


def _is_keeper(actor, mandate) -> bool:
    """Staff who keep the seat (its congress's region), or the system."""
    if base.is_system(actor):
        return True
    scope = scope_for(actor)
    if scope is None or not scope.has("staff"):
        return False
    from renda.people.models import Mandate

    return Mandate.objects.restrict(actor, CHANGE).filter(pk=mandate.pk).exists()


def _ensure_owner_or_keeper(actor, mandate) -> bool:
    """True when the actor acts as staff, False as the deputy; refuse anyone else."""
    if _is_keeper(actor, mandate):
        return True
    scope = scope_for(actor)
    if scope and mandate.person_id in scope.person_ids:
        return False
    if scope and scope.has("staff"):
        raise NotFound(base.OUT_OF_SCOPE)
    raise PermissionRefused(NOT_THE_OWNER)


def _ensure_keeper(actor, mandate) -> None:
    if _is_keeper(actor, mandate):
        return
    scope = scope_for(actor)
    if scope and scope.has("staff"):
        raise NotFound(base.OUT_OF_SCOPE)
    raise PermissionRefused(ONLY_STAFF)


# --- Catalogue and minimums -------------------------------------------------------------------


def activity_type_create(*, actor, congress, **data) -> ActivityType:
    base.ensure_in_scope(actor, congress)
    data = {k: v for k, v in data.items() if k in TYPE_FIELDS}
    data["name"] = (data.get("name") or "").strip()
    with transaction.atomic():
        return base.create(actor=actor, obj=ActivityType(congress=congress, **data))


def activity_type_update(*, actor, activity_type: ActivityType, **data) -> ActivityType:
    base.ensure_in_scope(actor, activity_type.congress)
    if "name" in data:
        data["name"] = (data["name"] or "").strip()
    with transaction.atomic():
        activity_type = base.lock(activity_type)
        return base.update(actor=actor, obj=activity_type, data=data, fields=TYPE_FIELDS)


def activity_types_apply_preset(*, actor, congress) -> list[ActivityType]:
    """Add the preset catalogue's types this congress lacks (by code); keep what is there."""
    base.ensure_in_scope(actor, congress)
    created = []
    with transaction.atomic():
        have = set(ActivityType.objects.filter(congress=congress).values_list("code", flat=True))
        for order, (code, name, category, person_times) in enumerate(presets.ACTIVITY_TYPES):
            if code in have:
                continue
            created.append(
                base.create(
                    actor=actor,
                    obj=ActivityType(
                        congress=congress,
                        code=code,
                        name=name,
                        category=category,
                        counts_person_times=person_times,
                        order=(order + 1) * 10,
                    ),
                )
            )
    return created


def requirement_set(*, actor, term, category: str, period: str, minimum: int) -> Requirement:
    """Create or change the minimum of one category and period for a term."""
    base.ensure_in_scope(actor, term.congress)
    with transaction.atomic():
        existing = (
            Requirement.objects.select_for_update()
            .filter(term=term, category=category, period=period)
            .first()
        )
        if existing is None:
            return base.create(
                actor=actor,
                obj=Requirement(
                    congress_id=term.congress_id,
                    term=term,
                    category=category,
                    period=period,
                    minimum=minimum,
                ),
            )
        return base.update(actor=actor, obj=existing, data={"minimum": minimum}, fields=["minimum"])


def requirement_delete(*, actor, requirement: Requirement) -> None:
    base.ensure_in_scope(actor, requirement.congress)
    with transaction.atomic():
        base.delete(actor=actor, obj=requirement)


def requirements_apply_preset(*, actor, term, preset: str = "chongqing_341_311"):
    """Set a term's minimums from a preset ("341 311"); other minimums stay as they are."""
    rows = presets.REQUIREMENT_PRESETS.get(preset)
    if rows is None:
        raise ValidationFailed(UNKNOWN_PRESET % {"name": preset})
    with transaction.atomic():
        return [
            requirement_set(actor=actor, term=term, category=c, period=p, minimum=n)
            for c, p, n in rows
        ]


# --- Registration -----------------------------------------------------------------------------


def fingerprint(activity_type_id, day, place, content, person_times) -> str:
    """Two records with the same type, date, place, content and person-times are one."""
    text = " ".join((content or "").split())
    raw = f"{activity_type_id}|{day.isoformat()}|{(place or '').strip()}|{text}|{person_times}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _clean(mandate, data: dict) -> dict:
    """Check the fields of a record for `mandate`; refuse with the field named."""
    activity_type = data["activity_type"]
    if activity_type.congress_id != mandate.congress_id:
        raise ValidationFailed.on("activity_type", TYPE_OF_ANOTHER_CONGRESS)
    if not activity_type.active:
        raise ValidationFailed.on("activity_type", TYPE_INACTIVE)
    day = data["day"]
    if day > timezone.localdate():
        raise ValidationFailed.on("day", IN_THE_FUTURE)
    _check_day_in_seat(mandate, day)
    data["content"] = (data.get("content") or "").strip()
    data["place"] = (data.get("place") or "").strip()
    if not data["content"]:
        raise ValidationFailed.on("content", CONTENT_REQUIRED)
    person_times = data.get("person_times")
    if activity_type.counts_person_times and not person_times:
        raise ValidationFailed.on("person_times", PERSON_TIMES_REQUIRED)
    if not activity_type.counts_person_times and person_times:
        raise ValidationFailed.on("person_times", PERSON_TIMES_NOT_COUNTED)
    data["person_times"] = person_times or None
    workflow.ensure_year_open(mandate.congress_id, day.year)
    return data


def _check_day_in_seat(mandate, day: datetime.date) -> None:
    if day < mandate.start or (mandate.end and day > mandate.end):
        message = OUTSIDE_SEAT % {"start": mandate.start, "end": mandate.end or "—"}
        raise ValidationFailed.on("day", message)


def _attach(actor, activity: Activity, prepared) -> None:
    attachments.attachments_add(actor=actor, obj=activity, files=prepared)


def activity_register(
    *,
    actor,
    activity_type: ActivityType,
    day: datetime.date,
    content: str,
    mandate=None,
    person=None,
    place: str = "",
    person_times: int | None = None,
    files=(),
) -> Activity:
    """A deputy registers an activity for staff to verify; staff registering for the deputy
    verify it on entry. Without `mandate`, it goes under `person`'s current seat in the congress
    whose catalogue the type belongs to. Photos are re-encoded; a refused file saves nothing."""
    if mandate is None:
        mandate = _seat_for(person, activity_type)
    as_staff = _ensure_owner_or_keeper(actor, mandate)
    data = _clean(
        mandate,
        {
            "activity_type": activity_type,
            "day": day,
            "content": content,
            "place": place,
            "person_times": person_times,
        },
    )
    prepared = attachments.prepare(files)
    print_ = fingerprint(
        activity_type.pk, day, data["place"], data["content"], data["person_times"]
    )
    now = timezone.now()
    activity = Activity(
        mandate=mandate,
        person_id=mandate.person_id,
        congress_id=mandate.congress_id,
        fingerprint=print_,
        registered_by=user_of(actor),
        status=ActivityStatus.VERIFIED if as_staff else ActivityStatus.SUBMITTED,
        decided_by=user_of(actor) if as_staff else None,
        decided_at=now if as_staff else None,
        **data,
    )
    with transaction.atomic():
        if workflow.duplicate_exists(mandate.pk, print_):
            raise Conflict(DUPLICATE)
        base.create(actor=actor, obj=activity, exclude=["fingerprint"])
        _attach(actor, activity, prepared)
    return activity


def _seat_for(person, activity_type: ActivityType):
    """The person's current seat in the congress of the type's catalogue, if they hold one."""
    from renda.people.models import Mandate

    seat = None
    if person is not None:
        seat = (
            Mandate.objects.current()
            .filter(person=person, congress_id=activity_type.congress_id)
            .order_by("pk")
            .first()
        )
    if seat is None:
        raise ValidationFailed.on("mandate", NO_OWN_SEAT)
    return seat


def activity_register_for_many(
    *,
    actor,
    congress,
    activity_type: ActivityType,
    day: datetime.date,
    content: str,
    mandates=(),
    groups=(),
    place: str = "",
    person_times: int | None = None,
    files=(),
) -> ActivityBatch:
    """An organiser registers one activity (an inspection, a training) for many deputies at
    once — picked one by one, and every current member of the `groups` picked; the records are
    verified on entry. All or nothing: one duplicate refuses the lot. A station liaison
    registers their stations' activities for the stations' current deputies, and no others."""
    station_seats = _organiser_reach(actor, congress)
    if station_seats is not None and groups:
        raise ValidationFailed.on("groups", NO_GROUPS_FOR_LIAISONS)
    mandates = _with_group_members(congress, mandates, groups)
    if not mandates:
        raise ValidationFailed.on("mandates", NO_DEPUTIES)
    if station_seats is not None:
        outside = [m.person.name for m in mandates if m.pk not in station_seats]
        if outside:
            raise ValidationFailed.on(
                "mandates", NOT_AT_YOUR_STATIONS % {"names": "、".join(outside)}
            )
    for mandate in mandates:
        if mandate.congress_id != congress.pk:
            raise ValidationFailed.on(
                "mandates", SEAT_OF_ANOTHER_CONGRESS % {"name": mandate.person.name}
            )
    fields = {
        "activity_type": activity_type,
        "day": day,
        "content": content,
        "place": place,
        "person_times": person_times,
    }
    # The fields are the same for everyone (all seats are of this congress): check them once,
    # and only each seat's term of office per deputy.
    data = _clean(mandates[0], fields)
    for mandate in mandates[1:]:
        _check_day_in_seat(mandate, day)
    prepared = attachments.prepare(files)
    print_ = fingerprint(
        activity_type.pk, day, data["place"], data["content"], data["person_times"]
    )
    now = timezone.now()
    with transaction.atomic():
        taken = set(
            Activity.objects.filter(
                mandate__in=mandates, fingerprint=print_, status__in=workflow.LIVE
            ).values_list("mandate_id", flat=True)
        )
        if taken:
            names = "、".join(m.person.name for m in mandates if m.pk in taken)
            raise ValidationFailed.on("mandates", DUPLICATES_IN_GROUP % {"names": names})
        batch = base.create(
            actor=actor,
            obj=ActivityBatch(
                congress=congress,
                activity_type=activity_type,
                day=day,
                place=data["place"],
                content=data["content"],
                organiser=user_of(actor),
            ),
        )
        activities = [
            Activity(
                mandate=mandate,
                person_id=mandate.person_id,
                congress_id=congress.pk,
                batch=batch,
                fingerprint=print_,
                registered_by=user_of(actor),
                status=ActivityStatus.VERIFIED,
                decided_by=user_of(actor),
                decided_at=now,
                **data,
            )
            for mandate in mandates
        ]
        Activity.objects.bulk_create(activities)
        audit.record_many(actor=actor, action=AuditAction.CREATE, objs=activities)
        # Each deputy hears that the activity is on their record (one notice each, at once).
        workflow.ACTIVITY.announce_many(activities, actor)
        if prepared:
            # The evidence of a group activity hangs on the first record and is shown with
            # the group registration.
            _attach(actor, activities[0], prepared)
    return batch


def _organiser_reach(actor, congress) -> set[int] | None:
    """None when the actor keeps the congress (its staff, an administrator, the system);
    for a station liaison, the seats of the congress at their stations today. Anyone else is
    told the congress is not found."""
    try:
        base.ensure_in_scope(actor, congress)
        return None
    except NotFound:
        seats = station_seats(actor, congress)
        if not seats:
            raise
        return seats


def station_seats(actor, congress=None) -> set[int]:
    """The current seats (of `congress`, or any) at the stations `actor` is a liaison of."""
    scope = scope_for(actor)
    if scope is None or not scope.station_ids:
        return set()
    assignments = StationAssignment.objects.current().filter(
        station_id__in=scope.station_ids, mandate__in=Mandate.objects.current()
    )
    if congress is not None:
        assignments = assignments.filter(mandate__congress=congress)
    return set(assignments.values_list("mandate_id", flat=True))


def _with_group_members(congress, mandates, groups) -> list:
    """The seats picked, then the current members of the groups picked, each once."""
    chosen = {m.pk: m for m in mandates}
    if groups:
        from renda.people.models import Mandate

        members = (
            Mandate.objects.current()
            .filter(congress=congress, group_memberships__group__in=list(groups))
            .select_related("person")
        )
        for m in members:
            chosen.setdefault(m.pk, m)
    return list(chosen.values())


def activity_record_from_source(
    *,
    source_type: str,
    source_id,
    mandate,
    activity_type_code: str,
    day: datetime.date,
    content: str,
    place: str = "",
    person_times: int | None = None,
    actor="system",
) -> Activity:
    """The one way other modules (suggestions, meetings …) register an activity: verified on
    entry, once per source and seat. Calling it again returns the record already there."""
    source_id = str(source_id)
    existing = Activity.objects.filter(
        mandate=mandate, source_type=source_type, source_id=source_id
    ).first()
    if existing is not None:
        return existing
    activity_type = ActivityType.objects.filter(
        congress_id=mandate.congress_id, code=activity_type_code
    ).first()
    if activity_type is None:
        raise ValidationFailed(UNKNOWN_TYPE_CODE % {"code": activity_type_code})
    data = _clean(
        mandate,
        {
            "activity_type": activity_type,
            "day": day,
            "content": content,
            "place": place,
            "person_times": person_times,
        },
    )
    activity = Activity(
        mandate=mandate,
        person_id=mandate.person_id,
        congress_id=mandate.congress_id,
        source_type=source_type,
        source_id=source_id,
        fingerprint=fingerprint(
            activity_type.pk, day, data["place"], data["content"], data["person_times"]
        ),
        registered_by=user_of(actor),
        status=ActivityStatus.VERIFIED,
        decided_by=user_of(actor),
        decided_at=timezone.now(),
        **data,
    )
    with transaction.atomic():
        try:
            return base.create(actor=actor, obj=activity, exclude=["fingerprint"])
        except Conflict:
            # A parallel call for the same source won; it is the record. Without one, the
            # conflict is the same activity already registered otherwise: the refusal stands.
            won = Activity.objects.filter(
                mandate=mandate, source_type=source_type, source_id=source_id
            ).first()
            if won is None:
                raise
            return won


def activity_update(*, actor, activity: Activity, **data) -> Activity:
    """Correct a record: the deputy while it waits or was rejected, staff at any time before
    the year is final. The audit keeps every earlier version."""
    as_staff = _ensure_owner_or_keeper(actor, activity.mandate)
    with transaction.atomic():
        activity = base.lock(activity)
        editable = workflow.STAFF_EDITABLE if as_staff else workflow.DEPUTY_EDITABLE
        if activity.status not in editable:
            raise InvalidTransition(
                workflow.NOT_ALLOWED_NOW % {"status": activity.get_status_display()}
            )
        workflow.ensure_year_open(activity.congress_id, activity.day.year)
        merged = {name: data.get(name, getattr(activity, name)) for name in ACTIVITY_FIELDS}
        merged = _clean(activity.mandate, merged)
        changes = {k: v for k, v in merged.items() if k in data}
        activity.fingerprint = fingerprint(
            merged["activity_type"].pk,
            merged["day"],
            merged["place"],
            merged["content"],
            merged["person_times"],
        )
        if activity.status in workflow.LIVE and workflow.duplicate_exists(
            activity.mandate_id, activity.fingerprint, exclude_pk=activity.pk
        ):
            raise Conflict(DUPLICATE)
        return base.update(actor=actor, obj=activity, data=changes, fields=ACTIVITY_FIELDS)


def activity_verify(*, actor, activity: Activity, note: str = "") -> Activity:
    return workflow.ACTIVITY.transition(actor=actor, obj=activity, name="verify", note=note)


def activity_reject(*, actor, activity: Activity, note: str) -> Activity:
    return workflow.ACTIVITY.transition(actor=actor, obj=activity, name="reject", note=note)


def activity_revoke(*, actor, activity: Activity, note: str) -> Activity:
    """Take back a verification found wrong (the deputy was not there)."""
    return workflow.ACTIVITY.transition(actor=actor, obj=activity, name="revoke", note=note)


def activity_withdraw(*, actor, activity: Activity, note: str = "") -> Activity:
    return workflow.ACTIVITY.transition(actor=actor, obj=activity, name="withdraw", note=note)


def activity_resubmit(*, actor, activity: Activity) -> Activity:
    return workflow.ACTIVITY.transition(actor=actor, obj=activity, name="resubmit")


def activity_add_evidence(*, actor, activity: Activity, files) -> Activity:
    as_staff = _ensure_owner_or_keeper(actor, activity.mandate)
    prepared = attachments.prepare(files)
    with transaction.atomic():
        activity = base.lock(activity)
        editable = workflow.STAFF_EDITABLE if as_staff else workflow.DEPUTY_EDITABLE
        if activity.status not in editable:
            raise InvalidTransition(
                workflow.NOT_ALLOWED_NOW % {"status": activity.get_status_display()}
            )
        workflow.ensure_year_open(activity.congress_id, activity.day.year)
        _attach(actor, activity, prepared)
    return activity


# --- Excused absences -------------------------------------------------------------------------


def excuse_record(
    *,
    actor,
    mandate,
    start: datetime.date,
    end: datetime.date,
    reason: str,
    note: str = "",
) -> Excuse:
    """Record an illness or approved leave: shown beside any shortfall, never counted."""
    _ensure_keeper(actor, mandate)
    excuse = Excuse(
        mandate=mandate,
        start=start,
        end=end,
        reason=reason,
        note=(note or "").strip(),
        recorded_by=user_of(actor),
    )
    with transaction.atomic():
        return base.create(actor=actor, obj=excuse)


def excuse_delete(*, actor, excuse: Excuse) -> None:
    _ensure_keeper(actor, excuse.mandate)
    with transaction.atomic():
        base.delete(actor=actor, obj=excuse)
