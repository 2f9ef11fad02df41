"""Tests of the charts area."""
