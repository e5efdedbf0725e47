"""Motions and suggestions, declared once for the workflow kernel (`core.workflow`).

    draft ──submit──▶ submitted ──accept / convert──▶ accepted ──assign──▶ assigned
      │                 │  │                              │                   │ (the units'
      └─withdraw──┐     │  └─reject──▶ not accepted       └─merge─▶ merged    │  replies)
                  ▼     └─merge──▶ merged                                     ▼
               withdrawn                       rehandling ◀─rate 不满意── replied
                                                   │ (units answer again)     │ rate
                                                   └───────▶ replied          ▼
                                fulfilled ◀─(units report)── fulfilling ◀── (B, C)
                                    └─rate──▶ closed ◀──────────────────── (A, D)

The lead deputy drafts, submits, withdraws and rates; the staff of the congress's region review,
assign, merge and record an unrated item as not rated; the units' steps are on their
assignments (`handling`), and the item moves when the last letter is in (`hooks.py`).
"""

from django.db.models import CharField, Count, Exists, Max, OuterRef, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy as pgettext

from renda.accounts.selectors import person_users, region_staff
from renda.core.choices import RatingValue, Role
from renda.core.exceptions import InvalidTransition, ValidationFailed
from renda.core.querysets import CHANGE
from renda.core.ratings import rating_record
from renda.core.scope import scope_for
from renda.core.workflow import REQUIRED, Relation, Todo, Transition, Workflow
from renda.handling.choices import AssignmentMode, AssignmentStatus
from renda.handling.models import Assignment
from renda.suggestions.choices import CoSignerStatus, Rated, SuggestionKind
from renda.suggestions.choices import SuggestionStatus as S
from renda.suggestions.forms import AssignForm, MergeForm, NoteForm, RateForm, ReasonForm
from renda.suggestions.models import CoSigner, Suggestion
from renda.suggestions.rules import rules_for

ONLY_THE_AUTHOR = _("Only the lead deputy can do this.")
ONLY_THE_OFFICE = _("Only the congress's office can do this.")
ONLY_THE_UNIT = _("Only a unit it was assigned to can do this.")
NOT_NOW = _("This cannot be done to a motion or suggestion that is “%(status)s”.")
TOO_FEW_COSIGNERS = _(
    "A motion of this congress needs at least %(needed)s co-signing deputies; "
    "%(confirmed)s have confirmed."
)
COSIGNERS_PENDING = _(
    "%(count)s invited deputies have not answered yet; wait for them or take back the invitations."
)
ONLY_MOTIONS = _("Only a motion can be accepted as a suggestion.")
MERGE_ITSELF = _("An item cannot be merged into itself.")
MERGE_OTHER_YEAR = _("Merge only into an item of the same congress and year.")
MERGE_NOT_OPEN = _("Merge only into an accepted item that is not merged itself.")
NOT_YET_LAPSED = _("The deputy can still rate it until %(date)s.")
LETTERS_NOT_IN = _("Not every unit that answers the deputy has sent its reply letter yet.")
FULFILMENT_NOT_IN = _("Not every unit that answers the deputy has reported the fulfilment yet.")

SOURCE = "suggestions.suggestion"
REPLY = "reply"
FULFILMENT = "fulfilment"


def _own(user):
    scope = scope_for(user)
    return Suggestion.objects.filter(mandate__person_id__in=scope.person_ids if scope else ())


def _signed(user):
    """The items the user signs: as the lead deputy, or as a co-signer who confirmed."""
    scope = scope_for(user)
    people = scope.person_ids if scope else ()
    return Suggestion.objects.filter(
        Q(mandate__person_id__in=people)
        | Q(
            pk__in=CoSigner.objects.filter(
                mandate__person_id__in=people, status=CoSignerStatus.CONFIRMED
            ).values("suggestion_id")
        )
    )


def _assigned_to(user):
    scope = scope_for(user)
    units = scope.unit_ids if scope else ()
    # The key is text (a generic one): compared as text, which PostgreSQL needs.
    held = (
        Assignment.objects.of_model(Suggestion)
        .filter(unit_id__in=units, object_id=Cast(OuterRef("pk"), CharField()))
        .live()
    )
    return Suggestion.objects.filter(Exists(held))


def _author_people(suggestions) -> dict:
    users = person_users(s.mandate.person_id for s in suggestions)
    return {s.pk: users.get(s.mandate.person_id, []) for s in suggestions}


def _signer_people(suggestions) -> dict:
    """The lead deputy and every co-signer who confirmed."""
    signers: dict[int, list[int]] = {s.pk: [s.mandate.person_id] for s in suggestions}
    for suggestion_id, person_id in CoSigner.objects.filter(
        suggestion__in=[s.pk for s in suggestions], status=CoSignerStatus.CONFIRMED
    ).values_list("suggestion_id", "mandate__person_id"):
        signers[suggestion_id].append(person_id)
    users = person_users(p for people in signers.values() for p in people)
    return {pk: [u for p in people for u in users.get(p, [])] for pk, people in signers.items()}


def _office_people(suggestions) -> dict:
    staff = region_staff({s.congress.region for s in suggestions})
    return {s.pk: staff.get(s.congress.region_id, []) for s in suggestions}


# --- The rules of each step -------------------------------------------------------------------


def _may_submit(suggestion, actor, data) -> None:
    signers = dict(
        CoSigner.objects.filter(suggestion=suggestion)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    pending = signers.get(CoSignerStatus.INVITED, 0)
    if pending:
        raise InvalidTransition(COSIGNERS_PENDING % {"count": pending})
    if suggestion.kind == SuggestionKind.MOTION and suggestion.delegation_id is None:
        needed = rules_for(suggestion.congress).motion_cosigners
        confirmed = signers.get(CoSignerStatus.CONFIRMED, 0)
        # The lead deputy counts among the deputies who sign.
        if confirmed + 1 < needed:
            raise InvalidTransition(
                TOO_FEW_COSIGNERS % {"needed": needed, "confirmed": confirmed + 1}
            )


def _submitted(suggestion, actor, data) -> dict:
    from renda.suggestions import activities

    now = timezone.now()
    suggestion.submitted_at = now
    activities.register(suggestion)
    return {"submitted_at": now}


def _withdrawn(suggestion, actor, data) -> dict:
    from renda.suggestions import activities

    activities.revoke(suggestion, data.get("note") or str(_("Withdrawn by the deputy")))
    return {}


def _next_number(suggestion, kind: str) -> int:
    from renda.congresses.models import Congress

    # One clerk numbers at a time in a congress: the row lock orders them.
    Congress.objects.select_for_update().filter(pk=suggestion.congress_id).first()
    top = Suggestion.objects.filter(
        congress_id=suggestion.congress_id, year=suggestion.year, kind=kind
    ).aggregate(n=Max("number"))["n"]
    return (top or 0) + 1


def _accepted(suggestion, actor, data) -> dict:
    return {"number": _next_number(suggestion, suggestion.kind), "accepted_at": timezone.now()}


def _is_motion(suggestion, actor, data) -> None:
    if suggestion.kind != SuggestionKind.MOTION:
        raise InvalidTransition(ONLY_MOTIONS)


def _converted(suggestion, actor, data) -> dict:
    return {
        "kind": SuggestionKind.SUGGESTION,
        "converted": True,
        "number": _next_number(suggestion, SuggestionKind.SUGGESTION),
        "accepted_at": timezone.now(),
    }


MERGEABLE_INTO = (
    S.ACCEPTED,
    S.ASSIGNED,
    S.REPLIED,
    S.REHANDLING,
    S.FULFILLING,
    S.FULFILLED,
    S.CLOSED,
)


def _check_merge(suggestion, actor, data) -> None:
    into = data.get("into")
    if into is None:
        raise ValidationFailed.on("into", MERGE_NOT_OPEN)
    if into.pk == suggestion.pk:
        raise ValidationFailed.on("into", MERGE_ITSELF)
    if (into.congress_id, into.year) != (suggestion.congress_id, suggestion.year):
        raise ValidationFailed.on("into", MERGE_OTHER_YEAR)
    if into.status not in MERGEABLE_INTO:
        raise ValidationFailed.on("into", MERGE_NOT_OPEN)


def _merged(suggestion, actor, data) -> dict:
    return {"merged_into": data["into"]}


def _check_assign(suggestion, actor, data) -> None:
    if data.get("mode") not in AssignmentMode.values:
        raise ValidationFailed.on("mode", _("Choose how it is assigned."))


def _assigned(suggestion, actor, data) -> dict:
    from renda.handling.services import assignments_create

    rules = rules_for(suggestion.congress)
    separate = data.get("mode") == AssignmentMode.SEPARATE
    today = timezone.localdate()
    assignments_create(
        actor=actor,
        subject=suggestion,
        region=suggestion.congress.region,
        lead=None if separate else data.get("lead"),
        co=() if separate else list(data.get("co") or ()),
        separate=list(data.get("units") or ()) if separate else (),
        accept_days=rules.return_working_days,
        answer_months=rules.reply_months,
        opinion_months=rules.opinion_months,
        on=today,
    )
    return {"mode": data["mode"], "assigned_on": today}


def letter_assignments(suggestion):
    """The live assignments that answer the deputy: the lead's, or each separate unit's."""
    return Assignment.objects.of(suggestion).live().exclude(role="co").with_clocks()


def _letters_in(*statuses):
    """A guard: every live assignment that answers the deputy is in one of `statuses` (the
    units' step is taken when the last letter or report is in, never before)."""

    def guard(suggestion, actor, data) -> None:
        letters = list(letter_assignments(suggestion).values_list("status", flat=True))
        if not letters or any(status not in statuses for status in letters):
            raise InvalidTransition(
                FULFILMENT_NOT_IN if statuses == (AssignmentStatus.DONE,) else LETTERS_NOT_IN
            )

    return guard


def _replied(suggestion, actor, data) -> dict:
    from renda.handling.models import Reply

    letters = list(letter_assignments(suggestion))
    replies = list(
        Reply.objects.filter(assignment__in=letters, kind="reply").order_by("created_at")
    )
    first = suggestion.replied_at is None
    fields = {"replied_at": suggestion.replied_at or timezone.now()}
    if replies:
        # Separate units: the least solved category stands for the item.
        fields["result_category"] = max(r.result_category for r in replies[-len(letters) :])
        fields["met_deputy"] = any(r.contact_mode in ("met", "consulted") for r in replies)
    if first:
        fields["replied_on_time"] = _on_time(letters)
    return fields


def _on_time(letters) -> bool:
    from renda.core.models import Deadline
    from renda.handling.querysets import ANSWER_CLOCK

    clocks = Deadline.objects.filter(
        content_type__model="assignment",
        content_type__app_label="handling",
        object_id__in=[str(a.pk) for a in letters],
        purpose=ANSWER_CLOCK,
    )
    return all(c.stopped_at is None or timezone.localdate(c.stopped_at) <= c.due for c in clocks)


def _rate(suggestion, actor, data, stage: str) -> None:
    rating_record(
        actor=actor,
        obj=suggestion,
        stage=stage,
        value=data.get("value"),
        comment=data.get("comment") or "",
    )


def _check_rating(suggestion, actor, data) -> None:
    from renda.core.ratings import SAY_WHAT_IS_UNSATISFACTORY, UNKNOWN_VALUE

    if data.get("value") not in RatingValue.values:
        raise ValidationFailed.on("value", UNKNOWN_VALUE)
    if data["value"] == RatingValue.DISSATISFIED and not (data.get("comment") or "").strip():
        raise ValidationFailed.on("comment", SAY_WHAT_IS_UNSATISFACTORY)


def _needs_fulfilment(suggestion) -> bool:
    from renda.handling.subjects import default_categories

    later = {c.code for c in default_categories(suggestion.congress_id) if c.needs_fulfilment}
    return suggestion.result_category in later


def _reply_route(suggestion, actor, data) -> str:
    rules = rules_for(suggestion.congress)
    if (
        data.get("value") == RatingValue.DISSATISFIED
        and suggestion.rehandled < rules.rehandle_limit
    ):
        return S.REHANDLING
    return S.FULFILLING if _needs_fulfilment(suggestion) else S.CLOSED


def _reply_rated(suggestion, actor, data) -> dict:
    from renda.handling.services import assignments_reopen

    _rate(suggestion, actor, data, REPLY)
    fields = {"reply_rating": data["value"]}
    if not suggestion.first_reply_rating:
        fields["first_reply_rating"] = data["value"]
    target = suggestion.status  # already the routed target
    if target == S.REHANDLING:
        rules = rules_for(suggestion.congress)
        assignments_reopen(
            actor=actor,
            assignments=list(letter_assignments(suggestion)),
            months=rules.rehandle_months,
            note=data.get("comment") or "",
        )
        fields["rehandled"] = suggestion.rehandled + 1
    elif target == S.CLOSED:
        fields["closed_at"] = timezone.now()
    return fields


def _fulfilment_rated(suggestion, actor, data) -> dict:
    _rate(suggestion, actor, data, FULFILMENT)
    return {"fulfilment_rating": data["value"], "closed_at": timezone.now()}


def rating_due(suggestion):
    """The last day the deputy may rate what waits for a rating."""
    import datetime

    rules = rules_for(suggestion.congress)
    since = suggestion.replied_at
    if suggestion.status == S.FULFILLED:
        done = (
            Assignment.objects.of(suggestion).exclude(done_at=None).aggregate(d=Max("done_at"))
        )["d"]
        since = done or since
    return timezone.localdate(since) + datetime.timedelta(days=rules.rating_days)


def _may_lapse(suggestion, actor, data) -> None:
    why = _unavailable_lapse(suggestion)
    if why:
        raise InvalidTransition(why)


def _reply_lapsed(suggestion, actor, data) -> dict:
    fields = {"reply_rating": Rated.NOT_RATED}
    if not suggestion.first_reply_rating:
        fields["first_reply_rating"] = Rated.NOT_RATED
    if suggestion.status == S.CLOSED:
        fields["closed_at"] = timezone.now()
    return fields


def _fulfilment_lapsed(suggestion, actor, data) -> dict:
    return {"fulfilment_rating": Rated.NOT_RATED, "closed_at": timezone.now()}


def _unavailable_lapse(suggestion):
    due = rating_due(suggestion)
    if due >= timezone.localdate():
        return NOT_YET_LAPSED % {"date": date_format(due, "DATE_FORMAT")}
    return None


SUGGESTION = Workflow(
    model=Suggestion,
    name="suggestion",
    url_name="suggestions:suggestion_{name}",
    not_now=NOT_NOW,
    select_related=("congress__region", "mandate__person"),
    audit_fields=("kind", "number", "merged_into", "reply_rating", "fulfilment_rating"),
    relations=[
        Relation("author", (Role.DEPUTY,), _own, ONLY_THE_AUTHOR, people=_author_people),
        Relation("signers", (Role.DEPUTY,), _signed, ONLY_THE_AUTHOR, people=_signer_people),
        Relation(
            "office",
            (Role.STAFF,),
            lambda user: Suggestion.objects.restrict(user, CHANGE),
            ONLY_THE_OFFICE,
            people=_office_people,
        ),
        Relation("unit", (Role.UNIT,), _assigned_to, ONLY_THE_UNIT),
    ],
    transitions=[
        Transition(
            "submit",
            (S.DRAFT,),
            S.SUBMITTED,
            by=("author",),
            label=_("Submit"),
            done=_("Submitted"),
            guard=_may_submit,
            effects=_submitted,
            style="renda",
            confirm=_("Submit it to the congress's office? It can no longer be changed."),
            help="The lead deputy submits a draft; a motion needs its co-signers confirmed.",
        ),
        Transition(
            "withdraw",
            (S.DRAFT, S.SUBMITTED),
            S.WITHDRAWN,
            by=("author",),
            label=_("Withdraw"),
            done=pgettext("suggestion", "Withdrawn"),
            form=NoteForm,
            effects=_withdrawn,
            style="outline-danger",
            help="The lead deputy withdraws a draft or an item not yet reviewed.",
        ),
        Transition(
            "accept",
            (S.SUBMITTED,),
            S.ACCEPTED,
            by=("office",),
            label=_("Accept"),
            done=_("Accepted"),
            form=NoteForm,
            effects=_accepted,
            style="success",
            tells=("signers",),
            help="The office accepts the item (立案) and gives it its number.",
        ),
        Transition(
            "convert",
            (S.SUBMITTED,),
            S.ACCEPTED,
            by=("office",),
            note=REQUIRED,
            form=ReasonForm,
            label=_("Accept as a suggestion"),
            done=_("Accepted as a suggestion"),
            guard=_is_motion,
            effects=_converted,
            style="outline-success",
            tells=("signers",),
            help="The office accepts a motion as a suggestion (议案转建议); the note says why.",
        ),
        Transition(
            "reject",
            (S.SUBMITTED,),
            S.NOT_ACCEPTED,
            by=("office",),
            note=REQUIRED,
            form=ReasonForm,
            label=_("Do not accept"),
            done=_("Not accepted"),
            style="outline-danger",
            tells=("signers",),
            help="The office does not accept the item (不予立案); the note says why.",
        ),
        Transition(
            "merge",
            (S.SUBMITTED, S.ACCEPTED),
            S.MERGED,
            by=("office",),
            form=MergeForm,
            inputs=("into",),
            label=_("Merge into another"),
            done=_("Merged"),
            clean=_check_merge,
            effects=_merged,
            style="outline-secondary",
            tells=("signers",),
            help="The office merges a duplicate into another item; its deputies read the reply "
            "there.",
        ),
        Transition(
            "assign",
            (S.ACCEPTED,),
            S.ASSIGNED,
            by=("office",),
            form=AssignForm,
            inputs=("mode", "lead", "co", "units"),
            label=_("Assign"),
            done=_("Assigned"),
            clean=_check_assign,
            effects=_assigned,
            style="renda",
            tells=("signers",),
            help="The office assigns the item (交办) to a lead unit with co-handling units, or to "
            "units handling separately; their clocks start.",
        ),
        Transition(
            "reply_received",
            (S.ASSIGNED, S.REHANDLING),
            S.REPLIED,
            by=("unit",),
            label=_("Reply received"),
            done=_("Replied"),
            guard=_letters_in(AssignmentStatus.ANSWERED, AssignmentStatus.DONE),
            effects=_replied,
            tells=("signers",),
            help="Taken by the kernel when the last reply letter is in.",
        ),
        Transition(
            "rate_reply",
            (S.REPLIED,),
            S.CLOSED,
            targets=(S.REHANDLING, S.FULFILLING, S.CLOSED),
            route=_reply_route,
            by=("author",),
            form=RateForm,
            inputs=("value", "comment"),
            label=_("Rate the reply"),
            done=_("Reply rated"),
            clean=_check_rating,
            effects=_reply_rated,
            tells=("office",),
            help="The lead deputy rates the reply; 不满意 sends it back for handling again.",
        ),
        Transition(
            "fulfilment_received",
            (S.FULFILLING,),
            S.FULFILLED,
            by=("unit",),
            label=_("Fulfilment reported"),
            done=_("Fulfilment reported"),
            guard=_letters_in(AssignmentStatus.DONE),
            tells=("signers",),
            help="Taken by the kernel when the last fulfilment report is in.",
        ),
        Transition(
            "rate_fulfilment",
            (S.FULFILLED,),
            S.CLOSED,
            by=("author",),
            form=RateForm,
            inputs=("value", "comment"),
            label=_("Rate the fulfilment"),
            done=_("Fulfilment rated"),
            clean=_check_rating,
            effects=_fulfilment_rated,
            tells=("office",),
            help="The lead deputy rates what was done; the item is closed.",
        ),
        Transition(
            "lapse_reply",
            (S.REPLIED,),
            S.CLOSED,
            targets=(S.FULFILLING, S.CLOSED),
            route=lambda s, actor, data: S.FULFILLING if _needs_fulfilment(s) else S.CLOSED,
            by=("office",),
            form=NoteForm,
            label=_("Record as not rated"),
            done=_("Reply not rated in time"),
            guard=_may_lapse,
            unavailable=_unavailable_lapse,
            effects=_reply_lapsed,
            style="outline-secondary",
            tells=("signers",),
            help="The deputy did not rate the reply in time: recorded as not rated, never as "
            "satisfied.",
        ),
        Transition(
            "lapse_fulfilment",
            (S.FULFILLED,),
            S.CLOSED,
            by=("office",),
            form=NoteForm,
            label=_("Record as not rated"),
            done=_("Fulfilment not rated in time"),
            guard=_may_lapse,
            unavailable=_unavailable_lapse,
            effects=_fulfilment_lapsed,
            style="outline-secondary",
            tells=("signers",),
            help="The deputy did not rate the fulfilment in time: recorded as not rated.",
        ),
    ],
    todo=[
        Todo(
            "review",
            _("Motions and suggestions to review"),
            "office",
            (S.SUBMITTED,),
            "suggestions:suggestion_list",
        ),
        Todo(
            "assign",
            _("Motions and suggestions to assign"),
            "office",
            (S.ACCEPTED,),
            "suggestions:suggestion_list",
        ),
        Todo(
            "rate",
            _("Replies and fulfilment to rate"),
            "author",
            (S.REPLIED, S.FULFILLED),
            "suggestions:mine",
        ),
    ],
)
