"""The toolkit: the pair's forms (Tools 1-6), filling and submitting them, the rules
across them, a relationship's life, and show."""
