"""Tests of the demands area."""
