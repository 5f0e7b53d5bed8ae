"""The user behind the current request, for receivers that only see model signals."""

from __future__ import annotations

from contextvars import ContextVar

_request: ContextVar[object | None] = ContextVar("audit_request", default=None)


def current_actor():
    """The signed-in user of the request being served, or None (shell, task, anonymous).
    Read lazily: touching `request.user` loads the session, which would stop public pages
    from being cached."""
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


class AuditActorMiddleware:
    """Remembers the request for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
