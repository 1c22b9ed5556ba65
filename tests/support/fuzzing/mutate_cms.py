"""ASN.1-aware mutations of a CMS SignedData: lengths, tags, nesting depth, node surgery.

The token is parsed into a tolerant tree (``der``), one node is picked and changed, and the tree
is written back with correct lengths around it, so that most mutants still parse and exercise
the validator rather than its first length check. ``others`` are trees of the other CMS seeds,
a source of foreign but well-formed nodes (another certificate, another signer info).
"""

from __future__ import annotations

import copy
import random
from collections.abc import Sequence

from . import der

_UNIVERSAL_TAGS = (0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0C, 0x13, 0x17, 0x18, 0x30, 0x31)
_OIDS = (
    bytes.fromhex("2a864886f70d010701"),  # data
    bytes.fromhex("2a864886f70d010702"),  # signedData
    bytes.fromhex("2a864886f70d01010b"),  # sha256WithRSAEncryption
    bytes.fromhex("2a864886f70d01010a"),  # RSASSA-PSS
    bytes.fromhex("2a864886f70d010108"),  # MGF1
    bytes.fromhex("608648016503040201"),  # sha256
    bytes.fromhex("608648016503040203"),  # sha512
    bytes.fromhex("2b0e03021a"),  # sha1
    bytes.fromhex("2a8648ce3d040302"),  # ecdsa-with-SHA256
    bytes.fromhex("2a864886f70d01098f"),  # an unfinished arc
    b"",
    b"\x80" * 30,
)


def _integer_edge(rng: random.Random) -> bytes:
    return rng.choice(
        (b"", b"\x00", b"\xff", b"\x00\x00\x01", b"\x80" + b"\x00" * 40, b"\x7f" * 600)
    ) or rng.randbytes(rng.choice((1, 8, 32)))


def _content(rng: random.Random, node: der.Node) -> tuple[bytes, str]:
    old = node.content
    tag = node.tag[0] & 0x1F
    if tag == 0x06:
        return rng.choice(_OIDS), "oid"
    if tag == 0x02:
        return _integer_edge(rng), "integer"
    if tag in (0x17, 0x18):
        return rng.choice((b"", b"99999999999999Z", b"2026-13-45", b"\xff" * 15)), "time"
    if tag in (0x0C, 0x13, 0x16):
        return rng.choice((b"\xff\xfe", b"\xc3", b"A" * 10000, b"")), "string"
    choice = rng.randrange(4)
    if choice == 0 and old:
        flipped = bytearray(old)
        flipped[rng.randrange(len(old))] ^= 1 << rng.randrange(8)
        return bytes(flipped), "flip"
    if choice == 1:
        return old[: rng.randrange(len(old) + 1)], "cut"
    if choice == 2:
        return old + rng.randbytes(rng.choice((1, 16, 300))), "grow"
    return rng.randbytes(len(old)), "random"


def mutate_tree(
    rng: random.Random, root: der.Node, others: Sequence[der.Node] = ()
) -> tuple[der.Node, str]:
    """Change one node of a copy of ``root``; returns the new tree and a label."""
    root = copy.deepcopy(root)
    nodes = der.walk(root)
    picked = rng.randrange(len(nodes))
    node, parent, index = nodes[picked]
    siblings = parent.children if parent is not None and parent.children is not None else None
    where = f"node {picked}/{len(nodes)} tag {node.tag.hex()}"
    op = rng.choice(
        (
            "content",
            "content",
            "length",
            "tag",
            "delete",
            "duplicate",
            "swap",
            "wrap",
            "indefinite",
            "long-length",
            "foreign",
        )
    )
    if op == "content" and node.children is None:
        node.content, how = _content(rng, node)
        return root, f"asn1 content {how} {where}"
    if op == "length" or (op == "content" and node.children is not None):
        size = len(der.body(node))
        value = rng.choice((0, 1, 0x7F, 0x80, size + 1, size * 2, 0xFFFFFFFF, max(size - 1, 0)))
        node.length = rng.choice((der.encode_length(value), b"\x84\xff\xff\xff\xff", b"\x85"))
        return root, f"asn1 length {value} {where}"
    if op == "tag":
        first = node.tag[0]
        new = rng.choice(
            (
                first ^ 0x20,  # constructed <-> primitive
                first ^ 0x80,  # universal <-> context
                rng.choice(_UNIVERSAL_TAGS) | (first & 0x20),
                rng.randrange(256),
            )
        )
        node.tag = bytes([new]) + (b"\x01" if new & 0x1F == 0x1F else b"")
        return root, f"asn1 tag {first:02x}->{new:02x} {where}"
    if op == "delete" and siblings is not None:
        del siblings[index]
        return root, f"asn1 delete {where}"
    if op == "duplicate" and siblings is not None:
        times = rng.choice((1, 1, 2, 50))
        for _ in range(times):
            siblings.insert(index, copy.deepcopy(node))
        return root, f"asn1 duplicate x{times} {where}"
    if op == "swap" and siblings is not None and len(siblings) > 1:
        other = rng.randrange(len(siblings))
        siblings[index], siblings[other] = siblings[other], siblings[index]
        return root, f"asn1 swap {index}<->{other} {where}"
    if op == "wrap" and siblings is not None:
        depth = rng.choice((1, 2, 20, 200, 2000, 20000))
        nested = der.nest(der.encode(node), depth, rng.choice((b"\x30", b"\x31", b"\xa0")))
        siblings[index] = der.Node(b"", content=nested)
        return root, f"asn1 nest x{depth} {where}"
    if op == "indefinite" and node.children is not None and not node.wrapped:
        node.indefinite = True
        if not node.constructed:
            node.tag = bytes([node.tag[0] | 0x20]) + node.tag[1:]
        return root, f"asn1 indefinite {where}"
    if op == "long-length":
        node.length = b"\x84" + len(der.body(node)).to_bytes(4, "big")  # BER, not DER
        return root, f"asn1 long-form length {where}"
    if op == "foreign" and siblings is not None and others:
        donor = rng.choice(der.walk(rng.choice(others)))[0]
        siblings[index] = copy.deepcopy(donor)
        return root, f"asn1 foreign {donor.tag.hex()} {where}"
    node.content, how = _content(rng, node) if node.children is None else (node.content, "none")
    return root, f"asn1 content {how} {where}"


def mutate(rng: random.Random, data: bytes, others: Sequence[bytes] = ()) -> tuple[bytes, str]:
    """A structure-aware mutation of DER/BER ``data``; a byte flip if it does not parse."""
    try:
        root = der.parse(data)
    except der.DerError:
        from .mutate_bytes import flip_bits

        return flip_bits(rng, data)
    trees = []
    for other in others:
        try:
            trees.append(der.parse(other))
        except der.DerError:
            continue
    tree, label = mutate_tree(rng, root, trees)
    return der.encode(tree), label
