"""The Outbox area: actions waiting for the marketplace, their states and the action journal.

Every area that queues actions (Supervision, Demands, Invoices) and the outbox controller that
sends them build a cache's outbox with :func:`app.services.outbox.factory.make_outbox`, so they
store files in the same place.
"""
