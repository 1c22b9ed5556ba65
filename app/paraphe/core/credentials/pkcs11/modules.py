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
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import CredentialError
from ...text.translatable import N_
from .known_modules import current_platform, known_module_candidates, vendor_of

__all__ = [
    "ModuleCandidate",
    "ModuleFailed",
    "ModuleNotFound",
    "ModuleSource",
    "ModuleWrongArchitecture",
    "NotAPkcs11Module",
    "Pkcs11ModuleError",
    "candidate_modules",
    "check_architecture",
    "load_module",
    "p11kit_config_dirs",
    "p11kit_module_dirs",
    "p11kit_modules",
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
    if include_p11kit and current_platform() == "linux":
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
            raise NotAPkcs11Module(path, detail=N_("this is a folder, not a library file"))
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
