from django.urls import path

app_name = "congresses"
urlpatterns: list = []
