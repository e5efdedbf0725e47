from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CommendationKind(models.TextChoices):
    PRAISE = "praise", _("Yearly praise")  # 每年表扬
    COMMENDATION = "commendation", _("End-of-term commendation")  # 届末表彰
    # 优秀建议: the lead deputy of an excellent motion or suggestion, nominated from its page.
    SUGGESTION = "suggestion", _("Excellent suggestion")


class CommendationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated")
    APPROVED = "approved", pgettext_lazy("commendation", "Approved")
    REJECTED = "rejected", _("Not approved")
    PUBLISHED = "published", _("Published")
