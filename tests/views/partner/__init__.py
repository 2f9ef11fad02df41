"""Tests of the partner area."""
