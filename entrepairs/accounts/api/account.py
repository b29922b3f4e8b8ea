"""The signed-in account through the API."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework.authentication import SessionAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import services


class SignOutEverywhereView(APIView):
    """End every session of the signed-in user, on every device, this one included when the call
    comes with a session cookie. Access tokens are not revoked (revoke them one by one)."""

    @extend_schema(request=None, responses={204: None}, operation_id="account_sign_out_everywhere")
    def post(self, request: Any) -> Response:
        services.sign_out_everywhere(
            request=request._request,
            end_this_session=isinstance(request.successful_authenticator, SessionAuthentication),
            by=request.user,
        )
        return Response(status=204)
