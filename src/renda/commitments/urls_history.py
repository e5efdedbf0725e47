"""Past commitments from spreadsheets (namespace "commitment_history"), for staff."""

from django.urls import path

from renda.commitments import history

app_name = "commitment_history"
urlpatterns = [
    path("", history.HistoryImportView.as_view(), name="import"),
    path("template.xlsx", history.HistoryTemplateView.as_view(), name="template"),
    path("export.xlsx", history.HistoryExportView.as_view(), name="export"),
]
