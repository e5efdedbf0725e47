"""The station wall (公示墙): the public page and the printable posters, at the site root."""

from django.urls import path

from renda.commitments import wall

app_name = "commitment_wall"
urlpatterns = [
    path("stations/<int:pk>/wall/", wall.WallView.as_view(), name="wall"),
    path("stations/<int:pk>/wall-a4.pdf", wall.wall_pdf, {"size": "a4"}, name="wall_a4"),
    path("stations/<int:pk>/wall-a3.pdf", wall.wall_pdf, {"size": "a3"}, name="wall_a3"),
]
