from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AssignmentRole(models.TextChoices):
    """How a unit stands in an assignment (交办方式)."""

    LEAD = "lead", _("Lead unit")  # 主办
    CO = "co", _("Co-handling unit")  # 协办: sends its opinion to the lead
    SEPARATE = "separate", _("Separate handling")  # 分办: answers its own part


class AssignmentMode(models.TextChoices):
    LEAD_CO = "lead_co", _("Lead and co-handling units")  # 主办 + 协办
    SEPARATE = "separate", _("Separate handling")  # 分办


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Waiting for the unit to accept")  # 待签收
    IN_HAND = "in_hand", _("Being handled")  # 办理中
    RETURNED = "returned", _("Sent back by the unit")  # 退回
    ANSWERED = "answered", _("Answered")  # 已答复 (or, for a co-unit, opinion sent)
    DONE = "done", pgettext_lazy("assignment", "Fulfilment reported")  # 已报落实
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReplyKind(models.TextChoices):
    """What a unit writes on an assignment."""

    REPLY = "reply", _("Reply letter")  # 答复函 (lead or separate unit)
    OPINION = "opinion", _("Co-handling opinion")  # 协办意见, to the lead unit
    PROGRESS = "progress", _("Progress report")  # 办理进展
    INTERIM = "interim", _("Interim explanation")  # 阶段性说明, with an extension
    FULFILMENT = "fulfilment", _("Fulfilment report")  # 落实情况


class ContactMode(models.TextChoices):
    """Whether and how the unit met the deputy before answering (见面/面商)."""

    MET = "met", _("Met in person")  # 见面
    CONSULTED = "consulted", _("Consulted at a meeting")  # 座谈面商
    PHONE = "phone", _("By telephone")  # 电话沟通
    WRITTEN = "written", _("In writing only")  # 书面
    NONE = "none", _("No contact")  # 未联系

    @classmethod
    def met_values(cls) -> tuple[str, ...]:
        """The modes that count as having met the deputy (见面率)."""
        return (cls.MET, cls.CONSULTED)


class ExtensionDecision(models.TextChoices):
    PENDING = "pending", _("Waiting for the office")
    APPROVED = "approved", pgettext_lazy("extension", "Approved")
    REFUSED = "refused", pgettext_lazy("extension", "Refused")


# The national practice's list (A, B, C; D optional), used where a congress has not set its own:
# (code, label, whether fulfilment is reported later).
DEFAULT_RESULT_CATEGORIES = (
    ("A", _("Solved or adopted"), False),  # 已解决或采纳
    ("B", _("Being solved or planned"), True),  # 正在解决或列入计划
    ("C", _("Cannot be solved for now"), True),  # 因条件限制暂时不能解决
    ("D", _("Kept for reference"), False),  # 留作参考
)
