"""KooGallery's open APIs the seller calls (interfaces.md §7): Query Order, the usage push and the
License 2.0 codes, on the profile's open-API host (``hosts``), with codes in words (``codes``)."""
