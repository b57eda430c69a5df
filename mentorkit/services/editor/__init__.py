"""Editor support: JSON Schemas of the program's files, for completion and checking."""
