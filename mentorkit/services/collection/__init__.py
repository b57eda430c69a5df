"""Responses from participants: Forms exports and pair workbooks, and pulse check-ins."""
