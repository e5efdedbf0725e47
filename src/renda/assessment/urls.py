"""Staff and deputy pages of the yearly evaluation (namespace "assessment")."""

from django.urls import path

from renda.assessment import views

app_name = "assessment"
urlpatterns = [
    # Scoring tables
    path("tables/", views.TableListView.as_view(), name="table_list"),
    path("tables/new/", views.TableCreateView.as_view(), name="table_create"),
    path("tables/<int:pk>/", views.TableDetailView.as_view(), name="table_detail"),
    path("tables/<int:pk>/edit/", views.TableEditView.as_view(), name="table_edit"),
    path("tables/<int:pk>/copy/", views.TableCopyView.as_view(), name="table_copy"),
    path("tables/<int:pk>/publish/", views.TablePublishView.as_view(), name="table_publish"),
    path("tables/<int:pk>/items/new/", views.ItemCreateView.as_view(), name="item_create"),
    path("items/<int:pk>/edit/", views.ItemEditView.as_view(), name="item_edit"),
    path("items/<int:pk>/delete/", views.ItemDeleteView.as_view(), name="item_delete"),
    path("tables/<int:pk>/bands/new/", views.BandCreateView.as_view(), name="band_create"),
    path("bands/<int:pk>/edit/", views.BandEditView.as_view(), name="band_edit"),
    path("bands/<int:pk>/delete/", views.BandDeleteView.as_view(), name="band_delete"),
    # Bonuses and deductions
    path("adjustments/", views.AdjustmentListView.as_view(), name="adjustment_list"),
    path(
        "adjustments/<int:congress_pk>/<int:year>/new/",
        views.AdjustmentCreateView.as_view(),
        name="adjustment_create",
    ),
    path("adjustments/<int:pk>/edit/", views.AdjustmentEditView.as_view(), name="adjustment_edit"),
    path(
        "adjustments/<int:pk>/delete/",
        views.AdjustmentDeleteView.as_view(),
        name="adjustment_delete",
    ),
    # Evaluation
    path("evaluations/", views.EvaluationListView.as_view(), name="evaluation_list"),
    path("evaluations/run/", views.EvaluationRunView.as_view(), name="evaluation_run"),
    path("evaluations/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation_detail"),
    path(
        "evaluations/<int:pk>/finalize/",
        views.EvaluationFinalizeView.as_view(),
        name="evaluation_finalize",
    ),
    path(
        "evaluations/<int:pk>/publish-scores/",
        views.EvaluationPublishScoresView.as_view(),
        name="evaluation_publish_scores",
    ),
    path(
        "evaluations/<int:pk>/results.xlsx",
        views.EvaluationExportView.as_view(),
        name="evaluation_xlsx",
    ),
    path(
        "evaluations/<int:pk>/dashboard/",
        views.EvaluationDashboardView.as_view(),
        name="evaluation_dashboard",
    ),
    # Score sheets
    path("results/<int:pk>/", views.ResultDetailView.as_view(), name="result_detail"),
    path("results/<int:pk>/sheet.pdf", views.ResultPdfView.as_view(), name="result_pdf"),
    path("mine/", views.MineView.as_view(), name="mine"),
]
