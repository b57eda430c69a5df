"""Outcomes: the HR roster and the retention figures of the program report.

    roster_import   `mentorkit outcomes import` and `outcomes show`: the roster kept whole
    retention       6- and 12-month retention of mentees against colleagues, with Wilson
                    intervals, for the report's Outcomes section
    results         the result types of both
"""
