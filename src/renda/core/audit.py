"""Explicit audit: services call these in the same transaction as the change they record.

Never a signal: changes made by commands and imports must be logged as surely as a form's.
Each recorded change also bumps its model's public version (core/public_cache.py), so cached
public pages showing that model are rebuilt on their next request.
"""

import datetime
import decimal
from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from renda.core import public_cache
from renda.core.choices import AuditAction
from renda.core.models import AuditEntry


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value, readable in a timeline."""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The audited field values of `obj` now; pass the result as `before` to `record`."""
    names = fields or [
        f.name
        for f in obj._meta.concrete_fields
        if not f.primary_key and f.name not in AUDIT_SKIP_FIELDS
    ]
    return {name: _plain(getattr(obj, name)) for name in names}


# Derived or secret values: not what a reader of the history needs.
AUDIT_SKIP_FIELDS = {
    "password",
    "last_login",
    "stroke_key",
    "name_pinyin",
    "name_initials",
    "fingerprint",
    # A generic key (a deadline's, a rating's, an assignment's item): the entry names its
    # object in words already; the key's type and number are not for readers.
    "content_type",
    "object_id",
}


def _actor_fields(actor) -> dict[str, Any]:
    if actor is None:
        return {"actor": None, "actor_label": "system"}
    if isinstance(actor, str):  # a command or import names itself
        return {"actor": None, "actor_label": actor[:150]}
    return {"actor": actor, "actor_label": actor.get_username()}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    step: str = "",
) -> AuditEntry | None:
    """Write one audit row. For an update, `before` is a `snapshot` taken before the change;
    `after` defaults to a snapshot of the same fields now. An update that changed nothing and
    carries no note writes nothing. `step` names the workflow transition a status change took."""
    if action == AuditAction.CREATE and before is None:
        changes = {k: [None, v] for k, v in (after or snapshot(obj)).items() if v not in ("", None)}
    elif action == AuditAction.DELETE:
        changes = {
            k: [v, None] for k, v in (before or snapshot(obj)).items() if v not in ("", None)
        }
    else:
        before = before or {}
        after = after if after is not None else snapshot(obj, before.keys() or None)
        changes = diff(before, after)
        if not changes and not note and action == AuditAction.UPDATE:
            return None
    public_cache.changed([obj])
    return AuditEntry.objects.create(
        **_actor_fields(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        changes=changes,
        note=note,
        step=step,
    )


def record_many(*, actor, action: str, objs: Iterable[models.Model], note: str = "") -> None:
    """Audit many created objects in one statement (imports, the region loader, the demo)."""
    rows = []
    changed = set()
    for obj in objs:
        changed.add(type(obj))
        rows.append(
            AuditEntry(
                **_actor_fields(actor),
                action=action,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                changes={k: [None, v] for k, v in snapshot(obj).items() if v not in ("", None)},
                note=note,
            )
        )
    AuditEntry.objects.bulk_create(rows, batch_size=500)
    public_cache.changed(changed)


def timeline(obj: models.Model):
    """The object's history, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("actor", "content_type")
