"""Every kind of outbox action the console can send, registered in one place.

Action kinds are declared by the area that owns them (``register_kind`` in supervision, invoices,
demands). A dispatcher may meet an entry queued by any area (a CLI ``outbox send``, the GUI after a
restart), so :func:`register_all` imports every such module; :class:`~app.services.outbox.Dispatcher`
calls it when it is made. Add a module here when an area adds actions.
"""

from __future__ import annotations

import importlib

MODULES = (
    "app.services.supervision",
    "app.services.demands",
    "app.services.invoices.submit",
)


def register_all() -> None:
    for name in MODULES:
        importlib.import_module(name)
