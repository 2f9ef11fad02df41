"""Sync: marketplace pages into the cache (engine, helper process, writer, mapping)."""
