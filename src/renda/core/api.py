"""API plumbing shared by every app: the exception handler and the scoped viewset base."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from renda.core.exceptions import DomainError, ValidationFailed


def exception_handler(exc, context):
    """DomainError → its status with {"detail", "code", ...}; model validation → 400."""
    if isinstance(exc, DjangoValidationError):
        exc = ValidationFailed.from_django(exc)
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status_code)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, Http404):
        response.data = {"detail": response.data.get("detail"), "code": "not_found"}
    if response is None:
        return None
    if response.status_code == status.HTTP_400_BAD_REQUEST and "detail" not in response.data:
        response.data = {"detail": _first_message(response.data), "code": "invalid", "errors": response.data}
    return response


def _first_message(data) -> str:
    while isinstance(data, dict | list) and data:
        data = next(iter(data.values())) if isinstance(data, dict) else data[0]
    return str(data)
