"""Reads of motions and suggestions beyond a filter: the seats a deputy drafts under, whom they
may invite, what an item may be merged into; what the public pages show of disclosed items."""

from collections import defaultdict

from django.db.models import Exists, F, OuterRef, Prefetch

from renda.handling.choices import AssignmentRole, AssignmentStatus, ReplyKind
from renda.handling.models import Assignment, Reply, ResultCategory
from renda.handling.subjects import default_categories
from renda.people.models import Mandate
from renda.people.querysets import current_mandate_q
from renda.regions.models import HandlingUnit
from renda.suggestions.choices import CoSignerStatus
from renda.suggestions.models import CoSigner, KeySupervision, Suggestion
from renda.suggestions.workflow import MERGEABLE_INTO


def draftable_seats(user):
    from renda.core.scope import scope_for

    scope = scope_for(user)
    return (
        Mandate.objects.current()
        .filter(person_id__in=scope.person_ids if scope else ())
        .select_related("congress__region")
        .order_by("congress__level")
    )


def invitable_seats(suggestion):
    """The other deputies of the item's congress, in the official order (姓氏笔画)."""
    return (
        Mandate.objects.current()
        .filter(congress_id=suggestion.congress_id)
        .exclude(person_id=suggestion.mandate.person_id)
        .exclude(pk__in=suggestion.cosigners.values("mandate_id"))
        .select_related("person")
        .order_by("person__stroke_key", "person__name", "pk")
    )


def merge_targets(suggestion):
    return (
        Suggestion.objects.filter(
            congress_id=suggestion.congress_id, year=suggestion.year, status__in=MERGEABLE_INTO
        )
        .exclude(pk=suggestion.pk)
        .order_by("kind", "number")
    )


def user_delegations(user):
    """The delegations (代表团) the user sits in as a deputy, whose motions they may draft."""
    from renda.core.scope import scope_for
    from renda.people.choices import GroupKind
    from renda.people.models import DeputyGroup

    scope = scope_for(user)
    return DeputyGroup.objects.filter(
        kind=GroupKind.DELEGATION,
        memberships__mandate__person_id__in=scope.person_ids if scope else (),
    ).distinct()


# --- The public pages (公开): disclosed items only, never confidential ones ---------------------

# What the public pages of motions and suggestions show, for their cache keys
# (core/public_cache.py); demo/tests/test_public_cache.py checks them against the tables read.
PUBLIC_MODELS = (
    Suggestion,
    CoSigner,
    KeySupervision,
    Assignment,
    Reply,
    HandlingUnit,
    ResultCategory,
)
# What a deputy's public page reads of them (its part, core.public_cache.fragment).
DEPUTY_MODELS = (Suggestion, CoSigner, Mandate)
# The replies the public reads: the letters and reports to the deputy, not the co-handling
# units' opinions to the lead unit nor the requests for more time.
PUBLIC_REPLIES = (ReplyKind.REPLY, ReplyKind.PROGRESS, ReplyKind.FULFILMENT)


def public_suggestions():
    """Disclosed items with what their cards show, and whether the lead deputy holds a seat
    now (only then is their name a link to their page)."""
    return (
        Suggestion.objects.public()
        .select_related("congress", "mandate__person", "supervision")
        .annotate(
            deputy_current=Exists(
                Mandate.objects.filter(
                    current_mandate_q(), person_id=OuterRef("mandate__person_id")
                )
            )
        )
        .order_by("-year", "congress__level", "kind", F("number").asc(nulls_last=True), "pk")
    )


def public_units(suggestions) -> dict[int, list]:
    """Per item, the units handling it (lead, co-handling, separate), in one query."""
    ids = [str(s.pk) for s in suggestions]
    units = defaultdict(list)
    rows = (
        Assignment.objects.of_model(Suggestion)
        .live()
        .filter(object_id__in=ids)
        .select_related("unit")
        .order_by("pk")
    )
    for a in sorted(rows, key=lambda a: ROLE_ORDER.get(a.role, 9)):
        units[int(a.object_id)].append(a)
    return units


ROLE_ORDER = {AssignmentRole.LEAD: 0, AssignmentRole.SEPARATE: 1, AssignmentRole.CO: 2}


def category_labels(congress_ids) -> dict[int, dict[str, str]]:
    """Per congress, its result categories' names by code (the national list where it keeps
    none of its own), in one query."""
    own = defaultdict(dict)
    for c in ResultCategory.objects.filter(congress_id__in=set(congress_ids)):
        own[c.congress_id][c.code] = c.label
    national = {c.code: c.label for c in default_categories()}
    return {pk: own.get(pk) or national for pk in set(congress_ids)}


def public_suggestion_detail(suggestion) -> dict:
    """What the public page of a disclosed item shows: the units with their letters and reports
    (each in one query, without the contact's name or phone), the confirmed co-signers, what was
    merged into it and what it was merged into, if public."""
    assignments = list(
        Assignment.objects.of(suggestion)
        .exclude(status__in=(AssignmentStatus.RETURNED, AssignmentStatus.WITHDRAWN))
        .select_related("unit")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Reply.objects.filter(kind__in=PUBLIC_REPLIES)
                .defer("contact_person", "contact_phone")
                .order_by("created_at", "pk"),
                to_attr="public_replies",
            )
        )
        .order_by("pk")
    )
    assignments.sort(key=lambda a: ROLE_ORDER.get(a.role, 9))
    signers = list(
        CoSigner.objects.filter(suggestion=suggestion, status=CoSignerStatus.CONFIRMED)
        .select_related("mandate__person")
        .order_by("mandate__person__stroke_key", "pk")
    )
    merged = list(
        Suggestion.objects.public()
        .filter(merged_into=suggestion)
        .select_related("mandate__person")
        .order_by("pk")
    )
    into = None
    if suggestion.merged_into_id:
        into = Suggestion.objects.public().filter(pk=suggestion.merged_into_id).first()
    labels = category_labels([suggestion.congress_id])[suggestion.congress_id]
    return {
        "assignments": assignments,
        "signers": signers,
        "merged": merged,
        "into": into,
        "category_label": labels.get(suggestion.result_category, ""),
        "labels": labels,
    }


def deputy_suggestions(person, latest: int = 10) -> dict:
    """A deputy's disclosed items for their public page: the latest they led, how many in all,
    and the latest they co-signed."""
    led = public_items().filter(mandate__person=person)
    signed = public_items().filter(
        cosigners__mandate__person=person, cosigners__status=CoSignerStatus.CONFIRMED
    )
    led_rows = list(led[: latest + 1])
    return {
        "person": person,
        "led": led_rows[:latest],
        "led_more": len(led_rows) > latest,
        "led_count": led.count() if len(led_rows) > latest else len(led_rows),
        "signed": list(signed[:latest]),
    }


def public_items():
    """Disclosed items as their titles in a list: what a deputy's page reads of them."""
    return (
        Suggestion.objects.public()
        .only("pk", "title", "year", "kind", "number", "status", "supervision_id")
        .order_by("-year", "-pk")
    )
