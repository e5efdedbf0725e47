"""The workflow kernel: each workflow declared once, as data, and everything else derived.

A workflow says, for one model with a status field:

- its **relations**: the ways a user can stand to an object (the deputy who owns a commitment,
  the staff who review it), each a named set of objects a user holds it to, the roles that
  can hold it, and the refusal shown to someone who does not;
- its **transitions**: which action moves which statuses to which, taken by which relations,
  with its label, whether a note is required, the input it takes (a form for pages), the app's
  own rule checked under the row lock (`guard`) and the fields it stamps (`effects`);
- its **to-do**: which statuses wait for which relation (the review queue, what was returned).

From that one declaration come the permission check (`ensure_may`), the one service body
(`Workflow.transition`: permission, input check, row lock, table check, guard, stamps,
validate, save, audit naming the step, and the `step_taken` signal), the page that takes a
step (`core.views.TransitionView` and `transition_urls`), the API action
(`core.api.transition_action`), the buttons (`{% workflow_buttons %}`), the "waiting for you"
counts (`todo_for`) and the notices of each step: a transition names the relations it `tells`,
each relation knows its `people(obj)`, and the notifications app (above core) answers
`step_taken` by telling them, never the actor. Each app's named services
(`commitment_approve`, …) stay as thin calls of `transition`.

    COMMITMENT = Workflow(
        model=Commitment, name="commitment", url_name="commitments:commitment_{name}",
        not_now=_("This cannot be done to a commitment that is “%(status)s”."),
        relations=[Relation("reviewer", (Role.STAFF,), reviewable, ONLY_REVIEWERS)],
        transitions=[Transition("approve", (S.SUBMITTED,), S.APPROVED, by=("reviewer",),
                                label=_("Approve"), done=_("Approved"), effects=decided)],
    )
    workflow.register(COMMITMENT)  # in AppConfig.ready()

Apps register their workflows in `AppConfig.ready()`; `for_model` finds a model's workflow
(the audit timeline names a step by its `done` label through it).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction, Role
from renda.core.exceptions import InvalidTransition, NotFound, PermissionRefused, ValidationFailed
from renda.core.scope import scope_for

NOTE_REQUIRED = _("Say why, in a few words.")
DONE = _("Done.")

# Sent inside the step's transaction, after its audit row, with workflow, transition, obj (as
# saved), actor, note and source (the status before). The notifications app tells the people
# the transition names (`Transition.tells`); a receiver that raises undoes the step.
step_taken = Signal()

# Whether a transition asks for a note.
OPTIONAL = "optional"
REQUIRED = "required"


@dataclass(frozen=True)
class Relation:
    """A way a user stands to an object. `objects(user)` is the queryset of the objects the user
    holds it to; `roles` the roles that can hold it at all; `refusal` what someone without it
    is told (staff outside their area are told "not found" instead, as everywhere);
    `people(objs)`, the other way round, per object of `objs` (by pk) the active users who hold
    it to that object, for many objects in a query or two: whom a step that `tells` this
    relation notifies, pointed to `link(obj)`."""

    name: str
    roles: tuple[str, ...]
    objects: Callable[[Any], models.QuerySet]
    refusal: Any
    people: Callable[[list], dict] | None = None
    # Where its people see the object, if not at obj.get_absolute_url() (a deputy reads their
    # published commendation on the public page, not on the staff's).
    link: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class Transition:
    """One action of a workflow: from `sources` to `target` (or, with `target_input`, to the one
    of `targets` the input names), taken by the relations in `by`."""

    name: str
    sources: tuple[str, ...]
    target: str
    by: tuple[str, ...]
    label: Any  # the button
    done: Any  # the history's word for it ("Approved"), and the default message
    note: str = OPTIONAL
    form: type | None = None  # a page's input (a Django form); None: nothing but the POST
    inputs: tuple[str, ...] = ()  # the keyword inputs the service takes besides the note
    targets: tuple[str, ...] = ()  # several possible targets, chosen by `target_input`
    target_input: str | None = None
    # Or chosen by the app's rule under the lock, `route(obj, actor, data) -> target` (a
    # rating of 不满意 sends a suggestion back for handling, 满意 closes it).
    route: Callable | None = None
    # The app's rules, each called with (obj, actor, data): `clean` checks the input before
    # the lock (data has the note); `guard` checks the locked object (data has the target);
    # `effects` returns the fields to set.
    clean: Callable | None = None
    guard: Callable | None = None
    effects: Callable | None = None
    # Why the step cannot be taken now although the status allows it (`obj -> text | None`),
    # shown instead of the button (a year-end result before 1 December).
    unavailable: Callable | None = None
    success: Any = None  # the message after the step; `done` + "." when not given
    labels: dict = field(default_factory=dict)  # the button's label from a given status
    style: str = "primary"  # Bootstrap colour of the button
    confirm: Any = None  # a question the browser asks before posting
    help: str = ""  # the API action's description (English, as the API documentation is)
    # The relations whose people are told of the step (the actor never is).
    tells: tuple[str, ...] = ()

    def __post_init__(self):
        if not self.targets:
            object.__setattr__(self, "targets", (self.target,))

    @property
    def asks_input(self) -> bool:
        """Whether the step needs more than a click: a page of its own answers GET."""
        if self.form is None:
            return False
        fields = self.form.base_fields
        return any(f.required or name != "note" for name, f in fields.items())

    def label_from(self, status: str):
        return self.labels.get(status, self.label)


@dataclass(frozen=True)
class Arrival:
    """A new object that enters the workflow in `status` (a deputy's activity arrives
    submitted): whom its creation tells, as a transition's `tells`. Announced by
    `core.services.create` for every model with a workflow, so no service calls it."""

    status: str
    done: Any  # the notice's word for it ("Registered, waiting for verification")
    tells: tuple[str, ...]
    name: str = "created"


@dataclass(frozen=True)
class Todo:
    """Objects waiting for a relation: in `statuses`, held to by the user through `relation`
    (and, with `roles`, only for users with one of them). `objects(user)`, if given, narrows
    what counts (a deputy's own, where staff acting for deputies hold the same relation)."""

    key: str
    label: Any
    relation: str
    statuses: tuple[str, ...]
    url_name: str
    roles: tuple[str, ...] = ()
    objects: Callable[[Any], models.QuerySet] | None = None


class Workflow:
    """A model's workflow; see the module's docstring."""

    def __init__(
        self,
        *,
        model: type[models.Model],
        name: str,
        url_name: str,
        not_now,
        relations: Iterable[Relation],
        transitions: Iterable[Transition],
        todo: Iterable[Todo] = (),
        arrivals: Iterable[Arrival] = (),
        field: str = "status",
        note_field: str | None = "status_note",
        audit_fields: tuple[str, ...] = (),
        select_related: tuple[str, ...] = (),
        intro_template: str | None = None,
        steps: dict | None = None,
    ):
        self.model = model
        self.name = name
        self.url_name = url_name  # with {name}: the page of each step
        self.not_now = not_now  # refusal of a step the status does not allow; %(status)s
        self.relations = {r.name: r for r in relations}
        self.transitions = {t.name: t for t in transitions}
        self.todo = list(todo)
        self.arrivals = {a.status: a for a in arrivals}
        self.field = field
        self.note_field = note_field
        self.audit_fields = audit_fields
        self.select_related = select_related  # what a step's page shows of the object
        self.intro_template = intro_template  # the object above a step's form
        # The history's words for steps recorded outside the table, by the app's own services
        # (handling again after 不满意, the office urging a unit): {step: word}.
        self.steps = {t.name: t.done for t in self.transitions.values()} | (steps or {})
        for t in self.transitions.values():
            unknown = set(t.by) - set(self.relations)
            if unknown:
                raise ValueError(f"{name}.{t.name}: no relation {sorted(unknown)}")
        for t in [*self.transitions.values(), *self.arrivals.values()]:
            for rel in t.tells:
                if rel not in self.relations or self.relations[rel].people is None:
                    raise ValueError(f"{name}.{t.name} tells {rel!r}, which names no people")
        for item in self.todo:
            if item.relation not in self.relations:
                raise ValueError(f"{name} to-do {item.key}: no relation {item.relation}")

    def __repr__(self) -> str:
        return f"<Workflow {self.name}>"

    # --- Who may act ----------------------------------------------------------------------------

    def roles_for(self, name: str) -> tuple[str, ...]:
        """The roles that can take transition `name` at all (the pages' and API's role gate)."""
        roles: list[str] = []
        for rel in self.transitions[name].by:
            roles.extend(r for r in self.relations[rel].roles if r not in roles)
        return tuple(roles)

    def holds(self, user, obj, relation: str) -> bool:
        """Whether `user` holds `relation` to `obj`; remembered on the object, so a page that
        asks for several sets of buttons asks the database once per relation."""
        rel = self.relations[relation]
        scope = scope_for(user)
        if scope is None or not scope.has(*rel.roles):
            return False
        held = obj.__dict__.setdefault("_workflow_holds", {})
        key = (user.pk, relation, getattr(obj, self.field))
        if key not in held:
            held[key] = rel.objects(user).filter(pk=obj.pk).exists()
        return held[key]

    def ensure_may(self, actor, obj, transition: Transition) -> None:
        """Refuse an actor who may not take `transition` on `obj` (see `ensure_holds`)."""
        self.ensure_holds(actor, obj, transition.by)

    def ensure_holds(self, actor, obj, relations: Iterable[str]) -> None:
        """Refuse an actor who holds none of `relations` to `obj`: on a staff step, staff who
        cannot see the object as not found (like a missing object); anyone else (a deputy's
        step is never staff's) with the first relation's refusal.
        Commands, imports and the demo (a system actor) may."""
        relations = tuple(relations)
        if base.is_system(actor):
            return
        if any(self.holds(actor, obj, rel) for rel in relations):
            return
        scope = scope_for(actor)
        staff_may = any(Role.STAFF in self.relations[rel].roles for rel in relations)
        if (
            scope is not None
            and staff_may
            and scope.has(Role.STAFF)
            and not self._visible(actor, obj)
        ):
            raise NotFound(base.OUT_OF_SCOPE)
        raise PermissionRefused(self.relations[relations[0]].refusal)

    def _visible(self, user, obj) -> bool:
        """Whether `obj` is in the user's reach at all (staff who see it but hold no relation
        are refused; staff who do not see it find nothing, like a missing row)."""
        return self.model.objects.restrict(user).filter(pk=obj.pk).exists()

    def available(self, user, obj, relation: str | None = None) -> list[Transition]:
        """The transitions `user` may take on `obj` now (the status allows them and the user
        holds one of their relations), in declaration order; with `relation`, only those that
        relation takes. The buttons."""
        status = getattr(obj, self.field)
        held: dict[str, bool] = {}
        shown = []
        for t in self.transitions.values():
            if status not in t.sources or (relation and relation not in t.by):
                continue
            for rel in t.by if relation is None else (relation,):
                if rel not in held:
                    held[rel] = self.holds(user, obj, rel)
                if held[rel]:
                    shown.append(t)
                    break
        return shown

    # --- The table ------------------------------------------------------------------------------

    def check(self, name: str, status: str, target: str | None = None) -> str:
        """The status step `name` leads to from `status` (with several targets, `target` if it
        is one of them); refuse what the table does not allow."""
        t = self.transitions[name]
        target = target or t.target
        if status not in t.sources or target not in t.targets:
            labels = dict(self.model._meta.get_field(self.field).flatchoices)
            raise InvalidTransition(self.not_now % {"status": labels.get(status, status)})
        return target

    def steps_from(self, status: str, relation: str | None = None) -> list[Transition]:
        """The steps the table allows from `status` (taken by `relation`, if given)."""
        return [
            t
            for t in self.transitions.values()
            if status in t.sources and (relation is None or relation in t.by)
        ]

    # --- The one service body ------------------------------------------------------------------

    def transition(self, *, actor, obj, name: str, note: str = "", **data):
        """Take step `name` on `obj` for `actor`, or refuse and write nothing.

        Permission; the note and the input (`clean`); then, in one transaction, the row lock,
        the table (the status as it is now, not as the caller read it), the app's `guard`, the
        new status with the note and the `effects`, model validation, save, and one audit row
        from → to that names the step. Two clerks acting at once: one wins, the other gets the
        table's refusal. Returns the object as saved."""
        t = self.transitions.get(name)
        if t is None:
            raise LookupError(f"{self.name} has no transition {name!r}")
        unknown = set(data) - set(t.inputs) - ({t.target_input} if t.target_input else set())
        if unknown:
            raise TypeError(f"{self.name}.{name} takes no input {sorted(unknown)}")
        self.ensure_may(actor, obj, t)
        note = (note or "").strip()
        if t.note == REQUIRED and not note:
            raise ValidationFailed.on("note", NOTE_REQUIRED)
        if t.clean:
            t.clean(obj, actor, {**data, "note": note})
        with transaction.atomic():
            obj = base.lock(obj)
            source = getattr(obj, self.field)
            chosen = t.route(obj, actor, data) if t.route else data.get(t.target_input)
            target = self.check(name, source, chosen)
            if t.guard:
                t.guard(obj, actor, {**data, "target": target})
            watched = [self.field, *([self.note_field] if self.note_field else [])]
            before = audit.snapshot(obj, [*watched, *self.audit_fields])
            setattr(obj, self.field, target)
            if self.note_field:
                setattr(obj, self.note_field, note)
            for attr, value in (t.effects(obj, actor, data) if t.effects else {}).items():
                setattr(obj, attr, value)
            base.validate(obj)
            obj.save()
            audit.record(
                actor=actor,
                action=AuditAction.STATUS,
                obj=obj,
                before=before,
                note=note,
                step=t.name,
            )
            step_taken.send(
                sender=self.model,
                workflow=self,
                transition=t,
                obj=obj,
                actor=actor,
                note=note,
                source=source,
            )
        return obj

    def announce(self, obj, actor) -> None:
        """Tell the people of a new object's arrival (see `Arrival`); inside the creating
        transaction, like a step."""
        self.announce_many([obj], actor)

    def announce_many(self, objs, actor) -> None:
        """Tell the people of the arrival of many new objects at once (a group registration):
        one `step_taken` per arrival status, with all its objects."""
        by_status: dict[str, list] = {}
        for obj in objs:
            by_status.setdefault(getattr(obj, self.field), []).append(obj)
        for status, group in by_status.items():
            arrival = self.arrivals.get(status)
            if arrival is not None:
                step_taken.send(
                    sender=self.model,
                    workflow=self,
                    transition=arrival,
                    obj=group[0],
                    objs=group,
                    actor=actor,
                    note="",
                    source=None,
                )

    def people_told(self, transition, objs, actor) -> list[tuple[Any, str, Any]]:
        """Whom `transition` (or an `Arrival`) on `objs` tells: (object, link, user) for the
        people of each relation it names (asked once for all the objects), each user once per
        object, never the actor."""
        actor_pk = getattr(user_of(actor), "pk", None)
        people = {name: self.relations[name].people(objs) for name in transition.tells}
        told = []
        for obj in objs:
            seen = {actor_pk}
            for name in transition.tells:
                rel = self.relations[name]
                link = rel.link(obj) if rel.link else obj.get_absolute_url()
                for user in people[name].get(obj.pk, ()):
                    if user.pk not in seen:
                        seen.add(user.pk)
                        told.append((obj, link, user))
        return told

    # --- Pages and the to-do list -------------------------------------------------------------

    def url(self, name: str, obj) -> str:
        return reverse(self.url_name.format(name=name), args=[obj.pk])

    def todo_counts(self, user, key: str | None = None) -> list[tuple[Todo, int]]:
        """(to-do, how many wait) for each to-do the user's roles have (only `key`'s, if
        given): one count query each."""
        scope = scope_for(user)
        if scope is None:
            return []
        counts = []
        for item in self.todo:
            rel = self.relations[item.relation]
            if (key and item.key != key) or not scope.has(*(item.roles or rel.roles)):
                continue
            qs = (item.objects or rel.objects)(user)
            n = qs.filter(**{f"{self.field}__in": item.statuses}).count()
            counts.append((item, n))
        return counts

    def todo_count(self, user, key: str) -> int:
        return next((n for _item, n in self.todo_counts(user, key)), 0)


# --- Stamps every workflow uses -------------------------------------------------------------------


def user_of(actor):
    """The user behind `actor`, or None for a system actor (a command, an import)."""
    return None if base.is_system(actor) else actor


def decided(obj, actor, data) -> dict:
    """Who decided, and when."""
    return {"decided_by": user_of(actor), "decided_at": timezone.now()}


# --- The registry -------------------------------------------------------------------------------

_registry: dict[type, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    # A step's page goes back to the object, and its buttons sit on the object's page.
    if not hasattr(workflow.model, "get_absolute_url"):
        raise TypeError(f"{workflow.model.__name__} needs get_absolute_url() for its workflow")
    _registry[workflow.model] = workflow
    return workflow


def registered() -> list[Workflow]:
    return list(_registry.values())


def for_model(model) -> Workflow | None:
    return _registry.get(model)


def todo_for(user) -> list:
    """What waits for the user in every registered workflow (待办): one `core.todo.TodoLine`
    per to-do the user's roles have."""
    from renda.core.todo import TodoLine

    return [
        TodoLine(item.label, n, reverse(item.url_name))
        for wf in _registry.values()
        for item, n in wf.todo_counts(user)
    ]
