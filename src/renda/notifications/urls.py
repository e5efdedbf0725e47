from django.urls import path

from renda.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.InboxView.as_view(), name="inbox"),
    path("read-all/", views.MarkAllReadView.as_view(), name="read_all"),
    path("<int:pk>/open/", views.NotificationOpenView.as_view(), name="open"),
]
