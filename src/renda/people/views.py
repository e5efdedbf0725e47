import datetime

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View

from renda.core import views as generic
from renda.core.querysets import CHANGE
from renda.people import services
from renda.people.filtersets import GroupFilterSet, PersonFilterSet
from renda.people.forms import (
    DeputyCreateForm,
    GroupCreateForm,
    GroupForm,
    GroupMemberForm,
    MandateEndForm,
    MandateForm,
    PersonContactForm,
    PersonForm,
    PhotoForm,
)
from renda.people.models import DeputyGroup, GroupMembership, Mandate, Person
from renda.people.selectors import current_mandates_prefetch

# --- People ---------------------------------------------------------------------------------


class PersonListView(generic.ObjectListView):
    model = Person
    filterset_class = PersonFilterSet
    template_name = "people/person_list.html"
    prefetch_related = (current_mandates_prefetch(),)
    create_url_name = "people:person_create"
    extra_actions = [
        ("people:roster_import", _("Import roster")),
        ("people:roster_export", _("Export roster")),
    ]
    title = _("People")

    def get_queryset(self):
        return super().get_queryset().official_order()


class PersonDetailView(generic.ObjectDetailView):
    model = Person
    roles = ("staff", "deputy", "liaison")
    template_name = "people/person_detail.html"
    fields = [
        "name",
        "gender",
        "ethnicity",
        "birth_date",
        "party",
        "education",
        "phone",
        "phone_public",
        "id_number",
    ]
    edit_url_name = "people:person_edit"
    # The private fields a reader may not see (people.privacy) are left out by the generic view,
    # from the fields and from the history alike.

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        person = self.object
        mandates = list(
            person.mandates.select_related(
                "congress__region", "term__congress__region", "electoral_region"
            )
            # Station assignments by the reverse relation: stations stand above people.
            .prefetch_related("station_assignments__station")
            .order_by("end", "congress__level")
        )
        ctx["mandates"] = mandates
        ctx["memberships"] = GroupMembership.objects.filter(mandate__person=person).select_related(
            "group"
        )
        assignments = [a for m in mandates for a in m.station_assignments.all()]
        ctx["assignments"] = sorted(
            assignments,
            key=lambda a: (a.end is not None, a.end or datetime.date.min, a.station.name),
        )
        # Seats and groups are the staff's to keep: a deputy reading their own record (who may
        # change their profile) is offered no link that would refuse them.
        ctx["keeps_seats"] = ctx["can_change"] and self.scope.has("staff")
        ctx["opens_groups"] = self.scope.has("staff")
        return ctx


class PersonCreateView(generic.ServiceFormView):
    form_class = DeputyCreateForm
    title = _("New deputy")

    def perform(self, form):
        mandate = services.deputy_create(
            actor=self.request.user,
            person=form.person_data(),
            term=form.cleaned_data["term"],
            seat=form.seat_data(),
        )
        return mandate.person


class PersonEditView(generic.ScopedServiceFormView):
    model = Person
    form_class = PersonForm
    title = _("Edit person")
    roles = ("staff", "deputy")

    def get_form_class(self):
        # A deputy without the staff role edits their own contact details only.
        return PersonForm if self.scope.has("staff") else PersonContactForm

    def perform(self, form):
        return services.person_update(
            actor=self.request.user, person=self.object, **form.cleaned_data
        )


class PersonPhotoView(generic.ScopedServiceFormView):
    model = Person
    form_class = PhotoForm
    title = _("Upload photo")
    roles = ("staff", "deputy")

    def perform(self, form):
        return services.person_set_photo(
            actor=self.request.user, person=self.object, photo=form.cleaned_data["photo"]
        )


# --- Mandates -------------------------------------------------------------------------------


class MandateCreateView(generic.ScopedServiceFormView):
    model = Person
    form_class = MandateForm
    title = _("New seat")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Mandate(person=self.object)
        return kwargs

    def perform(self, form):
        data = dict(form.cleaned_data)
        term = data.pop("term")
        return services.mandate_create(
            actor=self.request.user, person=self.object, term=term, **data
        )


class MandateEditView(generic.ScopedServiceFormView):
    model = Mandate
    form_class = MandateForm
    title = _("Edit seat")
    select_related = ("person", "term__congress__region")

    def perform(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "term"}
        if data.get("start") is None:
            data.pop("start", None)
        return services.mandate_update(actor=self.request.user, mandate=self.object, **data)


class MandateEndView(generic.ScopedServiceFormView):
    model = Mandate
    form_class = MandateEndForm
    title = _("End seat")
    select_related = ("person", "term__congress__region")
    success_message = _(
        "The seat has ended; its station assignments and group memberships ended with it."
    )

    def perform(self, form):
        return services.mandate_end(
            actor=self.request.user, mandate=self.object, **form.cleaned_data
        )


# --- Deputy groups --------------------------------------------------------------------------


class GroupListView(generic.ObjectListView):
    model = DeputyGroup
    filterset_class = GroupFilterSet
    select_related = ("congress", "region")
    columns = [
        ("name", _("Name")),
        ("get_kind_display", _("Kind")),
        ("congress", _("Congress")),
        ("region", _("Region")),
    ]
    create_url_name = "people:group_create"
    title = _("Deputy groups")


class GroupDetailView(generic.ObjectDetailView):
    model = DeputyGroup
    template_name = "people/group_detail.html"
    fields = ["name", "kind", "congress", "region"]
    edit_url_name = "people:group_edit"
    select_related = ("congress", "region")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["memberships"] = self.object.memberships.select_related(
            "mandate__person", "mandate__congress__region"
        ).order_by("role", "mandate__person__stroke_key")
        return ctx


class GroupCreateView(generic.ServiceFormView):
    form_class = GroupCreateForm
    title = _("New deputy group")

    def perform(self, form):
        return services.group_create(actor=self.request.user, **form.cleaned_data)


class GroupEditView(generic.ScopedServiceFormView):
    model = DeputyGroup
    form_class = GroupForm
    title = _("Edit deputy group")

    def perform(self, form):
        return services.group_update(
            actor=self.request.user, group=self.object, **form.cleaned_data
        )


class GroupMemberAddView(generic.ScopedServiceFormView):
    model = DeputyGroup
    form_class = GroupMemberForm
    title = _("Add a deputy to the group")

    def perform(self, form):
        services.group_member_add(actor=self.request.user, group=self.object, **form.cleaned_data)
        return self.object


class GroupMemberRemoveView(generic.RoleRequiredMixin, View):
    """POST only: take a deputy out of a group."""

    def post(self, request, pk, membership_pk):
        group = get_object_or_404(DeputyGroup.objects.restrict(request.user, CHANGE), pk=pk)
        membership = get_object_or_404(
            group.memberships.select_related("mandate__person"), pk=membership_pk
        )
        services.group_member_remove(actor=request.user, membership=membership)
        return redirect(group)
