"""API plumbing shared by every app: the exception handler and the scoped viewset base."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
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


# --- Workflow steps ---------------------------------------------------------------------------


class WorkflowViewSetMixin:
    """A viewset whose model has a workflow (`core.workflow`): its transition actions, made by
    `transition_action`, are gated by the roles the declaration gives each step."""

    workflow = None
    transition_name: dict[str, str] = {}  # action → transition, filled by transition_action

    @property
    def required_roles(self):
        step = self.transition_name.get(self.action)
        if step is not None:
            return self.workflow.roles_for(step)
        return self.other_roles()

    def other_roles(self) -> tuple[str, ...]:
        """The roles of the viewset's other actions (lists, reads, writes)."""
        return ("staff",)


class transition_action:  # noqa: N801 - used like the @action decorator it makes
    """One line per API action of a workflow step:

        approve = transition_action("approve", NoteSerializer)

    makes `POST /<resource>/{id}/approve/`: the input validated by `serializer` (none: no
    body), the one service body of the viewset's `workflow`, the object in the viewset's
    serializer. Its description is the transition's `help`."""

    def __init__(self, name: str, serializer=None, *, url_path: str | None = None):
        self.name = name
        self.serializer = serializer
        self.url_path = url_path or name

    def __set_name__(self, owner, attr: str):
        name, serializer = self.name, self.serializer

        def step(viewset, request, pk=None):
            obj = viewset.get_object()
            data = {}
            if serializer is not None:
                checked = serializer(data=request.data, context={"obj": obj, "request": request})
                checked.is_valid(raise_exception=True)
                data = dict(checked.validated_data)
            note = data.pop("note", "")
            viewset.workflow.transition(actor=request.user, obj=obj, name=name, note=note, **data)
            return viewset._respond(obj, status.HTTP_200_OK)

        step.__name__ = attr
        step.__qualname__ = f"{owner.__qualname__}.{attr}"
        step.__doc__ = owner.workflow.transitions[name].help or None
        made = action(
            detail=True,
            methods=["post"],
            url_path=self.url_path,
            url_name=self.url_path,
            serializer_class=serializer,
        )(step)
        made = extend_schema(request=serializer, responses=owner.serializer_class)(made)
        setattr(owner, attr, made)
        owner.transition_name = {**owner.transition_name, attr: name}
