"""`wt26desk insights` on a real vault in a temporary data folder, with records brought
in by `wt26desk import` as a lead would: the JSON figures, the cohort's rates and ratios
with intervals, and the CSV and PDF reports (small numbers suppressed, audit-logged)."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from wt26desk.exports.json_format import dump
from wt26desk.records.model import Action, Child, ConcernRecord
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

from .cli_runner import run_cli

PASS = "insights test passphrase"
PERIOD = ("--from", "2026-01-01", "--to", "2026-12-31")
COHORT = "[ethnicity]\nblack = 20\nwhite = 200\n[care_status]\nkinship-care = 6\nnone = 214\n"


def records() -> list[ConcernRecord]:
    black = [
        ConcernRecord(
            event_date=f"2026-0{n + 1}-10",
            categories=["neglect"],
            children=[
                Child(name=f"Black Child {n}", ethnicity="black", care_status="kinship-care")
            ],
            actions=[Action(who="Children's social care", when=f"2026-0{n + 1}-12 10:00")],
        )
        for n in range(5)
    ]
    white = [
        ConcernRecord(
            event_date="2026-07-01",
            categories=["physical-abuse"],
            children=[Child(name=f"White Child {n}", ethnicity="white", care_status="none")],
        )
        for n in range(3)
    ]
    return black + white


@pytest.fixture(scope="module")
def vault_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("data")
    vault, _ = Vault.create(data_dir / "vault", PASS, kdf=KdfParams.floor())
    vault.lock()
    exports = tmp_path_factory.mktemp("exports")
    for record in records():
        path = exports / f"{record.id}.json"
        path.write_bytes(dump(record, marking="OFFICIAL", training=False, redacted=[]))
        result = run_cli("import", str(path), data_dir=data_dir, stdin=PASS + "\n")
        assert result.returncode == 0, result.stderr
    (data_dir / "cohort.toml").write_text('name = "Test School roll"\n' + COHORT)
    return data_dir


def insights(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("insights", *PERIOD, *args, data_dir=data_dir, stdin=PASS + "\n")


def test_json_gives_harm_areas_characteristics_and_disproportionality(vault_dir: Path) -> None:
    result = insights(vault_dir, "--json", "--cohort", str(vault_dir / "cohort.toml"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["records"] == 8 and data["children"] == 8
    assert {a["id"]: a["concerns"] for a in data["harm_areas"]} == {
        "neglect": 5,
        "physical-abuse": 3,
    }
    ethnicity = {g["value"]: g["concerns"] for g in data["by_characteristic"]["ethnicity"]}
    assert ethnicity == {"white": 3, "black": 5}
    assert data["timings"]["referral"]["median"] == 2
    assert isinstance(data["prompts"], list)  # the prompt engine ran over every record
    black = next(
        d
        for d in data["disproportionality"]
        if (d["characteristic"], d["value"]) == ("ethnicity", "black")
    )
    assert black["rate"] == 0.25
    assert black["ratio"] == pytest.approx(0.25 / (3 / 200))
    low, high = black["ratio_interval"]
    assert 1 < low < black["ratio"] < high
    assert data["cohort"]["name"] == "Test School roll"
    assert "Amy" not in result.stdout


def test_csv_and_pdf_reports_suppress_small_counts_and_are_audited(
    vault_dir: Path, tmp_path: Path
) -> None:
    csv_path, pdf_path = tmp_path / "figures.csv", tmp_path / "figures.pdf"
    args = ("--cohort", str(vault_dir / "cohort.toml"), "--csv", str(csv_path))
    refused = insights(vault_dir, *args)
    assert refused.returncode == 1 and "Add --yes" in refused.stderr
    assert not csv_path.exists()
    result = insights(vault_dir, *args, "--pdf", str(pdf_path), "--yes")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(csv_path.read_text(encoding="utf-8").splitlines()))
    assert ["Physical abuse", "<5"] in rows  # a count of 3
    assert ["Neglect", "c"] in rows  # withheld: 8 concerns less it would give the 3
    assert ["Period", "2026-01-01 to 2026-12-31"] in rows
    assert ["Cohort", "Test School roll"] in rows
    text = (
        csv_path.read_text()
        + subprocess.run(
            ["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True
        ).stdout
    )
    for n in range(5):  # no child is named
        assert f"Black Child {n}" not in text and f"White Child {n}" not in text
    assert "Test School roll" in text and "2026-01-01 to 2026-12-31" in text
    vault = Vault.unlock(vault_dir / "vault", PASS)
    try:
        logged = [e.detail for e in vault.audit_entries() if e.action == "insights.exported"]
    finally:
        vault.lock()
    assert sorted(d["format"] for d in logged[-2:]) == ["csv", "pdf"]
    assert {d["target"] for d in logged[-2:]} == {str(csv_path), str(pdf_path)}


def test_a_bad_cohort_file_is_reported_before_any_passphrase(
    vault_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "roll.csv"
    bad.write_text("characteristic,value,children\nethnicity,purple,4\n")
    result = run_cli("insights", "--cohort", str(bad), data_dir=vault_dir)
    assert result.returncode == 1
    assert "roll.csv, line 2: 'purple' is not a value of ethnicity" in result.stderr
    assert "Passphrase" not in result.stderr


def test_the_prompts_can_be_left_out(vault_dir: Path) -> None:
    result = insights(vault_dir, "--json", "--no-prompts")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["prompts"] is None and data["disproportionality"] == []
    assert data["records"] == 8


def test_a_period_that_ends_before_it_starts_is_refused(vault_dir: Path) -> None:
    result = run_cli("insights", "--from", "2026-05-01", "--to", "2026-01-01", data_dir=vault_dir)
    assert result.returncode == 1 and "before it starts" in result.stderr


DEMO_COHORT = Path(__file__).parents[2] / "content" / "demo-records" / "demo-cohort.csv"


def test_with_no_vault_the_error_says_how_to_use_the_demo(tmp_path: Path) -> None:
    result = run_cli("insights", "--cohort", str(DEMO_COHORT), data_dir=tmp_path)
    assert result.returncode == 1
    assert "There is no vault in" in result.stderr
    assert "wt26desk insights --demo" in result.stderr


@pytest.mark.parametrize("where", ["after", "before"])
def test_demo_gives_the_figures_of_the_demo_vault(tmp_path: Path, where: str) -> None:
    """`--demo` opens the demo vault of fictional records (trainer mode's, made on first
    use) with its published passphrase, and the demo roll unless another is given."""
    args = (
        ("insights", "--demo", "--json") if where == "after" else ("--demo", "insights", "--json")
    )
    result = run_cli(*args, data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["training"] is True
    assert data["records"] >= 60
    assert data["cohort"]["name"] == "demo-cohort"
    assert data["disproportionality"]
    assert "Passphrase" not in result.stderr
    assert "demo vault" in result.stderr
    assert not (tmp_path / "vault").exists()  # the real vault's folder is never touched
    again = run_cli("insights", "--demo", "--cohort", str(DEMO_COHORT), data_dir=tmp_path)
    assert again.returncode == 0, again.stderr
