"""Entry point: ``python -m mlpredict.worker`` runs a worker until fd 3 reaches end of file."""

import sys

from mlpredict.worker.server import main

if __name__ == "__main__":
    sys.exit(main())
