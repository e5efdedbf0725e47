from django.urls import path

app_name = "stations"
urlpatterns: list = []
