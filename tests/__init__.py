"""Tests of the KooGallery Seller Console."""
