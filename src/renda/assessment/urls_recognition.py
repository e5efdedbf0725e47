"""Staff pages of commendations and exit warnings (namespace "recognition")."""

from django.urls import path

from renda.assessment import views_recognition as views

app_name = "recognition"
urlpatterns = [
    path("", views.CommendationListView.as_view(), name="commendation_list"),
    path("new/", views.CommendationCreateView.as_view(), name="commendation_create"),
    path(
        "from-results/",
        views.NominateFromResultsView.as_view(),
        name="commendations_nominate_from_results",
    ),
    path("<int:pk>/", views.CommendationDetailView.as_view(), name="commendation_detail"),
    path("<int:pk>/approve/", views.CommendationApproveView.as_view(), name="commendation_approve"),
    path("<int:pk>/reject/", views.CommendationRejectView.as_view(), name="commendation_reject"),
    path("<int:pk>/publish/", views.CommendationPublishView.as_view(), name="commendation_publish"),
    path(
        "<int:pk>/unpublish/",
        views.CommendationUnpublishView.as_view(),
        name="commendation_unpublish",
    ),
    path("exit-rules/", views.ExitRuleListView.as_view(), name="exit_rule_list"),
    path("exit-rules/set/", views.ExitRuleSetView.as_view(), name="exit_rule_set"),
    path("warnings/", views.WarningListView.as_view(), name="warning_list"),
    path("warnings/<int:pk>/", views.WarningDetailView.as_view(), name="warning_detail"),
    path("warnings/<int:pk>/update/", views.WarningUpdateView.as_view(), name="warning_update"),
]
