from renda.congresses import services
from renda.congresses.api.serializers import CongressSerializer, SessionSerializer, TermSerializer
from renda.congresses.filtersets import CongressFilterSet
from renda.congresses.models import Congress, Session, Term
from renda.core.api import ScopedViewSet

_METHODS = ["get", "post", "patch", "head", "options"]


class CongressViewSet(ScopedViewSet):
    queryset = Congress.objects.all()
    serializer_class = CongressSerializer
    filterset_class = CongressFilterSet
    select_related = ("region",)
    http_method_names = _METHODS

    def create_object(self, data):
        return services.congress_create(actor=self.request.user, **data)

    def update_object(self, obj, data):
        return services.congress_update(
            actor=self.request.user, congress=obj, **{k: v for k, v in data.items() if k == "name"}
        )


class TermViewSet(ScopedViewSet):
    queryset = Term.objects.all()
    serializer_class = TermSerializer
    select_related = ("congress__region",)
    filterset_fields = ["congress"]
    http_method_names = _METHODS

    def create_object(self, data):
        return services.term_create(actor=self.request.user, **data)

    def update_object(self, obj, data):
        return services.term_update(
            actor=self.request.user,
            term=obj,
            **{k: v for k, v in data.items() if k in ("start", "end")},
        )


class SessionViewSet(ScopedViewSet):
    queryset = Session.objects.all()
    serializer_class = SessionSerializer
    select_related = ("term__congress__region",)
    filterset_fields = ["term"]
    http_method_names = _METHODS

    def create_object(self, data):
        return services.session_create(actor=self.request.user, **data)

    def update_object(self, obj, data):
        return services.session_update(
            actor=self.request.user,
            session=obj,
            **{k: v for k, v in data.items() if k in ("start", "end")},
        )
