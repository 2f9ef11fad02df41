"""Paths, profiles and settings."""
