from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "renda.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from renda.accounts.middleware import stamp_activity
        from renda.accounts.models import User
        from renda.core import history, workbench

        user_logged_in.connect(stamp_activity, dispatch_uid="accounts.stamp_activity")
        # A username is an identifier: the history sets it in code type, as the pages do.
        history.field_words(User, "username", history.code)

        workbench.add_card("accounts", _("Accounts"), order=90)
        workbench.add_link("accounts", _("Logins"), "accounts:user_list", order=10)
        workbench.add_link("accounts", _("Open a login"), "accounts:user_create", order=20)
        workbench.add_link(
            "accounts", _("Logins for a congress's deputies"), "accounts:deputy_logins", order=30
        )
