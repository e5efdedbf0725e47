from django.urls import path

from renda.core import views

app_name = "core"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("todo/", views.TodoView.as_view(), name="todo"),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
]
