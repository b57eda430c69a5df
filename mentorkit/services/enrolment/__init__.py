"""Enrolment: the program's setup, participants, sign-up imports and the tidying of
form answers."""
