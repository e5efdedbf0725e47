"""Deputy and staff pages of the activity register (namespace "activities")."""

from django.urls import path

from renda.activities import views, workflow
from renda.core.views import transition_urls

app_name = "activities"
urlpatterns = [
    path("", views.ActivityListView.as_view(), name="activity_list"),
    path("queue/", views.QueueView.as_view(), name="queue"),
    path("mine/", views.MineView.as_view(), name="mine"),
    path("new/", views.ActivityRegisterView.as_view(), name="register"),
    path("people/<int:person_pk>/", views.MineView.as_view(), name="person_activities"),
    path(
        "people/<int:person_pk>/new/",
        views.ActivityRegisterView.as_view(),
        name="register_for",
    ),
    path("<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    *transition_urls(workflow.ACTIVITY),
    path("<int:pk>/evidence/", views.EvidenceAddView.as_view(), name="evidence_add"),
    path("batches/", views.BatchListView.as_view(), name="batch_list"),
    path("batches/new/", views.BatchCreateView.as_view(), name="batch_create"),
    path("batches/<int:pk>/", views.BatchDetailView.as_view(), name="batch_detail"),
    path("types/", views.TypeListView.as_view(), name="type_list"),
    path("types/new/", views.TypeCreateView.as_view(), name="type_create"),
    path("types/preset/", views.TypesApplyPresetView.as_view(), name="types_apply_preset"),
    path("types/<int:pk>/edit/", views.TypeEditView.as_view(), name="type_edit"),
    path("requirements/", views.RequirementIndexView.as_view(), name="requirement_index"),
    path(
        "terms/<int:term_pk>/requirements/",
        views.RequirementListView.as_view(),
        name="requirement_list",
    ),
    path(
        "terms/<int:term_pk>/requirements/set/",
        views.RequirementSetView.as_view(),
        name="requirement_set",
    ),
    path(
        "terms/<int:term_pk>/requirements/preset/",
        views.RequirementsApplyPresetView.as_view(),
        name="requirements_apply_preset",
    ),
    path(
        "requirements/<int:pk>/delete/",
        views.RequirementDeleteView.as_view(),
        name="requirement_delete",
    ),
    path("excuses/", views.ExcuseListView.as_view(), name="excuse_list"),
    path("excuses/new/", views.ExcuseCreateView.as_view(), name="excuse_create"),
    path("excuses/<int:pk>/delete/", views.ExcuseDeleteView.as_view(), name="excuse_delete"),
    path("seats/<int:mandate_pk>/", views.SeatProgressView.as_view(), name="seat_progress"),
    path(
        "seats/<int:mandate_pk>/excuses/new/",
        views.ExcuseCreateView.as_view(),
        name="seat_excuse_create",
    ),
    path("shortfalls/", views.ShortfallsView.as_view(), name="shortfalls"),
    path("shortfalls/export/", views.ShortfallsExportView.as_view(), name="shortfalls_export"),
]
