"""One error hierarchy for every refusal a service can make.

A service raises a `DomainError` subclass with a translated, user-facing message; the API's
exception handler and the HTML views turn it into a 400/403/404/409 answer or a form error in
one place (`renda.core.api.exception_handler`, `renda.core.middleware`).
"""

from typing import Any


class DomainError(Exception):
    """A business rule refused the action. `message` is shown to the user as is."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: Any, extra: dict | None = None):
        super().__init__(str(message))
        self.message = message
        self.extra = extra or {}

    def as_dict(self) -> dict:
        return {"detail": str(self.message), "code": self.code, **self.extra}


class ValidationFailed(DomainError):
    """Input broke a rule. `extra` may carry {"errors": {field: [messages]}}."""

    code = "validation_failed"

    @classmethod
    def on(cls, field: str, message) -> "ValidationFailed":
        """The refusal of one field's input, shown beside that field in a form."""
        return cls(message, {"errors": {field: [str(message)]}})

    @classmethod
    def from_django(cls, error) -> "ValidationFailed":
        from django.utils.translation import gettext as _

        if hasattr(error, "message_dict"):
            errors = {k: [str(m) for m in v] for k, v in error.message_dict.items()}
        else:
            errors = {"__all__": [str(m) for m in error.messages]}
        first = next(iter(errors.values()))[0] if errors else _("Invalid input.")
        return cls(first, {"errors": errors})


class PermissionRefused(DomainError):
    """The actor may not do this."""

    status_code = 403
    code = "permission_denied"


class NotFound(DomainError):
    """The object does not exist, or lies outside the actor's scope (the same answer)."""

    status_code = 404
    code = "not_found"


class Conflict(DomainError):
    """The object changed under the actor, or a uniqueness rule was hit."""

    status_code = 409
    code = "conflict"


class InvalidTransition(Conflict):
    """The workflow does not allow this action from the object's current status."""

    code = "invalid_transition"
