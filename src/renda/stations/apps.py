from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StationsConfig(AppConfig):
    name = "renda.stations"
    label = "stations"
    verbose_name = _("Stations")

    def ready(self):
        from renda.core import todo
        from renda.stations import todo as stations_todo

        todo.register(stations_todo.lines)
        from renda.core import history, workbench
        from renda.core.choices import Role
        from renda.people.signals import mandate_ended
        from renda.stations import reception
        from renda.stations.models import Station
        from renda.stations.services import assignments_end_for_mandate

        mandate_ended.connect(assignments_end_for_mandate, dispatch_uid="stations.end_assignments")
        # The history says a reception rule in words (每月15日), as the station's page does.
        history.field_words(Station, "reception_rule", reception.describe)

        workbench.add_figure(
            "stations",
            _("Stations"),
            lambda user: Station.objects.restrict(user).active().count(),
            "stations:station_list",
            order=40,
        )
        workbench.add_link(
            "station",
            _("Station"),
            "stations:station_detail",
            with_target=True,
            roles=(Role.LIAISON,),
            order=10,
        )
