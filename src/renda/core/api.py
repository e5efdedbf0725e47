"""API plumbing shared by every app: the exception handler and the scoped viewset base."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from renda.core.exceptions import DomainError, ValidationFailed
from renda.core.querysets import CHANGE, VIEW
from renda.core.scope import scope_for


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
        response.data = {
            "detail": _first_message(response.data),
            "code": "invalid",
            "errors": response.data,
        }
    return response


def _first_message(data) -> str:
    while isinstance(data, dict | list) and data:
        data = next(iter(data.values())) if isinstance(data, dict) else data[0]
    return str(data)


# --- Scoped viewsets ------------------------------------------------------------------------


ROLE_REFUSED = _("Your role does not allow this.")


class HasRole(permissions.BasePermission):
    """The view's `required_roles` (administrators always pass); reads may be public."""

    message = ROLE_REFUSED

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS and getattr(view, "public_read", False):
            return True
        scope = scope_for(request.user)
        return scope is not None and scope.has(*view.required_roles)


class ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Lists and retrieves through `.restrict()`; writes go through `create_object` and
    `update_object`, which call one service each. Out of scope answers 404."""

    permission_classes = [HasRole]
    required_roles: tuple[str, ...] = ("staff",)
    public_read = False
    write_serializer_class = None  # the input of any write, unless one of these is set:
    create_serializer_class = None  # the input of POST on the list
    update_serializer_class = None  # the input of PATCH
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple = ()

    def base_queryset(self):
        return self.queryset.model.objects.all()

    def get_queryset(self):
        user = self.request.user
        safe = self.request.method in permissions.SAFE_METHODS
        if self.public_read and safe:
            qs = self.public_queryset()
            if scope_for(user) is not None:
                # Signed in, one reads what the public reads and what one's scope reaches.
                qs = qs | self.queryset.model.objects.restrict(user, VIEW)
        else:
            qs = self.queryset.model.objects.restrict(user, VIEW if safe else CHANGE)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs

    def public_queryset(self):  # pragma: no cover - public viewsets override
        return self.queryset.model.objects.none()

    def get_serializer_class(self):
        if self.action == "create" and self.create_serializer_class:
            return self.create_serializer_class
        if self.action == "partial_update" and self.update_serializer_class:
            return self.update_serializer_class
        if self.request.method not in permissions.SAFE_METHODS and self.write_serializer_class:
            return self.write_serializer_class
        return self.serializer_class

    def _respond(self, obj, status_code):
        # Re-read with the viewset's joins. A write may leave the object outside the caller's
        # scope (a new person holds no seat yet): it is answered as written, not with a 500.
        obj = self.get_queryset().filter(pk=obj.pk).first() or obj
        # The viewset's own serializer: an action's `serializer_class` describes its input.
        serializer_class = type(self).serializer_class
        return Response(
            serializer_class(obj, context=self.get_serializer_context()).data,
            status=status_code,
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = self.create_object(serializer.validated_data)
        return self._respond(obj, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        obj = self.update_object(obj, serializer.validated_data)
        return self._respond(obj, status.HTTP_200_OK)

    def create_object(self, data):  # pragma: no cover - subclasses that allow POST override
        raise NotImplementedError

    def update_object(self, obj, data):  # pragma: no cover - subclasses that allow PATCH override
        raise NotImplementedError
