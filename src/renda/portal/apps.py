from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "renda.portal"
    label = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        from renda.core import bench, workbench
        from renda.core.choices import Role
        from renda.portal import bench as web_bench

        bench.register(web_bench.BENCHMARK)

        workbench.add_link(
            "person",
            _("Public page"),
            "portal:deputy",
            with_target=True,
            roles=(Role.DEPUTY,),
            order=70,
        )
        workbench.add_link(
            "person",
            _("Sign plate (PDF)"),
            "portal:deputy_plate",
            with_target=True,
            roles=(Role.DEPUTY,),
            order=80,
        )
        workbench.add_link(
            "station",
            _("Public page"),
            "portal:station",
            with_target=True,
            roles=(Role.LIAISON,),
            order=20,
        )
