"""The bundle's one entry point: ``paraphe`` runs the command line (the desktop application when
started with no arguments on a display), ``paraphe-gui`` the desktop application."""

import multiprocessing
import sys
from pathlib import Path

if __name__ == "__main__":
    # A verification of a large set starts worker processes (spawn): in a frozen bundle they
    # run this same executable, which must hand them to multiprocessing, not to main().
    multiprocessing.freeze_support()
    if Path(sys.argv[0]).stem.lower().startswith("paraphe-gui"):
        from paraphe.gui.app import main
    else:
        from paraphe.cli.main import main
    sys.exit(main())
