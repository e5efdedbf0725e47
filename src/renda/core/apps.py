from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "renda.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from renda.core import history, ratings, warmup
        from renda.core.models import Rating

        warmup.register("urls", warm_up_urls)
        history.field_words(Rating, "stage", ratings.stage_words)


def warm_up_urls() -> None:
    """Import every view and template tag the URL configuration names, and the Chinese
    catalogue: what a worker's first request otherwise paid for (1–4 s, issue 11)."""
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver()._populate()
    with translation.override("zh-hans"):
        translation.gettext("Deputies")
