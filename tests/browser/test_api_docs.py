"""The API's docs page works in a real browser under the site's Content-Security-Policy:
Swagger UI loads from our static files, renders every operation from the served OpenAPI
description, and a read call made from it answers. (The `page` fixture fails the test on
any CSP violation or script error.)"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_the_api_under_the_csp(page, live_server, published_story):
    response = page.goto(f"{live_server.url}/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock-summary-path")
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/api/v1/stories/", "/api/v1/ninjs/stories/{id}/", "/api/v1/ingest/"} <= {
        path.replace("\u200b", "") for path in paths
    }
    page.locator("#operations-stories-stories_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert "A published story" in page.locator(".live-responses-table").inner_text()
    assert not page.js_errors
