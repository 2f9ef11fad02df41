"""KooGallery Seller Console (华为云云商店 卖家控制台)."""

__version__ = "0.1.0"
