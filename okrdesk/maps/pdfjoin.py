"""Joining the one-page PDFs cairo draws into one document without parsing their contents.

cairo writes a classic cross-reference table, a catalog, a page tree and the page's objects;
fonts and page contents are streams. Joining needs none of them read: each document's objects
are copied as they are, renumbered (references are rewritten in the dictionaries before any
stream, never inside stream data), under one new page tree and catalog: more than ten times
faster than pypdf, which reads and clones every object. Anything else (a cross-reference
stream, object streams, encryption, a catalog with more than its pages) returns None, and the
caller joins with pypdf instead.
"""

from __future__ import annotations

import itertools
import re

_XREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_ROOT = re.compile(rb"/Root\s+(\d+)\s+0\s+R")
_INFO = re.compile(rb"/Info\s+(\d+)\s+0\s+R")
_SIZE = re.compile(rb"/Size\s+(\d+)")
_HEAD = re.compile(rb"(\d+)\s+0\s+obj\b")
_STREAM = re.compile(rb">>\s*stream\r?\n")
# A literal string without nested brackets, or an indirect reference.
_REF_OR_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)|(\d+) 0 R")
_CATALOG = re.compile(rb"<<\s*/Type\s*/Catalog\s*/Pages\s+(\d+)\s+0\s+R\s*>>")
_PAGES = re.compile(rb"<<\s*/Type\s*/Pages\s*/Kids\s*\[([\d\sR]*)\]\s*/Count\s+\d+\s*>>")
_KIDS = re.compile(rb"(\d+)\s+0\s+R")
_PARENT = re.compile(rb"/Parent\s+\d+\s+0\s+R")
PAGES_ID, CATALOG_ID = 1, 2


class _NotPlain(Exception):
    """A document this joiner does not handle; pypdf will."""


def join_plain_pdfs(documents: list[bytes]) -> bytes | None:
    """One PDF with the pages of `documents` in order, or None if any is not plain cairo."""
    try:
        return _join([_objects(data) for data in documents])
    except (_NotPlain, ValueError, IndexError):
        return None


def _join(parts: list[tuple[dict[int, bytes], list[int], int]]) -> bytes:
    out = bytearray(b"%PDF-1.5\n%\xb5\xed\xae\xfb\n")
    offsets: dict[int, int] = {}
    kids: list[int] = []
    base = CATALOG_ID
    for objects, pages, size in parts:
        for number, body in objects.items():
            new = base + number
            offsets[new] = len(out)
            body = _renumber(body, base)
            if number in pages:
                body = _PARENT.sub(f"/Parent {PAGES_ID} 0 R".encode(), body, count=1)
            out += f"{new} 0 obj\n".encode() + body + b"endobj\n"
        kids.extend(base + page for page in pages)
        base += size
    offsets[PAGES_ID] = len(out)
    out += (f"{PAGES_ID} 0 obj\n<< /Type /Pages /Kids [ "
            + " ".join(f"{kid} 0 R" for kid in kids)
            + f" ] /Count {len(kids)} >>\nendobj\n").encode()
    offsets[CATALOG_ID] = len(out)
    out += f"{CATALOG_ID} 0 obj\n<< /Type /Catalog /Pages {PAGES_ID} 0 R >>\nendobj\n".encode()
    xref = len(out)
    size = base + 1
    out += f"xref\n0 {size}\n".encode()
    for number in range(size):
        out += (f"{offsets[number]:010d} 00000 n \n" if number in offsets
                else "0000000000 65535 f \n").encode()
    out += (f"trailer\n<< /Size {size} /Root {CATALOG_ID} 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def _objects(data: bytes) -> tuple[dict[int, bytes], list[int], int]:
    """A document's objects other than its catalog, page tree and information (number -> what
    follows "N 0 obj" up to "endobj"), its pages in order, and its /Size."""
    tail = data[-1024:]
    found = _XREF.search(tail)
    if found is None or b"/Encrypt" in data or b"/ObjStm" in data:
        raise _NotPlain
    xref_at = int(found.group(1))
    table = data[xref_at:]
    if not table.startswith(b"xref"):
        raise _NotPlain
    trailer = table[table.index(b"trailer"):]
    root, size = _ROOT.search(trailer), _SIZE.search(trailer)
    if root is None or size is None:
        raise _NotPlain
    info = _INFO.search(trailer)
    lines = table[:table.index(b"trailer")].split(b"\n")
    first, count = (int(v) for v in lines[1].split())
    starts = {}
    for number, line in enumerate(lines[2:2 + count], start=first):
        fields = line.split()
        if len(fields) == 3 and fields[2] == b"n":
            starts[number] = int(fields[0])
    ends = dict(itertools.pairwise([*sorted(starts.values()), xref_at]))
    raw: dict[int, bytes] = {}
    for number, start in starts.items():
        chunk = data[start:ends[start]]
        head = _HEAD.match(chunk)
        if head is None or int(head.group(1)) != number:
            raise _NotPlain
        body = chunk[head.end():].rstrip()
        if not body.endswith(b"endobj"):
            raise _NotPlain
        raw[number] = body[:-len(b"endobj")].strip() + b"\n"
    catalog = _CATALOG.fullmatch(raw.pop(int(root.group(1))).strip())
    if catalog is None:
        raise _NotPlain
    tree = _PAGES.fullmatch(raw.pop(int(catalog.group(1))).strip())
    if tree is None:
        raise _NotPlain
    if info is not None:
        raw.pop(int(info.group(1)), None)
    pages = [int(kid) for kid in _KIDS.findall(tree.group(1))]
    if not pages or any(page not in raw for page in pages):
        raise _NotPlain
    return raw, pages, int(size.group(1))


def _renumber(body: bytes, base: int) -> bytes:
    """`body` with every reference N 0 R in its dictionary moved up by `base`."""
    stream = _STREAM.search(body)
    head, rest = (body[:stream.start()], body[stream.start():]) if stream else (body, b"")
    if head.count(b"(") != len(re.findall(rb"\((?:[^()\\]|\\.)*\)", head)):
        raise _NotPlain  # a string with brackets inside: not worth parsing here
    return _REF_OR_STRING.sub(
        lambda m: m.group(0) if m.group(1) is None else f"{int(m.group(1)) + base} 0 R".encode(),
        head) + rest
