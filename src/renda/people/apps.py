from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "renda.people"
    label = "people"
    verbose_name = _("Deputies")

    def ready(self):
        from renda.core import privacy, warmup, workbench
        from renda.core.choices import Role
        from renda.people import names
        from renda.people import privacy as person_privacy
        from renda.people.models import DeputyGroup, Mandate, Person

        # The pinyin dictionary (~50 MB) and the stroke table load on first use: a server
        # process loads them before its first visitor searches.
        warmup.register("pinyin", names.warm_up)

        # One rule for a person's phone, ID card number and date of birth, wherever shown.
        privacy.declare(Person, fields=person_privacy.PRIVATE, readable=person_privacy.readable)

        workbench.add_figure(
            "deputies",
            _("Deputies"),
            lambda user: Person.objects.restrict(user).deputies().count(),
            "people:person_list",
            order=10,
        )
        workbench.add_figure(
            "mandates",
            _("Current mandates"),
            lambda user: Mandate.objects.restrict(user).current().count(),
            order=20,
        )
        workbench.add_figure(
            "groups",
            _("Deputy groups"),
            lambda user: DeputyGroup.objects.restrict(user).count(),
            "people:group_list",
            order=30,
        )
        for order, (label, url_name) in enumerate(
            [
                (_("Seats and stations"), "people:person_detail"),
                (_("Phone and whether to show it"), "people:person_edit"),
                (_("Upload photo"), "people:person_photo"),
            ]
        ):
            workbench.add_link(
                "person", label, url_name, with_target=True, roles=(Role.DEPUTY,), order=40 + order
            )
