from django.utils.translation import gettext_lazy as _

from renda.congresses import services
from renda.congresses.filtersets import CongressFilterSet
from renda.congresses.forms import CongressCreateForm, CongressForm, SessionForm, TermForm
from renda.congresses.models import Congress, Session, Term
from renda.core import views as generic


class CongressListView(generic.ObjectListView):
    model = Congress
    filterset_class = CongressFilterSet
    select_related = ("region",)
    columns = [("name", _("Name")), ("get_level_display", _("Level")), ("region", _("Region"))]
    create_url_name = "congresses:congress_create"


class CongressDetailView(generic.ObjectDetailView):
    model = Congress
    template_name = "congresses/congress_detail.html"
    fields = ["name", "level", "region"]
    edit_url_name = "congresses:congress_edit"
    select_related = ("region",)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["terms"] = self.object.terms.prefetch_related("sessions").select_related(
            "congress__region"
        )
        return ctx


class CongressCreateView(generic.ServiceFormView):
    form_class = CongressCreateForm
    title = _("New congress")

    def perform(self, form):
        return services.congress_create(actor=self.request.user, **form.cleaned_data)


class CongressEditView(generic.ScopedServiceFormView):
    model = Congress
    form_class = CongressForm
    title = _("Edit congress")

    def perform(self, form):
        return services.congress_update(
            actor=self.request.user, congress=self.object, **form.cleaned_data
        )


class TermCreateView(generic.ScopedServiceFormView):
    model = Congress
    form_class = TermForm
    title = _("New term")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Term(congress=self.object)
        return kwargs

    def perform(self, form):
        return services.term_create(
            actor=self.request.user, congress=self.object, **form.cleaned_data
        )


class TermEditView(generic.ScopedServiceFormView):
    model = Term
    form_class = TermForm
    title = _("Edit term")
    select_related = ("congress__region",)

    def perform(self, form):
        data = {k: form.cleaned_data[k] for k in ("start", "end")}
        return services.term_update(actor=self.request.user, term=self.object, **data)


class SessionCreateView(generic.ScopedServiceFormView):
    model = Term
    form_class = SessionForm
    title = _("New session")
    select_related = ("congress__region",)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Session(term=self.object)
        return kwargs

    def perform(self, form):
        return services.session_create(
            actor=self.request.user, term=self.object, **form.cleaned_data
        )


class SessionEditView(generic.ScopedServiceFormView):
    model = Session
    form_class = SessionForm
    title = _("Edit session")
    select_related = ("term__congress__region",)

    def perform(self, form):
        data = {k: form.cleaned_data[k] for k in ("start", "end")}
        return services.session_update(actor=self.request.user, session=self.object, **data)
