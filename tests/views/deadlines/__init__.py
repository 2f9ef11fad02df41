"""Tests of the deadlines area."""
