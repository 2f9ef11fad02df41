"""Start the KooGallery Seller Console (GUI). Everything else lives in ``app``."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["gui"]))
