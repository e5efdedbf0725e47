from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from renda.accounts.querysets import UserQuerySet
from renda.core.choices import Role


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    """Django's user manager with `.restrict()`: the logins a user may manage."""


class User(AbstractUser):
    """A login. What it may see and do comes from its role grants, not from Django groups."""

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set when the password was issued by the office; cleared by changing it."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_username_display(self):
        """The username as pages show it: an identifier set in code type, not words (a
        username such as "liyuan42" or "rc-staff" is typed, not read)."""
        return format_html("<code>{}</code>", self.username)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("accounts:user_detail", args=[self.pk])

    def roles_display(self) -> str:
        """Its roles and what each is bound to (read from a prefetch of `grants` in lists)."""
        return "；".join(str(g) for g in self.grants.all())

    def status_display(self):
        return _("Active") if self.is_active else _("Deactivated")


class RoleGrant(models.Model):
    """One role held by a user, bound to what it reaches: a region, station, person or unit."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="grants"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    station = models.ForeignKey(
        "stations.Station",
        verbose_name=_("station"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    handling_unit = models.ForeignKey(
        "regions.HandlingUnit",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # A handling unit's head contact (分管负责人): reminders of overdue work escalate to them.
    unit_head = models.BooleanField(_("head contact of the unit"), default=False)

    class Meta:
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role="admin",
                        region__isnull=True,
                        station__isnull=True,
                        person__isnull=True,
                        handling_unit__isnull=True,
                    )
                    | Q(
                        role="staff",
                        region__isnull=False,
                        station__isnull=True,
                        person__isnull=True,
                        handling_unit__isnull=True,
                    )
                    | Q(
                        role="liaison",
                        region__isnull=True,
                        station__isnull=False,
                        person__isnull=True,
                        handling_unit__isnull=True,
                    )
                    | Q(
                        role="deputy",
                        region__isnull=True,
                        station__isnull=True,
                        person__isnull=False,
                        handling_unit__isnull=True,
                    )
                    | Q(
                        role="unit",
                        region__isnull=True,
                        station__isnull=True,
                        person__isnull=True,
                        handling_unit__isnull=False,
                    )
                ),
                name="grant_binds_what_its_role_needs",
                violation_error_message=_(
                    "Staff are bound to a region, liaisons to a station, deputies to a person, "
                    "handling-unit users to a unit, administrators to nothing."
                ),
            ),
            # One grant per role and target; partial constraints, because SQLite has no
            # NULLS NOT DISTINCT.
            *[
                models.UniqueConstraint(
                    fields=["user", target],
                    condition=Q(role=role),
                    name=f"grant_unique_{role}",
                    violation_error_message=_("The user already holds this role."),
                )
                for role, target in [
                    ("admin", "role"),
                    ("staff", "region"),
                    ("liaison", "station"),
                    ("deputy", "person"),
                    ("unit", "handling_unit"),
                ]
            ],
        ]

    def __str__(self) -> str:
        target = self.region or self.station or self.person or self.handling_unit
        return f"{self.get_role_display()} · {target}" if target else self.get_role_display()
