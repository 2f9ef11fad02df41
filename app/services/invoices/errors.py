"""The invoice documents' error, apart from :mod:`app.services.invoices.render` so that catching it
(``app/views/common/failures.py``) does not import reportlab: the window starts without it and
reportlab is loaded on the first PDF (bench/startup.py)."""

from __future__ import annotations

from app.errors import ConsoleError


class RenderError(ConsoleError):
    """A document that cannot be made; ``str()`` is a message for the user."""

    default_code = "render"
