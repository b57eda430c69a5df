"""Matching: scoring features, hard constraints, the solver and explanations.

Arrays in, arrays out (numpy/scipy); no file I/O. Imported only by the commands that
match, so `mentorkit --help` never loads numpy.
"""
