"""Use cases. Each returns a plain result object; nothing here prints."""
