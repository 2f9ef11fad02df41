"""Tests of the supervision area."""
