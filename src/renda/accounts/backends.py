"""Django's own permissions for system administrators, so the admin site (system configuration)
opens to them by their role grant, not by Django's staff flag."""

from django.contrib.auth.backends import BaseBackend

from renda.core.scope import scope_for


def is_administrator(user) -> bool:
    scope = scope_for(user)
    return scope is not None and scope.is_admin


class AdministratorBackend(BaseBackend):
    """Authenticates no one; gives every Django permission to an administrator."""

    def has_perm(self, user_obj, perm, obj=None):
        return is_administrator(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return is_administrator(user_obj)
