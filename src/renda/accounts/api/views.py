from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

BAD_CREDENTIALS = _("Wrong username or password.")
CHANGE_FIRST = _(
    "The office issued this password: sign in on the website and choose your own first."
)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenView(APIView):
    """Exchange a username and password for an API token (repeated failures are locked out)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=TokenRequestSerializer,
        responses=inline_serializer("Token", {"token": serializers.CharField()}),
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # django-axes marks a locked-out sign-in on the request it is given, and its middleware
        # reads the mark from Django's request: hand it that one, not DRF's wrapper.
        user = authenticate(request=request._request, **serializer.validated_data)
        if user is None or not user.is_active:
            return Response(
                {"detail": str(BAD_CREDENTIALS), "code": "bad_credentials"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if user.must_change_password:
            return Response(
                {"detail": str(CHANGE_FIRST), "code": "password_change_required"},
                status=status.HTTP_403_FORBIDDEN,
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
