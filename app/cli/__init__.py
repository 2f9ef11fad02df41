"""Command-line front end: one module per command group (``profile``, ...), wired by ``app.__main__``."""
