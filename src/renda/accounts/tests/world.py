"""Accounts' part of the shared world: a user of each role the access matrix tries
(`core.testing.ROLES`), in `w.users`; anonymous is None. `w.login` is the deputy login of 王芳
(a deputy of 荣昌区's congress) that the office's pages act on, `w.login_grant` its role."""

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
    w.login = user_with("deputy", person=w.wang)
    w.login.full_name = "王芳"
    w.login.save()
    w.login_grant = w.login.grants.get()
