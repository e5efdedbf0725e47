"""What the workflow-generated tests need to know of each workflow (`core.workflow`).

Each app whose workflow is registered declares one `WorkflowCase` in `<app>/tests/workflow_case.py`
(`CASE = WorkflowCase(...)`): how to build a small world with a user for each relation, one
signed-in user with no relation ("stranger") and staff of another district ("outsider"), how to
make an object in a given status, and the valid input of each step. `core/tests/test_workflows.py`
then tries every transition as anonymous, as the wrong relation, from the wrong status, as the
outsider and as the rightful actor, through the service, the page and the API, and checks that a
refusal writes nothing; and, on PostgreSQL, two clerks taking conflicting steps at once.
"""

import datetime
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from renda.core import workflow
from renda.core.models import AuditEntry


@dataclass
class WorkflowCase:
    workflow: workflow.Workflow
    # () -> a namespace with at least one user per relation (named in `actors`), `stranger` and
    # `outsider`.
    world: Callable[[], SimpleNamespace]
    # (world, status) -> an object in `status` to which the world's users relate.
    make: Callable[[SimpleNamespace, str], Any]
    actors: dict[str, str]  # relation → the world's attribute holding its rightful user
    # The API collection, e.g. "/api/v1/commitments/"; None while the workflow has no API yet
    # (the generated tests then try the service and the page only).
    api: str | None = None
    # (world, obj, step) -> the valid input of a step (form data and JSON alike).
    inputs: Callable[[SimpleNamespace, Any, str], dict] = lambda w, obj, step: {}
    # The time each step is taken at (date guards: submission windows, year-end results).
    when: dict[str, str] = field(default_factory=dict)
    default_when: str = "2026-06-01 10:00:00+08:00"

    @property
    def name(self) -> str:
        return self.workflow.name

    def at(self, step: str) -> str:
        return self.when.get(step, self.default_when)

    def rightful(self, w, step: str):
        """The user who holds the first relation the step is taken by."""
        return getattr(w, self.actors[self.workflow.transitions[step].by[0]])

    def wrong_relation(self, w, obj, step: str):
        """A user of the world who holds none of the step's relations to `obj` (the deputy,
        for a reviewer's step), else the stranger."""
        t = self.workflow.transitions[step]
        for attr in self.actors.values():
            user = getattr(w, attr)
            if not any(self.workflow.holds(user, obj, rel) for rel in t.by):
                return user
        return w.stranger


def cases() -> list[WorkflowCase]:
    """The case of every registered workflow (a workflow without one is reported by the test
    that checks every workflow has a case)."""
    found = []
    for wf in workflow.registered():
        module = _case_module(wf)
        if module is not None:
            found.append(module.CASE)
    return found


def _case_module(wf):
    app = wf.model._meta.app_config.name
    try:
        return importlib.import_module(f"{app}.tests.workflow_case")
    except ModuleNotFoundError:
        return None


def missing_cases() -> list[str]:
    return [wf.name for wf in workflow.registered() if _case_module(wf) is None]


def written(obj) -> tuple:
    """What a refusal must leave as it was: the object's status, the audit log's size and the
    inboxes (a refused step tells nobody)."""
    from django.apps import apps

    status = type(obj).objects.filter(pk=obj.pk).values_list("status", flat=True).first()
    notices = apps.get_model("notifications", "Notification").objects.count()
    return status, AuditEntry.objects.count(), notices


def wrong_statuses(case: WorkflowCase, step: str) -> list[str]:
    field_ = case.workflow.model._meta.get_field(case.workflow.field)
    sources = case.workflow.transitions[step].sources
    return [value for value, _label in field_.choices if value not in sources]


def conflicting_pair(case: WorkflowCase) -> tuple[str, str, str] | None:
    """Two steps from one status that exclude each other (after either, the other is no longer
    allowed): what two clerks acting at once could both try."""
    steps = list(case.workflow.transitions.values())
    for a in steps:
        for b in steps:
            if a.name >= b.name:
                continue
            for status in a.sources:
                if status in b.sources and not (
                    set(a.targets) & set(b.sources) or set(b.targets) & set(a.sources)
                ):
                    return a.name, b.name, status
    return None


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text[:10])
