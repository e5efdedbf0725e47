from django.urls import path

from renda.congresses import views

app_name = "congresses"
urlpatterns = [
    path("", views.CongressListView.as_view(), name="congress_list"),
    path("new/", views.CongressCreateView.as_view(), name="congress_create"),
    path("<int:pk>/", views.CongressDetailView.as_view(), name="congress_detail"),
    path("<int:pk>/edit/", views.CongressEditView.as_view(), name="congress_edit"),
    path("<int:pk>/terms/new/", views.TermCreateView.as_view(), name="term_create"),
    path("terms/<int:pk>/edit/", views.TermEditView.as_view(), name="term_edit"),
    path("terms/<int:pk>/sessions/new/", views.SessionCreateView.as_view(), name="session_create"),
    path("sessions/<int:pk>/edit/", views.SessionEditView.as_view(), name="session_edit"),
]
