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
    path("<int:pk>/reception/", views.ReceptionEditView.as_view(), name="reception_edit"),
    path(
        "<int:pk>/assignments/new/", views.AssignmentCreateView.as_view(), name="assignment_create"
    ),
    path(
        "<int:pk>/assignments/<int:assignment_pk>/end/",
        views.AssignmentEndView.as_view(),
        name="assignment_end",
    ),
]

# The deputy roster: persons, seats, groups and stations in one spreadsheet. It lives here
# because it also seats deputies at stations (stations stand above people); the project's
# URLs serve it under /manage/people/roster/ in the "people" namespace.
roster_urlpatterns = [
    path("roster/import/", views.RosterImportView.as_view(), name="roster_import"),
    path("roster/template.xlsx", views.RosterTemplateView.as_view(), name="roster_template"),
    path("roster/export.xlsx", views.RosterExportView.as_view(), name="roster_export"),
]
