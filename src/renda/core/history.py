"""The audit log read by a person: each entry in words, for one reader.

`core.audit` writes plain values (a date as "2026-10-13", a foreign key as its name, a choice as
its value, a yes/no as true/false); this module turns them back into what a reader expects —
field labels and choice labels, 是/否, dates as 2026年10月13日 10:00 in Beijing time, who did it
by name ("系统" for commands, "演示数据" for the demo) — and leaves out the private values the
reader may not see (`core.privacy`), showing only that the field changed. Every timeline and
the audit log go through `read`; nothing renders `AuditEntry.changes` itself.
"""

import datetime
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from renda.core import privacy
from renda.core.models import AuditEntry

# A value longer than this is shown shortened, the whole text one click away.
SHORT = 60

HIDDEN = _("changed (not shown to you)")
YES, NO = _("Yes"), _("No")
# A stored file's name says nothing to a reader ("photos/12.jpg"): the history says a file was
# there before and a new one after.
OLD_FILE, NEW_FILE = _("previous file"), _("new file")

# The names commands, imports and the demo act under (`core.services.is_system`), as the history
# words them; apps add theirs with `name_system_actor`. Any other name without an account is
# shown as written: the username an account had before it was deleted.
SYSTEM = "system"
_ACTOR_WORDS: dict[str, Any] = {SYSTEM: _("System"), "import": _("System")}


def name_system_actor(label: str, words=None) -> None:
    """Word a system actor's name in the history; by default as "系统". An app that acts under
    a name of its own (a command, a benchmark) calls this in its `AppConfig.ready()`."""
    _ACTOR_WORDS[label] = words if words is not None else _ACTOR_WORDS[SYSTEM]


@dataclass(frozen=True)
class Change:
    """One field of an entry, from → to, as the reader may see it."""

    label: str
    before: str
    after: str
    hidden: bool = False

    @property
    def long(self) -> bool:
        return len(self.before) > SHORT or len(self.after) > SHORT

    @property
    def before_short(self) -> str:
        return _shorten(self.before)

    @property
    def after_short(self) -> str:
        return _shorten(self.after)


@dataclass(frozen=True)
class Line:
    """One entry of the audit log in words."""

    entry: AuditEntry
    at: datetime.datetime
    actor: str
    action: str
    object_type: str
    object: str
    changes: list[Change] = field(default_factory=list)
    note: str = ""

    @property
    def when(self) -> str:
        return formats.date_format(timezone.localtime(self.at), "DATETIME_FORMAT")


def _shorten(text: str) -> str:
    return text if len(text) <= SHORT else text[: SHORT - 1] + "…"


def actor_name(entry: AuditEntry) -> str:
    """Who did it: the account's name, or what a command acted as. Needs `actor` selected."""
    if entry.actor_id is not None and entry.actor is not None:
        return str(entry.actor)
    words = _ACTOR_WORDS.get(entry.actor_label)
    if words is not None:
        return str(words)
    return entry.actor_label or str(_ACTOR_WORDS[SYSTEM])


def action_word(entry: AuditEntry, model) -> str:
    """The workflow step's word ("已交办", "已批准") when the entry took one, else the kind of
    change ("已修改")."""
    if entry.step and model is not None:
        from renda.core import workflow

        wf = workflow.for_model(model)
        word = wf.steps.get(entry.step) if wf else None
        if word is not None:
            return str(word)
    return str(entry.get_action_display())


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


# Fields whose stored value a reader would not read as it is (a reception rule's RRULE, a
# username), each with how to say it: filled by the apps through `field_words`.
_FIELD_WORDS: dict[tuple[type, str], Any] = {}


def field_words(model, name: str, words) -> None:
    """Say `model.name`'s stored values with `words(value)` in every history (e.g. stations:
    a reception rule "FREQ=MONTHLY;BYMONTHDAY=15" as 每月15日)."""
    _FIELD_WORDS[(model, name)] = words


def code(value) -> str:
    """An identifier (a username, a code) as pages set it: in code type, not read as words."""
    return format_html("<code>{}</code>", value)


def value_words(value: Any, model_field=None) -> str:
    """A stored value as a reader reads it; "" for none."""
    if value is None or value == "" or value == []:
        return ""
    if model_field is not None and (model_field.model, model_field.name) in _FIELD_WORDS:
        return _FIELD_WORDS[(model_field.model, model_field.name)](value)
    if isinstance(value, list):
        return "、".join(w for w in (value_words(v, None) for v in value) if w)
    if model_field is not None and getattr(model_field, "choices", None):
        choices = dict(model_field.flatchoices)
        if value in choices:
            return str(choices[value])
    if isinstance(value, bool):
        return str(YES if value else NO)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and isinstance(model_field, models.DateTimeField):
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    if isinstance(value, str) and isinstance(model_field, models.DateField):
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    if isinstance(value, str) and isinstance(model_field, models.TimeField):
        try:
            return datetime.time.fromisoformat(value).strftime("%H:%M")
        except ValueError:
            return value
    return str(value)


def _hidden_by_entry(entries: list[AuditEntry], user) -> dict[int, frozenset[str]]:
    """The private fields `user` may not read, for each entry whose model declares some: one
    ask per model for all its entries."""
    wanted: dict[type, set[str]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        if model is not None and privacy.for_model(model) is not None:
            wanted[model].add(entry.object_id)
    hidden_of = {model: privacy.for_model(model).hidden(user, pks) for model, pks in wanted.items()}
    result = {}
    for entry in entries:
        model = entry.content_type.model_class()
        if model in hidden_of:
            result[entry.pk] = hidden_of[model].get(entry.object_id, frozenset())
    return result


def read(entries: Iterable[AuditEntry], user) -> list[Line]:
    """`entries` in words for `user`, private values they may not read left out. Select
    `actor` and `content_type` with the entries; this adds only the privacy rules' queries."""
    entries = list(entries)
    hidden = _hidden_by_entry(entries, user)
    lines = []
    for entry in entries:
        model = entry.content_type.model_class()
        secret = hidden.get(entry.pk, frozenset())
        changes = []
        for name, change in (entry.changes or {}).items():
            before, after = (
                (change + [None, None])[:2] if isinstance(change, list) else (None, change)
            )
            model_field = _model_field(model, name)
            label = str(model_field.verbose_name) if model_field is not None else name
            if name in secret:
                changes.append(Change(label, "", str(HIDDEN), hidden=True))
                continue
            if isinstance(model_field, models.FileField):
                before, after = (OLD_FILE if before else None), (NEW_FILE if after else None)
            changes.append(
                Change(label, value_words(before, model_field), value_words(after, model_field))
            )
        lines.append(
            Line(
                entry=entry,
                at=entry.at,
                actor=actor_name(entry),
                action=action_word(entry, model),
                object_type=str(model._meta.verbose_name) if model else entry.content_type.model,
                object=entry.object_repr,
                changes=changes,
                note=entry.note,
            )
        )
    return lines
