"""A local KooGallery marketplace: a real HTTP server with generated data, clock control and faults."""
