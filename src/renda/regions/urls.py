from django.urls import path

from renda.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.RegionListView.as_view(), name="region_list"),
    path("<int:pk>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("<int:pk>/edit/", views.RegionEditView.as_view(), name="region_edit"),
    path("<int:pk>/new-child/", views.RegionChildCreateView.as_view(), name="region_child_create"),
    path("units/", views.HandlingUnitListView.as_view(), name="unit_list"),
    path("units/new/", views.HandlingUnitCreateView.as_view(), name="unit_create"),
    path("units/<int:pk>/", views.HandlingUnitDetailView.as_view(), name="unit_detail"),
    path("units/<int:pk>/edit/", views.HandlingUnitEditView.as_view(), name="unit_edit"),
]
