"""Staff and deputy pages of the commitment cycle (namespace "commitments"), and two pattern
lists the project's URLs serve under namespaces of their own (one URL module has one app_name):
past commitments from spreadsheets ("commitment_history", under /manage/commitments/history/)
and the public statistics (数读, "commitment_statistics", at the site root)."""

from django.urls import path

from renda.commitments import views, workflow
from renda.core.views import transition_urls

app_name = "commitments"
urlpatterns = [
    path("", views.CommitmentListView.as_view(), name="commitment_list"),
    path("review/", views.ReviewQueueView.as_view(), name="review_queue"),
    path("mine/", views.PersonCommitmentsView.as_view(), name="mine"),
    path(
        "people/<int:person_pk>/",
        views.PersonCommitmentsView.as_view(),
        name="person_commitments",
    ),
    path(
        "people/<int:person_pk>/years/<int:year_pk>/new/",
        views.CommitmentCreateView.as_view(),
        name="commitment_create",
    ),
    path("<int:pk>/", views.CommitmentDetailView.as_view(), name="commitment_detail"),
    path("<int:pk>/edit/", views.CommitmentEditView.as_view(), name="commitment_edit"),
    *transition_urls(workflow.COMMITMENT),
    path("<int:pk>/progress/", views.ProgressAddView.as_view(), name="progress_add"),
    path("years/", views.YearListView.as_view(), name="year_list"),
    path("years/new/", views.YearCreateView.as_view(), name="year_create"),
    path("years/<int:pk>/", views.YearDetailView.as_view(), name="year_detail"),
    path("years/<int:pk>/edit/", views.YearEditView.as_view(), name="year_edit"),
    path("categories/new/", views.CategoryCreateView.as_view(), name="category_create"),
]

past_commitment_urlpatterns = [
    path("", views.PastCommitmentsImportView.as_view(), name="import"),
    path("template.xlsx", views.PastCommitmentsTemplateView.as_view(), name="template"),
    path("export.xlsx", views.PastCommitmentsExportView.as_view(), name="export"),
]

statistics_urlpatterns = [
    path("statistics/commitments/", views.StatisticsView.as_view(), name="statistics"),
    path("statistics/commitments.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
]

# The reminders page, served under /manage/commitments/reminders/ in the "commitment_reminders"
# namespace (composed in the project's URLs).
reminder_urlpatterns = [
    path("", views.RemindersView.as_view(), name="list"),
    path("send/", views.RemindersSendView.as_view(), name="send"),
]
