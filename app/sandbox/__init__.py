"""A local KooGallery marketplace: a real HTTP server with generated data, clock control and faults.

The sandbox shares only the wire schemas (``app.services.marketplace.wire``) and AK/SK signing
(``app.services.marketplace.signing``) with the rest of the project. Everything it serves is generated, and it
serves the seller/partner collections that are *this project's* contract (KooGallery itself publishes
no such list API; see ``docs/api.md``).

Its rooms, each importing only from the ones after it:

* ``cli`` and ``server``: ``python -m app sandbox``, and the assembled server (read routes, the
  gateway, uvicorn on loopback);
* ``api/``: the HTTP side (the gateway and its guards, the write routes, the admin routes);
* ``state``, ``store``, ``simulate``, ``manual_tasks``: the running world (the record store, the
  clock that moves it, the tasks a seller acted on);
* ``data/``: the generated world, pure functions of a seed (knows no HTTP and no store).
"""

from __future__ import annotations

#: The sandbox account's demo key pair. These are published demo values, not secrets: they open only
#: a local sandbox filled with generated data. Pass your own pair to ``SandboxServer`` or the CLI to
#: practise key handling.
DEMO_ACCESS_KEY = "SANDBOXDEMOACCESSKEY0"
DEMO_SECRET_KEY = "sandbox-demo-secret-key-not-a-secret-0000"
#: The sandbox's demo key from 密钥管理 (the usage-push body signature, interfaces.md §6.7).
DEMO_ISV_KEY = "sandbox-demo-isv-key-not-a-secret-000000"

__all__ = ["DEMO_ACCESS_KEY", "DEMO_ISV_KEY", "DEMO_SECRET_KEY"]
