"""Staff pages of commendations. The project's URLs serve them under /manage/recognition/ in the
"recognition" namespace, with the exit warnings' (`exit_warnings.urls`)."""

from django.urls import path

from renda.commendations import views
from renda.commendations.workflow import COMMENDATION
from renda.core.views import transition_urls

urlpatterns = [
    path("", views.CommendationListView.as_view(), name="commendation_list"),
    path("new/", views.CommendationCreateView.as_view(), name="commendation_create"),
    path(
        "from-results/",
        views.NominateFromResultsView.as_view(),
        name="commendations_nominate_from_results",
    ),
    path("<int:pk>/", views.CommendationDetailView.as_view(), name="commendation_detail"),
    *transition_urls(COMMENDATION),
]
