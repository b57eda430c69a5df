"""Group events: add, list, attendance, cancel (manage.py); who is invited
(invitees.py); the calendar events (ics.py); the report's figures (attendance.py);
`validate`'s checks (checks.py)."""
