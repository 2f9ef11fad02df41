"""Tests of the orders area."""
