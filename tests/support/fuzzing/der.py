"""A tolerant BER/DER tree for structure-aware CMS mutations.

``parse`` turns bytes into nodes (constructed nodes have children, primitive ones contents; an
OCTET STRING or BIT STRING whose contents are themselves one DER value is opened too, as
certificate extensions are). ``encode`` writes the tree back with fresh minimal lengths unless a
node carries a deliberate length override, so a mutation deep inside stays well-formed around it
and reaches the parser's deeper layers instead of failing at the first length.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_DEPTH = 64
OCTET_STRING, BIT_STRING = 0x04, 0x03


class DerError(ValueError):
    pass


@dataclass
class Node:
    tag: bytes
    """Identifier octets as found (one or more bytes)."""
    children: list[Node] | None = None
    """Constructed (or opened wrapper) contents; None for a primitive."""
    content: bytes = b""
    wrapped: bool = False
    """A primitive OCTET/BIT STRING whose contents were parsed as DER (BIT STRING: after the
    unused-bits byte, kept in ``content``)."""
    length: bytes | None = None
    """Length octets to write instead of the computed ones (a deliberate corruption)."""
    indefinite: bool = False
    """Write with the BER indefinite length (0x80 ... 00 00)."""
    extra: list[Node] = field(default_factory=list)

    @property
    def constructed(self) -> bool:
        return bool(self.tag[0] & 0x20)


def _read_tag(data: bytes, pos: int) -> int:
    if pos >= len(data):
        raise DerError("truncated tag")
    end = pos + 1
    if data[pos] & 0x1F == 0x1F:
        while True:
            if end >= len(data) or end - pos > 6:
                raise DerError("bad long tag")
            end += 1
            if not data[end - 1] & 0x80:
                break
    return end


def _read_length(data: bytes, pos: int) -> tuple[int | None, int]:
    if pos >= len(data):
        raise DerError("truncated length")
    first = data[pos]
    if first < 0x80:
        return first, pos + 1
    if first == 0x80:
        return None, pos + 1
    count = first & 0x7F
    if count > 4 or pos + 1 + count > len(data):
        raise DerError("bad length")
    return int.from_bytes(data[pos + 1 : pos + 1 + count], "big"), pos + 1 + count


def _parse_one(data: bytes, pos: int, depth: int) -> tuple[Node, int]:
    if depth > MAX_DEPTH:
        raise DerError("too deep")
    tag_end = _read_tag(data, pos)
    tag = data[pos:tag_end]
    length, start = _read_length(data, tag_end)
    constructed = bool(tag[0] & 0x20)
    if length is None:
        if not constructed:
            raise DerError("indefinite primitive")
        children: list[Node] = []
        cursor = start
        while data[cursor : cursor + 2] != b"\x00\x00":
            child, cursor = _parse_one(data, cursor, depth + 1)
            children.append(child)
            if cursor >= len(data):
                raise DerError("unterminated indefinite length")
        return Node(tag, children, indefinite=True), cursor + 2
    end = start + length
    if end > len(data):
        raise DerError("length beyond the data")
    if constructed:
        return Node(tag, _parse_all(data[start:end], depth + 1)), end
    content = data[start:end]
    node = Node(tag, content=content)
    if tag[0] in (OCTET_STRING, BIT_STRING) and len(content) > 2:
        inner = content[1:] if tag[0] == BIT_STRING else content
        if inner[0] in (0x30, 0x31) or inner[0] & 0xE0 == 0xA0:
            try:
                node.children = _parse_all(inner, depth + 1)
                node.wrapped = True
                node.content = content[:1] if tag[0] == BIT_STRING else b""
            except DerError:
                node.children = None
    return node, end


def _parse_all(data: bytes, depth: int) -> list[Node]:
    nodes, cursor = [], 0
    while cursor < len(data):
        node, cursor = _parse_one(data, cursor, depth)
        nodes.append(node)
    return nodes


def parse(data: bytes) -> Node:
    """The one top-level value of ``data``; trailing bytes are kept in ``extra`` as raw nodes."""
    node, end = _parse_one(data, 0, 0)
    if end < len(data):
        node.extra = [Node(b"", content=data[end:])]
    return node


def encode_length(length: int) -> bytes:
    if length < 0x80:
        return bytes([length])
    octets = length.to_bytes((length.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(octets)]) + octets


def body(node: Node) -> bytes:
    """The contents octets of ``node`` as they will be written."""
    if node.children is None:
        return node.content
    prefix = node.content if node.wrapped else b""
    return prefix + b"".join(encode(child) for child in node.children)


def nest(value: bytes, depth: int, tag: bytes) -> bytes:
    """``value`` inside ``depth`` constructed layers, built iteratively (any depth)."""
    for _ in range(depth):
        value = tag + encode_length(len(value)) + value
    return value


def encode(node: Node) -> bytes:
    if not node.tag:  # raw bytes: trailing data, or a value written by a mutation
        return node.content
    body_octets = body(node)
    if node.indefinite:
        out = node.tag + b"\x80" + body_octets + b"\x00\x00"
    else:
        length = node.length if node.length is not None else encode_length(len(body_octets))
        out = node.tag + length + body_octets
    return out + b"".join(encode(extra) for extra in node.extra)


def walk(node: Node) -> list[tuple[Node, Node | None, int]]:
    """Every node with its parent and its index among the parent's children."""
    found: list[tuple[Node, Node | None, int]] = [(node, None, 0)]
    stack = [node]
    while stack:
        parent = stack.pop()
        for index, child in enumerate(parent.children or ()):
            found.append((child, parent, index))
            stack.append(child)
    return found
