"""Messages to participants and the coordinator (`mentorkit notify`): which are due
(kinds/), their wording (templates.py), the e-mail (compose.py), where they go
(delivery.py) and the once-only rule (notify.py, with the log in store/messages.py)."""
