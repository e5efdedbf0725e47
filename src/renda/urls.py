from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

urlpatterns = [
    path("", include("renda.portal.urls")),
    path("", include("renda.commitments.urls_wall")),
    path("", include("renda.commitments.urls_statistics")),
    path("", include("renda.assessment.urls_public")),
    path("accounts/", include("renda.accounts.urls")),
    path("manage/", include("renda.core.urls")),
    path("manage/regions/", include("renda.regions.urls")),
    path("manage/congresses/", include("renda.congresses.urls")),
    path("manage/people/", include("renda.people.urls")),
    path("manage/stations/", include("renda.stations.urls")),
    path("manage/commitments/", include("renda.commitments.urls")),
    path("manage/commitments/history/", include("renda.commitments.urls_history")),
    path("manage/commitments/reminders/", include("renda.commitments.urls_reminders")),
    path("manage/activities/", include("renda.activities.urls")),
    path("manage/assessment/", include("renda.assessment.urls")),
    path("manage/recognition/", include("renda.assessment.urls_recognition")),
    path("inbox/", include("renda.notifications.urls")),
    path("api/v1/", include("renda.api_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler404 = "renda.core.api.page_not_found"
