"""Matching: proposals, applying them, pairing by hand, exclusions and explanations."""
