"""mentorkit: run a workplace mentorship program from a folder of plain YAML files."""

__version__ = "0.1.0"
