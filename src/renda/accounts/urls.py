from django.contrib.auth import views as auth_views
from django.urls import path

from renda.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/new/", views.UserCreateView.as_view(), name="user_create"),
    path("users/deputies/", views.DeputyLoginsView.as_view(), name="deputy_logins"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:pk>/deactivate/", views.UserDeactivateView.as_view(), name="user_deactivate"),
    path("users/<int:pk>/reactivate/", views.UserReactivateView.as_view(), name="user_reactivate"),
    path(
        "users/<int:pk>/password/",
        views.UserPasswordResetView.as_view(),
        name="user_password_reset",
    ),
    path(
        "users/<int:pk>/roles/<int:grant>/head/",
        views.UserUnitHeadView.as_view(),
        name="user_unit_head",
    ),
    path("users/<int:pk>/roles/", views.UserGrantAddView.as_view(), name="user_grant_add"),
    path(
        "users/<int:pk>/roles/<int:grant>/remove/",
        views.UserGrantRemoveView.as_view(),
        name="user_grant_remove",
    ),
]
