"""The outbox: actions queued offline and sent exactly once, their kinds, their files, and the journal."""
