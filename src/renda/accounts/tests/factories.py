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
