"""The public statistics of showing commitments (数读), included at the site root."""

from django.urls import path

from renda.commitments import statistics

app_name = "commitment_statistics"
urlpatterns = [
    path("statistics/commitments/", statistics.StatisticsView.as_view(), name="statistics"),
    path("statistics/commitments.xlsx", statistics.statistics_xlsx, name="statistics_xlsx"),
]
