"""Production serving as deploy/README.md sets it up: collectstatic, gunicorn under
`newsroom.settings.production`, nginx from `deploy/nginx/render.sh`; every file a reader
fetches comes back with the right type, a long cache lifetime and no location metadata.

Nothing is skipped: without nginx the test fails and says how to install it.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html
from PIL import ExifTags, Image

from devtools.processes import Process, ServiceError, free_port, wait_until
from devtools.workers import database_url
from newsroom.demo.content import load_demo
from photos import rendering, services
from tests.conftest import REPO

from . import images
from .conftest import upload_file

pytestmark = [pytest.mark.worker]

YEAR = "public, max-age=31536000, immutable"


@pytest.fixture
def served_root(settings):
    """Static and media folders nginx's workers (an unprivileged user) can read, as under
    /srv on a server: pytest's own temporary folders are private to root."""
    root = Path(tempfile.mkdtemp(prefix="newsroom-serving-"))
    root.chmod(0o755)
    for name in ("static", "media", "nginx"):
        (root / name).mkdir()
        (root / name).chmod(0o755)
    settings.MEDIA_ROOT = str(root / "media")
    yield root
    shutil.rmtree(root, ignore_errors=True)


def nginx_binary() -> str:
    binary = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.path.exists(p)), None
    )
    if binary is None:
        pytest.fail(
            "nginx is not installed, and production serving cannot be tested without it: "
            "apt-get install -y nginx (Debian's package; nginx-light works too)."
        )
    return binary


def production_env(root: Path, settings) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings.production",
        DJANGO_SECRET_KEY="serving-test-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url(),
        DJANGO_STATIC_ROOT=str(root / "static"),
        DJANGO_MEDIA_ROOT=str(root / "media"),
        NEWSROOM_VAR_DIR=str(settings.VAR_DIR),
        PYTHONUNBUFFERED="1",
    )
    return env


def fetch(url: str, method: str = "GET"):
    request = urllib.request.Request(url, method=method, headers={"X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def site(served_root, settings, tmp_path, transactional_db):
    """nginx in front of gunicorn, started the way deploy/README.md says."""
    nginx = nginx_binary()
    env = production_env(served_root, settings)
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    app_port, web_port = free_port(), free_port()
    processes = [
        Process(
            "gunicorn",
            [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind",
             f"127.0.0.1:{app_port}", "--workers", "2", "--access-logfile", "-"],
            env=env, cwd=REPO, log=tmp_path / "gunicorn.log",
        )
    ]
    prefix = served_root / "nginx"
    render_env = {
        **env,
        "NEWSROOM_LISTEN": f"127.0.0.1:{web_port}",
        "NEWSROOM_SERVER_NAME": "127.0.0.1 localhost",
        "NEWSROOM_UPSTREAM": f"127.0.0.1:{app_port}",
        "NEWSROOM_STATIC_ROOT": str(served_root / "static"),
        "NEWSROOM_MEDIA_ROOT": str(served_root / "media"),
        "NEWSROOM_NGINX_PREFIX": str(prefix),
    }
    rendered = subprocess.run(
        ["sh", "deploy/nginx/render.sh", str(prefix)], cwd=REPO, env=render_env,
        capture_output=True, text=True,
    )
    assert rendered.returncode == 0, rendered.stderr
    checked = subprocess.run(
        [nginx, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr"],
        capture_output=True, text=True,
    )
    assert checked.returncode == 0, checked.stderr
    processes.append(Process(
        "nginx",
        [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", "stderr",
         "-g", "daemon off;"],
        env=env, cwd=REPO, log=tmp_path / "nginx.log",
    ))
    base = f"http://127.0.0.1:{web_port}"
    try:
        if not wait_until(lambda: _answers(base + "/healthz"), timeout=30, step=0.2):
            raise ServiceError("\n".join(p.output()[-3000:] for p in processes))
        yield base
    finally:
        for process in processes:
            process.stop()


def _answers(url: str) -> bool:
    try:
        return fetch(url)[0] == 200
    except OSError:
        return False


def test_pages_static_files_and_every_photo_file_reach_readers(site, served_root, reporter):
    photo, _ = services.photo_create_from_upload(
        file=upload_file(images.wire_jpeg((2000, 1300))), user=reporter,
        alt_text="Smoke rises over rooftops in Baghdad",
    )
    services.photo_renditions_make(photo=photo)

    status, headers, body = fetch(site + "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html"), body[:500]

    manifest = json.loads((served_root / "static" / "staticfiles.json").read_text())
    css = manifest["paths"]["admin/css/base.css"]
    status, headers, body = fetch(f"{site}/static/{css}")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert headers["Cache-Control"] == YEAR

    html = rendering.figure(photo) + rendering.picture(photo, ratio="16:9")
    urls = set(re.findall(r"(/media/[^\s\"]+)", html))
    urls |= {o["url"] for o in rendering.image_objects(photo, base_url=site)}
    urls.add(rendering.og_image(photo, base_url=site)["url"])
    urls.add(photo.file.url)
    types = {".avif": "image/avif", ".webp": "image/webp", ".jpg": "image/jpeg"}
    assert {Path(u).suffix for u in urls} == set(types)
    for url in sorted(urls):
        status, headers, body = fetch(url if url.startswith("http") else site + url)
        assert status == 200, url
        assert headers["Content-Type"] == types[Path(url).suffix], url
        assert headers["Cache-Control"] == YEAR, url
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert images.betrayals(body) == [], url
        assert Image.open(io.BytesIO(body)).getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}, url


def test_nothing_else_is_served_from_media(site, reporter):
    photo, _ = services.photo_create_from_upload(
        file=upload_file(images.plain("JPEG")), user=reporter
    )
    folder = f"{site}/media/photos/{photo.key}/"

    assert fetch(folder)[0] in (403, 404)  # never a listing
    assert fetch(folder + "original.000000000000.jpg")[0] == 404
    assert fetch(site + photo.file.url, method="POST")[0] == 403
    assert fetch(site + "/media/.env")[0] == 404
    assert fetch(site + "/static/.git/config")[0] == 404


def _demo_pages(site: str) -> dict[str, bytes]:
    """Every reader page reachable from the demo's front page through nginx (not feeds,
    the admin or files)."""
    queue, pages = ["/"], {}
    while queue and len(pages) < 200:
        path = queue.pop(0)
        if path in pages:
            continue
        status, _, body = fetch(site + path)
        assert status == 200, (path, status)
        pages[path] = body
        for href in lxml_html.fromstring(body).xpath("//a/@href"):
            parts = urlsplit(urljoin(site + path, href))
            if f"{parts.scheme}://{parts.netloc}" != site or parts.path.startswith(
                ("/admin", "/feeds", "/static", "/media")
            ):
                continue
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if target not in pages and target not in queue:
                queue.append(target)
    return pages


def test_every_image_on_the_demo_pages_loads(site, served_root):
    """The demo as deploy/README.md serves it: every image any reader page names (each
    srcset candidate in each format) loads from nginx, typed, cached for a year and with
    no location in it; the reference story runs with its wire photo."""
    reference, _ = load_demo(users=False)
    pages = _demo_pages(site)
    story = lxml_html.fromstring(pages[reference.public_path()])
    lead = story.xpath('//figure[contains(@class, "story__figure")]')[0]
    assert "(AP Photo/Karim Nasser)" in lead.text_content()
    assert lead.xpath(".//img/@fetchpriority") == ["high"]

    urls = set()
    for body in pages.values():
        tree = lxml_html.fromstring(body)
        assert not tree.xpath("//img[not(@alt)]")
        urls |= set(tree.xpath("//img/@src"))
        for srcset in tree.xpath("//img/@srcset | //source/@srcset"):
            urls |= {candidate.split()[0] for candidate in srcset.split(",")}
    types = {".avif": "image/avif", ".webp": "image/webp", ".jpg": "image/jpeg"}
    assert len(urls) >= 10 and {Path(u).suffix for u in urls} == set(types)
    for url in sorted(urls):
        status, headers, body = fetch(urljoin(site + "/", url))
        assert status == 200, url
        assert headers["Content-Type"] == types[Path(url).suffix], url
        assert headers["Cache-Control"] == YEAR, url
        assert images.betrayals(body) == [], url
