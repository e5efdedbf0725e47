from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast

from renda.core.querysets import CHANGE, RestrictedQuerySet, prefix_q

DRAFT = "draft"


class SuggestionQuerySet(RestrictedQuerySet):
    """Staff reach their congresses' items once submitted; a deputy their own (drafts too) and,
    to read, those they were asked to co-sign; a unit's users, to read, what was assigned to it,
    and, to change (the unit's steps), what it holds now."""

    def scope_q(self, scope, action):
        q = prefix_q("congress__region__code", scope.region_prefixes) & ~Q(status=DRAFT)
        q |= Q(mandate__person_id__in=scope.person_ids)
        if action == CHANGE:
            # A unit takes its steps (the reply and the fulfilment received) on what it holds.
            if scope.unit_ids:
                q |= Q(Exists(self._assigned(scope.unit_ids).live()))
            return q
        if scope.person_ids:
            from renda.suggestions.models import CoSigner

            signed = CoSigner.objects.filter(
                suggestion=OuterRef("pk"), mandate__person_id__in=scope.person_ids
            )
            q |= Q(Exists(signed))
        if scope.unit_ids:
            q |= Q(Exists(self._assigned(scope.unit_ids)))
        return q

    def _assigned(self, unit_ids):
        from renda.handling.models import Assignment

        return Assignment.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=Cast(OuterRef("pk"), CharField()),
            unit_id__in=unit_ids,
        )

    def public(self):
        """What the public reads: disclosed, never confidential."""
        return self.filter(disclosed_at__isnull=False, confidential=False)

    def of_person(self, person_ids):
        return self.filter(mandate__person_id__in=person_ids)


class CoSignerQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        return prefix_q("suggestion__congress__region__code", scope.region_prefixes) | Q(
            mandate__person_id__in=scope.person_ids
        )


class KeySupervisionQuerySet(RestrictedQuerySet):
    def scope_q(self, scope, action):
        return prefix_q("congress__region__code", scope.region_prefixes)
