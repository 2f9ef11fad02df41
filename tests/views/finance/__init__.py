"""Tests of the finance area."""
