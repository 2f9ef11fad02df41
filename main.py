"""Start the KooGallery Seller Console (GUI). Everything else lives in ``app``."""

import multiprocessing
import sys

from app.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the sync's helper process, in a frozen (packaged) build
    sys.exit(main(sys.argv[1:]))
