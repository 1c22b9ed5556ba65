"""The bundle's one entry point: ``paraphe`` runs the command line (the desktop application when
started with no arguments on a display), ``paraphe-gui`` the desktop application."""

import sys
from pathlib import Path

if __name__ == "__main__":
    if Path(sys.argv[0]).stem.lower().startswith("paraphe-gui"):
        from paraphe.gui.app import main
    else:
        from paraphe.cli.main import main
    sys.exit(main())
