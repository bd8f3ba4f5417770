"""The frozen app's entry point (installers/counter-app.spec): the ``counter-app`` command."""

import sys

from counter_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
