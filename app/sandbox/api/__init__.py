"""The sandbox's HTTP side: the routes a marketplace answers, and the gateway in front of them.

``gateway`` checks AK/SK signatures, the rate limit and injected faults (``guard``); ``actions``,
``demands`` and ``invoices`` are the seller's write routes; ``admin`` is the loopback-only
``/_sandbox/...`` control. The read routes and the assembly are in :mod:`app.sandbox.server`.
"""
