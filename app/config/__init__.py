"""Where the console keeps its files (paths), the connection profiles (profiles) and the
settings (settings): each read and written only by its own module."""
