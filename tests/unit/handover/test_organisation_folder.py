from __future__ import annotations

from pathlib import Path

from wt26desk.organisation import load_organisation


def test_the_organisation_names_a_handover_folder(tmp_path: Path) -> None:
    (tmp_path / "wt26desk-org.toml").write_text(
        'handover_folder = "shared/inbox"\nexport_recipient = "age1abc"\n'
    )
    org = load_organisation(tmp_path)
    assert org.problems == ()
    assert org.handover_folder == str((tmp_path / "shared" / "inbox").resolve())
    (tmp_path / "wt26desk-org.toml").write_text("handover_folder = 3\n")
    bad = load_organisation(tmp_path)
    assert bad.handover_folder == "" and "handover_folder must be text" in bad.problems[0]
