"""API plumbing shared by every app: the exception handler, the JSON 404 of the API's URLs
and the scoped viewset base."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from renda.core.exceptions import DomainError, ValidationFailed
from renda.core.querysets import CHANGE, VIEW
from renda.core.scope import scope_for


def exception_handler(exc, context):
    """Every refusal is one JSON body, {"detail": message, "code": code, ...}: a DomainError
    with its status and extra keys; model validation and invalid input as 400 with every
    field's messages under "errors"; DRF's own refusals (401, 403, 404, 405, ...) with their
    code."""
    if isinstance(exc, DjangoValidationError):
        exc = ValidationFailed.from_django(exc)
    if isinstance(exc, DomainError):
        return Response(exc.as_dict(), status=exc.status_code)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        # Even when a field is called "detail" (a commitment's is): the fields' messages are
        # always under "errors".
        errors = response.data
        if not isinstance(errors, dict):
            errors = {api_settings.NON_FIELD_ERRORS_KEY: errors}
        response.data = {"detail": _first_message(errors), "code": "invalid", "errors": errors}
    elif isinstance(response.data, dict) and "code" not in response.data:
        response.data["code"] = getattr(exc.detail, "code", None) or exc.default_code
    return response


def _first_message(data) -> str:
    while isinstance(data, dict | list) and data:
        data = next(iter(data.values())) if isinstance(data, dict) else data[0]
    return str(data)


def page_not_found(request, exception):
    """Django's 404 (`handler404`): under /api/ the API's JSON body, like a missing object;
    elsewhere the site's page, worded for who asked. On a page behind the sign-in a record
    outside the user's area answers 404 like a missing one, and the page says it may be either;
    the public, and anyone on a public page, read a plain "not found"."""
    if request.path.startswith("/api/"):
        body = {"detail": str(exceptions.NotFound.default_detail), "code": "not_found"}
        return JsonResponse(body, status=status.HTTP_404_NOT_FOUND)
    return render(request, "404.html", {"scoped": _on_a_scoped_page(request)}, status=404)


def _on_a_scoped_page(request) -> bool:
    from django.contrib.auth.mixins import LoginRequiredMixin

    if scope_for(getattr(request, "user", None)) is None:
        return False
    match = getattr(request, "resolver_match", None)
    view_class = getattr(getattr(match, "func", None), "view_class", None)
    return view_class is not None and issubclass(view_class, LoginRequiredMixin)


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


class _ServiceWrite:
    """`ScopedViewSet.create` and `.partial_update`: there only on a viewset that overrides
    `hook` (`create_object`, `update_object`) to call its service. The router routes, and the
    schema advertises, only the actions a viewset has; without the service, POST on the list or
    PATCH on an object answers 405, not a NotImplementedError as a 500."""

    def __init__(self, hook: str):
        self.hook = hook

    def __call__(self, method):
        self.method = method
        return self

    def __set_name__(self, owner, name):
        self.owner = owner

    def __get__(self, obj, objtype=None):
        cls = type(obj) if obj is not None else objtype
        if cls is not self.owner and getattr(cls, self.hook) is getattr(self.owner, self.hook):
            raise AttributeError(f"{cls.__name__} has no {self.hook}, so no {self.method.__name__}")
        return self.method.__get__(obj, cls)


# The docstring below is the API description of every viewset that has none of its own.
class ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Lists and retrieves through `.restrict()`; writes go through `create_object` and
    `update_object`, which call one service each. Out of scope answers 404."""

    # A viewset that overrides neither has no POST on its list and no PATCH (`_ServiceWrite`).
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

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Ids are whole numbers. Any other {id} (abc, null,null, a full-width １) is a missing
        # object, before an action that looks it up its own way turns it into a 500.
        pk = kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if pk is not None and not (pk.isascii() and pk.isdecimal()):
            raise exceptions.NotFound()

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

    @_ServiceWrite("create_object")
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        obj = self.create_object(serializer.validated_data)
        return self._respond(obj, status.HTTP_201_CREATED)

    @_ServiceWrite("update_object")
    def partial_update(self, request, *args, **kwargs):
        obj = self.get_object()
        serializer = self.get_serializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        obj = self.update_object(obj, serializer.validated_data)
        return self._respond(obj, status.HTTP_200_OK)

    def create_object(self, data):  # pragma: no cover - never routed unless overridden
        raise NotImplementedError

    def update_object(self, obj, data):  # pragma: no cover - never routed unless overridden
        raise NotImplementedError


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """An id in a request body, looked up among the rows the caller may see (`.restrict()`):
    one outside the scope is refused exactly like a missing one, "invalid pk", so an answer
    never tells whether another deputy's seat exists. The serializer needs the request in its
    context (a viewset's `get_serializer` gives it)."""

    def get_queryset(self):
        request = self.context.get("request")
        assert request is not None, f"{type(self).__name__} needs the request in its context"
        return super().get_queryset().restrict(request.user, VIEW)


class SlugRelatedField(serializers.SlugRelatedField):
    """DRF's SlugRelatedField, refusing a value no slug can hold (a NUL character, which
    PostgreSQL's text cannot store: the lookup would fail with a DataError, a 500) as an
    invalid one, like any other value that matches no row."""

    def to_internal_value(self, data):
        if isinstance(data, str) and "\x00" in data:
            self.fail("invalid")
        return super().to_internal_value(data)


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
        # A step without input keeps the viewset's serializer (what OPTIONS describes).
        extra = {"serializer_class": serializer} if serializer is not None else {}
        made = action(
            detail=True, methods=["post"], url_path=self.url_path, url_name=self.url_path, **extra
        )(step)
        made = extend_schema(request=serializer, responses=owner.serializer_class)(made)
        setattr(owner, attr, made)
        owner.transition_name = {**owner.transition_name, attr: name}
