"""The program folder on disk: locate, load, validate, save atomically under a lock.

Nothing is imported here, so that a light module of the package (store/location.py,
store/results.py) costs no pydantic import.
"""
