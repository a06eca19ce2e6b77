"""Writing the report: atomically where asked, logged in the audit with its hash, and
refused (nothing written, nothing logged) where it cannot go."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.unit.insights.records import CHARACTERISTICS, PERIOD, TITLES, TODAY, hand_built
from wt26desk.insights.cohort import Cohort
from wt26desk.insights.export import InsightsExportError, build_report, write_report
from wt26desk.insights.figures import Insights, compute
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault


@pytest.fixture
def vault(tmp_path: Path):
    vault, _ = Vault.create(tmp_path / "vault", "export test pass", kdf=KdfParams.floor())
    yield vault
    vault.lock()


def insights() -> Insights:
    cohort = Cohort("Oak roll", {"ethnicity": {"white": 100, "black": 20}})
    return compute(
        hand_built(), PERIOD, CHARACTERISTICS, today=TODAY, area_titles=TITLES, cohort=cohort
    )


def test_the_csv_is_written_and_logged(vault: Vault, tmp_path: Path) -> None:
    figures = insights()
    report = build_report(figures, "csv", marking="OFFICIAL", training=True)
    assert report.data.startswith(b"TRAINING - FICTIONAL\r\n")
    target = tmp_path / "out" / "figures.csv"
    target.parent.mkdir()
    sha256 = write_report(vault, figures, report, target)
    assert target.read_bytes() == report.data
    assert sha256 == hashlib.sha256(report.data).hexdigest()
    assert [p.name for p in target.parent.iterdir()] == ["figures.csv"]  # no temporaries
    entry = vault.audit_entries()[-1]
    assert entry.action == "insights.exported"
    assert entry.detail["format"] == "csv" and entry.detail["cohort"] == "Oak roll"
    assert entry.detail["period_from"] == "2026-01-01" and entry.detail["sha256"] == sha256


def test_nowhere_to_write_is_refused_and_not_logged(vault: Vault, tmp_path: Path) -> None:
    figures = insights()
    report = build_report(figures, "csv", marking="OFFICIAL", training=False)
    before = len(vault.audit_entries())
    with pytest.raises(InsightsExportError, match="is a folder"):
        write_report(vault, figures, report, tmp_path)
    with pytest.raises(InsightsExportError, match="does not exist"):
        write_report(vault, figures, report, tmp_path / "missing" / "f.csv")
    assert len(vault.audit_entries()) == before


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(InsightsExportError, match="choose csv or pdf"):
        build_report(insights(), "xlsx", marking="OFFICIAL", training=False)
