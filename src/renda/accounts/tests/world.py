"""Accounts' part of the shared world: a user of each role the access matrix tries
(`core.testing.ROLES`), in `w.users`; anonymous is None."""

from renda.accounts.tests.factories import user_with


def build(w) -> None:
    w.users = {
        "anon": None,
        "deputy": user_with("deputy", person=w.li),
        "liaison": user_with("liaison", station=w.station),
        "unit": user_with("unit", handling_unit=w.unit),
        "town": user_with("staff", region=w.zs),
        "district": user_with("staff", region=w.rc),
        "other": user_with("staff", region=w.tl),
        "admin": user_with("admin"),
    }
