from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SuggestionKind(models.TextChoices):
    MOTION = "motion", _("Motion")  # 议案
    SUGGESTION = "suggestion", _("Suggestion")  # 建议、批评和意见


class SubmissionPeriod(models.TextChoices):
    SESSION = "session", _("During the session")  # 会议期间
    RECESS = "recess", _("In recess")  # 闭会期间


class SuggestionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")  # 草稿
    SUBMITTED = "submitted", _("Waiting for review")  # 待审查
    ACCEPTED = "accepted", _("Accepted, to be assigned")  # 已立案（待交办）
    NOT_ACCEPTED = "not_accepted", _("Not accepted")  # 不予立案
    MERGED = "merged", _("Merged")  # 已并案
    ASSIGNED = "assigned", _("Being handled")  # 已交办（办理中）
    REPLIED = "replied", _("Replied, to be rated")  # 已答复（待评价）
    REHANDLING = "rehandling", _("Being handled again")  # 重新办理
    FULFILLING = "fulfilling", _("Being carried out")  # 落实中
    FULFILLED = "fulfilled", _("Fulfilment reported, to be rated")  # 已报落实（待评价）
    CLOSED = "closed", pgettext_lazy("suggestion", "Closed")  # 已办结
    WITHDRAWN = "withdrawn", pgettext_lazy("suggestion", "Withdrawn")  # 已撤回


class SuggestionTopic(models.TextChoices):
    """The usual classification of deputies' suggestions (按内容分类)."""

    ECONOMY = "economy", _("Economy and finance")  # 经济财政
    URBAN = "urban", _("Urban and rural construction")  # 城乡建设
    AGRICULTURE = "agriculture", _("Agriculture and rural areas")  # 农业农村
    TRANSPORT = "transport", _("Transport")  # 交通
    ENVIRONMENT = "environment", _("Environment")  # 生态环境
    EDUCATION = "education", _("Education, science and culture")  # 教科文卫
    HEALTH = "health", _("Health")  # 医疗卫生
    SOCIAL = "social", _("Social affairs")  # 社会事业
    LAW = "law", _("Law and public order")  # 政法
    GOVERNMENT = "government", _("Government work")  # 政府工作
    OTHER = "other", _("Other")


class CoSignerStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class Rated(models.TextChoices):
    """A deputy's rating as the statistics count it: one of the three, or not given in time."""

    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY_SATISFIED = "basically_satisfied", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
    NOT_RATED = "not_rated", _("Not rated")  # 未评价: never counted as satisfied


class SupervisionEventKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")  # 视察
    MEETING = "meeting", _("Meeting")  # 座谈、推进会
    REPORT = "report", _("Progress report")  # 进展报告
