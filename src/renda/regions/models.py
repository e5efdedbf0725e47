from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from renda.core.identity import validate_phone
from renda.regions.choices import PREFIX_LENGTH, RegionLevel
from renda.regions.querysets import HandlingUnitQuerySet, RegionQuerySet

code_validator = RegexValidator(r"^\d{12}$", _("A division code has exactly 12 digits."))


class Region(models.Model):
    """An administrative division, keyed by its 12-digit statistical division code."""

    code = models.CharField(
        _("division code"), max_length=12, unique=True, validators=[code_validator]
    )
    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The code's significant digits: every region under this one has a code that starts so.
    prefix = models.CharField(_("code prefix"), max_length=12, db_index=True, editable=False)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=5),
                name="region_level_known",
                violation_error_message=_("Unknown region level."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.prefix = self.code[: PREFIX_LENGTH[self.level]]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("regions:region_detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        """The name with its ancestors below the province, as an address writes it."""
        parts = [r.name for r in Region.objects.ancestors_of(self) if r.level > 1] + [self.name]
        return "".join(parts)

    def contains(self, other: "Region") -> bool:
        return other.code.startswith(self.prefix)


class HandlingUnit(models.Model):
    """A government department or agency of a region that answers work assigned to it."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="handling_units"
    )
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[validate_phone])
    active = models.BooleanField(_("active"), default=True)

    objects = HandlingUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("handling unit")
        verbose_name_plural = _("handling units")
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"],
                name="handling_unit_unique_name",
                violation_error_message=_("This region already has a handling unit of that name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("regions:unit_detail", args=[self.pk])
