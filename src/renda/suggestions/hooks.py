"""How suggestions hear of their assignments: the subject handling asks about, and the answer to
the kernel's `step_taken` for `Assignment` (inside the unit's step, so a refusal undoes it)."""

from django.utils.translation import gettext_lazy as _

from renda.core.deadlines import months_after
from renda.handling import subjects
from renda.handling.choices import AssignmentStatus
from renda.handling.subjects import default_categories
from renda.suggestions.choices import SuggestionKind
from renda.suggestions.choices import SuggestionStatus as S
from renda.suggestions.models import Suggestion

NOT_TIME_FOR_FULFILMENT = _(
    "Fulfilment is reported once the deputy has rated a reply whose category promises it."
)


def _suggestion(assignment) -> Suggestion:
    return Suggestion.objects.select_related("congress").get(pk=assignment.object_id)


def _latest_due(assignment):
    from renda.suggestions.rules import rules_for

    suggestion = _suggestion(assignment)
    start = suggestion.assigned_on or assignment.assigned_on
    return months_after(start, rules_for(suggestion.congress).max_months)


def _fulfilment_refusal(assignment):
    if _suggestion(assignment).status != S.FULFILLING:
        return NOT_TIME_FOR_FULFILMENT
    return None


def _clocks(assignment) -> dict:
    from renda.suggestions.rules import rules_for

    rules = rules_for(_suggestion(assignment).congress)
    return {
        "accept_days": rules.return_working_days,
        "answer_months": rules.reply_months,
        "opinion_months": rules.opinion_months,
    }


# What the papers (交办函, 答复函) call each kind: Chinese document content, like the letters.
KIND_WORDS = {SuggestionKind.MOTION: "议案", SuggestionKind.SUGGESTION: "建议"}


def office_name(congress) -> str:
    """The office that assigns a congress's items: its standing committee's general office, or a
    town congress's presidium (乡镇人大主席团), which has no standing committee."""
    from renda.congresses.choices import CongressLevel

    if congress.level == CongressLevel.TOWN:
        return f"{congress.name}主席团"
    return f"{congress.name}常务委员会办公室"


def _items(assignments) -> dict[int, subjects.Item]:
    """The papers' words for the assignments of suggestions: two queries (the items with their
    congress, deputy and session; each congress's rules) whatever their number."""
    from renda.suggestions.rules import rules_for

    ids = {int(a.object_id) for a in assignments}
    found = {
        s.pk: s
        for s in Suggestion.objects.filter(pk__in=ids).select_related(
            "congress", "mandate__person", "session__term__congress__region"
        )
    }
    rules = {
        cid: rules_for(s.congress) for cid, s in {s.congress_id: s for s in found.values()}.items()
    }
    items = {}
    for a in assignments:
        s = found.get(int(a.object_id))
        if s is None:
            continue
        items[a.pk] = subjects.Item(
            reference=f"第{s.number}号" if s.number is not None else "",
            title=s.title,
            author=s.mandate.person.name,
            kind=KIND_WORDS.get(s.kind, "建议"),
            issuer=office_name(s.congress),
            occasion=str(s.session) if s.session_id else "",
            category=s.result_category,
            return_working_days=rules[s.congress_id].return_working_days,
        )
    return items


SUBJECT = subjects.Subject(
    model=Suggestion,
    categories=lambda assignment: default_categories(_suggestion(assignment).congress_id),
    latest_due=_latest_due,
    fulfilment_refusal=_fulfilment_refusal,
    clocks=_clocks,
    items=_items,
)


def on_assignment_step(sender, *, workflow, transition, obj, actor, **kwargs) -> None:
    """When the last letter is in, the item is replied; when the last fulfilment report is in,
    it waits for the deputy's rating."""
    if not subjects.is_about(obj, Suggestion) or not obj.answers_with_letter:
        return
    from renda.suggestions.workflow import SUGGESTION, letter_assignments

    suggestion = _suggestion(obj)
    letters = list(letter_assignments(suggestion))
    answered = (AssignmentStatus.ANSWERED, AssignmentStatus.DONE)
    if transition.name == "answer" and all(a.status in answered for a in letters):
        SUGGESTION.transition(actor=actor, obj=suggestion, name="reply_received")
    elif transition.name == "fulfil" and all(a.status == AssignmentStatus.DONE for a in letters):
        SUGGESTION.transition(actor=actor, obj=suggestion, name="fulfilment_received")
