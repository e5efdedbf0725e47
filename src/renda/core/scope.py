"""What a user's grants reach, computed once per request and read by every `.restrict()`.

The grants are the user model's `grants` relation (`accounts.RoleGrant`, bound to a region, a
station, a person or a handling unit); core reads them through that relation and names no app.
"""

from dataclasses import dataclass, field

from renda.core.choices import Role


@dataclass(frozen=True)
class Scope:
    is_admin: bool = False
    roles: frozenset = field(default_factory=frozenset)
    region_prefixes: tuple[str, ...] = ()
    region_ids: tuple[int, ...] = ()
    station_ids: tuple[int, ...] = ()
    person_ids: tuple[int, ...] = ()
    unit_ids: tuple[int, ...] = ()

    def has(self, *roles: str) -> bool:
        return self.is_admin or bool(self.roles.intersection(roles))


def scope_for(user) -> Scope | None:
    """None for anonymous and inactive users; cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    cached = getattr(user, "_renda_scope", None)
    if cached is not None:
        return cached
    grants = list(
        user.grants.select_related("region").only(
            "user",  # set by the related manager; deferring it would cost a query per grant
            "role",
            "region__code",
            "region__prefix",
            "station_id",
            "person_id",
            "handling_unit_id",
        )
    )
    roles = frozenset(g.role for g in grants)
    scope = Scope(
        is_admin=user.is_superuser or Role.ADMIN in roles,
        roles=roles,
        region_prefixes=tuple(g.region.prefix for g in grants if g.role == Role.STAFF),
        region_ids=tuple(g.region_id for g in grants if g.role == Role.STAFF),
        station_ids=tuple(g.station_id for g in grants if g.role == Role.LIAISON),
        person_ids=tuple(g.person_id for g in grants if g.role == Role.DEPUTY),
        unit_ids=tuple(g.handling_unit_id for g in grants if g.role == Role.UNIT),
    )
    user._renda_scope = scope
    return scope
