"""The project's URLs. Where one namespace spans apps (the roster with the people pages, the
recognition pages of two apps, the portal's public records), or one app serves several (the
commitments' past-commitment and statistics pages), it is composed here, above them."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from renda.commendations import urls as commendation_urls
from renda.commitments.urls import past_commitment_urlpatterns as past_commitment_urls
from renda.commitments.urls import reminder_urlpatterns as reminder_urls
from renda.commitments.urls import statistics_urlpatterns as statistics_urls
from renda.core import views as core_views
from renda.exit_warnings import urls as warning_urls
from renda.people import urls as people_urls
from renda.portal import bench as web_bench
from renda.portal.urls import record_urlpatterns as record_urls
from renda.portal.urls import wall_urlpatterns as wall_urls
from renda.stations.urls import roster_urlpatterns as roster_urls
from renda.suggestions.urls import public_urlpatterns as public_suggestion_urls

urlpatterns = [
    path("", include("renda.portal.urls")),
    path("", include((wall_urls, "commitment_wall"))),
    path("", include((statistics_urls, "commitment_statistics"))),
    path("", include((record_urls, "public_assessment"))),
    path("", include((public_suggestion_urls, "public_suggestions"))),
    path("accounts/", include("renda.accounts.urls")),
    path("manage/", include("renda.core.urls")),
    path("manage/regions/", include("renda.regions.urls")),
    path("manage/congresses/", include("renda.congresses.urls")),
    path("manage/people/", include(([*people_urls.urlpatterns, *roster_urls], "people"))),
    path("manage/stations/", include("renda.stations.urls")),
    path("manage/commitments/", include("renda.commitments.urls")),
    path("manage/commitments/history/", include((past_commitment_urls, "commitment_history"))),
    path("manage/commitments/reminders/", include((reminder_urls, "commitment_reminders"))),
    path("manage/activities/", include("renda.activities.urls")),
    path("manage/assessment/", include("renda.assessment.urls")),
    path(
        "manage/recognition/",
        include(([*commendation_urls.urlpatterns, *warning_urls.urlpatterns], "recognition")),
    ),
    path("manage/handling/", include("renda.handling.urls")),
    path("manage/suggestions/", include("renda.suggestions.urls")),
    path("inbox/", include("renda.notifications.urls")),
    path("api/v1/", include("renda.api_urls")),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

# The bare view `renda bench web` measures the public pages against: present only in the
# gunicorn the bench starts, which sets RENDA_BENCH_BARE=1; everywhere else it answers 404.
urlpatterns += web_bench.bare_urlpatterns()

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler404 = "renda.core.api.page_not_found"
