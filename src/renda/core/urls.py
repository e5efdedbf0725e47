from django.urls import path

from renda.core import views, views_workdays

app_name = "core"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("todo/", views.TodoView.as_view(), name="todo"),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("workdays/", views_workdays.WorkdayListView.as_view(), name="workdays"),
    path(
        "workdays/<int:pk>/delete/",
        views_workdays.WorkdayOverrideDeleteView.as_view(),
        name="workday_override_delete",
    ),
]
