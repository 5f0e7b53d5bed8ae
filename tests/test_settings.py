"""The site's settings read a `.env` file beside the project before any variable, and set
the apps' settings only where the environment changes them (the defaults live in the apps'
`conf.py`).

Each case imports a copy of `newsroom/settings/` in a fresh Python whose project folder
(BASE_DIR, where `.env` is read) is a temporary one, with none of this suite's variables.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

READ = """
import json
from newsroom.settings import base
print(json.dumps({
    "VAR_DIR": str(base.VAR_DIR),
    "DATABASE": base.DATABASES["default"]["NAME"],
    "TEST_DATABASE": base.DATABASES["default"]["TEST"]["NAME"],
    "BROKER_DIR": str(base.BROKER_DIR),
    "CACHE": base.CACHES["default"]["LOCATION"],
    "SWEEP": base.NEWSROOM_SWEEP_INTERVAL,
    "SITE_NAME": getattr(base, "NEWSROOM_SITE_NAME", None),
    "COUNTDOWN": getattr(base, "APSTYLE_CHECK_COUNTDOWN", None),
}))
"""


def settings_with(tmp_path: Path, dotenv: str, **environ: str) -> dict:
    """The settings a site in `tmp_path` gets from the `.env` text `dotenv` and `environ`."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "newsroom" / "settings", project / "newsroom" / "settings")
    (project / "newsroom" / "__init__.py").write_text("")  # the settings alone, no Celery
    (project / ".env").write_text(dotenv)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_", "APSTYLE_", "PYTEST_"))
        and key not in ("DATABASE_URL", "REDIS_URL", "PYTHONPATH")
    }
    # The copy first, so `newsroom` is it; the repository for the apps' conf modules.
    env.update(environ, PYTHONPATH=os.pathsep.join([str(project), str(REPO)]))
    result = subprocess.run(
        [sys.executable, "-c", READ], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_dot_env_file_sets_the_var_folder_and_so_every_path_under_it(tmp_path):
    var = tmp_path / "elsewhere"
    settings = settings_with(tmp_path, f"NEWSROOM_VAR_DIR={var}\n")
    assert settings["VAR_DIR"] == str(var)
    assert settings["DATABASE"] == str(var / "newsroom.sqlite3")
    assert settings["TEST_DATABASE"] == str(var / "test.sqlite3")
    assert settings["BROKER_DIR"] == str(var / "broker")
    assert settings["CACHE"] == str(var / "cache")


def test_the_process_environment_wins_over_the_dot_env_file(tmp_path):
    chosen = tmp_path / "chosen"
    settings = settings_with(
        tmp_path, f"NEWSROOM_VAR_DIR={tmp_path / 'ignored'}\n", NEWSROOM_VAR_DIR=str(chosen)
    )
    assert settings["VAR_DIR"] == str(chosen)


def test_without_a_var_folder_anywhere_it_is_var_in_the_project(tmp_path):
    settings = settings_with(tmp_path, "")
    assert settings["VAR_DIR"] == str(tmp_path / "project" / "var")


def test_app_settings_are_set_only_where_the_environment_changes_them(tmp_path):
    from apstyle import conf as apstyle_conf
    from articles import conf as articles_conf

    unset = settings_with(tmp_path / "unset", "")
    assert unset["SITE_NAME"] is None and unset["COUNTDOWN"] is None  # the apps' defaults
    # Beat's schedule needs the sweep interval in the settings: the app's default.
    assert unset["SWEEP"] == articles_conf.DEFAULTS["NEWSROOM_SWEEP_INTERVAL"]

    changed = settings_with(
        tmp_path / "changed",
        "NEWSROOM_SITE_NAME=The Daily Test\nNEWSROOM_SWEEP_INTERVAL=7\n",
        APSTYLE_CHECK_COUNTDOWN="1.5",
    )
    assert changed["SITE_NAME"] == "The Daily Test"
    assert changed["SWEEP"] == 7.0
    assert changed["COUNTDOWN"] == 1.5 != apstyle_conf.DEFAULTS["APSTYLE_CHECK_COUNTDOWN"]
