"""The cache's schema and migrations."""
