from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "renda.regions"
    label = "regions"
    verbose_name = _("Regions")

    def ready(self):
        from renda.core import history, workbench
        from renda.core.choices import Role

        history.name_system_actor("load_regions")  # the `renda load_regions` command

        workbench.add_link(
            "region", _("Region"), "regions:region_detail", with_target=True, roles=(Role.STAFF,)
        )
        workbench.add_link(
            "unit", _("Handling unit"), "regions:unit_detail", with_target=True, roles=(Role.UNIT,)
        )
