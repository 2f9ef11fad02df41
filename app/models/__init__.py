"""The local cache: SQLAlchemy tables, database setup and migrations. Pure Python: no Qt, no HTTP."""
