"""Generic staff views: list with a FilterSet, detail with a timeline, and forms that call one
service. App views subclass these and name their model, filterset, columns and service."""

import copy

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View, i18n
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import DetailView, FormView, TemplateView
from django_filters.views import FilterView

from renda.core import audit, history, privacy, todo, workbench
from renda.core.exceptions import DomainError, PermissionRefused
from renda.core.querysets import CHANGE, VIEW
from renda.core.scope import scope_for


class RoleRequiredMixin(LoginRequiredMixin):
    """Anonymous users go to the login page; signed-in users without one of `roles` get 403."""

    roles: tuple[str, ...] = ("staff",)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.scope = scope_for(request.user)
        if self.scope is None or not self.scope.has(*self.roles):
            raise PermissionDenied(_("Your role does not give access to this page."))
        return super().dispatch(request, *args, **kwargs)


class ScopedObjectMixin:
    """Fetch the object through `.restrict()`: outside the scope is a 404 like a missing row."""

    model = None
    action = VIEW
    select_related: tuple[str, ...] = ()

    def scoped_queryset(self, action=None):
        qs = self.model.objects.restrict(self.request.user, action or self.action)
        return qs.select_related(*self.select_related) if self.select_related else qs

    def get_object(self, queryset=None):
        try:
            return self.scoped_queryset().get(pk=self.kwargs["pk"])
        except (self.model.DoesNotExist, ValueError) as exc:
            raise Http404 from exc


class ObjectListView(RoleRequiredMixin, FilterView):
    """A filtered, paginated table of the objects in the user's scope."""

    template_name = "core/object_list.html"
    paginate_by = 50
    columns: list[tuple[str, str]] = []  # (attribute path or callable name, heading)
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    create_url_name: str | None = None
    extra_actions: list[tuple[str, str]] = []  # (url name, label) shown beside "new"
    title = None
    strict = False

    def get_queryset(self):
        qs = self.model.objects.restrict(self.request.user, VIEW)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = []
        for obj in ctx["object_list"]:
            rows.append((obj, [(label, _resolve(obj, path)) for path, label in self.columns]))
        params = self.request.GET.copy()
        params.pop("page", None)
        ctx.update(
            title=self.title or self.model._meta.verbose_name_plural,
            headings=[label for _path, label in self.columns],
            rows=rows,
            create_url=reverse(self.create_url_name) if self.create_url_name else None,
            extra_actions=[(reverse(name), label) for name, label in self.extra_actions],
            querystring=params.urlencode(),
        )
        return ctx


def _resolve(obj, path: str):
    value = obj
    for part in path.split("."):
        if value is None:
            return ""
        value = getattr(value, part)
        if callable(value) and not hasattr(value, "all"):
            value = value()
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else value


class ObjectDetailView(RoleRequiredMixin, ScopedObjectMixin, DetailView):
    template_name = "core/object_detail.html"
    fields: list[str] = []
    edit_url_name: str | None = None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        obj = self.object
        meta = obj._meta
        # A private field the reader may not see is left out here, as the history leaves out
        # its values (core.privacy, asked again by the timeline's template tag).
        hidden = privacy.hidden_fields(self.request.user, obj)
        ctx["field_rows"] = [
            (meta.get_field(name).verbose_name, _display(obj, name))
            for name in self.fields
            if name not in hidden
        ]
        ctx["timeline"] = audit.timeline(obj)[:50]
        ctx["can_change"] = self.scoped_queryset(CHANGE).filter(pk=obj.pk).exists()
        if self.edit_url_name and ctx["can_change"]:
            ctx["edit_url"] = reverse(self.edit_url_name, args=[obj.pk])
        ctx["title"] = str(obj)
        return ctx


def _display(obj, name: str):
    getter = getattr(obj, f"get_{name}_display", None)
    if getter:
        return getter()
    value = getattr(obj, name)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return "" if value is None else value


class ServiceFormView(RoleRequiredMixin, FormView):
    """A form whose valid data goes to one service. A refusal becomes a form error; nothing is
    saved. Subclasses implement `perform(form) -> object` and may set `object` in `setup_object`."""

    template_name = "core/object_form.html"
    title = None
    success_message = _("Saved.")
    object = None

    def setup_object(self):
        """Load the object being acted on (through the scope) before the form is built."""

    def get(self, request, *args, **kwargs):
        self.setup_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_object()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if self.object is not None and getattr(self.get_form_class(), "_meta", None):
            # A copy: ModelForm validation writes cleaned values onto its instance, and the
            # service must see the object as it was to audit from → to.
            kwargs["instance"] = copy.copy(self.object)
        return kwargs

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except DomainError as exc:
            return self.refused(form, exc)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url_for(result))

    def refused(self, form, exc):
        """The form again, each of the refusal's field errors beside its field (named by
        `error_field`), the rest above the form."""
        _place_errors(form, exc, lambda name: self.error_field(form, name))
        return self.form_invalid(form)

    def error_field(self, form, name: str) -> str:
        """The form field showing a service's error on `name` (the same name by default)."""
        return name

    def perform(self, form):  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    def get_success_url_for(self, result):
        return (
            result.get_absolute_url()
            if hasattr(result, "get_absolute_url")
            else reverse("core:dashboard")
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = self.title
        ctx["object"] = self.object
        return ctx


class ScopedServiceFormView(ScopedObjectMixin, ServiceFormView):
    """A service form on one object, fetched with the CHANGE scope."""

    action = CHANGE

    def setup_object(self):
        self.object = self.get_object()


class DashboardView(RoleRequiredMixin, TemplateView):
    """The signed-in user's start page: what their roles reach."""

    roles = ("staff", "liaison", "deputy", "unit")
    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["todo"] = [line for line in todo.lines_for(self.request.user) if line.waiting]
        ctx["figures"] = workbench.figures(self.request.user)
        ctx["cards"] = workbench.cards(self.request.user)
        return ctx


class TodoView(RoleRequiredMixin, TemplateView):
    """待办, where everyone lands after signing in: what waits for the user in every workflow
    and app (to review, to verify, sent back to them, minimums still short, the next reception
    day), each line linking to where it is done; what has nothing waiting below, and when
    nothing waits at all, what the page will hold for the user's roles."""

    roles = ("staff", "liaison", "deputy", "unit", "admin")
    template_name = "core/todo.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lines = todo.lines_for(self.request.user)
        ctx["waiting"] = [line for line in lines if line.waiting]
        ctx["quiet"] = [line for line in lines if not line.waiting]
        ctx["holds"] = todo.holds_for(self.request.user)
        return ctx


def permission_denied(request, exception=None):
    return render(request, "403.html", {"message": str(exception or "")}, status=403)


class AuditLogView(RoleRequiredMixin, TemplateView):
    """Every recorded change, newest first, in words; filtered by day, who, kind of record and
    action; a page of rows in a constant number of queries. Administrators only."""

    roles = ("admin",)
    template_name = "core/audit_log.html"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        from renda.core.filtersets import AuditLogFilterSet
        from renda.core.models import AuditEntry

        ctx = super().get_context_data(**kwargs)
        filterset = AuditLogFilterSet(
            self.request.GET or None,
            queryset=AuditEntry.objects.select_related("actor", "content_type"),
            request=self.request,
        )
        # Input that is not a date or a choice shows its error and no rows, not every row.
        valid = not filterset.is_bound or filterset.is_valid()
        qs = filterset.qs if valid else filterset.queryset.none()
        page = Paginator(qs, self.paginate_by).get_page(self.request.GET.get("page"))
        params = self.request.GET.copy()
        params.pop("page", None)
        ctx.update(
            filter=filterset,
            lines=history.read(page.object_list, self.request.user),
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.has_other_pages(),
            querystring=params.urlencode(),
        )
        return ctx


# --- Workflow steps -------------------------------------------------------------------------------


STEP_DONE = _("%(step)s.")


class TransitionView(RoleRequiredMixin, View):
    """The page of one workflow step (`core.workflow`): POST takes it through the workflow's one
    service body; a step that asks for input (a reason, a result) also answers GET with its
    form. A refusal writes nothing: input errors show on the form, any other refusal as a
    message on the object's page. After the step, back to `next` (a local URL) or the object.

    Made by `transition_urls`, one per transition; the roles come from the declaration."""

    workflow = None
    transition: str = ""
    template_name = "core/transition_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.roles = self.workflow.roles_for(self.transition)
        return super().dispatch(request, *args, **kwargs)

    @property
    def step(self):
        return self.workflow.transitions[self.transition]

    def get_object(self):
        qs = self.workflow.model.objects.restrict(self.request.user, CHANGE)
        if self.workflow.select_related:
            qs = qs.select_related(*self.workflow.select_related)
        try:
            return qs.get(pk=self.kwargs["pk"])
        except (self.workflow.model.DoesNotExist, ValueError) as exc:
            raise Http404 from exc

    def make_form(self, obj, data=None, files=None):
        if self.step.form is None:
            return None
        return self.step.form(data, files, user=self.request.user, obj=obj)

    def get(self, request, *args, **kwargs):
        if not self.step.asks_input:
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object()
        return self.render(obj, self.make_form(obj))

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        form = self.make_form(obj, request.POST, request.FILES)
        if form is not None and not form.is_valid():
            if self.step.asks_input:
                return self.render(obj, form)
            messages.error(request, _first_error(form))
            return self.leave(obj)
        data = dict(form.cleaned_data) if form is not None else {}
        note = data.pop("note", "")
        try:
            self.workflow.transition(
                actor=request.user, obj=obj, name=self.transition, note=note, **data
            )
        except PermissionRefused as exc:
            # Who may not take the step at all is refused like any page they may not open.
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            if self.step.asks_input and _place_errors(form, exc):
                return self.render(obj, form)
            messages.error(request, exc.message)
            return redirect(obj)
        messages.success(request, self.step.success or STEP_DONE % {"step": self.step.done})
        return self.leave(obj)

    def leave(self, obj):
        target = self.request.POST.get("next", "")
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return redirect(target)
        return redirect(obj)

    def render(self, obj, form):
        return render(
            self.request,
            self.template_name,
            {
                "title": self.step.label_from(getattr(obj, self.workflow.field)),
                "object": obj,
                "form": form,
                "intro_template": self.workflow.intro_template,
                "submit_label": self.step.label_from(getattr(obj, self.workflow.field)),
                "back_url": obj.get_absolute_url(),
            },
        )


def _first_error(form) -> str:
    return next(str(m) for msgs in form.errors.values() for m in msgs)


def _place_errors(form, exc: DomainError, field_of=None) -> bool:
    """Put a refusal on the form: on its field if it names one the form has (`field_of` maps
    the service's name to the form's), else on the form. False when there is no form to show
    it on."""
    if form is None:
        return False
    errors = exc.extra.get("errors") or {}
    placed = False
    for name, msgs in errors.items():
        field = field_of(name) if field_of else name
        if field in form.fields:
            for m in msgs:
                form.add_error(field, m)
            placed = True
    if not placed:
        form.add_error(None, str(exc.message))
    return True


def transition_urls(workflow, prefix: str = "<int:pk>/") -> list:
    """One URL per transition of `workflow`: `<prefix><name>/`, named as the workflow says."""
    from django.urls import path

    return [
        path(
            f"{prefix}{name}/",
            TransitionView.as_view(workflow=workflow, transition=name),
            name=workflow.url_name.format(name=name).split(":")[-1],
        )
        for name in workflow.transitions
    ]


@csrf_exempt
def set_language(request):
    """Django's language switch. Anonymous visitors' pages carry no CSRF token (they are cached
    and shared, core/public_cache.py), so their switch needs none: choosing a language is all it
    can do. A signed-in user's switch is checked as every other form is."""
    if request.user.is_authenticated:
        return csrf_protect(i18n.set_language)(request)
    return i18n.set_language(request)
