"""Files shipped with mentorkit (program starters, blank forms); found on disk by the
store (store/resources.py), named here too for code and tests that import them."""

from mentorkit.store.resources import program_templates, templates_dir

__all__ = ["program_templates", "templates_dir"]
