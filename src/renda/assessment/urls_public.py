app_name = "public_assessment"
urlpatterns = []
