"""Monitoring: the report, what is due, the calendar and validation.

    report, report_results  the program report and its result types
    pair_report             one pair's report
    pair_state              a pair's goals, actions and meetings as of a day
    due, calendar           what is due; the agreed next meetings as .ics
    validate                every file and reference checked
    exports                 how these commands read a whole program and write their files
"""
