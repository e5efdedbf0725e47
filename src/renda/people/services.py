"""Writes for people, mandates and deputy groups."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction
from renda.core.exceptions import InvalidTransition, PermissionRefused, ValidationFailed
from renda.core.images import reencode_photo
from renda.people import names, signals
from renda.people.choices import GroupKind, GroupRole, MandateEndReason
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person

PERSON_FIELDS = [
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "party",
    "education",
    "phone",
    "phone_public",
    "id_number",
]
# What a deputy may keep up to date on their own record.
PERSON_SELF_FIELDS = ["phone", "phone_public"]
MANDATE_FIELDS = ["electoral_unit", "electoral_region", "post", "work_unit", "start"]
GROUP_FIELDS = ["name", "kind"]

MANDATE_ALREADY_ENDED = _("This mandate has already ended.")
MANDATE_END_BEFORE_START = _("A mandate cannot end before it starts.")
MANDATE_END_REASON_REQUIRED = _("Say why the mandate ends.")
GROUP_OUTSIDE_CONGRESS = _("The group's region must lie within the congress's region.")
ONLY_STAFF_ADD_PEOPLE = _("Only congress staff can add people.")
MANDATE_START_OUTSIDE_TERM = _("The mandate must start within its term.")


def _ensure_staff(actor) -> None:
    """Only congress staff (and administrators) add people; deputies keep their own record."""
    if base.is_system(actor):
        return
    from renda.core.scope import scope_for

    scope = scope_for(actor)
    if scope is None or not scope.has("staff"):
        raise PermissionRefused(ONLY_STAFF_ADD_PEOPLE)


def _derive_names(person: Person) -> None:
    person.name = person.name.strip()
    person.name_pinyin = names.pinyin(person.name)
    person.name_initials = names.initials(person.name)
    person.stroke_key = names.stroke_key(person.name)


# --- People ---------------------------------------------------------------------------------


def person_create(*, actor, name: str, gender: str, photo=None, **data) -> Person:
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    _ensure_staff(actor)
    person = Person(name=name, gender=gender, **data)
    _derive_names(person)
    with transaction.atomic():
        base.create(actor=actor, obj=person)
        if photo:
            person_set_photo(actor=actor, person=person, photo=photo)
    return person


def person_update(*, actor, person: Person, **data) -> Person:
    base.ensure_in_scope(actor, person)
    fields = PERSON_FIELDS
    if not base.is_system(actor):
        from renda.core.scope import scope_for

        scope = scope_for(actor)
        if not scope.has("staff") and person.pk in scope.person_ids:
            fields = PERSON_SELF_FIELDS
    with transaction.atomic():
        before = audit.snapshot(person)
        for key, value in data.items():
            if key not in fields:
                raise ValidationFailed(
                    _("These fields cannot be changed here: %(fields)s") % {"fields": key}
                )
            setattr(person, key, value)
        _derive_names(person)
        base.validate(person)
        base.save(person)
        audit.record(actor=actor, action=AuditAction.UPDATE, obj=person, before=before)
    return person


def person_set_photo(*, actor, person: Person, photo) -> Person:
    """Check and re-encode the upload, then replace the photo (the old file is removed)."""
    base.ensure_in_scope(actor, person)
    content = reencode_photo(photo)
    with transaction.atomic():
        before = audit.snapshot(person, ["photo"])
        old = person.photo.name if person.photo else ""
        person.photo.save(f"{person.pk}.jpg", content, save=False)
        person.save(update_fields=["photo"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=person,
            before=before,
            note=str(_("New photo")),
        )
        if old and old != person.photo.name:
            storage = person.photo.storage
            transaction.on_commit(lambda: storage.delete(old))
    return person


# --- Mandates -------------------------------------------------------------------------------


def deputy_create(*, actor, person: dict, term, seat: dict | None = None) -> Mandate:
    """A new person together with their first seat, in one transaction. Staff reach people
    through their seats, so creating both at once keeps the new record inside the creator's
    scope (a bare person would be out of everyone's reach but the administrators')."""
    _ensure_staff(actor)
    base.ensure_in_scope(actor, term.congress)
    with transaction.atomic():
        new_person = person_create(actor=actor, **person)
        return mandate_create(actor=actor, person=new_person, term=term, **(seat or {}))


def mandate_create(
    *, actor, person: Person, term, start: datetime.date | None = None, **data
) -> Mandate:
    congress = term.congress
    base.ensure_in_scope(actor, congress)
    unknown = set(data) - set(MANDATE_FIELDS)
    if unknown:
        raise ValidationFailed(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    start = start or term.start
    if start < term.start or (term.end and start > term.end):
        raise ValidationFailed.on("start", MANDATE_START_OUTSIDE_TERM)
    mandate = Mandate(person=person, congress=congress, term=term, start=start, **data)
    with transaction.atomic():
        return base.create(actor=actor, obj=mandate)


def mandate_update(*, actor, mandate: Mandate, **data) -> Mandate:
    base.ensure_in_scope(actor, mandate)
    term = mandate.term
    start = data.get("start", mandate.start)
    if start and (start < term.start or (term.end and start > term.end)):
        raise ValidationFailed.on("start", MANDATE_START_OUTSIDE_TERM)
    with transaction.atomic():
        return base.update(actor=actor, obj=mandate, data=data, fields=MANDATE_FIELDS)


def mandate_end(
    *, actor, mandate: Mandate, end: datetime.date, reason: str, note: str = ""
) -> Mandate:
    """End a seat (expiry, resignation, recall, termination, death). Its station assignments
    and group memberships end with it; its history stays."""
    base.ensure_in_scope(actor, mandate)
    if reason not in MandateEndReason.values:
        raise ValidationFailed.on("reason", MANDATE_END_REASON_REQUIRED)
    with transaction.atomic():
        mandate = base.lock(mandate)
        if mandate.end is not None:
            raise InvalidTransition(MANDATE_ALREADY_ENDED)
        if end < mandate.start:
            raise ValidationFailed.on("end", MANDATE_END_BEFORE_START)
        before = audit.snapshot(mandate, ["end", "end_reason", "end_note"])
        mandate.end, mandate.end_reason, mandate.end_note = end, reason, note.strip()
        mandate.save(update_fields=["end", "end_reason", "end_note"])
        audit.record(actor=actor, action=AuditAction.STATUS, obj=mandate, before=before, note=note)
        signals.mandate_ended.send(sender=Mandate, actor=actor, mandate=mandate, end=end)
        for membership in list(
            mandate.group_memberships.select_related("group", "mandate__person")
        ):
            base.delete(actor=actor, obj=membership, note=str(_("Mandate ended")))
    return mandate


# --- Deputy groups --------------------------------------------------------------------------


def group_create(
    *, actor, congress, region, name: str, kind: str = GroupKind.DEPUTY_GROUP
) -> DeputyGroup:
    """A group of a congress's deputies in one part of that congress's region (a town's
    deputy group of the district congress, say), a deputy group unless `kind` says otherwise.
    Town staff may make one for their town."""
    base.ensure_in_scope(actor, region)
    if not congress.region.contains(region):
        raise ValidationFailed.on("region", GROUP_OUTSIDE_CONGRESS)
    with transaction.atomic():
        return base.create(
            actor=actor,
            obj=DeputyGroup(congress=congress, region=region, name=name.strip(), kind=kind),
        )


def group_update(*, actor, group: DeputyGroup, **data) -> DeputyGroup:
    base.ensure_in_scope(actor, group)
    with transaction.atomic():
        return base.update(actor=actor, obj=group, data=data, fields=GROUP_FIELDS)


def group_member_add(
    *, actor, group: DeputyGroup, mandate: Mandate, role: str = GroupRole.MEMBER
) -> GroupMembership:
    base.ensure_in_scope(actor, group)
    with transaction.atomic():
        # Re-read under a lock: a mandate ended meanwhile (and its memberships removed) must
        # not gain a new one from a stale copy.
        mandate = base.lock(mandate)
        if mandate.end is not None and mandate.end <= timezone.localdate():
            raise InvalidTransition(MANDATE_ALREADY_ENDED)
        return base.create(
            actor=actor, obj=GroupMembership(group=group, mandate=mandate, role=role)
        )


def group_member_remove(*, actor, membership: GroupMembership, note: str = "") -> None:
    base.ensure_in_scope(actor, membership.group)
    with transaction.atomic():
        base.delete(actor=actor, obj=membership, note=note)
