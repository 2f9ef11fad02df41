"""Tests of the outbox area."""
