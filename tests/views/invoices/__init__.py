"""Tests of the invoices area."""
