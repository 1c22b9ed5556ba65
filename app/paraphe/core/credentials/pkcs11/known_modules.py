"""Where the middleware French tenderers' tokens use is usually installed, and whose a library
file is: SafeNet eToken, Thales/Gemalto IDPrime and Classic Client, Oberthur/IDEMIA AWP, Idopte,
OpenSC (a table kept apart from the code that searches and loads modules)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class KnownModule:
    """One middleware library in one usual location."""

    vendor: str
    path: str  # may contain %SystemRoot%, %ProgramFiles% and the like on Windows
    platform: str  # "linux", "win32" or "darwin"


_SAFENET = "SafeNet Authentication Client (Thales eToken)"
_IDPRIME = "Thales IDPrime middleware"
_CLASSIC = "Gemalto Classic Client"
_OBERTHUR = "Oberthur / IDEMIA AWP"
_IDOPTE = "Idopte middleware"
_OPENSC = "OpenSC"

_LINUX: tuple[tuple[str, str], ...] = (
    (_SAFENET, "/usr/lib/libeTPkcs11.so"),
    (_SAFENET, "/usr/lib64/libeTPkcs11.so"),
    (_SAFENET, "/usr/local/lib/libeTPkcs11.so"),
    (_IDPRIME, "/usr/lib/libIDPrimePKCS11.so"),
    (_IDPRIME, "/usr/lib64/libIDPrimePKCS11.so"),
    (_IDPRIME, "/usr/local/lib/libIDPrimePKCS11.so"),
    (_CLASSIC, "/usr/lib/pkcs11/libgclib.so"),
    (_CLASSIC, "/usr/lib/ClassicClient/libgclib.so"),
    (_CLASSIC, "/usr/lib64/pkcs11/libgclib.so"),
    (_OBERTHUR, "/usr/local/AWP/lib/libOcsCryptoki.so"),
    (_OBERTHUR, "/usr/lib/libOcsCryptoki.so"),
    (_IDOPTE, "/usr/lib/libidop11.so"),
    (_IDOPTE, "/usr/local/lib/libidop11.so"),
    (_OPENSC, "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
    (_OPENSC, "/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so"),
    (_OPENSC, "/usr/lib/opensc-pkcs11.so"),
    (_OPENSC, "/usr/lib64/opensc-pkcs11.so"),
)
_WINDOWS: tuple[tuple[str, str], ...] = (
    (_SAFENET, r"%SystemRoot%\System32\eTPKCS11.dll"),
    (_SAFENET, r"%ProgramFiles%\SafeNet\Authentication\SAC\x64\eTPKCS11.dll"),
    (_IDPRIME, r"%SystemRoot%\System32\IDPrimePKCS11.dll"),
    (_IDPRIME, r"%ProgramFiles%\Thales\IDPrime Middleware\IDPrimePKCS11.dll"),
    (_IDPRIME, r"%ProgramFiles%\Gemalto\IDPrime PKCS11\IDPrimePKCS11.dll"),
    (_CLASSIC, r"%SystemRoot%\System32\gclib.dll"),
    (_CLASSIC, r"%ProgramFiles%\Gemalto\Classic Client\BIN\gclib.dll"),
    (_OBERTHUR, r"%SystemRoot%\System32\OcsCryptoki.dll"),
    (_OBERTHUR, r"%ProgramFiles%\Oberthur Technologies\AWP\DLLs\OcsCryptoki.dll"),
    (_IDOPTE, r"%SystemRoot%\System32\idoPKCS.dll"),
    (_IDOPTE, r"%ProgramFiles%\Idopte\Middleware\idoPKCS.dll"),
    (_OPENSC, r"%SystemRoot%\System32\opensc-pkcs11.dll"),
    (_OPENSC, r"%ProgramFiles%\OpenSC Project\OpenSC\pkcs11\opensc-pkcs11.dll"),
)
_MACOS: tuple[tuple[str, str], ...] = (
    (_SAFENET, "/usr/local/lib/libeTPkcs11.dylib"),
    (_IDPRIME, "/usr/local/lib/libIDPrimePKCS11.dylib"),
    (_IDPRIME, "/Library/Frameworks/eToken.framework/Versions/Current/libIDPrimePKCS11.dylib"),
    (_CLASSIC, "/usr/local/lib/ClassicClient/libgclib.dylib"),
    (_OBERTHUR, "/Applications/Oberthur/AWP/lib/libOcsCryptoki.dylib"),
    (_OBERTHUR, "/usr/local/AWP/lib/libOcsCryptoki.dylib"),
    (_IDOPTE, "/usr/local/lib/libidop11.dylib"),
    (_IDOPTE, "/Library/Idopte/lib/libidop11.dylib"),
    (_OPENSC, "/Library/OpenSC/lib/opensc-pkcs11.so"),
    (_OPENSC, "/usr/local/lib/opensc-pkcs11.so"),
)

KNOWN_MODULES: tuple[KnownModule, ...] = (
    *(KnownModule(vendor, path, "linux") for vendor, path in _LINUX),
    *(KnownModule(vendor, path, "win32") for vendor, path in _WINDOWS),
    *(KnownModule(vendor, path, "darwin") for vendor, path in _MACOS),
)

# Vendor by library file name (lower case, without extension), for modules found elsewhere.
_VENDOR_BY_NAME = {
    "libetpkcs11": _SAFENET,
    "etpkcs11": _SAFENET,
    "libidprimepkcs11": _IDPRIME,
    "idprimepkcs11": _IDPRIME,
    "idprimepkcs1164": _IDPRIME,
    "libgclib": _CLASSIC,
    "gclib": _CLASSIC,
    "libocscryptoki": _OBERTHUR,
    "ocscryptoki": _OBERTHUR,
    "libidop11": _IDOPTE,
    "idopkcs": _IDOPTE,
    "opensc-pkcs11": _OPENSC,
    "onepin-opensc-pkcs11": _OPENSC,
    "libsofthsm2": "SoftHSM",
    "softhsm2": "SoftHSM",
}


def vendor_of(path: Path | str) -> str | None:
    """The middleware a library file belongs to, from its name; None if not recognised."""
    name = Path(str(path).replace("\\", "/")).name.lower()
    for suffix in (".so", ".dll", ".dylib"):
        if suffix in name:
            name = name[: name.index(suffix)]
            break
    return _VENDOR_BY_NAME.get(name)


def current_platform() -> str:
    if sys.platform.startswith("win"):
        return "win32"
    if sys.platform == "darwin":
        return "darwin"
    return "linux"


def known_module_candidates(platform_key: str | None = None) -> list[tuple[str, Path]]:
    """(vendor, path) of every usual location on this platform, environment variables expanded."""
    key = platform_key or current_platform()
    return [
        (known.vendor, Path(os.path.expandvars(known.path)))
        for known in KNOWN_MODULES
        if known.platform == key
    ]
