"""One signature by a key that needs a context-specific login typed on the reader's PIN pad.

python-pkcs11 performs the context-specific login itself (``key.sign(..., pin=...)``), but always
passes the PIN as a buffer. On a reader with a PIN pad the login must pass a NULL PIN so that the
reader asks for it (PKCS#11 v2.40, C_Login); an empty buffer is, for several middlewares, an
empty PIN: a wrong try counted against the token. This module makes exactly that one call
sequence through the module's own function list: C_SignInit, C_Login(CKU_CONTEXT_SPECIFIC, NULL,
0), C_Sign. Everything else stays python-pkcs11's.
"""

from __future__ import annotations

import ctypes
import functools
import os
import sys
from pathlib import Path
from typing import Any

CKU_CONTEXT_SPECIFIC = 2
CKR_OK = 0

# CK_ULONG is C's unsigned long (32 bits on Windows).
CK_ULONG = ctypes.c_ulong
CK_RV = CK_ULONG

# CK_FUNCTION_LIST up to C_Sign, in the order of pkcs11f.h
_FUNCTION_ORDER = (
    "C_Initialize",
    "C_Finalize",
    "C_GetInfo",
    "C_GetFunctionList",
    "C_GetSlotList",
    "C_GetSlotInfo",
    "C_GetTokenInfo",
    "C_GetMechanismList",
    "C_GetMechanismInfo",
    "C_InitToken",
    "C_InitPIN",
    "C_SetPIN",
    "C_OpenSession",
    "C_CloseSession",
    "C_CloseAllSessions",
    "C_GetSessionInfo",
    "C_GetOperationState",
    "C_SetOperationState",
    "C_Login",
    "C_Logout",
    "C_CreateObject",
    "C_CopyObject",
    "C_DestroyObject",
    "C_GetObjectSize",
    "C_GetAttributeValue",
    "C_SetAttributeValue",
    "C_FindObjectsInit",
    "C_FindObjects",
    "C_FindObjectsFinal",
    "C_EncryptInit",
    "C_Encrypt",
    "C_EncryptUpdate",
    "C_EncryptFinal",
    "C_DecryptInit",
    "C_Decrypt",
    "C_DecryptUpdate",
    "C_DecryptFinal",
    "C_DigestInit",
    "C_Digest",
    "C_DigestUpdate",
    "C_DigestKey",
    "C_DigestFinal",
    "C_SignInit",
    "C_Sign",
)


class _Packed(ctypes.Structure):
    """Windows builds of PKCS#11 pack their structures on 1 byte; elsewhere natural alignment."""

    if sys.platform == "win32":
        _pack_ = 1


class _Version(ctypes.Structure):
    _fields_ = [("major", ctypes.c_ubyte), ("minor", ctypes.c_ubyte)]


class _FunctionList(_Packed):
    _fields_ = [("version", _Version)] + [(name, ctypes.c_void_p) for name in _FUNCTION_ORDER]


class _Mechanism(_Packed):
    _fields_ = [
        ("mechanism", CK_ULONG),
        ("pParameter", ctypes.c_void_p),
        ("ulParameterLen", CK_ULONG),
    ]


class _RsaPssParams(_Packed):
    _fields_ = [("hashAlg", CK_ULONG), ("mgf", CK_ULONG), ("sLen", CK_ULONG)]


_FUNCTYPE = ctypes.CFUNCTYPE  # Cryptoki's calling convention is C's, on Windows too
_SIGN_INIT = _FUNCTYPE(CK_RV, CK_ULONG, ctypes.POINTER(_Mechanism), CK_ULONG)
_LOGIN = _FUNCTYPE(CK_RV, CK_ULONG, CK_ULONG, ctypes.c_char_p, CK_ULONG)
_SIGN = _FUNCTYPE(
    CK_RV, CK_ULONG, ctypes.c_char_p, CK_ULONG, ctypes.c_char_p, ctypes.POINTER(CK_ULONG)
)


@functools.cache
def _functions(module: Path) -> tuple[Any, Any, Any]:
    """C_SignInit, C_Login and C_Sign of the module python-pkcs11 has already loaded."""
    # The instance python-pkcs11 loaded and initialised, never a fresh copy (RTLD_NOLOAD).
    mode = getattr(os, "RTLD_NOLOAD", 0) | getattr(os, "RTLD_NOW", 0)
    library = ctypes.CDLL(str(module), mode=mode) if mode else ctypes.CDLL(str(module))
    function_list = ctypes.POINTER(_FunctionList)()
    get_function_list = library.C_GetFunctionList
    get_function_list.restype = CK_RV
    get_function_list.argtypes = [ctypes.POINTER(ctypes.POINTER(_FunctionList))]
    _check(get_function_list(ctypes.byref(function_list)))
    table = function_list.contents
    return (
        _SIGN_INIT(table.C_SignInit),
        _LOGIN(table.C_Login),
        _SIGN(table.C_Sign),
    )


def _check(rv: int) -> None:
    if rv != CKR_OK:
        raise _error_for(rv)


def _error_for(rv: int) -> Exception:
    """python-pkcs11's exception for a return value, so callers handle one family of errors."""
    from pkcs11 import exceptions as p11

    known: dict[int, type[Exception]] = {
        0x05: p11.GeneralError,
        0x06: p11.FunctionFailed,
        0x07: p11.ArgumentsBad,
        0x21: p11.DataLenRange,
        0x30: p11.DeviceError,
        0x31: p11.DeviceMemory,
        0x32: p11.DeviceRemoved,
        0x50: p11.FunctionCancelled,
        0x60: p11.KeyHandleInvalid,
        0x70: p11.MechanismInvalid,
        0x71: p11.MechanismParamInvalid,
        0x82: p11.ObjectHandleInvalid,
        0x90: p11.OperationActive,
        0x91: p11.OperationNotInitialized,
        0xA0: p11.PinIncorrect,
        0xA1: p11.PinInvalid,
        0xA2: p11.PinLenRange,
        0xA3: p11.PinExpired,
        0xA4: p11.PinLocked,
        0xB0: p11.SessionClosed,
        0xB3: p11.SessionHandleInvalid,
        0xE0: p11.TokenNotPresent,
        0x101: p11.UserNotLoggedIn,
    }
    error = known.get(rv, p11.PKCS11Error)
    return error(f"CKR 0x{rv:08X}")


def sign(
    module: Path,
    session_handle: int,
    key_handle: int,
    mechanism: int,
    data: bytes,
    pss_params: tuple[int, int, int] | None = None,
    *,
    pin: bytes | None = None,
) -> bytes:
    """C_SignInit, context-specific C_Login with ``pin`` (None: typed on the reader), C_Sign."""
    sign_init, login, sign_data = _functions(module)
    mech = _Mechanism(mechanism, None, 0)
    if pss_params is not None:
        parameters = _RsaPssParams(*pss_params)  # a local: alive until C_SignInit returns
        mech.pParameter = ctypes.cast(ctypes.pointer(parameters), ctypes.c_void_p)
        mech.ulParameterLen = ctypes.sizeof(parameters)
    _check(sign_init(session_handle, ctypes.byref(mech), key_handle))
    rv = login(session_handle, CKU_CONTEXT_SPECIFIC, pin, len(pin) if pin is not None else 0)
    if rv != CKR_OK:
        _end_operation(sign_data, session_handle)
        raise _error_for(rv)
    length = CK_ULONG(0)
    _check(sign_data(session_handle, data, len(data), None, ctypes.byref(length)))
    signature = ctypes.create_string_buffer(length.value)
    _check(sign_data(session_handle, data, len(data), signature, ctypes.byref(length)))
    return signature.raw[: length.value]


def _end_operation(sign_data: Any, session_handle: int) -> None:
    """A C_Sign that fails (not logged in) ends the signing operation left open by C_SignInit."""
    length = CK_ULONG(16384)
    buffer = ctypes.create_string_buffer(length.value)
    sign_data(session_handle, b"\0" * 32, 32, buffer, ctypes.byref(length))
