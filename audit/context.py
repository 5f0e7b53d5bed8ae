"""The user behind the current request, for receivers that only see model signals."""

from __future__ import annotations

from contextvars import ContextVar

_actor: ContextVar[object | None] = ContextVar("audit_actor", default=None)


def current_actor():
    return _actor.get()


class AuditActorMiddleware:
    """Remembers `request.user` for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = _actor.set(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)
