"""Writes of motions and suggestions: drafting, co-signing, disclosure, key supervision, and the
steps of the workflow (`workflow.py`) as thin calls of the kernel."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renda.core import attachments
from renda.core import services as base
from renda.core.exceptions import InvalidTransition, PermissionRefused, ValidationFailed
from renda.core.ratings import rating_record
from renda.core.scope import scope_for
from renda.core.workflow import user_of
from renda.notifications.services import notify_many
from renda.suggestions.choices import (
    CoSignerStatus,
    SubmissionPeriod,
    SuggestionKind,
    SuggestionStatus,
)
from renda.suggestions.models import CoSigner, KeySupervision, Suggestion, SupervisionEvent
from renda.suggestions.rules import rules_for
from renda.suggestions.workflow import FULFILMENT, REPLY, SUGGESTION

S = SuggestionStatus

NOT_YOUR_SEAT = _("You can draft only under a seat you hold now.")
ONLY_DRAFTS = _("Only a draft can be changed.")
NO_DELEGATION_MOTIONS = _("Delegations do not submit motions in this congress.")
ONLY_MOTIONS_BY_DELEGATION = _("A delegation submits motions; a suggestion is a deputy's own.")
NOT_IN_DELEGATION = _("You do not sit in that delegation.")
DELEGATION_OF_ANOTHER_CONGRESS = _("That delegation does not belong to this congress.")
NOT_A_DEPUTY_HERE = _("%(name)s holds no seat in this congress.")
NOT_YOURSELF = _("You sign it already as the lead deputy.")
NOT_INVITED = _("You were not invited to sign this, or have answered already.")
INVITE_SOMEONE = _("Choose at least one deputy to invite.")
NOT_DISCLOSABLE = _("Only an accepted item that is not confidential can be disclosed.")
CONFIDENTIAL_NEVER = _("A confidential item is never disclosed.")
NOT_A_COSIGNER = _("Only a confirmed co-signer can rate it here.")
COSIGNERS_DO_NOT_RATE = _("In this congress only the lead deputy rates.")
NOTHING_TO_RATE = _("There is nothing to rate yet.")
SUPERVISION_OTHER_CONGRESS = _("Choose a key supervision of the same congress.")

DISCLOSABLE = (
    S.ACCEPTED,
    S.ASSIGNED,
    S.REPLIED,
    S.REHANDLING,
    S.FULFILLING,
    S.FULFILLED,
    S.CLOSED,
    S.MERGED,
)


def _own_seat(actor, mandate) -> None:
    if base.is_system(actor):
        return
    scope = scope_for(actor)
    if scope is None or mandate.person_id not in scope.person_ids or mandate.end is not None:
        raise PermissionRefused(NOT_YOUR_SEAT)


def _session_on(congress, day: datetime.date):
    from renda.congresses.models import Session

    return Session.objects.filter(term__congress=congress, start__lte=day, end__gte=day).first()


def suggestion_draft(
    *,
    actor,
    mandate,
    title: str,
    body: str,
    topic: str,
    kind: str = SuggestionKind.SUGGESTION,
    period: str = SubmissionPeriod.RECESS,
    confidential: bool = False,
    delegation=None,
) -> Suggestion:
    """A deputy's draft under one of their seats; invisible to staff until submitted."""
    _own_seat(actor, mandate)
    congress = mandate.congress
    if delegation is not None:
        if kind != SuggestionKind.MOTION:
            raise ValidationFailed.on("delegation", ONLY_MOTIONS_BY_DELEGATION)
        if not delegation.memberships.filter(mandate__person_id=mandate.person_id).exists():
            raise ValidationFailed.on("delegation", NOT_IN_DELEGATION)
        if not rules_for(congress).delegation_motions:
            raise ValidationFailed.on("delegation", NO_DELEGATION_MOTIONS)
        if delegation.congress_id not in (None, congress.pk):
            raise ValidationFailed.on("delegation", DELEGATION_OF_ANOTHER_CONGRESS)
    today = timezone.localdate()
    session = _session_on(congress, today) if period == SubmissionPeriod.SESSION else None
    with transaction.atomic():
        return base.create(
            actor=actor,
            obj=Suggestion(
                congress=congress,
                year=today.year,
                kind=kind,
                period=period,
                session=session,
                title=(title or "").strip(),
                body=(body or "").strip(),
                topic=topic,
                mandate=mandate,
                delegation=delegation,
                confidential=bool(confidential),
                created_by=user_of(actor),
            ),
        )


def suggestion_edit(*, actor, suggestion: Suggestion, **data) -> Suggestion:
    """Change a draft's title, text, topic, kind, period or confidentiality."""
    SUGGESTION.ensure_holds(actor, suggestion, ("author",))
    fields = [f for f in ("title", "body", "topic", "kind", "period", "confidential") if f in data]
    for name in ("title", "body"):
        if name in data:
            data[name] = (data[name] or "").strip()
    with transaction.atomic():
        suggestion = base.lock(suggestion)
        if suggestion.status != S.DRAFT:
            raise InvalidTransition(ONLY_DRAFTS)
        return base.update(actor=actor, obj=suggestion, data=data, fields=fields)


def cosigners_invite(*, actor, suggestion: Suggestion, mandates) -> list[CoSigner]:
    """Invite deputies of the same congress to sign a draft; each hears of it in the inbox."""
    SUGGESTION.ensure_holds(actor, suggestion, ("author",))
    mandates = list(mandates)
    if not mandates:
        raise ValidationFailed.on("mandates", INVITE_SOMEONE)
    for m in mandates:
        if m.congress_id != suggestion.congress_id or m.end is not None:
            raise ValidationFailed.on("mandates", NOT_A_DEPUTY_HERE % {"name": m.person.name})
        if m.person_id == suggestion.mandate.person_id:
            raise ValidationFailed.on("mandates", NOT_YOURSELF)
    with transaction.atomic():
        suggestion = base.lock(suggestion)
        if suggestion.status != S.DRAFT:
            raise InvalidTransition(ONLY_DRAFTS)
        there = set(suggestion.cosigners.values_list("mandate_id", flat=True))
        made = [
            base.create(actor=actor, obj=CoSigner(suggestion=suggestion, mandate=m))
            for m in mandates
            if m.pk not in there
        ]
        _tell_invited(suggestion, made)
    return made


def _tell_invited(suggestion, cosigners) -> None:
    from django.utils.translation import gettext

    from renda.accounts.selectors import person_users

    users = person_users(c.mandate.person_id for c in cosigners)
    title = gettext("%(name)s asks you to co-sign “%(title)s”") % {
        "name": suggestion.mandate.person.name,
        "title": suggestion.title,
    }
    notify_many(
        kind="suggestion.invite",
        messages=[
            (u, title, "", suggestion.get_absolute_url())
            for c in cosigners
            for u in users.get(c.mandate.person_id, [])
        ],
    )


def cosigner_uninvite(*, actor, cosigner: CoSigner) -> None:
    """Take back an invitation (or drop a co-signer) while the item is a draft."""
    SUGGESTION.ensure_holds(actor, cosigner.suggestion, ("author",))
    with transaction.atomic():
        suggestion = base.lock(cosigner.suggestion)
        if suggestion.status != S.DRAFT:
            raise InvalidTransition(ONLY_DRAFTS)
        base.delete(actor=actor, obj=cosigner)


def cosigner_answer(*, actor, suggestion: Suggestion, confirm: bool) -> CoSigner:
    """The invited deputy confirms (signs) or declines."""
    scope = scope_for(actor)
    people = scope.person_ids if scope else ()
    with transaction.atomic():
        suggestion = base.lock(suggestion)
        cosigner = (
            CoSigner.objects.select_for_update()
            .filter(
                suggestion=suggestion, mandate__person_id__in=people, status=CoSignerStatus.INVITED
            )
            .first()
        )
        if cosigner is None:
            raise PermissionRefused(NOT_INVITED)
        if suggestion.status != S.DRAFT:
            raise InvalidTransition(ONLY_DRAFTS)
        return base.update(
            actor=actor,
            obj=cosigner,
            data={
                "status": CoSignerStatus.CONFIRMED if confirm else CoSignerStatus.DECLINED,
                "answered_at": timezone.now(),
            },
            fields=["status", "answered_at"],
            action="status",
        )


def cosigner_rate(*, actor, suggestion: Suggestion, stage: str, value: str, comment: str = ""):
    """A confirmed co-signer's own rating, where the congress asks co-signers to rate; only the
    lead deputy's moves the item."""
    if not rules_for(suggestion.congress).cosigners_rate:
        raise PermissionRefused(COSIGNERS_DO_NOT_RATE)
    scope = scope_for(actor)
    if not CoSigner.objects.filter(
        suggestion=suggestion,
        status=CoSignerStatus.CONFIRMED,
        mandate__person_id__in=scope.person_ids if scope else (),
    ).exists():
        raise PermissionRefused(NOT_A_COSIGNER)
    allowed = {
        REPLY: (S.REPLIED, S.REHANDLING, S.FULFILLING, S.FULFILLED, S.CLOSED),
        FULFILMENT: (S.FULFILLED, S.CLOSED),
    }
    if suggestion.status not in allowed.get(stage, ()):
        raise InvalidTransition(NOTHING_TO_RATE)
    return rating_record(actor=actor, obj=suggestion, stage=stage, value=value, comment=comment)


# --- Disclosure and key supervision -------------------------------------------------------------


def suggestion_disclose(*, actor, suggestion: Suggestion, disclose: bool = True) -> Suggestion:
    """Publish an item and its reply on the public pages (公开), or take it down."""
    SUGGESTION.ensure_holds(actor, suggestion, ("office",))
    with transaction.atomic():
        suggestion = base.lock(suggestion)
        if disclose:
            if suggestion.confidential:
                raise InvalidTransition(CONFIDENTIAL_NEVER)
            if suggestion.status not in DISCLOSABLE:
                raise InvalidTransition(NOT_DISCLOSABLE)
        when = (suggestion.disclosed_at or timezone.now()) if disclose else None
        return base.update(
            actor=actor, obj=suggestion, data={"disclosed_at": when}, fields=["disclosed_at"]
        )


def supervision_create(
    *, actor, congress, year: int, title: str, leader: str = "", committee: str = "", note: str = ""
) -> KeySupervision:
    base.ensure_in_scope(actor, congress)
    with transaction.atomic():
        return base.create(
            actor=actor,
            obj=KeySupervision(
                congress=congress,
                year=year,
                title=(title or "").strip(),
                leader=(leader or "").strip(),
                committee=(committee or "").strip(),
                note=(note or "").strip(),
            ),
        )


def suggestion_supervise(*, actor, suggestion: Suggestion, supervision) -> Suggestion:
    """Put an item under key supervision (重点督办), or take it off with None."""
    SUGGESTION.ensure_holds(actor, suggestion, ("office",))
    if supervision is not None and supervision.congress_id != suggestion.congress_id:
        raise ValidationFailed.on("supervision", SUPERVISION_OTHER_CONGRESS)
    with transaction.atomic():
        suggestion = base.lock(suggestion)
        return base.update(
            actor=actor, obj=suggestion, data={"supervision": supervision}, fields=["supervision"]
        )


def supervision_event_add(
    *, actor, supervision: KeySupervision, day, kind: str, summary: str, files=()
) -> SupervisionEvent:
    base.ensure_in_scope(actor, supervision)
    prepared = attachments.prepare(files)
    with transaction.atomic():
        event = base.create(
            actor=actor,
            obj=SupervisionEvent(
                supervision=supervision, day=day, kind=kind, summary=(summary or "").strip()
            ),
        )
        if prepared:
            attachments.attachments_add(actor=actor, obj=event, files=prepared)
    return event


NOT_YET_CLOSED = _("Only a closed item can be nominated as an excellent suggestion.")


def suggestion_nominate_excellent(*, actor, suggestion: Suggestion, citation: str = ""):
    """Nominate a closed item's lead deputy for the year's excellent suggestions (优秀建议),
    through the commendation flow (approve, publish) like any commendation."""
    from django.utils.translation import gettext

    from renda.commendations.choices import CommendationKind
    from renda.commendations.services import commendation_nominate

    SUGGESTION.ensure_holds(actor, suggestion, ("office",))
    if suggestion.status != S.CLOSED:
        raise InvalidTransition(NOT_YET_CLOSED)
    title = gettext("Excellent suggestion of %(year)s") % {"year": suggestion.year}
    with transaction.atomic():
        return commendation_nominate(
            actor=actor,
            congress=suggestion.congress,
            kind=CommendationKind.SUGGESTION,
            year=suggestion.year,
            title=title,
            mandate=suggestion.mandate,
            citation=(citation or "").strip() or f"{suggestion.reference}《{suggestion.title}》",
        )


# --- The steps, thin calls of the kernel --------------------------------------------------------


def suggestion_step(*, actor, suggestion: Suggestion, action: str, note: str = "", **data):
    return SUGGESTION.transition(actor=actor, obj=suggestion, name=action, note=note, **data)


def suggestion_submit(*, actor, suggestion: Suggestion) -> Suggestion:
    return SUGGESTION.transition(actor=actor, obj=suggestion, name="submit")


def suggestion_withdraw(*, actor, suggestion: Suggestion, note: str = "") -> Suggestion:
    return SUGGESTION.transition(actor=actor, obj=suggestion, name="withdraw", note=note)


def suggestion_accept(*, actor, suggestion: Suggestion, note: str = "") -> Suggestion:
    return SUGGESTION.transition(actor=actor, obj=suggestion, name="accept", note=note)


def suggestion_convert(*, actor, suggestion: Suggestion, note: str) -> Suggestion:
    return SUGGESTION.transition(actor=actor, obj=suggestion, name="convert", note=note)


def suggestion_reject(*, actor, suggestion: Suggestion, note: str) -> Suggestion:
    return SUGGESTION.transition(actor=actor, obj=suggestion, name="reject", note=note)


def suggestion_merge(*, actor, suggestion: Suggestion, into: Suggestion, note: str = ""):
    return SUGGESTION.transition(actor=actor, obj=suggestion, name="merge", into=into, note=note)


def suggestion_assign(*, actor, suggestion: Suggestion, mode: str, lead=None, co=(), units=()):
    return SUGGESTION.transition(
        actor=actor,
        obj=suggestion,
        name="assign",
        mode=mode,
        lead=lead,
        co=list(co),
        units=list(units),
    )


def suggestion_rate_reply(*, actor, suggestion: Suggestion, value: str, comment: str = ""):
    return SUGGESTION.transition(
        actor=actor, obj=suggestion, name="rate_reply", value=value, comment=comment
    )


def suggestion_rate_fulfilment(*, actor, suggestion: Suggestion, value: str, comment: str = ""):
    return SUGGESTION.transition(
        actor=actor, obj=suggestion, name="rate_fulfilment", value=value, comment=comment
    )


# --- The congress's rules ------------------------------------------------------------------------

RULE_FIELDS = (
    "motion_cosigners",
    "delegation_motions",
    "reply_months",
    "max_months",
    "opinion_months",
    "rehandle_months",
    "return_working_days",
    "rehandle_limit",
    "cosigners_rate",
    "cosigners_register",
    "rating_days",
)
CATEGORY_CODE_TWICE = _("Each category needs its own code.")
CATEGORY_NEEDS_NAME = _("Give each category a name.")


def suggestion_rules_set(*, actor, congress, categories=None, **values):
    """Set a congress's rules (what is not given keeps its present or default value) and, if
    `categories` is given as (code, name, fulfilment later) rows, its result categories."""
    from renda.handling.models import ResultCategory
    from renda.suggestions.models import SuggestionRules

    base.ensure_in_scope(actor, congress)
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"no rule {sorted(unknown)}")
    rows = None
    if categories is not None:
        rows = [(str(c).strip().upper(), str(n).strip(), bool(f)) for c, n, f in categories]
        rows = [r for r in rows if r[0] or r[1]]
        if any(not code or not name for code, name, _f in rows):
            raise ValidationFailed.on("categories", CATEGORY_NEEDS_NAME)
        if len({code for code, _n, _f in rows}) != len(rows):
            raise ValidationFailed.on("categories", CATEGORY_CODE_TWICE)
    with transaction.atomic():
        own = SuggestionRules.objects.select_for_update().filter(congress=congress).first()
        if own is None:
            present = rules_for(congress)
            own = SuggestionRules(
                congress=congress, **{f: getattr(present, f) for f in RULE_FIELDS}
            )
            for name, value in values.items():
                setattr(own, name, value)
            base.create(actor=actor, obj=own)
        elif values:
            base.update(actor=actor, obj=own, data=values, fields=list(values))
        if rows is not None:
            for old in ResultCategory.objects.filter(congress=congress):
                base.delete(actor=actor, obj=old)
            for position, (code, name, later) in enumerate(rows):
                base.create(
                    actor=actor,
                    obj=ResultCategory(
                        congress=congress,
                        code=code,
                        label=name,
                        needs_fulfilment=later,
                        position=position,
                    ),
                )
    return own
