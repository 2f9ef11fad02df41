"""The parts every area shares: models, formats, titles, failures, tables."""
