"""Signing in and out, each user's own password, and the office's pages for logins: the list,
a login's page with its roles, opening one, closing and reopening it, issuing a password, and
the deputies' logins of a congress in one go with the sheet to hand out.

An issued password is shown in the answer to the POST that issued it, and nowhere else: the
page is not cached, and the workbook of the bulk sheet travels inside the same page."""

import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import View

from renda.accounts import services, spreadsheets
from renda.accounts.filtersets import UserFilterSet
from renda.accounts.forms import (
    DeputyLoginsForm,
    PasswordChangeForm,
    RoleTargetForm,
    UserCreateForm,
)
from renda.accounts.models import RoleGrant, User
from renda.core.choices import Role
from renda.core.exceptions import DomainError
from renda.core.forms import StyledFormMixin
from renda.core.imports import XLSX
from renda.core.querysets import CHANGE
from renda.core.scope import scope_for
from renda.core.views import (
    ObjectDetailView,
    ObjectListView,
    RoleRequiredMixin,
    ScopedObjectMixin,
    ScopedServiceFormView,
    ServiceFormView,
)

LOCKED_OUT = _(
    "Too many failed sign-in attempts. Wait a quarter of an hour and try again, or ask your "
    "administrator."
)
PASSWORD_CHANGED = _("Your password has been changed.")
DEACTIVATED = _("The login is deactivated; it can no longer sign in.")
REACTIVATED = _("The login is active again.")
ROLE_ADDED = _("The role has been given.")
ROLE_REMOVED = _("The role has been taken away.")
NONE_WITHOUT_LOGIN = _("Every current deputy of %(congress)s has a login already.")


class LoginForm(StyledFormMixin, auth_views.AuthenticationForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes calls this when repeated failures lock a username and address out."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"detail": str(LOCKED_OUT), "code": "locked_out"}, status=429)
    return render(
        request,
        "accounts/login.html",
        {"form": LoginForm(request), "locked_out": LOCKED_OUT},
        status=429,
    )


class PasswordChangeView(auth_views.PasswordChangeView):
    """Everyone signed in changes their own password; a login whose password the office issued
    is sent here until it has."""

    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(min_length=settings.PASSWORD_MIN_LENGTH, **kwargs)

    def form_valid(self, form):
        user = services.password_change(user=form.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, user)
        messages.success(self.request, PASSWORD_CHANGED)
        return redirect(self.get_success_url())

    def get_success_url(self):
        scope = scope_for(self.request.user)
        if scope is not None and (scope.roles or scope.is_admin):
            return reverse("core:dashboard")
        return reverse("portal:home")


# --- The office's pages ------------------------------------------------------------------------


def _issued_page(request, template: str, context: dict):
    """A page that shows a password just issued: rendered in the POST's answer, never cached."""
    response = render(request, template, context)
    add_never_cache_headers(response)
    return response


class UserListView(ObjectListView):
    model = User
    filterset_class = UserFilterSet
    title = _("Logins")
    create_url_name = "accounts:user_create"
    extra_actions = [("accounts:deputy_logins", _("Logins for a congress's deputies"))]
    prefetch_related = (
        Prefetch(
            "grants",
            queryset=RoleGrant.objects.select_related(
                "region", "station", "person", "handling_unit"
            ).order_by("role", "pk"),
        ),
    )
    columns = [
        ("get_username_display", _("Username")),
        ("full_name", _("Full name")),
        ("roles_display", _("Roles")),
        ("status_display", _("Status")),
        ("last_login", _("Last sign-in")),
    ]

    def get_queryset(self):
        return super().get_queryset().order_by("username")


class UserDetailView(ObjectDetailView):
    model = User
    template_name = "accounts/user_detail.html"
    fields = ["username", "full_name", "is_active", "must_change_password", "last_login"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["grants"] = self.object.grants.select_related(
            "region", "station", "person", "handling_unit"
        ).order_by("role", "pk")
        ctx["is_self"] = self.object.pk == self.request.user.pk
        return ctx


class UserCreateView(ServiceFormView):
    form_class = UserCreateForm
    template_name = "accounts/role_form.html"
    title = _("Open a login")

    def perform(self, form):
        data = form.cleaned_data
        targets = form.targets()
        username, full_name = data["username"], data["full_name"]
        if data["role"] == Role.DEPUTY and targets:
            username = username or services.deputy_username(targets[0])
            full_name = full_name or targets[0].name
        return services.user_create_for_role(
            actor=self.request.user,
            username=username,
            full_name=full_name,
            role=data["role"],
            targets=targets,
        )

    def error_field(self, form, name: str) -> str:
        # The service names what a role is bound to "targets"; the form has a field per role.
        if name == "__all__":
            return "username"
        if name == "targets":
            field = services.ROLE_TARGET.get(form.cleaned_data["role"], "role")
            return {"station": "stations"}.get(field, field)
        return name

    def form_valid(self, form):
        try:
            issued = self.perform(form)
        except DomainError as exc:
            return self.refused(form, exc)
        return _issued_page(
            self.request,
            "accounts/issued.html",
            {"issued": issued, "title": _("Login opened"), "opened": True},
        )


class UserActionView(RoleRequiredMixin, ScopedObjectMixin, View):
    """A POST-only step on one login: call the service; a refusal is a message on its page."""

    model = User
    action = CHANGE
    done = None

    def post(self, request, pk):
        user = self.get_object()
        try:
            self.perform(user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, self.done)
        return redirect(user)

    def perform(self, user):  # pragma: no cover - every subclass overrides
        raise NotImplementedError


class UserDeactivateView(UserActionView):
    done = DEACTIVATED

    def perform(self, user):
        services.user_deactivate(actor=self.request.user, user=user)


class UserReactivateView(UserActionView):
    done = REACTIVATED

    def perform(self, user):
        services.user_reactivate(actor=self.request.user, user=user)


class UserPasswordResetView(UserActionView):
    """Issue a one-time password and show it, once."""

    def post(self, request, pk):
        user = self.get_object()
        try:
            issued = services.user_password_reset(actor=request.user, user=user)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(user)
        return _issued_page(
            request, "accounts/issued.html", {"issued": issued, "title": _("New password")}
        )


class UserGrantAddView(ScopedServiceFormView):
    model = User
    form_class = RoleTargetForm
    template_name = "accounts/role_form.html"
    success_message = ROLE_ADDED

    @property
    def title(self):
        return _("Give %(user)s a role") % {"user": self.object}

    def perform(self, form):
        services.user_roles_add(
            actor=self.request.user,
            user=self.object,
            role=form.cleaned_data["role"],
            targets=form.targets(),
        )
        return self.object


class UserGrantRemoveView(UserActionView):
    done = ROLE_REMOVED

    def post(self, request, pk, grant):
        self.grant_pk = grant
        return super().post(request, pk)

    def perform(self, user):
        grant = user.grants.filter(pk=self.grant_pk).first()
        if grant is None:
            raise Http404
        services.role_revoke(actor=self.request.user, grant=grant)


class UserUnitHeadView(UserGrantRemoveView):
    """Make a unit's login its head contact, or not (POST head=1/0)."""

    def perform(self, user):
        grant = user.grants.filter(pk=self.grant_pk).first()
        if grant is None:
            raise Http404
        head = self.request.POST.get("head") == "1"
        services.unit_head_set(actor=self.request.user, grant=grant, head=head)
        self.done = (
            _("Overdue reminders now reach this login.")
            if head
            else _("Overdue reminders no longer escalate to this login.")
        )


class DeputyLoginsView(ServiceFormView):
    """Open the logins of a congress's current deputies who have none, and hand out the sheet:
    a page to print and, in the same answer, its workbook."""

    form_class = DeputyLoginsForm
    template_name = "accounts/deputy_logins.html"
    title = _("Logins for a congress's deputies")

    def form_valid(self, form):
        congress = form.cleaned_data["congress"]
        try:
            issued = services.deputy_logins_create(actor=self.request.user, congress=congress)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
            return self.form_invalid(form)
        if not issued:
            messages.info(self.request, NONE_WITHOUT_LOGIN % {"congress": congress})
            return redirect("accounts:deputy_logins")
        now = timezone.localtime()
        workbook = spreadsheets.issued_workbook(congress, issued, now)
        return _issued_page(
            self.request,
            "accounts/deputy_logins_sheet.html",
            {
                "title": _("Initial passwords of %(congress)s") % {"congress": congress},
                "congress": congress,
                "issued": issued,
                "issued_at": now,
                "workbook_href": f"data:{XLSX};base64,{base64.b64encode(workbook).decode()}",
                "workbook_name": spreadsheets.issued_filename(congress, now),
                "sign_in_url": self.request.build_absolute_uri(reverse("accounts:login")),
            },
        )
