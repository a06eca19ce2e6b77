"""Fixtures shared by the tests that run real processes and real filesystems."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


@pytest.fixture
def tiny_filesystem(tmp_path: Path):
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=320k", "tmpfs", str(mount_point)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip("cannot mount a small filesystem here (needs root)")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)
