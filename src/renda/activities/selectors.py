"""Reads of the activity register that are more than a filter: a deputy's seats and their
progress, what a viewer may do to one activity, the evidence of a group registration, what the
public sees."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone

from renda.activities import requirements, workflow
from renda.activities.models import Activity, ActivityType, Excuse, Requirement
from renda.core.models import Attachment
from renda.people.models import Mandate, Person

# What public activities show (core/public_cache.py).
PUBLIC_MODELS = (Activity, ActivityType, Requirement, Excuse, Attachment)

SEAT_RELATED = ("person", "term", "congress__region", "electoral_region")
ACTIVITY_RELATED = ("person", "activity_type", "congress__region", "mandate__congress__region")


def current_seats(person_id: int, day: datetime.date | None = None):
    """The seats `person_id` holds today, higher congresses first."""
    return (
        Mandate.objects.current(day)
        .filter(person_id=person_id)
        .select_related(*SEAT_RELATED)
        .order_by("congress__level", "pk")
    )


def seat_progress(mandate, year: int | None = None) -> requirements.SeatProgress:
    """One seat's standing against the minimums in `year` (this year by default)."""
    year = year or timezone.localdate().year
    return requirements.progress([mandate], year)[0]


def seats_progress(mandates, year: int | None = None) -> list[requirements.SeatProgress]:
    return requirements.progress(mandates, year or timezone.localdate().year)


def registrable_types(mandates):
    """The active types of the congresses of `mandates`, in catalogue order."""
    return (
        ActivityType.objects.active()
        .filter(congress_id__in={m.congress_id for m in mandates})
        .select_related("congress")
        .order_by("congress__level", "order", "pk")
    )


def with_evidence(qs):
    return qs.prefetch_related(Prefetch("evidence", queryset=Attachment.objects.order_by("pk")))


def viewer_actions(activity: Activity, *, user, is_owner: bool, is_keeper: bool) -> dict:
    """What the viewer may do to `activity`: the steps open to them, and whether they may edit
    it or add evidence."""
    editable = (is_keeper and activity.status in workflow.STAFF_EDITABLE) or (
        is_owner and activity.status in workflow.DEPUTY_EDITABLE
    )
    steps = {t.name for t in workflow.ACTIVITY.available(user, activity)}
    return {"actions": steps, "editable": editable}


def batch_evidence(batch) -> list:
    """A group registration's evidence hangs on its first record."""
    return list(Attachment.objects.filter(activity__batch=batch).order_by("pk"))


def public_activities():
    """Verified activities of the people the portal shows (those holding a seat today)."""
    return Activity.objects.public().filter(person__in=Person.public_objects.all())


def public_activities_of(person: Person):
    """Verified activities of one deputy the portal shows: `person` comes from
    `Person.public_objects`, so the test of every public person `public_activities` makes
    (a subquery over all seats, which grew with the table) is not made again."""
    return Activity.objects.public().filter(person=person)
