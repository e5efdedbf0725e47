from django.urls import path

from renda.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.DeputySearchView.as_view(home=True), name="home"),
    path("deputies/", views.DeputySearchView.as_view(), name="deputies"),
    path("deputies/<int:pk>/", views.DeputyDetailView.as_view(), name="deputy"),
    path("deputies/<int:pk>/qr.svg", views.deputy_qr_svg, name="deputy_qr_svg"),
    path("deputies/<int:pk>/qr.png", views.deputy_qr_png, name="deputy_qr_png"),
    path("deputies/<int:pk>/plate.pdf", views.deputy_plate_pdf, name="deputy_plate"),
    path("stations/", views.StationListView.as_view(), name="stations"),
    path("stations/<int:pk>/", views.StationDetailView.as_view(), name="station"),
    path("stations/<int:pk>/reception.ics", views.station_ics, name="station_ics"),
    path("stations/<int:pk>/qr.svg", views.station_qr_svg, name="station_qr_svg"),
    path("api/", views.ApiGuideView.as_view(), name="api"),
]

# The station wall (公示墙), served at the site root in the "commitment_wall" namespace.
wall_urlpatterns = [
    path("stations/<int:pk>/wall/", views.WallView.as_view(), name="wall"),
    path("stations/<int:pk>/wall-a4.pdf", views.wall_pdf, {"size": "a4"}, name="wall_a4"),
    path("stations/<int:pk>/wall-a3.pdf", views.wall_pdf, {"size": "a3"}, name="wall_a3"),
]

# The public record of duties, served at the site root in the "public_assessment" namespace.
record_urlpatterns = [
    path(
        "deputies/<int:pk>/activities/",
        views.DeputyActivitiesView.as_view(),
        name="deputy_activities",
    ),
    path("commendations/", views.CommendationsView.as_view(), name="commendations"),
    path("evaluations/<int:pk>/scores/", views.ScoresView.as_view(), name="scores"),
]
