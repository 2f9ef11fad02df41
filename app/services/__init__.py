"""What the console does, with no widgets: client, sync, outbox, rules. Never imports Qt widgets."""
