"""The Outbox area: actions waiting for the marketplace, their states and the action journal."""
