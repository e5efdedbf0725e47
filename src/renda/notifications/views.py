"""The inbox: a signed-in user's own notifications. Another user's id answers 404."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from renda.notifications import services
from renda.notifications.models import Notification
from renda.notifications.selectors import unread_count


class InboxView(LoginRequiredMixin, ListView):
    """The user's notifications, unread first, newest first."""

    template_name = "notifications/inbox.html"
    context_object_name = "notifications"
    paginate_by = 20

    def get_queryset(self):
        return Notification.objects.for_recipient(self.request.user).inbox_order()

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["unread_count"] = unread_count(self.request.user)
        return ctx


class NotificationOpenView(LoginRequiredMixin, View):
    """Mark one notification read and go where it points (or back to the inbox)."""

    http_method_names = ["post"]

    def post(self, request, pk):
        notification = get_object_or_404(Notification.objects.for_recipient(request.user), pk=pk)
        services.notification_mark_read(actor=request.user, notification=notification)
        link = notification.link
        if link and url_has_allowed_host_and_scheme(
            link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return redirect(link)
        return redirect("notifications:inbox")


class MarkAllReadView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        count = services.notifications_mark_all_read(actor=request.user)
        if count:
            messages.success(request, _("All notifications are marked read."))
        return redirect("notifications:inbox")
