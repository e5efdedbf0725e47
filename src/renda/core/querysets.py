"""Scope in one place: every model that staff, liaisons, deputies or units reach through a
view or the API has a queryset with `.restrict(user, action)`.

A model's queryset says, in `scope_q`, which rows each kind of grant reaches; `restrict` applies
it. Administrators see everything; anyone else sees the union of what their grants reach, and
nothing when they hold none. Views fetch objects through it, so a row outside the scope answers
404 exactly like a missing one.
"""

import datetime
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q

from renda.core.choices import DeadlineStatus

VIEW = "view"
CHANGE = "change"


def prefix_q(field: str, prefixes) -> Q:
    """Rows whose region code (at `field`) lies under any of `prefixes`; empty Q matches none."""
    qs = [Q(**{f"{field}__startswith": p}) for p in prefixes]
    return reduce(or_, qs) if qs else Q(pk__in=[])


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = VIEW):
        from renda.core.scope import scope_for

        scope = scope_for(user)
        if scope is None:
            return self.none()
        if scope.is_admin:
            return self
        return self.filter(self.scope_q(scope, action))

    def scope_q(self, scope, action: str) -> Q:  # pragma: no cover - every subclass overrides
        raise NotImplementedError(f"{type(self).__name__} must say what each grant reaches")


# --- Shared handling machinery ------------------------------------------------------------------
# Deadlines, attachments and ratings are reached through the object they hang on, which the
# owning module's views fetch through its own `.restrict()`; they carry no scope of their own.


class _ForObjectMixin:
    def for_object(self, obj: models.Model):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )


class DeadlineQuerySet(_ForObjectMixin, models.QuerySet):
    def running(self):
        return self.filter(status=DeadlineStatus.RUNNING)

    def live(self):
        """Running or paused: the obligation is still open."""
        return self.exclude(status=DeadlineStatus.STOPPED)

    def overdue(self, today: datetime.date):
        """Running clocks whose due date has passed; a paused clock is never overdue."""
        return self.running().filter(due__lt=today)

    def due_within(self, days: int, today: datetime.date):
        """Running clocks due from today up to `days` natural days ahead."""
        return self.running().filter(due__gte=today, due__lte=today + datetime.timedelta(days))


class AttachmentQuerySet(_ForObjectMixin, models.QuerySet):
    pass


class RatingQuerySet(_ForObjectMixin, models.QuerySet):
    def latest_for(self, obj: models.Model, stage: str):
        """The most recent rating of `obj` at `stage` (after re-handling, the new one), or None."""
        return self.for_object(obj).filter(stage=stage).order_by("-rated_at", "-pk").first()
