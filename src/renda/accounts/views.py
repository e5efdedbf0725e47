from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from renda.core.forms import StyledFormMixin

LOCKED_OUT = _(
    "Too many failed sign-in attempts. Wait a quarter of an hour and try again, or ask your "
    "administrator."
)


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
