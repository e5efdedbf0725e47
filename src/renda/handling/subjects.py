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


# The national categories in the words of the papers and spreadsheets, which are Chinese
# document content (the labels above are the pages' msgids).
DEFAULT_CATEGORY_WORDS = {
    "A": "已解决或采纳",
    "B": "正在解决或列入计划",
    "C": "因条件限制暂时不能解决",
    "D": "留作参考",
}
_DEFAULT_LABELS = {code: label for code, label, _later in DEFAULT_RESULT_CATEGORIES}


def category_words(category: Category) -> str:
    """A category's name as a letter or a spreadsheet writes it: a congress's own label as it
    was entered, the national one in Chinese."""
    if category.label is _DEFAULT_LABELS.get(category.code):
        return DEFAULT_CATEGORY_WORDS[category.code]
    return str(category.label)


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
class Item:
    """An assigned item as the papers of handling name it: the assignment notice (交办函) and the
    reply-letter template. The owner tells; handling never reads the item's fields itself."""

    reference: str  # 第12号, or "" before it has a number
    title: str
    author: str  # the lead deputy (领衔代表), or whoever raised it
    kind: str  # 建议, 议案: what the papers call it
    issuer: str  # the office that assigns it: 重庆市荣昌区人民代表大会常务委员会办公室
    occasion: str = ""  # 重庆市荣昌区第十九届人民代表大会第三次会议, or ""
    category: str = ""  # the result category of the reply, once answered
    return_working_days: int = 10  # to send a wrongly assigned item back


def plain_items(assignments) -> dict[int, Item]:
    """What a subject that tells nothing more gives: its name, the region's office."""
    return {
        a.pk: Item(
            reference="",
            title=str(a.subject),
            author="",
            kind="",
            issuer=a.region.name,
        )
        for a in assignments
    }


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
    # The papers' words for a list of its assignments (subject and region loaded): {pk: Item}.
    # One call for the whole list, so the owner reads its items in a constant number of queries.
    items: Callable[[list], dict[int, Item]] = plain_items


_subjects: dict[type, Subject] = {}


def register(subject: Subject) -> None:
    _subjects[subject.model] = subject


def of(assignment) -> Subject:
    model = ContentType.objects.get_for_id(assignment.content_type_id).model_class()
    return _subjects.get(model) or Subject(model=model)


def items_of(assignments) -> dict[int, Item]:
    """The papers' words for `assignments`, each subject's owner asked once for its own."""
    by_owner: dict[Subject, list] = {}
    for assignment in assignments:
        by_owner.setdefault(of(assignment), []).append(assignment)
    found: dict[int, Item] = {}
    for subject, group in by_owner.items():
        found.update(subject.items(group))
    return found


def is_about(assignment, model) -> bool:
    return assignment.content_type_id == ContentType.objects.get_for_model(model).pk
