"""The sandbox's generated world: who buys what, when, and what follows, as pure functions of a seed.

``generate`` makes the initial records from the seed and a start time (``catalog`` for the products
and people, ``orders``, ``tasks``, ``finance``, ``demands`` for each collection, ``flows`` for the
supervision flows, ``mock_orders`` for Query Order's fixed MOCK orders, ``rand`` for the seeded
streams, ``timeutil`` for the sandbox clock's units). Nothing here knows HTTP, the record store or
the running server: it only makes data.
"""
