from django.urls import path

from renda.people import views

app_name = "people"
urlpatterns = [
    path("", views.PersonListView.as_view(), name="person_list"),
    path("new/", views.PersonCreateView.as_view(), name="person_create"),
    path("<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("<int:pk>/edit/", views.PersonEditView.as_view(), name="person_edit"),
    path("<int:pk>/photo/", views.PersonPhotoView.as_view(), name="person_photo"),
    path("<int:pk>/mandates/new/", views.MandateCreateView.as_view(), name="mandate_create"),
    path("mandates/<int:pk>/edit/", views.MandateEditView.as_view(), name="mandate_edit"),
    path("mandates/<int:pk>/end/", views.MandateEndView.as_view(), name="mandate_end"),
    path("groups/", views.GroupListView.as_view(), name="group_list"),
    path("groups/new/", views.GroupCreateView.as_view(), name="group_create"),
    path("groups/<int:pk>/", views.GroupDetailView.as_view(), name="group_detail"),
    path("groups/<int:pk>/edit/", views.GroupEditView.as_view(), name="group_edit"),
    path(
        "groups/<int:pk>/members/new/", views.GroupMemberAddView.as_view(), name="group_member_add"
    ),
    path(
        "groups/<int:pk>/members/<int:membership_pk>/remove/",
        views.GroupMemberRemoveView.as_view(),
        name="group_member_remove",
    ),
]
