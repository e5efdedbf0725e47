"""Pages of motions and suggestions, under /manage/suggestions/ in the "suggestions" namespace;
the public pages of disclosed items, at the site root in the "public_suggestions" namespace."""

from django.urls import path

from renda.core.views import transition_urls
from renda.suggestions import public_views, views
from renda.suggestions.workflow import SUGGESTION

app_name = "suggestions"

urlpatterns = [
    path("", views.SuggestionListView.as_view(), name="suggestion_list"),
    path("mine/", views.MySuggestionsView.as_view(), name="mine"),
    path("new/", views.SuggestionCreateView.as_view(), name="suggestion_create"),
    path("<int:pk>/", views.SuggestionDetailView.as_view(), name="suggestion_detail"),
    path("<int:pk>/edit/", views.SuggestionEditView.as_view(), name="suggestion_edit"),
    path("<int:pk>/invite/", views.InviteView.as_view(), name="suggestion_invite"),
    path("<int:pk>/uninvite/", views.UninviteView.as_view(), name="suggestion_uninvite"),
    path("<int:pk>/cosign/", views.CosignView.as_view(), name="suggestion_cosign"),
    path("<int:pk>/disclose/", views.DiscloseView.as_view(), name="suggestion_disclose"),
    path("<int:pk>/nominate/", views.NominateView.as_view(), name="suggestion_nominate"),
    path("<int:pk>/supervise/", views.SuperviseView.as_view(), name="suggestion_supervise"),
    path("rules/", views.RulesIndexView.as_view(), name="rules_index"),
    path("rules/<int:pk>/", views.RulesView.as_view(), name="rules"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("statistics.xlsx", views.StatisticsExportView.as_view(), name="statistics_export"),
    path("register.xlsx", views.RegisterExportView.as_view(), name="register_export"),
    path("supervision/", views.SupervisionListView.as_view(), name="supervision_list"),
    path("supervision/new/", views.SupervisionCreateView.as_view(), name="supervision_create"),
    path("supervision/<int:pk>/", views.SupervisionDetailView.as_view(), name="supervision_detail"),
    path(
        "supervision/<int:pk>/activity/",
        views.SupervisionEventView.as_view(),
        name="supervision_event",
    ),
    *transition_urls(SUGGESTION),
]

# The public pages (公开), served at the site root in the "public_suggestions" namespace.
public_urlpatterns = [
    path("suggestions/", public_views.PublicSuggestionListView.as_view(), name="list"),
    path("suggestions/<int:pk>/", public_views.PublicSuggestionDetailView.as_view(), name="detail"),
    path(
        "suggestions/statistics/",
        public_views.PublicStatisticsView.as_view(),
        name="statistics",
    ),
]
