"""Format-blind mutations: flips, inserts, deletes, truncation, duplication, splicing.

Each takes a ``random.Random`` and bytes and returns the new bytes and a short label; the same
generator state gives the same result, so an input is reproduced from the seed alone.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

ByteMutator = Callable[[random.Random, bytes], tuple[bytes, str]]

INTERESTING = (b"\x00", b"\xff", b"\x7f", b"\x80", b"\x81", b"\x30", b"\x0a", b"\x0d", b" ")


def _position(rng: random.Random, data: bytes, end: bool = False) -> int:
    return rng.randint(0, len(data)) if end or not data else rng.randrange(len(data))


def flip_bits(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    if not data:
        return b"\x00", "flip(empty)"
    out = bytearray(data)
    count = rng.choice((1, 1, 1, 2, 4, 16))
    for _ in range(count):
        pos = _position(rng, data)
        out[pos] ^= 1 << rng.randrange(8)
    return bytes(out), f"flip x{count}"


def set_byte(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    if not data:
        return b"\xff", "set(empty)"
    pos = _position(rng, data)
    value = rng.choice(INTERESTING) if rng.random() < 0.5 else bytes([rng.randrange(256)])
    return data[:pos] + value + data[pos + 1 :], f"set @{pos}"


def insert_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    pos = _position(rng, data, end=True)
    size = rng.choice((1, 1, 2, 8, 100, 4096, 1 << 20))
    chunk = rng.randbytes(size) if rng.random() < 0.5 else rng.choice(INTERESTING) * size
    return data[:pos] + chunk + data[pos:], f"insert {size} @{pos}"


def delete_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    if not data:
        return data, "delete(empty)"
    pos = _position(rng, data)
    size = min(len(data) - pos, rng.choice((1, 1, 2, 8, 64, 512)))
    return data[:pos] + data[pos + size :], f"delete {size} @{pos}"


def truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    cut = rng.choice((0, 1, len(data) // 2, len(data) - 1, _position(rng, data, end=True)))
    cut = max(0, min(cut, len(data)))
    return data[:cut], f"truncate @{cut}"


def duplicate_chunk(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    if not data:
        return data, "duplicate(empty)"
    start = _position(rng, data)
    size = min(len(data) - start, rng.choice((1, 16, 256, 4096)))
    to = _position(rng, data, end=True)
    times = rng.choice((1, 1, 2, 100))
    return data[:to] + data[start : start + size] * times + data[to:], f"duplicate {size}x{times}"


def splice(rng: random.Random, data: bytes, others: Sequence[bytes]) -> tuple[bytes, str]:
    """The head of this file and the tail of another of the same format."""
    other = rng.choice(others) if others else data
    head = _position(rng, data, end=True)
    tail = _position(rng, other, end=True)
    return data[:head] + other[tail:], f"splice @{head}/{tail}"


BYTE_MUTATORS: tuple[ByteMutator, ...] = (
    flip_bits,
    flip_bits,
    set_byte,
    insert_bytes,
    delete_bytes,
    truncate,
    duplicate_chunk,
)
