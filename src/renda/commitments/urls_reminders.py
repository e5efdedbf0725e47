from django.urls import path  # noqa: F401

app_name = "commitment_reminders"
urlpatterns: list = []
