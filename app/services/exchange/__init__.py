"""Import and export: areas as tables, CSV/XLSX streaming, import files."""
