"""Finding and loading PKCS#11 modules (the token vendors' middleware libraries).

Candidates come from three places, in this order of precedence:

1. modules configured by the user or the administrator (a list of paths handed in);
2. modules registered with p11-kit (``*.module`` files, Linux);
3. the usual install locations of the middleware French tenderers' tokens use (SafeNet eToken,
   Thales/Gemalto IDPrime and Classic Client, Oberthur/IDEMIA AWP, Idopte) and OpenSC.

``load_module`` turns every way a library can fail to load into a typed error naming the file:
missing, built for another processor architecture, or not a PKCS#11 module at all. A module is
loaded (and C_Initialize'd) once per process and per real path: PKCS#11 libraries must not be
initialised twice, so every part of Paraphe should load modules through ``load_module``.
"""

from __future__ import annotations

import enum
import os
import platform
import struct
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import CredentialError

__all__ = [
    "KNOWN_MODULES",
    "KnownModule",
    "ModuleCandidate",
    "ModuleFailed",
    "ModuleNotFound",
    "ModuleSource",
    "ModuleWrongArchitecture",
    "NotAPkcs11Module",
    "Pkcs11ModuleError",
    "candidate_modules",
    "check_architecture",
    "known_module_candidates",
    "load_module",
    "p11kit_config_dirs",
    "p11kit_module_dirs",
    "p11kit_modules",
    "vendor_of",
]


# --- errors -----------------------------------------------------------------------------------


class Pkcs11ModuleError(CredentialError):
    """A token middleware library that cannot be used."""


class ModuleNotFound(Pkcs11ModuleError):
    template = (
        "{path}: this token library (PKCS#11 module) does not exist. Install the token's"
        " middleware or correct the path."
    )


class ModuleWrongArchitecture(Pkcs11ModuleError):
    template = (
        "{path}: this token library is built for {found}, but Paraphe runs as {expected}."
        " Install the {expected} version of the token's middleware."
    )


class NotAPkcs11Module(Pkcs11ModuleError):
    template = "{path}: not a token library (PKCS#11 module): {detail}."


class ModuleFailed(Pkcs11ModuleError):
    template = (
        "{path}: the token library could not start ({detail}). Reinstall the token's middleware"
        " or check its configuration."
    )


# --- where modules usually are ----------------------------------------------------------------


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


def _platform_key() -> str:
    if sys.platform.startswith("win"):
        return "win32"
    if sys.platform == "darwin":
        return "darwin"
    return "linux"


def known_module_candidates(platform_key: str | None = None) -> list[tuple[str, Path]]:
    """(vendor, path) of every usual location on this platform, environment variables expanded."""
    key = platform_key or _platform_key()
    return [
        (known.vendor, Path(os.path.expandvars(known.path)))
        for known in KNOWN_MODULES
        if known.platform == key
    ]


# --- p11-kit registrations --------------------------------------------------------------------


def p11kit_config_dirs() -> list[Path]:
    """System then user p11-kit module configuration folders; a user file overrides a system
    file of the same name, as in p11-kit."""
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return [
        Path("/usr/share/p11-kit/modules"),
        Path("/etc/pkcs11/modules"),
        config_home / "pkcs11" / "modules",
    ]


def p11kit_module_dirs() -> list[Path]:
    """Where p11-kit looks for a module given by a bare or relative name."""
    machine = platform.machine().lower()
    multiarch = {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)
    return [
        Path(f"/usr/lib/{multiarch}-linux-gnu/pkcs11"),
        Path("/usr/lib64/pkcs11"),
        Path("/usr/lib/pkcs11"),
        Path("/usr/local/lib/pkcs11"),
    ]


def _parse_p11kit_file(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return values
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        key, _, value = line.partition(":")
        values[key.strip().lower()] = value.strip()
    return values


def p11kit_modules(
    config_dirs: Iterable[Path] | None = None, module_dirs: Sequence[Path] | None = None
) -> list[tuple[str, Path]]:
    """(registration name, module path) of each p11-kit registration with a ``module:`` key.

    Relative module names resolve against the first of ``module_dirs`` holding that file (else
    the first folder). Registrations disabled for everyone (``enable-in:`` present but empty) are
    skipped."""
    dirs = list(config_dirs) if config_dirs is not None else p11kit_config_dirs()
    lookup = list(module_dirs) if module_dirs is not None else p11kit_module_dirs()
    merged: dict[str, dict[str, str]] = {}
    for directory in dirs:
        try:
            files = sorted(directory.glob("*.module"))
        except OSError:
            continue
        for file in files:
            merged.setdefault(file.stem, {}).update(_parse_p11kit_file(file))
    found = []
    for name, values in sorted(merged.items()):
        module = values.get("module")
        if not module:
            continue
        if "enable-in" in values and not values["enable-in"].strip():
            continue
        path = Path(module)
        if not path.is_absolute():
            path = next(
                (folder / module for folder in lookup if (folder / module).exists()),
                (lookup[0] / module) if lookup else path,
            )
        found.append((name, path))
    return found


# --- candidates -------------------------------------------------------------------------------


class ModuleSource(enum.Enum):
    CONFIGURED = "configured"
    P11KIT = "p11-kit"
    KNOWN_LOCATION = "known location"


@dataclass(frozen=True)
class ModuleCandidate:
    path: Path
    vendor: str  # middleware name, or the file name when not recognised
    source: ModuleSource
    exists: bool


def _identity(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return str(path)


def candidate_modules(
    configured: Sequence[Path] = (),
    *,
    p11kit_config: Iterable[Path] | None = None,
    include_p11kit: bool = True,
    include_known: bool = True,
) -> list[ModuleCandidate]:
    """Every module worth trying, once per real file: configured ones (even if missing, so the
    user learns the path is wrong), p11-kit registrations, then usual locations that exist."""
    seen: set[str] = set()
    result: list[ModuleCandidate] = []

    def add(path: Path, vendor: str | None, source: ModuleSource, keep_missing: bool) -> None:
        exists = path.is_file()
        if not exists and not keep_missing:
            return
        identity = _identity(path)
        if identity in seen:
            return
        seen.add(identity)
        result.append(ModuleCandidate(path, vendor or vendor_of(path) or path.name, source, exists))

    for path in configured:
        add(Path(path), None, ModuleSource.CONFIGURED, keep_missing=True)
    if include_p11kit and _platform_key() == "linux":
        for name, path in p11kit_modules(p11kit_config):
            add(path, vendor_of(path) or name, ModuleSource.P11KIT, keep_missing=True)
    if include_known:
        for vendor, path in known_module_candidates():
            add(path, vendor, ModuleSource.KNOWN_LOCATION, keep_missing=False)
    return result


# --- architecture check -----------------------------------------------------------------------

_ELF_MACHINES = {3: "x86", 62: "x86_64", 40: "ARM", 183: "ARM64", 8: "MIPS", 243: "RISC-V"}
_PE_MACHINES = {0x14C: "x86", 0x8664: "x86_64", 0x1C0: "ARM", 0x1C4: "ARM", 0xAA64: "ARM64"}
_MACHO_CPUS = {7: "x86", 0x01000007: "x86_64", 12: "ARM", 0x0100000C: "ARM64"}


def _process_architecture() -> str:
    bits = struct.calcsize("P") * 8
    machine = platform.machine().lower()
    if machine in ("x86_64", "amd64", "i386", "i686", "x86"):
        return "x86_64" if bits == 64 else "x86"
    if machine in ("aarch64", "arm64", "armv8l") or machine.startswith("arm"):
        return "ARM64" if bits == 64 else "ARM"
    return machine or "unknown"


def _describe(arch: str, bits: int | None) -> str:
    names = {"x86": "32-bit x86", "x86_64": "64-bit x86 (x86_64)", "ARM": "32-bit ARM"}
    names["ARM64"] = "64-bit ARM"
    if arch in names:
        return names[arch]
    return f"{bits}-bit {arch}" if bits else arch


def _library_architecture(header: bytes) -> tuple[str, int | None] | None:
    """(architecture, bits) from an ELF, PE or Mach-O header; None if not a known binary."""
    if header[:4] == b"\x7fELF" and len(header) >= 20:
        bits = {1: 32, 2: 64}.get(header[4])
        order = "<" if header[5] == 1 else ">"
        machine = struct.unpack(order + "H", header[18:20])[0]
        arch = _ELF_MACHINES.get(machine, f"machine {machine}")
        if arch == "x86_64" and bits == 32:  # x32 ABI
            arch = "x32"
        return arch, bits
    if header[:2] == b"MZ" and len(header) >= 0x40:
        offset = struct.unpack("<I", header[0x3C:0x40])[0]
        if len(header) >= offset + 6 and header[offset : offset + 4] == b"PE\0\0":
            machine = struct.unpack("<H", header[offset + 4 : offset + 6])[0]
            arch = _PE_MACHINES.get(machine, f"machine {machine:#x}")
            return arch, 64 if arch in ("x86_64", "ARM64") else 32
        return None
    for magic, order, bits in (
        (b"\xfe\xed\xfa\xce", ">", 32),
        (b"\xce\xfa\xed\xfe", "<", 32),
        (b"\xfe\xed\xfa\xcf", ">", 64),
        (b"\xcf\xfa\xed\xfe", "<", 64),
    ):
        if header[:4] == magic and len(header) >= 8:
            cpu = struct.unpack(order + "i", header[4:8])[0]
            return _MACHO_CPUS.get(cpu, f"cpu {cpu}"), bits
    return None


def check_architecture(path: Path) -> None:
    """Raise ModuleWrongArchitecture if the library plainly targets another processor or word
    size than this process; unknown formats are left for the loader to judge."""
    try:
        with open(path, "rb") as file:
            header = file.read(4096)
    except OSError as exc:
        raise NotAPkcs11Module(path, detail=f"cannot read the file ({exc.strerror})") from None
    found = _library_architecture(header)
    if found is None:
        return
    arch, bits = found
    expected = _process_architecture()
    if arch != expected:
        raise ModuleWrongArchitecture(
            path, found=_describe(arch, bits), expected=_describe(expected, None)
        )


# --- loading ----------------------------------------------------------------------------------

_loaded: dict[str, Any] = {}
_lock = threading.Lock()


def load_module(path: Path | str) -> Any:
    """The initialised ``pkcs11.lib`` for ``path``, loaded once per process and real file."""
    path = Path(path)
    identity = _identity(path)
    with _lock:
        lib = _loaded.get(identity)
        if lib is not None:
            return lib
        if not path.exists():
            raise ModuleNotFound(path)
        if not path.is_file():
            raise NotAPkcs11Module(path, detail="this is a folder, not a library file")
        check_architecture(path)
        import pkcs11
        from pkcs11.exceptions import PKCS11Error

        for other in list(getattr(pkcs11, "_loaded", {})):
            if _identity(Path(other)) == identity:  # loaded under another name (a symlink)
                lib = pkcs11.lib(other)
                _loaded[identity] = lib
                return lib
        try:
            lib = pkcs11.lib(identity)
        except PKCS11Error as exc:
            raise _load_error(path, exc) from None
        except OSError as exc:  # defensive: the loader reporting through the OS layer
            raise NotAPkcs11Module(path, detail=str(exc)) from None
        _loaded[identity] = lib
        return lib


def _load_error(path: Path, exc: Exception) -> Pkcs11ModuleError:
    text = str(exc)
    if "OS exception while loading" in text or "Unknown exception while loading" in text:
        if "C_GetFunctionList" in text:
            detail = "it is a library but has no C_GetFunctionList entry point"
        elif "file too short" in text or "invalid ELF header" in text:
            detail = "not a shared library"
        elif "wrong ELF class" in text:
            return ModuleWrongArchitecture(
                path, found="another word size", expected=_describe(_process_architecture(), None)
            )
        else:
            # dlopen's own message, without the duplicated path prefix
            detail = text.split(": ", 2)[-1] if text.count(": ") >= 2 else text
        return NotAPkcs11Module(path, detail=detail)
    detail = type(exc).__name__ if not text else f"{type(exc).__name__}: {text}"
    return ModuleFailed(path, detail=detail)
