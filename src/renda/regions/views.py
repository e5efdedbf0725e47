from django.utils.translation import gettext_lazy as _

from renda.core import views as generic
from renda.regions import services
from renda.regions.filtersets import HandlingUnitFilterSet, RegionFilterSet
from renda.regions.forms import HandlingUnitForm, RegionChildForm, RegionNameForm
from renda.regions.models import HandlingUnit, Region


class RegionListView(generic.ObjectListView):
    model = Region
    filterset_class = RegionFilterSet
    select_related = ("parent",)
    columns = [
        ("name", _("Name")),
        ("code", _("Division code")),
        ("get_level_display", _("Level")),
        ("parent", _("Parent")),
    ]


class RegionDetailView(generic.ObjectDetailView):
    model = Region
    template_name = "regions/region_detail.html"
    fields = ["code", "name", "level", "parent"]
    edit_url_name = "regions:region_edit"
    select_related = ("parent",)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["children"] = self.object.children.order_by("code")
        ctx["units"] = self.object.handling_units.order_by("name")
        ctx["stations"] = self.object.stations.order_by("name")
        return ctx


class RegionEditView(generic.ScopedServiceFormView):
    model = Region
    form_class = RegionNameForm
    title = _("Rename region")

    def perform(self, form):
        return services.region_update(
            actor=self.request.user, region=self.object, name=form.cleaned_data["name"]
        )


class RegionChildCreateView(generic.ScopedServiceFormView):
    model = Region
    form_class = RegionChildForm
    title = _("New region under this one")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def perform(self, form):
        return services.region_create(
            actor=self.request.user, parent=self.object, **form.cleaned_data
        )


class HandlingUnitListView(generic.ObjectListView):
    model = HandlingUnit
    filterset_class = HandlingUnitFilterSet
    select_related = ("region",)
    columns = [
        ("name", _("Name")),
        ("short_name", _("Short name")),
        ("region", _("Region")),
        ("phone", _("Phone")),
        ("active", _("Active")),
    ]
    create_url_name = "regions:unit_create"
    title = _("Handling units")


class HandlingUnitDetailView(generic.ObjectDetailView):
    model = HandlingUnit
    roles = ("staff", "unit")
    fields = ["name", "short_name", "region", "phone", "active"]
    edit_url_name = "regions:unit_edit"
    select_related = ("region",)


class HandlingUnitCreateView(generic.ServiceFormView):
    form_class = HandlingUnitForm
    title = _("New handling unit")

    def perform(self, form):
        data = dict(form.cleaned_data)
        data.pop("active", None)
        return services.handling_unit_create(actor=self.request.user, **data)


class HandlingUnitEditView(generic.ScopedServiceFormView):
    model = HandlingUnit
    form_class = HandlingUnitForm
    title = _("Edit handling unit")

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "region"}
        return services.handling_unit_update(actor=self.request.user, unit=self.object, **data)
