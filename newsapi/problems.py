"""Errors as RFC 9457 problem details (`application/problem+json`).

Every 4xx of the API has the same body: `type` (a URI naming the kind of problem, or
`about:blank` when the status says it all), `title`, `status` and `detail` (what to do
about it). There is no `instance`: an error never echoes the address asked for (the
drafts-never-leak crawl holds every response to that). A validation problem adds `errors`,
the messages per field or parameter. The story services' exceptions become problems here,
so a view never turns an exception into a response by hand.
"""

from __future__ import annotations

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from articles.exceptions import InvalidTransition, StoryError

from .ninjs import uri_prefix

CONTENT_TYPE = "application/problem+json"


class Problem(exceptions.APIException):
    """A problem of a kind of our own: `code` names its `type` URI."""

    def __init__(self, detail: str, *, status_code: int, code: str, errors: dict | None = None):
        super().__init__(detail, code)
        self.status_code = status_code
        self.problem_code = code
        self.errors = errors


def problem_type(code: str) -> str:
    return f"{uri_prefix()}problem:{code}"


# The story services' exceptions, by class: (status, code). The first that matches wins.
_STORY_PROBLEMS: list[tuple[type[Exception], int, str]] = [
    (InvalidTransition, status.HTTP_409_CONFLICT, "invalid-transition"),
    (StoryError, status.HTTP_422_UNPROCESSABLE_ENTITY, "story-refused"),
    (PermissionDenied, status.HTTP_403_FORBIDDEN, "not-permitted"),
]


def _text(exc: Exception) -> str:
    return " ".join(exc.messages) if isinstance(exc, StoryError) else str(exc)


def _as_api_exception(exc: Exception) -> exceptions.APIException | None:
    if isinstance(exc, Http404):
        return exceptions.NotFound(*exc.args)
    if isinstance(exc, exceptions.APIException):
        return exc
    for kind, status_code, code in _STORY_PROBLEMS:
        if isinstance(exc, kind):
            detail = _text(exc) or "You are not allowed to do that."
            return Problem(detail, status_code=status_code, code=code)
    return None


def _messages(detail) -> list[str] | dict:
    if isinstance(detail, dict):
        return {key: _messages(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return [str(item) for item in detail]
    return [str(detail)]


def problem_body(status_code: int, detail: str) -> dict:
    return {
        "type": "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
    }


def not_found(request, rest: str = "") -> JsonResponse:
    """Any address under the API that names nothing: a problem, like every other error."""
    body = problem_body(404, "Nothing here: see /api/docs/.")
    return JsonResponse(body, status=404, content_type=CONTENT_TYPE)


def problem_response(exc: exceptions.APIException) -> Response:
    status_code = exc.status_code
    body = problem_body(status_code, "")
    if isinstance(exc, Problem):
        body["type"] = problem_type(exc.problem_code)
        body["detail"] = str(exc.detail)
        if exc.errors:
            body["errors"] = exc.errors
    elif isinstance(exc.detail, (dict, list)):
        body["type"] = problem_type("invalid")
        body["title"] = "Invalid request"
        body["detail"] = "Some parameters or fields are not valid; see `errors`."
        body["errors"] = _messages(exc.detail)
    else:
        body["detail"] = str(exc.detail)
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait) + 1)
    return Response(body, status=status_code, headers=headers, content_type=CONTENT_TYPE)


def problem_handler(exc: Exception, context: dict) -> Response | None:
    """REST framework's exception handler for the API's views. Anything it does not know
    is left to Django (a 500, logged)."""
    api_exception = _as_api_exception(exc)
    if api_exception is None:
        return None
    set_rollback()
    return problem_response(api_exception)
