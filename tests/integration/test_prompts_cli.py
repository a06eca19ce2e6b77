"""`wt26desk prompts --json` as scripts use it: JSON in, JSON out."""

from __future__ import annotations

import json
from pathlib import Path

from .cli_runner import run_cli


def test_prompts_json_contract(tmp_path: Path) -> None:
    concern = {
        "text": "Bruise on the baby's cheek seen at 09:40 by the health visitor.",
        "children": [{"age_months": 4, "mobile": False}],
        "categories": [],
        "event_date": "2026-04-02",
        "referred_to_social_care_on": "2026-04-02",
    }
    result = run_cli(
        "prompts", "--json", "--today", "2026-04-02", data_dir=tmp_path, stdin=json.dumps(concern)
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {
        "harm_areas",
        "standards",
        "missing",
        "deadlines",
        "care",
        "quality",
        "dismissed",
        "notices",
        "dangers",
    }
    assert out["dangers"] == []  # the danger is carried by the urgent area
    infant = next(a for a in out["harm_areas"] if a["id"] == "infant-abuse")
    assert infant["urgent"] and infant["reasons"]
    assert out["harm_areas"][0]["id"] == "infant-abuse"  # urgent first
    assert {"A1", "A3", "A5"} <= {s["id"] for s in out["standards"]}
    [due] = [d for d in out["deadlines"] if d["event"] == "referral-received"]
    assert due["due"] == "2026-04-07"  # Good Friday and Easter Monday skipped


def test_prompts_reads_a_plain_text_note(tmp_path: Path) -> None:
    note = "Y4 girl, bruise on her cheek, said dad slapped her.\n"
    result = run_cli("prompts", "--json", data_dir=tmp_path, stdin=note)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert "physical-abuse" in {a["id"] for a in out["harm_areas"]}


def test_prompts_rejects_bad_input_clearly(tmp_path: Path) -> None:
    not_json = run_cli("prompts", "--json", data_dir=tmp_path, stdin="{oops")
    assert not_json.returncode == 1 and "not JSON" in not_json.stderr
    bad = run_cli(
        "prompts",
        "--json",
        data_dir=tmp_path,
        stdin=json.dumps({"text": "x", "children": [{"unborn": "yes"}]}),
    )
    assert bad.returncode == 1 and "children[0].unborn" in bad.stderr
