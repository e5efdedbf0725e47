"""Two rules about a signed-in session: a password the office issued is changed before anything
else, and a staff session ends after a spell without activity (settings.RENDA_STAFF_IDLE_MINUTES;
deputies, liaisons and units keep Django's normal session)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from renda.core.choices import Role
from renda.core.scope import scope_for

LAST_ACTIVITY = "renda_last_activity"
# The stamp is written at most this often, so a busy session is not saved on every request.
STAMP_EVERY_SECONDS = 60

MUST_CHANGE = _("The office issued your password: choose your own before you go on.")
SIGNED_OUT_IDLE = _(
    "You were signed out after %(minutes)s minutes without activity. Please sign in again."
)


def stamp_activity(sender, request, user, **kwargs):
    """On signing in (user_logged_in), start the idle clock."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY] = int(time.time())


def _is_staff(user) -> bool:
    scope = scope_for(user)
    return scope is not None and scope.has(Role.STAFF)


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        minutes = getattr(settings, "RENDA_STAFF_IDLE_MINUTES", 0)
        user = getattr(request, "user", None)
        if minutes and user is not None and user.is_authenticated and _is_staff(user):
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY)
            if last is not None and now - last > minutes * 60:
                logout(request)
                messages.info(request, SIGNED_OUT_IDLE % {"minutes": minutes})
            elif last is None or now - last >= STAMP_EVERY_SECONDS:
                request.session[LAST_ACTIVITY] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """While `must_change_password` is set, every page but the change page, signing out and the
    language switch sends the user to the change page (the API answers 403)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not self._allowed(request.path)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": str(MUST_CHANGE), "code": "password_change_required"}, status=403
                )
            return redirect(reverse("accounts:password_change"))
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        allowed = (
            reverse("accounts:password_change"),
            reverse("accounts:logout"),
            reverse("accounts:login"),
            reverse("set_language"),
        )
        return path in allowed or path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
