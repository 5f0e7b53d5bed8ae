"""API tokens: issuing and revoking them, and reading them off requests.

A token is `nrt_` and 43 URL-safe random characters (256 bits). It is shown once, when it
is issued; the database keeps its SHA-256 digest (a fast hash is right for a random
secret of this length: nobody can guess one, so there is nothing to slow down) and its
first characters, to tell tokens apart in the admin.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from . import conf
from .models import ApiToken

PREFIX = "nrt_"
# Recording every use would make every request a write; a minute's precision is enough to
# see which tokens are alive.
_USE_PRECISION = timedelta(minutes=1)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_issue(
    *,
    user,
    name: str,
    scopes: list[str],
    created_by=None,
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Issue a token acting as `user` with `scopes`. Returns the row and the token itself,
    which is not kept anywhere: show it once. Raises `ValueError` for an unknown scope."""
    unknown = set(scopes) - set(ApiToken.Scope.values)
    if unknown:
        raise ValueError(f"Unknown scopes: {', '.join(sorted(unknown))}.")
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=raw[: len(PREFIX) + 6],
        digest=_digest(raw),
        scopes=sorted(set(scopes)),
        created_by=created_by,
        expires_at=expires_at,
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, user=None) -> ApiToken:
    """Revoke `token` at once (idempotent: a revoked token stays revoked as it was)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = user
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def api_token_for(raw: str) -> ApiToken | None:
    """The usable token `raw` names, or None (unknown, revoked, expired, or its user
    inactive)."""
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(raw)).first()
    if token is None or not token.is_usable() or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


class BearerTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer nrt_…`: the request acts as the token's user, and
    `request.auth` is the `ApiToken`."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send `Authorization: Bearer <token>`.")
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed("That is not a token.") from error
        token = api_token_for(raw)
        if token is None:
            raise exceptions.AuthenticationFailed("Unknown, expired or revoked token.")
        return token.user, token

    def authenticate_header(self, request) -> str:
        return f'{self.keyword} realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """Describes `BearerTokenAuthentication` in the OpenAPI description."""

    target_class = BearerTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema) -> dict:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token issued in the admin (API tokens), `nrt_…`.",
        }


class HasScope(BasePermission):
    """The request carries a token with the view's `required_scope`."""

    message = "This token does not carry the scope this needs."

    def has_permission(self, request, view) -> bool:
        token = request.auth
        return isinstance(token, ApiToken) and token.allows(view.required_scope)


class TokenRateThrottle(SimpleRateThrottle):
    """NEWSAPI_INGEST_RATE requests per token (per client address without one)."""

    scope = "newsapi-ingest"

    def get_rate(self) -> str:
        return conf.get("NEWSAPI_INGEST_RATE")

    def get_cache_key(self, request, view) -> str:
        token = request.auth
        # The digest, not the id: ids can be reused, a digest names one token for good.
        ident = token.digest[:32] if isinstance(token, ApiToken) else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
