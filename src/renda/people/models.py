from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from renda.core.identity import validate_id_number, validate_phone
from renda.people.choices import Education, Gender, GroupKind, GroupRole, MandateEndReason, Party
from renda.people.querysets import (
    DeputyGroupQuerySet,
    MandateQuerySet,
    PersonQuerySet,
    PublicPersonManager,
)


def photo_path(instance, filename: str) -> str:
    return f"photos/{instance.pk or 'new'}-{filename}"


class Person(models.Model):
    """A human being, who may hold mandates in several congresses at once."""

    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=20, default="汉族")
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    party = models.CharField(
        _("political affiliation"), max_length=20, choices=Party.choices, blank=True
    )
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, blank=True
    )
    photo = models.ImageField(_("photo"), upload_to=photo_path, blank=True)
    # Private, as are the ID card number and date of birth: who may read them is
    # `people.privacy`, asked by every page, history, export and API answer.
    phone = models.CharField(
        _("mobile phone"), max_length=20, blank=True, validators=[validate_phone]
    )
    phone_public = models.BooleanField(
        _("show phone publicly"),
        default=False,
        help_text=_("Only if the deputy agreed; otherwise the public sees the station's phone."),
    )
    id_number = models.CharField(
        _("ID card number"), max_length=18, blank=True, validators=[validate_id_number]
    )
    # Derived from the name by the services, for search and the official order.
    name_pinyin = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    name_initials = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    stroke_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)

    objects = PersonQuerySet.as_manager()
    public_objects = PublicPersonManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["stroke_key", "name", "pk"]
        base_manager_name = "objects"
        default_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~Q(id_number=""),
                name="person_unique_id_number",
                violation_error_message=_("Another person has this ID card number."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:person_detail", args=[self.pk])


class Mandate(models.Model):
    """One person's seat in one congress for one term; post and work unit as when elected."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="mandates"
    )
    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="mandates",
    )
    term = models.ForeignKey(
        "congresses.Term", verbose_name=_("term"), on_delete=models.PROTECT, related_name="mandates"
    )
    electoral_unit = models.CharField(_("electoral unit"), max_length=100, blank=True)
    electoral_region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("electoral region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    post = models.CharField(_("post"), max_length=100, blank=True)
    work_unit = models.CharField(_("work unit"), max_length=100, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    end_reason = models.CharField(
        _("end reason"), max_length=20, choices=MandateEndReason.choices, blank=True
    )
    end_note = models.CharField(_("note on the end"), max_length=200, blank=True)

    objects = MandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["congress__level", "-start"]
        # Who holds a seat today (`current_mandate_q` by person, what every public list of
        # deputies filters on), answered from the index alone: counting the public deputies
        # otherwise read each of their seats' rows.
        indexes = [models.Index(fields=["person", "start", "end"], name="mandate_person_current")]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "term"],
                name="mandate_one_seat_per_term",
                violation_error_message=_("This person already holds a seat in that term."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="mandate_end_not_before_start",
                violation_error_message=_("A mandate cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=(Q(end__isnull=True) & Q(end_reason=""))
                | (Q(end__isnull=False) & ~Q(end_reason="")),
                name="mandate_end_has_reason",
                violation_error_message=_(
                    "An ended mandate needs a reason, and only an ended one."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person.name} · {self.term}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:person_detail", args=[self.person_id])

    @property
    def level_label(self) -> str:
        """全国人大代表, 重庆市人大代表, 荣昌区人大代表: how a plate and a list name the seat."""
        return self.label_of(self.congress.level, self.congress.region.name)

    @staticmethod
    def label_of(level: int, region_name: str) -> str:
        """`level_label` from the congress's level and region name, for rows read as values."""
        from renda.congresses.choices import CongressLevel

        if level == CongressLevel.NATIONAL:
            return "全国人大代表"
        return f"{region_name}人大代表"


class DeputyGroup(models.Model):
    """Deputies organised for joint activities: a deputy, liaison or specialist group."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"), max_length=20, choices=GroupKind.choices, default=GroupKind.DEPUTY_GROUP
    )
    congress = models.ForeignKey(
        "congresses.Congress",
        verbose_name=_("congress"),
        on_delete=models.PROTECT,
        related_name="groups",
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="deputy_groups",
    )

    objects = DeputyGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("deputy group")
        verbose_name_plural = _("deputy groups")
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "name"],
                name="group_unique_name",
                violation_error_message=_("This congress already has a group of that name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:group_detail", args=[self.pk])


class GroupMembership(models.Model):
    """A deputy (by mandate) in a group."""

    group = models.ForeignKey(
        DeputyGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    mandate = models.ForeignKey(
        Mandate,
        verbose_name=_("mandate"),
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    role = models.CharField(
        _("position"), max_length=20, choices=GroupRole.choices, default=GroupRole.MEMBER
    )

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "mandate"],
                name="membership_once_per_group",
                violation_error_message=_("This deputy is already in the group."),
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="leader"),
                name="membership_one_leader",
                violation_error_message=_("The group already has a leader."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.mandate.person.name}"
