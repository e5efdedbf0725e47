from django.urls import path

from renda.stations import views

app_name = "stations"
urlpatterns = [
    path("", views.StationListView.as_view(), name="station_list"),
    path("new/", views.StationCreateView.as_view(), name="station_create"),
    path("import/", views.StationImportView.as_view(), name="station_import"),
    path("import/template.xlsx", views.StationTemplateView.as_view(), name="station_template"),
    path("export.xlsx", views.StationExportView.as_view(), name="station_export"),
    path("<int:pk>/", views.StationDetailView.as_view(), name="station_detail"),
    path("<int:pk>/edit/", views.StationEditView.as_view(), name="station_edit"),
    path(
        "<int:pk>/assignments/new/", views.AssignmentCreateView.as_view(), name="assignment_create"
    ),
    path(
        "<int:pk>/assignments/<int:assignment_pk>/end/",
        views.AssignmentEndView.as_view(),
        name="assignment_end",
    ),
]
