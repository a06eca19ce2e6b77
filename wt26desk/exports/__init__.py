"""Referral exports: PDF, Word, JSON and age-encrypted bundles of a concern record."""
