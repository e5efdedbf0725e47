"""What handling needs to know of the items it hands out, told by the apps that own them.

Suggestions (and, later, cases) register a `Subject` in `AppConfig.ready()`; handling asks it
which result categories a reply may choose, how late an extension may reach, and whether the
unit may report fulfilment now. The owner hears of every step on its assignments through the
kernel's `step_taken` (sender `Assignment`), in the step's transaction: it moves its item on,
or refuses (raising undoes the step).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType

from renda.handling.choices import DEFAULT_RESULT_CATEGORIES


@dataclass(frozen=True)
class Category:
    code: str
    label: Any
    needs_fulfilment: bool

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


def default_categories(congress_id: int | None = None) -> list[Category]:
    """A congress's own list of result categories, or the national one."""
    from renda.handling.models import ResultCategory

    if congress_id is not None:
        own = [
            Category(c.code, c.label, c.needs_fulfilment)
            for c in ResultCategory.objects.filter(congress_id=congress_id)
        ]
        if own:
            return own
    return [Category(code, label, later) for code, label, later in DEFAULT_RESULT_CATEGORIES]


@dataclass(frozen=True)
class Subject:
    model: type
    # The result categories a reply on this assignment may choose.
    categories: Callable[[Any], list[Category]] = lambda assignment: default_categories()
    # The latest day an extension may reach (None: no limit).
    latest_due: Callable[[Any], datetime.date | None] = lambda assignment: None
    # Why the unit may not report fulfilment now, or None.
    fulfilment_refusal: Callable[[Any], Any] = lambda assignment: None
    # The clocks of a new assignment of the item: `services.assignments_create`'s keywords
    # accept_days, answer_months, opinion_months.
    clocks: Callable[[Any], dict] = lambda assignment: {}


_subjects: dict[type, Subject] = {}


def register(subject: Subject) -> None:
    _subjects[subject.model] = subject


def of(assignment) -> Subject:
    model = ContentType.objects.get_for_id(assignment.content_type_id).model_class()
    return _subjects.get(model) or Subject(model=model)


def is_about(assignment, model) -> bool:
    return assignment.content_type_id == ContentType.objects.get_for_model(model).pk
