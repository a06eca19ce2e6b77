"""Concern records: the model, the recording flow, and chronologies."""
