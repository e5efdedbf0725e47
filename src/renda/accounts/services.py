"""Writes for users and their role grants: logins the office opens, closes and reopens, the
passwords it issues (shown once, stored only as a hash), and each user's own password change.

Staff look after the logins of the deputies, liaisons and handling units of their area;
administrators also after the staff's. Every write is audited; a password never is (the audit
skips the field, and no note names it)."""

import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import get_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from renda.accounts.models import RoleGrant, User
from renda.core import audit
from renda.core import services as base
from renda.core.choices import AuditAction, Role
from renda.core.exceptions import Conflict, NotFound, PermissionRefused, ValidationFailed
from renda.core.querysets import CHANGE

ONLY_ADMINS_GRANT_ADMIN = _("Only a system administrator can make another administrator.")
ONLY_ADMINS_GRANT_STAFF = _("Only a system administrator can open or change a staff login.")
ONLY_STAFF_GRANT_ROLES = _("Only congress staff and administrators can give or take roles.")
LAST_ROLE = _("A login keeps at least one role; deactivate the login instead.")
NOT_YOURSELF = _("You cannot deactivate your own login.")
ALREADY_INACTIVE = _("This login is deactivated already.")
ALREADY_ACTIVE = _("This login is active already.")
USERNAME_TAKEN = _("This username is taken; choose another.")
USERNAME_FORMAT = _(
    "A username is 3 to 30 letters, digits and the characters . - _ and starts with a letter."
)
NEEDS_TARGET = _("Choose what the role is bound to.")
ONLY_UNIT_HEADS = _("Only a handling unit's login can be its head contact.")
ADMIN_ELSEWHERE = _("Administrator logins are made in the system configuration.")

# What a role handed out through these services is bound to.
ROLE_TARGET = {
    Role.STAFF: "region",
    Role.LIAISON: "station",
    Role.DEPUTY: "person",
    Role.UNIT: "handling_unit",
}
# Issued passwords avoid characters read wrongly on paper (0/O, 1/l/I).
PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 12
ISSUED_HASHER = "pbkdf2_sha256_issued"

username_validator = RegexValidator(r"^[A-Za-z][A-Za-z0-9._-]{2,29}$", USERNAME_FORMAT)


@dataclass(frozen=True)
class Issued:
    """A login and the password just issued for it: the plain text lives only in the answer to
    the request that issued it."""

    user: User
    password: str


# --- Who may do what ---------------------------------------------------------------------------


def _granting_scope(actor):
    """The actor's scope, if they may give and take roles at all. A deputy's own record or a
    liaison's station is in their scope, but not theirs to hand out."""
    from renda.core.scope import scope_for

    scope = scope_for(actor)
    if scope is None or not scope.has(Role.STAFF):
        raise PermissionRefused(ONLY_STAFF_GRANT_ROLES)
    return scope


def _ensure_role_allowed(scope, role: str) -> None:
    if role == Role.ADMIN and not scope.is_admin:
        raise PermissionRefused(ONLY_ADMINS_GRANT_ADMIN)
    if role == Role.STAFF and not scope.is_admin:
        raise PermissionRefused(ONLY_ADMINS_GRANT_STAFF)


def ensure_manages(actor, user: User) -> None:
    """Refuse, as not found, a login the actor does not look after (see UserQuerySet)."""
    if base.is_system(actor):
        return
    _granting_scope(actor)
    if not User.objects.restrict(actor, CHANGE).filter(pk=user.pk).exists():
        raise NotFound(base.OUT_OF_SCOPE)


def _forget_scope(user: User) -> None:
    user.__dict__.pop("_renda_scope", None)


# --- Passwords ---------------------------------------------------------------------------------


def password_generate(user: User | None = None) -> str:
    """A random password that passes the password policy (settings.AUTH_PASSWORD_VALIDATORS)."""
    while True:
        password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if not (any(c.isdigit() for c in password) and any(c.isalpha() for c in password)):
            continue
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


def _issued_hash(password: str) -> str:
    """The hash of an issued password: the fast hasher when configured (hashers.py says why),
    else the preferred one."""
    try:
        get_hasher(ISSUED_HASHER)
    except ValueError:
        return make_password(password)
    return make_password(password, hasher=ISSUED_HASHER)


def user_create(
    *, actor, username: str, password: str, full_name: str = "", check_password: bool = True
) -> User:
    """A login with a password its owner chose (commands, the demo)."""
    user = User(username=username.strip(), full_name=full_name.strip())
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationFailed.from_django(ValidationError({"password": exc.messages})) from exc
    user.set_password(password)
    with transaction.atomic():
        return base.create(actor=actor, obj=user, exclude=["password"])


def password_change(*, user: User, password: str) -> User:
    """The user sets their own password (the form checked the old one and the policy)."""
    with transaction.atomic():
        before = audit.snapshot(user, ["must_change_password"])
        user.set_password(password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        audit.record(
            actor=user,
            action=AuditAction.UPDATE,
            obj=user,
            before=before,
            note=str(_("Changed their own password")),
        )
    return user


def user_password_reset(*, actor, user: User) -> Issued:
    """Issue a new one-time password for `user`, to be changed at the next sign-in. Their API
    token is withdrawn with the old password."""
    from rest_framework.authtoken.models import Token

    ensure_manages(actor, user)
    password = password_generate(user)
    with transaction.atomic():
        user = base.lock(user)
        before = audit.snapshot(user, ["must_change_password"])
        user.password = _issued_hash(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        Token.objects.filter(user=user).delete()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            before=before,
            note=str(_("Password reset; a one-time password was issued")),
        )
    return Issued(user, password)


# --- Logins ------------------------------------------------------------------------------------


def _clean_username(username: str) -> str:
    username = (username or "").strip()
    try:
        username_validator(username)
    except ValidationError as exc:
        raise ValidationFailed.on("username", USERNAME_FORMAT) from exc
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed.on("username", USERNAME_TAKEN)
    return username


def user_create_for_role(
    *, actor, username: str, full_name: str = "", role: str, targets: list
) -> Issued:
    """Open a login bound to a role: a deputy to their person, a liaison to one or more
    stations, a handling-unit user to their unit; administrators also open staff logins bound
    to a region. The login gets a one-time password to change at its first sign-in."""
    if not base.is_system(actor):
        scope = _granting_scope(actor)
        _ensure_role_allowed(scope, role)
    if role not in ROLE_TARGET:
        raise ValidationFailed.on("role", ADMIN_ELSEWHERE)
    targets = [t for t in targets if t is not None]
    if not targets:
        raise ValidationFailed.on("targets", NEEDS_TARGET)
    for target in targets:
        base.ensure_in_scope(actor, target)
    username = _clean_username(username)
    user = User(username=username, full_name=(full_name or "").strip(), must_change_password=True)
    password = password_generate(user)
    user.password = _issued_hash(password)
    with transaction.atomic():
        base.create(actor=actor, obj=user)
        for target in targets:
            _grant(actor=actor, user=user, role=role, **{ROLE_TARGET[role]: target})
    return Issued(user, password)


def user_deactivate(*, actor, user: User) -> User:
    """Close a login: it can no longer sign in or use the API; its history stays."""
    ensure_manages(actor, user)
    if not base.is_system(actor) and user.pk == actor.pk:
        raise PermissionRefused(NOT_YOURSELF)
    with transaction.atomic():
        user = base.lock(user)
        if not user.is_active:
            raise Conflict(ALREADY_INACTIVE)
        return base.update(actor=actor, obj=user, data={"is_active": False}, fields=["is_active"])


def user_reactivate(*, actor, user: User) -> User:
    ensure_manages(actor, user)
    with transaction.atomic():
        user = base.lock(user)
        if user.is_active:
            raise Conflict(ALREADY_ACTIVE)
        return base.update(actor=actor, obj=user, data={"is_active": True}, fields=["is_active"])


# --- Roles -------------------------------------------------------------------------------------


def _grant(*, actor, user, role, **target) -> RoleGrant:
    grant = RoleGrant(user=user, role=role, **target)
    base.create(actor=actor, obj=grant)
    _forget_scope(user)
    return grant


def role_grant(
    *, actor, user: User, role: str, region=None, station=None, person=None, handling_unit=None
) -> RoleGrant:
    """Give `user` a role bound to what it reaches. Staff give the roles of their area's deputies,
    liaisons and handling units, to logins they look after (or that hold no role yet);
    administrators give any."""
    if not base.is_system(actor):
        scope = _granting_scope(actor)
        _ensure_role_allowed(scope, role)
        if not scope.is_admin and (user.is_superuser or user.grants.exists()):
            ensure_manages(actor, user)
        for target in (region, station, person, handling_unit):
            if target is not None:
                base.ensure_in_scope(actor, target)
    with transaction.atomic():
        return _grant(
            actor=actor,
            user=user,
            role=role,
            region=region,
            station=station,
            person=person,
            handling_unit=handling_unit,
        )


def user_roles_add(*, actor, user: User, role: str, targets: list) -> list[RoleGrant]:
    """Give `user` a role bound to each of `targets` (a liaison's stations), all or none."""
    if role not in ROLE_TARGET:
        if not base.is_system(actor):
            _ensure_role_allowed(_granting_scope(actor), role)
        raise ValidationFailed.on("role", ADMIN_ELSEWHERE)
    targets = [t for t in targets if t is not None]
    if not targets:
        raise ValidationFailed.on("targets", NEEDS_TARGET)
    with transaction.atomic():
        return [
            role_grant(actor=actor, user=user, role=role, **{ROLE_TARGET[role]: t}) for t in targets
        ]


def unit_head_set(*, actor, grant: RoleGrant, head: bool) -> RoleGrant:
    """Make a unit's login its head contact (reminders of overdue work reach them), or not."""
    if grant.role != Role.UNIT:
        raise ValidationFailed.on("unit_head", ONLY_UNIT_HEADS)
    if not base.is_system(actor):
        ensure_manages(actor, grant.user)
        base.ensure_in_scope(actor, grant.handling_unit)
    with transaction.atomic():
        return base.update(
            actor=actor, obj=grant, data={"unit_head": bool(head)}, fields=["unit_head"]
        )


def role_revoke(*, actor, grant: RoleGrant) -> None:
    """Take a role from a login; its last role stays (deactivate the login instead)."""
    if not base.is_system(actor):
        scope = _granting_scope(actor)
        target = grant.region or grant.station or grant.person or grant.handling_unit
        if target is None or grant.role == Role.STAFF:
            if not scope.is_admin:
                raise PermissionRefused(
                    ONLY_ADMINS_GRANT_ADMIN if target is None else ONLY_ADMINS_GRANT_STAFF
                )
        else:
            base.ensure_in_scope(actor, target)
            if not scope.is_admin:
                ensure_manages(actor, grant.user)
        if not RoleGrant.objects.filter(user_id=grant.user_id).exclude(pk=grant.pk).exists():
            raise Conflict(LAST_ROLE)
    with transaction.atomic():
        base.delete(actor=actor, obj=grant)
    _forget_scope(grant.user)


# --- The deputies of a congress, in bulk -------------------------------------------------------


def deputy_username(person) -> str:
    """张三 (id 42) → zhangsan42: the name's pinyin and the record's number, unique by the
    number, readable on the sheet handed out; d42 for a name without pinyin."""
    letters = "".join(c for c in (person.name_pinyin or "") if c.isascii() and c.isalpha())
    return f"{letters[:20] or 'd'}{person.pk}".lower()


def deputies_without_login(*, actor, congress):
    """The people holding a current seat in `congress` (seats the actor keeps) who have no
    deputy login yet, active or not, in the order lists print them."""
    from renda.people.models import Mandate, Person

    seats = (
        Mandate.objects.all() if base.is_system(actor) else Mandate.objects.restrict(actor, CHANGE)
    )
    seats = seats.current().filter(congress=congress)
    with_login = RoleGrant.objects.filter(role=Role.DEPUTY).values("person_id")
    return (
        Person.objects.filter(pk__in=seats.values("person_id"))
        .exclude(pk__in=with_login)
        .official_order()
    )


def deputy_logins_create(*, actor, congress) -> list[Issued]:
    """Open a deputy login, with a one-time password, for every current deputy of `congress`
    who has none; a second run opens none. All or nothing, in one transaction."""
    from renda.congresses.models import Congress

    if not base.is_system(actor):
        _granting_scope(actor)
        if not Congress.objects.restrict(actor, CHANGE).filter(pk=congress.pk).exists():
            raise NotFound(base.OUT_OF_SCOPE)
    issued = []
    with transaction.atomic():
        people = list(deputies_without_login(actor=actor, congress=congress))
        wanted = {p.pk: deputy_username(p) for p in people}
        taken = set(
            User.objects.filter(username__in=wanted.values()).values_list("username", flat=True)
        )
        users = []
        for person in people:
            username = wanted[person.pk]
            suffix = 2
            while username in taken:
                username = f"{wanted[person.pk]}-{suffix}"
                suffix += 1
            taken.add(username)
            user = User(username=username, full_name=person.name, must_change_password=True)
            password = password_generate(user)
            user.password = _issued_hash(password)
            users.append(user)
            issued.append(Issued(user, password))
        grants = []
        try:
            # A second office worker issuing at the same moment: the usernames collide.
            with transaction.atomic():
                User.objects.bulk_create(users, batch_size=500)
                grants = [
                    RoleGrant(user=user, role=Role.DEPUTY, person=person)
                    for user, person in zip(users, people, strict=True)
                ]
                RoleGrant.objects.bulk_create(grants, batch_size=500)
        except IntegrityError as exc:
            raise Conflict(base.CHANGED_MEANWHILE) from exc
        note = str(_("Deputy logins opened for %(congress)s") % {"congress": congress})
        audit.record_many(actor=actor, action=AuditAction.CREATE, objs=users, note=note)
        audit.record_many(actor=actor, action=AuditAction.CREATE, objs=grants, note=note)
    return issued
