"""The `stylecheck` management command: output shapes, exit codes, stdin, HTML files."""

from __future__ import annotations

import io
import json

import pytest

django = pytest.importorskip("django")
from django.apps import apps  # noqa: E402

if not apps.ready or not apps.is_installed("apstyle"):
    pytest.skip("apstyle is not in INSTALLED_APPS yet", allow_module_level=True)

from django.core.management import call_command  # noqa: E402

pytestmark = pytest.mark.django_db

KEYS = {
    "path",
    "rule",
    "severity",
    "start",
    "end",
    "line",
    "column",
    "text",
    "message",
    "suggestions",
}


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    out = io.StringIO()
    kwargs = {"stdout": out, "stderr": io.StringIO()}
    if stdin is not None:
        kwargs["stdin"] = io.StringIO(stdin)
    try:
        call_command("stylecheck", *args, **kwargs)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue()


def test_json_output_shape_and_error_exit(tmp_path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(
        "Intro line.\nThe war began October 7 and US-led forces left.\n", encoding="utf-8"
    )
    code, out = run(str(path), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert isinstance(data, list) and data
    for item in data:
        assert set(item) >= KEYS
    oct_ = next(d for d in data if d["rule"] == "AP-DATE-01")
    assert (oct_["line"], oct_["column"], oct_["text"]) == (2, 15, "October")
    assert oct_["path"] == str(path) and oct_["suggestions"] == ["Oct."]
    source = path.read_text(encoding="utf-8")
    assert all(source[d["start"] : d["end"]] == d["text"] for d in data)


def test_clean_text_exits_zero_and_prints_empty_array() -> None:
    code, out = run("--format", "json", stdin="The war began Oct. 7.")
    assert code == 0
    assert json.loads(out) == []


def test_warnings_alone_do_not_fail() -> None:
    code, out = run("-", stdin="Iraqi war planes flew overhead.")
    assert code == 0
    assert out.strip() == "-:1:7: warning AP-ORG-07 " + out.split("AP-ORG-07 ", 1)[1].strip()
    assert out.strip().endswith("(warplanes)")


def test_text_format_and_field_option() -> None:
    code, out = run("--field", "headline", stdin="U.S. strike kills militia leader")
    assert code == 1
    assert out.startswith("-:1:1: error AP-PLACE-05 ")
    assert out.strip().endswith("(US)")


def test_html_positions_map_to_the_file(tmp_path) -> None:
    path = tmp_path / "story.html"
    html = "<p>His government is <em>“is</em> proceeding.</p>\n<p>A US strike.</p>"
    path.write_text(html, encoding="utf-8")
    code, out = run(str(path), "--format", "json")
    assert code == 1
    data = {d["rule"]: d for d in json.loads(out)}
    doubled = data["NR-DOUBLED-WORD"]
    assert html[doubled["start"] : doubled["end"]] == "is <em>“is"
    assert doubled["text"] == "is “is"
    assert (data["AP-PLACE-05"]["line"], data["AP-PLACE-05"]["column"]) == (2, 6)


def test_house_rules_from_the_database_apply() -> None:
    from apstyle.models import HouseStyle, HouseTerm

    style = HouseStyle.objects.create(name="Desk", slug="desk", is_default=True)
    HouseTerm.objects.create(
        style=style, kind=HouseTerm.Kind.FORBID, term="slammed", severity="error"
    )
    code, out = run("--format", "json", stdin="Critics slammed the plan.")
    assert code == 1
    assert [d["rule"] for d in json.loads(out)] == ["NR-HOUSE-FORBIDDEN"]
    code, out = run("--format", "json", "--no-house-rules", stdin="Critics slammed the plan.")
    assert (code, json.loads(out)) == (0, [])


def test_unreadable_path_is_a_command_error(tmp_path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("stylecheck", str(tmp_path / "missing.txt"), stdout=io.StringIO())
