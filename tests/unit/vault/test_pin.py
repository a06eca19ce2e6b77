from __future__ import annotations

import pytest

from wt26desk.vault import pin
from wt26desk.vault.vault import Vault


def test_pin_is_checked_and_never_stored_in_clear(vault: Vault) -> None:
    assert not pin.has_pin(vault) and not pin.check_pin(vault, "2468")
    pin.set_pin(vault, "2468")
    assert pin.has_pin(vault)
    assert pin.check_pin(vault, "2468")
    assert not pin.check_pin(vault, "2469") and not pin.check_pin(vault, "")
    stored = vault.load_draft(pin.SLOT)
    # only a salted hash is kept: no value is the PIN (a hex digest may contain "2468" by
    # chance, about once in a thousand salts, so the test looks at values, not substrings)
    assert stored is not None and set(stored) == {"hash", "salt"}
    assert "2468" not in stored.values() and len(stored["hash"]) == 64
    pin.clear_pin(vault)
    assert not pin.has_pin(vault) and not pin.check_pin(vault, "2468")


@pytest.mark.parametrize("bad", ["123", "abcd", "12 34", "1234567890123", "١٢٣٤"])
def test_only_short_ascii_digit_pins(vault: Vault, bad: str) -> None:
    with pytest.raises(ValueError):
        pin.set_pin(vault, bad)
