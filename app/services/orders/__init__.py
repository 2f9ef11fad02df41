"""Orders: the list's queries, and search across records."""
