"""The command line as scripts and operators use it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from bot.cli import run_assess

ROOT = Path(__file__).resolve().parents[1]


def _run(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def test_assess_answers_each_line_in_order_and_survives_bad_lines() -> None:
    lines = [
        json.dumps(
            {
                "id": "a",
                "phase": "aabning",
                "text": "Goddag, jeg hedder Sara fra Jobcenter Aarhus. Har du et par minutter?",
            }
        ),
        "{not json",
        json.dumps({"id": "b", "phase": "ukendt", "text": "hej"}),
        json.dumps({"id": "c", "phase": "afslutning", "text": 42}),
        json.dumps(["a list"]),
        "",
        json.dumps(
            {
                "id": "d",
                "phase": "afslutning",
                "text": "Tak for snakken, vi ses torsdag kl. 10.",
                "objection": None,
            }
        ),
    ]
    out = io.StringIO()
    assert run_assess(io.StringIO("\n".join(lines) + "\n"), out) == 0
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r.get("id") for r in results] == ["a", None, "b", "c", None, "d"]
    first = results[0]
    assert first["phase"] == "aabning"
    assert set(first["criteria"]) == {
        "hilsen",
        "praesentation",
        "organisation",
        "formaal",
        "tilladelse",
    }
    assert first["criteria"]["hilsen"] and first["criteria"]["tilladelse"]
    assert 0.0 <= first["score"] <= 1.0
    assert all("error" in r for r in results[1:5])
    assert results[5]["criteria"]["tak"] is True


def test_scenarios_json_lists_at_least_six() -> None:
    result = _run("scenarios", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) >= 6
    for item in items:
        assert {"id", "title", "difficulties"} <= set(item)
        assert set(item["difficulties"]) <= {"let", "mellem", "svaer"}


def test_practice_plays_a_script_and_prints_the_result(tmp_path: Path) -> None:
    scenario = json.loads(_run("scenarios", "--json").stdout)[0]["id"]
    script = tmp_path / "call.txt"
    script.write_text(
        "# a short call\n[aabning]\nGoddag, mit navn er Sara fra Jobcenter Aarhus. "
        "Jeg ringer, fordi jeg gerne vil høre om jeres behov for medarbejdere. "
        "Har du to minutter?\n"
        "\n[analyse]\nHvordan ser jeres behov for folk ud lige nu?\n",
        encoding="utf-8",
    )
    result = _run(
        "practice", "--scenario", scenario, "--seed", "3", "--script", str(script), "--json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == scenario and data["seed"] == 3 and data["difficulty"] == "mellem"
    assert data["outcome"] in {
        "moede_booket",
        "aftale",
        "opfoelgning",
        "afslag",
        "afbrudt",
        "ufuldendt",
    }
    assert set(data["bala"]) == {"behov", "accept_behov", "loesning", "accept_loesning"}
    assert data["turns"][0]["speaker"] in {"konsulent", "virksomhed", "coach"}
    assert any(t["text"].startswith("Goddag, mit navn er Sara") for t in data["turns"])
    assert "aabning" in data["phases"]


def test_practice_reports_unknown_scenario_and_bad_script(tmp_path: Path) -> None:
    script = tmp_path / "s.txt"
    script.write_text("[aabning]\nHej\n", encoding="utf-8")
    result = _run("practice", "--scenario", "findes-ikke", "--script", str(script), "--json")
    assert result.returncode == 2 and "scenarie" in result.stderr.lower()
    missing = _run("practice", "--scenario", "x", "--script", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2


def test_team_create_prints_an_admin_code_once(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}"}
    first = _run("team", "create", "Jobcenter Odense", env=env)
    assert first.returncode == 0, first.stderr
    assert "Administratorkode:" in first.stdout
    again = _run("team", "create", "Jobcenter Odense", env=env)
    assert again.returncode == 1 and "findes allerede" in again.stderr


def test_help_is_danish() -> None:
    result = _run("--help")
    assert result.returncode == 0
    assert "Øv en samtale i terminalen" in result.stdout
    assert "practice" in result.stdout and "assess" in result.stdout


def test_teams_manifest_needs_a_bot_id_then_writes_the_zip(tmp_path: Path) -> None:
    import zipfile

    missing = _run("teams-manifest", str(tmp_path), env={"TEAMS_CLIENT_ID": ""})
    assert missing.returncode == 2 and "Teams-app-pakken" in missing.stderr
    bot_id = "0b7c1f55-3d2a-4b8e-9a61-2f4c8e9d1a00"
    done = _run("teams-manifest", str(tmp_path), env={"TEAMS_CLIENT_ID": bot_id})
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "ringetraener-teams.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["bots"][0]["botId"] == bot_id
    commands = {c["title"] for c in manifest["bots"][0]["commandLists"][0]["commands"]}
    assert "/ny" in commands


def test_help_lists_the_bank_and_cohort_tools() -> None:
    for args in (("objections", "--help"), ("cohort", "report", "--help")):
        result = _run(*args)
        assert result.returncode == 0, result.stderr
        assert "--format" in result.stdout or "export" in result.stdout
