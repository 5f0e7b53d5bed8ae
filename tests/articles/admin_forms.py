"""Reading admin pages in tests: the fields of a form as a browser would submit them, and
the messages a response carried."""

from __future__ import annotations

from django.contrib.messages import get_messages
from lxml import html


def parse(response):
    """The page as an lxml tree (decoded as UTF-8, which lxml would otherwise guess)."""
    return html.fromstring(response.content.decode())


def form_data(response, form_id: str = "article_form") -> dict:
    """What submitting form `form_id` of `response` unchanged would post."""
    page = parse(response)
    (form,) = page.xpath(f'//form[@id="{form_id}"]')
    data: dict = {}
    for element in form.xpath(".//input|.//select|.//textarea"):
        name = element.get("name")
        if not name or element.get("disabled") is not None:
            continue
        kind = (element.get("type") or "text").lower()
        if element.tag == "input" and kind in ("submit", "button", "file", "image", "reset"):
            continue
        if kind in ("checkbox", "radio") and element.get("checked") is None:
            continue
        if element.tag == "select":
            chosen = [o.get("value", o.text or "") for o in element.xpath(".//option[@selected]")]
            if element.get("multiple") is not None:
                data[name] = chosen
            else:
                data[name] = chosen[0] if chosen else ""
        elif element.tag == "textarea":
            data[name] = element.text or ""
        else:
            data[name] = element.get("value", "on" if kind == "checkbox" else "")
    return data


def messages_of(response) -> list[tuple[str, str]]:
    """(level tag, text) of each message the response added."""
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def workflow_buttons(response) -> set[str]:
    page = parse(response)
    return set(page.xpath("//form[@data-workflow-action]/@data-workflow-action"))
