"""Windows version resources for paraphe.exe and paraphe-gui.exe (PyInstaller's `version=`):
written by build.ps1 next to the spec with the project's version."""

import sys
from pathlib import Path

TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers=({v}, 0), prodvers=({v}, 0)),
  kids=[
    StringFileInfo([StringTable('040c04b0', [
      StringStruct('CompanyName', 'Paraphe'),
      StringStruct('FileDescription', 'Paraphe - signature électronique'),
      StringStruct('FileVersion', '{dotted}'),
      StringStruct('ProductName', 'Paraphe'),
      StringStruct('ProductVersion', '{dotted}')])]),
    VarFileInfo([VarStruct('Translation', [1036, 1200])])
  ]
)
"""

if __name__ == "__main__":
    dotted = sys.argv[1]
    numbers = ", ".join((dotted.split(".") + ["0", "0", "0"])[:3])
    Path(sys.argv[2]).write_text(TEMPLATE.format(v=numbers, dotted=dotted), encoding="utf-8")
