"""Helpers every app's services use: validate, save, audit, refuse — always the same way."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from renda.core import audit
from renda.core.choices import AuditAction
from renda.core.exceptions import Conflict, NotFound, ValidationFailed
from renda.core.querysets import CHANGE

CHANGED_MEANWHILE = _("Someone else changed this at the same time; reload and try again.")
OUT_OF_SCOPE = _("Not found, or outside your area of work.")


def is_system(actor) -> bool:
    """Commands, imports and the demo act as a named system actor (a string) or None."""
    return actor is None or isinstance(actor, str)


def ensure_in_scope(actor, obj: models.Model, action: str = CHANGE) -> None:
    """Refuse (as not found) an object outside the actor's scope."""
    if is_system(actor):
        return
    model = type(obj)
    if not model.objects.restrict(actor, action).filter(pk=obj.pk).exists():
        raise NotFound(OUT_OF_SCOPE)


def validate(obj: models.Model, exclude: Iterable[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=list(exclude or []), validate_constraints=True)
    except ValidationError as exc:
        raise ValidationFailed.from_django(exc) from exc


def save(obj: models.Model) -> None:
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        # full_clean checked the constraints; a parallel writer got there first.
        raise Conflict(CHANGED_MEANWHILE) from exc


def create(*, actor, obj: models.Model, note: str = "", exclude=None) -> models.Model:
    """Validate, insert and audit a new object; if its model has a workflow, announce its
    arrival (the workflow's `arrivals` say whom that tells)."""
    from renda.core import workflow  # the kernel builds on this module

    validate(obj, exclude)
    save(obj)
    audit.record(actor=actor, action=AuditAction.CREATE, obj=obj, note=note)
    if (flow := workflow.for_model(type(obj))) is not None:
        flow.announce(obj, actor)
    return obj


def update(
    *,
    actor,
    obj: models.Model,
    data: dict[str, Any],
    fields: Iterable[str],
    note: str = "",
    action: str = AuditAction.UPDATE,
) -> models.Model:
    """Apply `data` limited to `fields`, validate, save and audit from → to."""
    allowed = set(fields)
    unknown = set(data) - allowed
    if unknown:
        raise ValidationFailed(
            _("These fields cannot be changed here: %(fields)s")
            % {"fields": ", ".join(sorted(unknown))}
        )
    before = audit.snapshot(obj)
    for name, value in data.items():
        setattr(obj, name, value)
    validate(obj)
    save(obj)
    audit.record(actor=actor, action=action, obj=obj, before=before, note=note)
    return obj


def delete(*, actor, obj: models.Model, note: str = "") -> None:
    before = audit.snapshot(obj)
    pk = obj.pk
    try:
        with transaction.atomic():
            obj.delete()
    except models.ProtectedError as exc:
        raise Conflict(_("It is still in use and cannot be deleted.")) from exc
    obj.pk = pk
    audit.record(actor=actor, action=AuditAction.DELETE, obj=obj, before=before, note=note)


def lock(obj: models.Model) -> models.Model:
    """Re-read `obj` under a row lock for a transition (SQLite: the IMMEDIATE transaction
    already serialises writers)."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)
