"""What the public portal shows of activities and evaluations, at the site root."""

from django.urls import path

from renda.assessment import public

app_name = "public_assessment"
urlpatterns = [
    path(
        "deputies/<int:pk>/activities/",
        public.DeputyActivitiesView.as_view(),
        name="deputy_activities",
    ),
    path("commendations/", public.CommendationsView.as_view(), name="commendations"),
    path("evaluations/<int:pk>/scores/", public.ScoresView.as_view(), name="scores"),
]
