"""The reusable apps ship as a wheel a host site installs: every template, static file,
migration and demo story the repository tracks for them must be inside it."""

import subprocess
import sys
import zipfile

from tests.conftest import REPO

APPS = ("articles", "contributors", "apstyle", "audit", "newsroom")


def test_the_wheel_carries_every_file_the_apps_need(tmp_path):
    source = tmp_path / "source"
    # A clean export of what git tracks, so files left around by a run cannot help.
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(source)], check=True)
    subprocess.run(
        [
            "git",
            "-C",
            str(REPO),
            "diff",
            "HEAD",
            "--binary",
            "--output",
            str(tmp_path / "wip.patch"),
        ],
        check=True,
    )
    if (tmp_path / "wip.patch").stat().st_size:
        subprocess.run(["git", "-C", str(source), "apply", str(tmp_path / "wip.patch")], check=True)
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = tmp_path.glob("newsroom-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())

    tracked = subprocess.run(
        ["git", "-C", str(source), "ls-files", *APPS], capture_output=True, text=True, check=True
    ).stdout.split()
    needed = {path for path in tracked if not path.endswith(".md")}
    assert needed - shipped == set()
