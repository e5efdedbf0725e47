"""Field-level privacy: which fields of a model only some readers may see, declared once per
model by the app that owns it and asked by everything that shows them.

A person's mobile phone, ID card number and date of birth are on their record page, in its
history, in the audit log, in exports and in API answers; all of them ask here, so a reader
who may not see a field on the page does not read it in the history either. An app declares in
its `AppConfig.ready()`:

    privacy.declare(Person, fields=("birth_date", "id_number", "phone"), readable=readable)

`readable(user, pks)` answers, for the objects whose primary keys are `pks`, the private
fields `user` may read of each, in a constant number of queries however many `pks` there are
(the audit log asks it for a page of rows at once). Core knows no app: it keeps the
declarations, the apps fill them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models

Readable = Callable[[object, list[str]], dict[str, frozenset[str]]]


@dataclass(frozen=True)
class Private:
    """The private fields of one model and who may read them."""

    model: type[models.Model]
    fields: frozenset[str]
    readable: Readable

    def hidden(self, user, pks: Iterable) -> dict[str, frozenset[str]]:
        """{pk as text: the private fields `user` may not read of that object}."""
        keys = sorted({str(pk) for pk in pks})
        if not keys:
            return {}
        allowed = self.readable(user, keys)
        return {pk: self.fields - allowed.get(pk, frozenset()) for pk in keys}


_registry: dict[type[models.Model], Private] = {}


def declare(model: type[models.Model], *, fields: Iterable[str], readable: Readable) -> Private:
    names = frozenset(fields)
    missing = names - {f.name for f in model._meta.get_fields()}
    if missing:
        raise ValueError(f"{model.__name__} has no fields {sorted(missing)}")
    _registry[model] = Private(model=model, fields=names, readable=readable)
    return _registry[model]


def declared() -> list[Private]:
    return list(_registry.values())


def for_model(model) -> Private | None:
    return _registry.get(model)


def hidden_fields(user, obj: models.Model) -> frozenset[str]:
    """The fields of `obj` that `user` may not read (none for a model without private fields)."""
    private = for_model(type(obj))
    if private is None or obj.pk is None:
        return frozenset()
    return private.hidden(user, [obj.pk])[str(obj.pk)]
