import factory

from renda.accounts.models import RoleGrant, User
from renda.core.choices import Role

PASSWORD = "Renda-test-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def user_with(role: str, **target) -> User:
    """A user holding one role bound to `target` (region=, station=, person= or handling_unit=)."""
    user = UserFactory()
    if role == Role.ADMIN:
        RoleGrant.objects.create(user=user, role=role)
    else:
        RoleGrant.objects.create(user=user, role=role, **target)
    return user


def staff_users(w, *, town: bool = False) -> dict:
    """The staff of 荣昌区 (`staff_rc`) and of 铜梁区 (`staff_tl`), with `town` the staff of
    直升镇 (`staff_town`), and an administrator, for the world `w` of `districts()`."""
    users = {
        "staff_rc": user_with(Role.STAFF, region=w.rc),
        "staff_tl": user_with(Role.STAFF, region=w.tl),
    }
    if town:
        users["staff_town"] = user_with(Role.STAFF, region=w.zs)
    users["admin"] = user_with(Role.ADMIN)
    return users
