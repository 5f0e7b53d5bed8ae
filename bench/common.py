"""What the page, query and admin benchmarks share: JSON lines and a table, the machine,
benchmark databases of a given size, and Django set up against one of them.

Every script prints one JSON object per figure on its own line (lines starting with "{"),
then a readable table. Nothing here reaches beyond loopback, and every loop is bounded.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "sqlite:///" + str(
    Path(os.environ.get("NEWSROOM_VAR_DIR", ROOT / "var")) / "newsroom.sqlite3"
)

_records: list[dict] = []


def emit(bench: str, metric: str, value, unit: str = "", **labels) -> dict:
    """Print one figure as a JSON line and keep it for `print_table`."""
    record = {"bench": bench, "metric": metric, **labels, "value": value, "unit": unit}
    _records.append(record)
    print(json.dumps(record), flush=True)
    return record


def print_table(title: str) -> None:
    """The figures emitted so far, as an aligned table under `title`."""
    if not _records:
        return
    label_keys: list[str] = []
    for record in _records:
        for key in record:
            if key not in ("bench", "value", "unit") and key not in label_keys:
                label_keys.append(key)
    header = [*label_keys, "value", "unit"]
    rows = [
        [_cell(record.get(key, "")) for key in label_keys]
        + [_cell(record["value"]), record["unit"]]
        for record in _records
    ]
    widths = [max(len(str(x)) for x in column) for column in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    print(flush=True)


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def machine() -> dict:
    """What the figures ran on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def scaled_url(url: str, stories: int) -> str:
    """The benchmark database for `stories` stories beside the one `url` names: the
    PostgreSQL database `<name>_bench_<size>`, or the SQLite file `<name>-bench-<size>`."""
    size = f"{stories // 1000}k" if stories % 1000 == 0 else str(stories)
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1])
        return "sqlite:///" + str(path.with_name(f"{path.stem}-bench-{size}.sqlite3"))
    name = parts.path.lstrip("/") or "newsroom"
    return urlunsplit(parts._replace(path=f"/{name}_bench_{size}"))


def manage(*args: str, url: str, settings: str = "newsroom.settings.local", **kwargs):
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": settings}
    env.setdefault("DJANGO_DEBUG", "False")
    return subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, **kwargs
    )


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database `url` names if it does not exist (SQLite creates
    its file itself)."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        Path(parts.path).parent.mkdir(parents=True, exist_ok=True)
        return
    import psycopg  # only for a PostgreSQL benchmark database

    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            c.execute(f'CREATE DATABASE "{name}"')


def ensure_dataset(url: str, stories: int, *, revisions: int = 10, seed: int = 1) -> float | None:
    """Make the database at `url` hold at least `stories` synthetic stories: migrate it,
    then generate what is missing. Returns the seconds generation took, or None if the
    stories were already there."""
    ensure_database(url)
    manage("migrate", "--noinput", "-v0", url=url)
    manage("newsroom_roles", url=url, stdout=subprocess.DEVNULL)
    count = manage(
        "shell", "-c", "from articles.models import Article; print(Article.objects.count())",
        url=url, capture_output=True, text=True,
    ).stdout.split()[-1]  # fmt: skip
    missing = stories - int(count)
    if missing <= 0:
        return None
    started = time.monotonic()
    manage(
        "generate_newsroom", "--articles", str(missing), "--seed", str(seed),
        "--revisions-per-article", str(revisions), url=url,
    )  # fmt: skip
    return time.monotonic() - started


def setup_django(url: str, settings: str = "newsroom.settings.test") -> None:
    """Django in this process, against the database at `url`."""
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    sys.path.insert(0, str(ROOT))
    import django  # from the checkout this script belongs to, put on sys.path above

    django.setup()
