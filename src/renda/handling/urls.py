"""Pages of handling, under /manage/handling/ in the "handling" namespace."""

from django.urls import path

from renda.core.views import transition_urls
from renda.handling import views
from renda.handling.workflow import ASSIGNMENT

app_name = "handling"

urlpatterns = [
    path("", views.AssignmentListView.as_view(), name="assignment_list"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("<int:pk>/", views.AssignmentDetailView.as_view(), name="assignment_detail"),
    path("<int:pk>/report/", views.ReportView.as_view(), name="assignment_report"),
    path("<int:pk>/more-time/", views.ExtensionRequestView.as_view(), name="extension_request"),
    path("<int:pk>/urge/", views.UrgeView.as_view(), name="assignment_urge"),
    path("<int:pk>/reassign/", views.ReassignView.as_view(), name="assignment_reassign"),
    path(
        "more-time/<int:pk>/decide/", views.ExtensionDecideView.as_view(), name="extension_decide"
    ),
    path("<int:pk>/notice.pdf", views.NoticeView.as_view(), name="notice"),
    path("<int:pk>/notices.pdf", views.ItemNoticeView.as_view(), name="item_notice"),
    path("<int:pk>/reply.docx", views.ReplyTemplateView.as_view(), name="reply_template"),
    *transition_urls(ASSIGNMENT),
]
