"""The command line (`seller-console`), run as a user runs it."""
