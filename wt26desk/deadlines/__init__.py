"""Statutory timescales counted in working days (England and Wales bank holidays)."""
