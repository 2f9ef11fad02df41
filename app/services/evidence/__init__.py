"""Evidence packages of a supervision task: the zip with its manifest, and the index PDF."""
