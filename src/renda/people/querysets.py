import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from renda.core.querysets import CHANGE, RestrictedQuerySet, prefix_q


def _today(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def current_mandate_q(prefix: str = "", day: datetime.date | None = None) -> Q:
    day = _today(day)
    return Q(**{f"{prefix}start__lte": day}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gt": day})
    )


class MandateQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        # A seat is kept by the staff of its congress's region; staff where the deputy was
        # elected (a municipal deputy elected in a district) see it but do not change it.
        q = prefix_q("congress__region__code", scope.region_prefixes)
        if action != CHANGE:
            q |= prefix_q("electoral_region__code", scope.region_prefixes)
            q |= Q(person_id__in=scope.person_ids)
            # A liaison reads the seats assigned to their stations (by the reverse relation:
            # stations stand above people).
            q |= Q(
                pk__in=self.model.objects.filter(
                    station_assignments__station_id__in=scope.station_ids
                ).values("pk")
            )
        return q

    def current(self, day: datetime.date | None = None):
        return self.filter(current_mandate_q(day=day))

    def ended(self):
        return self.filter(end__isnull=False)


class PersonQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        from renda.people.models import Mandate

        # Changed by the staff who keep one of the person's seats (see MandateQuerySet).
        reach = prefix_q("congress__region__code", scope.region_prefixes)
        if action != CHANGE:
            reach |= prefix_q("electoral_region__code", scope.region_prefixes)
        q = Q(pk__in=Mandate.objects.filter(reach).values("person_id"))
        # A deputy reaches their own record, to view and to keep their photo and phone.
        q |= Q(pk__in=scope.person_ids)
        if action != CHANGE:
            q |= Q(
                pk__in=Mandate.objects.filter(
                    station_assignments__station_id__in=scope.station_ids
                ).values("person_id")
            )
        return q

    def deputies(self, day: datetime.date | None = None):
        """People holding at least one mandate today."""
        from renda.people.models import Mandate

        return self.filter(
            Exists(Mandate.objects.filter(current_mandate_q(day=day), person=OuterRef("pk")))
        )

    def official_order(self):
        """姓氏笔画: the order Chinese government lists print deputies in."""
        return self.order_by("stroke_key", "name", "pk")

    def search(self, text: str):
        """By characters of the name, full pinyin or pinyin initials ("zs" finds 张三)."""
        text = (text or "").strip()
        if not text:
            return self
        lowered = text.lower().replace(" ", "")
        return self.filter(
            Q(name__contains=text)
            | Q(name_initials__startswith=lowered)
            | Q(name_pinyin__startswith=lowered)
        )


class PublicPersonManager(models.Manager.from_queryset(PersonQuerySet)):
    """What the portal and the public API may show: people holding a mandate today."""

    def get_queryset(self):
        return super().get_queryset().deputies()


class DeputyGroupQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        q = prefix_q("region__code", scope.region_prefixes)
        if action != CHANGE:
            from renda.people.models import GroupMembership

            q |= Q(
                pk__in=GroupMembership.objects.filter(
                    mandate__person_id__in=scope.person_ids
                ).values("group_id")
            )
        return q
