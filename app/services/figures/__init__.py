"""Figures of the dashboard and the charts."""
