"""Writes for users and their role grants."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import RoleGrant, User
from renda.core import services as base
from renda.core.choices import Role
from renda.core.exceptions import PermissionRefused, ValidationFailed

ONLY_ADMINS_GRANT_ADMIN = _("Only a system administrator can make another administrator.")
ONLY_STAFF_GRANT_ROLES = _("Only congress staff and administrators can give or take roles.")


def _granting_scope(actor):
    """The actor's scope, if they may give and take roles at all. A deputy's own record or a
    liaison's station is in their scope, but not theirs to hand out."""
    from renda.core.scope import scope_for

    scope = scope_for(actor)
    if scope is None or not scope.has(Role.STAFF):
        raise PermissionRefused(ONLY_STAFF_GRANT_ROLES)
    return scope


def user_create(
    *, actor, username: str, password: str, full_name: str = "", check_password: bool = True
) -> User:
    user = User(username=username.strip(), full_name=full_name.strip())
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationFailed.from_django(ValidationError({"password": exc.messages})) from exc
    user.set_password(password)
    with transaction.atomic():
        return base.create(actor=actor, obj=user, exclude=["password"])


def role_grant(
    *, actor, user: User, role: str, region=None, station=None, person=None, handling_unit=None
) -> RoleGrant:
    """Give `user` a role bound to what it reaches. Staff may grant within their own region."""
    if not base.is_system(actor):
        scope = _granting_scope(actor)
        if role == Role.ADMIN and not scope.is_admin:
            raise PermissionRefused(ONLY_ADMINS_GRANT_ADMIN)
        for target in (region, station, person, handling_unit):
            if target is not None:
                base.ensure_in_scope(actor, target)
    grant = RoleGrant(
        user=user,
        role=role,
        region=region,
        station=station,
        person=person,
        handling_unit=handling_unit,
    )
    with transaction.atomic():
        base.create(actor=actor, obj=grant)
    user.__dict__.pop("_renda_scope", None)
    return grant


def role_revoke(*, actor, grant: RoleGrant) -> None:
    if not base.is_system(actor):
        scope = _granting_scope(actor)
        target = grant.region or grant.station or grant.person or grant.handling_unit
        if target is None:
            if not scope.is_admin:
                raise PermissionRefused(ONLY_ADMINS_GRANT_ADMIN)
        else:
            base.ensure_in_scope(actor, target)
    with transaction.atomic():
        base.delete(actor=actor, obj=grant)
