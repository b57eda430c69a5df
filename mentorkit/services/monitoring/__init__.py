"""Monitoring: the report, what is due, the calendar and validation."""
