"""Staff pages of exit rules and warnings. The project's URLs serve them under
/manage/recognition/ in the "recognition" namespace, with the commendations' pages."""

from django.urls import path

from renda.core.views import transition_urls
from renda.exit_warnings import views
from renda.exit_warnings.workflow import EXIT_WARNING

urlpatterns = [
    path("exit-rules/", views.ExitRuleListView.as_view(), name="exit_rule_list"),
    path("exit-rules/set/", views.ExitRuleSetView.as_view(), name="exit_rule_set"),
    path("warnings/", views.WarningListView.as_view(), name="warning_list"),
    path("warnings/<int:pk>/", views.WarningDetailView.as_view(), name="warning_detail"),
    *transition_urls(EXIT_WARNING, prefix="warnings/<int:pk>/"),
    # Deprecated: records a status; the steps above each have their page.
    path("warnings/<int:pk>/update/", views.WarningUpdateView.as_view(), name="warning_update"),
]
