"""Staff and deputy pages of the commitment cycle (namespace "commitments")."""

from django.urls import path  # noqa: F401 - filled in by views as they are written

app_name = "commitments"
urlpatterns: list = []
