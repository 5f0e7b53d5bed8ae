"""The reusable apps ship as a wheel a host site installs: every template, static file,
migration and demo story the repository tracks for them is inside it, no development code
is, and the wheel alone (without the demo site's extra) runs in a fresh Django project set
up as the README says."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html

from devtools.processes import free_port, http_server
from tests.conftest import REPO, SHARED

APPS = ("articles", "contributors", "apstyle", "audit", "newsroom", "photos", "newsapi")
# Import names of the `site` extra's packages (whitenoise, gunicorn, honcho, django-csp,
# django-axes, django-ipware): the demo site's, never the apps'.
SITE_ONLY = ("whitenoise", "gunicorn", "honcho", "csp", "axes", "ipware")
# The reference story, as `load_demo` and the distribution tests name it.
HEADLINE = "US strike in Baghdad kills leader of Iran-backed militia"
BODY = "The strike targeted Mushtaq Talib al-Saidi, also known as Abu Taqwa"


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A clean export of what git tracks, with the uncommitted changes to tracked files,
    so files left around by a run cannot help."""
    tmp = tmp_path_factory.mktemp("source")
    source = tmp / "newsroom"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(source)], check=True)
    patch = tmp / "wip.patch"
    subprocess.run(
        ["git", "-C", str(REPO), "diff", "HEAD", "--binary", "--output", str(patch)], check=True
    )
    if patch.stat().st_size:
        subprocess.run(["git", "-C", str(source), "apply", str(patch)], check=True)
    return source


@pytest.fixture(scope="module")
def wheel(source, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = out.glob("newsroom-*.whl")
    return wheel


def test_the_wheel_carries_every_file_the_apps_need(source, wheel):
    shipped = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(
        ["git", "-C", str(source), "ls-files", *APPS], capture_output=True, text=True, check=True
    ).stdout.split()
    needed = {path for path in tracked if not path.endswith(".md")}
    assert needed - shipped == set()


def test_the_wheel_holds_no_benchmark_synthetic_data_or_development_code(wheel):
    archive = zipfile.ZipFile(wheel)
    shipped = archive.namelist()
    assert {path.split("/")[0] for path in shipped} - set(APPS) == {
        f"{wheel.name.split('-py3')[0]}.dist-info"
    }
    assert [p for p in shipped if re.search(r"synthetic|generate_newsroom|bench|devtools", p)] == []
    # No shipped module reaches for code that only a checkout has.
    reaching = [
        path
        for path in shipped
        if path.endswith(".py")
        and re.search(
            rb"^\s*(from|import)\s+(devtools|bench|tests|tools)\b",
            archive.read(path),
            re.MULTILINE,
        )
    ]
    assert reaching == []
    # The demo site's packages are an extra, not a requirement of the apps.
    metadata = archive.read(f"{wheel.name.split('-py3')[0]}.dist-info/METADATA").decode()
    requires = re.findall(r"^Requires-Dist: (.+)$", metadata, re.MULTILINE)
    for name in ("whitenoise", "gunicorn", "honcho", "django-csp", "django-axes", "django-ipware"):
        (line,) = [r for r in requires if re.match(rf"{name}\b", r)]
        assert 'extra == "site"' in line, line


def readme_blocks() -> dict[str, str]:
    """The code blocks of the README's "Installing the apps into an existing Django site"
    section, by the file their first line names (`# settings.py`, `{# templates/... #}`)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Installing the apps into an existing Django site", 1)[1]
    section = section.split("\n## ", 1)[0]
    blocks = {}
    for block in re.findall(r"```[a-z]*\n(.*?)```", section, re.DOTALL):
        first, rest = block.split("\n", 1)
        name = re.fullmatch(r"(?:#|\{#) (\S+)(?: #\})?", first.strip())
        assert name, f"A README block names no file on its first line: {first!r}"
        blocks[name.group(1)] = rest
    return blocks


def run(args: list[str], *, cwd: Path, env: dict, timeout: float = 300) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(args)}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_the_apps_alone_run_in_a_fresh_django_site(wheel, tmp_path):
    """pip install the wheel without the site extra into a new virtualenv, start a project
    with django-admin, configure it as the README says, migrate, import the reference
    story, and serve its page with runserver."""
    # Nothing of this suite's settings, database or broker reaches the new site; pip keeps
    # its own configuration and cache, so a second run installs from the cache.
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_", "PYTEST_"))
        and key not in ("DATABASE_URL", "REDIS_URL", "PYTHONPATH", "VIRTUAL_ENV")
    }
    env["PYTHONUNBUFFERED"] = "1"
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path, env=env)
    python = str(venv / "bin" / "python")
    run([python, "-m", "pip", "install", "--quiet", str(wheel)], cwd=tmp_path, env=env, timeout=900)
    found = run(
        [python, "-c", "import importlib.util, json, sys; "
         "print(json.dumps([m for m in sys.argv[1:] if importlib.util.find_spec(m)]))",
         *SITE_ONLY],
        cwd=tmp_path, env=env,
    )  # fmt: skip
    assert json.loads(found) == []

    site = tmp_path / "site"
    site.mkdir()
    run([str(venv / "bin" / "django-admin"), "startproject", "hostsite", str(site)], cwd=tmp_path, env=env)
    blocks = readme_blocks()
    assert set(blocks) == {"settings.py", "urls.py", "templates/base.html"}
    for name in ("settings.py", "urls.py"):
        with (site / "hostsite" / name).open("a") as module:
            module.write("\n" + blocks[name])
    (site / "templates").mkdir()
    (site / "templates" / "base.html").write_text(blocks["templates/base.html"])

    manage = [python, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v0"], cwd=site, env=env)
    run([*manage, "newsroom_roles"], cwd=site, env=env)
    story = SHARED / "stories" / "baghdad-strike.txt"
    imported = run(
        [*manage, "import_story", str(story), "--headline", HEADLINE, "--publish"],
        cwd=site, env=env,
    )  # fmt: skip
    assert "(published)" in imported, imported
    path = imported.split()[-1]
    assert path.startswith("/news/"), imported

    port = free_port()
    log = tmp_path / "runserver.log"
    with http_server(
        [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"], port=port, env=env,
        cwd=site, log=log, probe=path,
    ) as base:  # fmt: skip
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                page = lxml_html.fromstring(response.read())
        except urllib.error.HTTPError as error:
            pytest.fail(f"{path} answered {error.code}:\n{log.read_text()[-4000:]}")
    assert [h.text_content().strip() for h in page.xpath("//h1")] == [HEADLINE]
    assert BODY in " ".join(page.text_content().split())
