"""Joining one-page PDFs from Graphviz's cairo back end into one document, without new
dependencies.

cairo writes PDFs with a classic cross-reference table and no object streams: every object is
found through that table, renumbered, and copied byte for byte; only the dictionaries are
rewritten (their references renumbered), never the streams. The page trees of the parts become
children of one new page tree, so pages, fonts and text stay exactly as cairo made them.
"""

from __future__ import annotations

import re

from okrdesk.maps.errors import MapRenderError

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"(\d+) (\d+)\s*\n")
_REFERENCE = re.compile(rb"(\d+) (\d+) R\b")
_HEADER = re.compile(rb"\s*(\d+) (\d+) obj\b")


class _Part:
    def __init__(self, data: bytes) -> None:
        self.data = data
        found = _STARTXREF.search(data[-64:])
        if found is None:
            raise MapRenderError("A page of the map came out damaged (no cross-reference).")
        self.xref = int(found.group(1))
        if not data.startswith(b"xref", self.xref):
            raise MapRenderError("This Graphviz writes PDFs that cannot be joined; "
                                 "write SVG or PNG pages instead.")
        self.offsets = self._offsets()
        trailer = data[data.index(b"trailer", self.xref):]
        self.root = self._ref_after(trailer, b"/Root")
        self.pages = self._ref_after(self.body(self.root), b"/Pages")
        count = re.search(rb"/Count (\d+)", self.body(self.pages))
        self.count = int(count.group(1)) if count else 1

    def _offsets(self) -> dict[int, int]:
        offsets: dict[int, int] = {}
        at = self.xref + len(b"xref")
        while True:
            while self.data[at:at + 1] in (b"\r", b"\n", b" "):
                at += 1
            section = _SUBSECTION.match(self.data, at)
            if section is None:
                return offsets
            first, count = int(section.group(1)), int(section.group(2))
            at = section.end()
            for n in range(count):
                entry = self.data[at + 20 * n: at + 20 * n + 18]
                if entry.endswith(b"n"):
                    offsets[first + n] = int(entry[:10])
            at += 20 * count

    def objects(self) -> list[tuple[int, bytes]]:
        """(number, bytes from "N 0 obj" up to the next object) for every object in use."""
        ordered = sorted(self.offsets.items(), key=lambda item: item[1])
        ends = [offset for _, offset in ordered[1:]] + [self.xref]
        return [(number, self.data[offset:end])
                for (number, offset), end in zip(ordered, ends, strict=True)]

    def body(self, number: int) -> bytes:
        start = self.offsets[number]
        return self.data[start:self.data.index(b"endobj", start)]

    @staticmethod
    def _ref_after(text: bytes, key: bytes) -> int:
        found = re.search(re.escape(key) + rb"\s+(\d+) 0 R", text)
        if found is None:
            raise MapRenderError("A page of the map came out damaged (no page tree).")
        return int(found.group(1))


def join_pdfs(documents: list[bytes]) -> bytes:
    """One PDF with the pages of `documents` in order."""
    if len(documents) == 1:
        return documents[0]
    parts = [_Part(data) for data in documents]
    out = bytearray(b"%PDF-1.5\n%\xb5\xed\xae\xfb\n")
    offsets: dict[int, int] = {}
    base = 0
    root_pages = sum(max(part.offsets) for part in parts) + 1
    kids = []
    for part in parts:
        shift = base
        for number, chunk in part.objects():
            header = _HEADER.match(chunk)
            if header is None:
                raise MapRenderError("A page of the map came out damaged (bad object).")
            rest = chunk[header.end():]
            split = rest.find(b"stream")
            head, tail = (rest, b"") if split < 0 else (rest[:split], rest[split:])
            head = _renumber(head, shift)
            if number == part.pages:
                head = head.replace(b"<<", b"<< /Parent %d 0 R" % root_pages, 1)
            offsets[number + shift] = len(out)
            out += b"%d 0 obj" % (number + shift) + head + tail
        kids.append(part.pages + shift)
        base += max(part.offsets)
    catalog = root_pages + 1
    extra = {
        root_pages: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
            b" ".join(b"%d 0 R" % kid for kid in kids), sum(part.count for part in parts)),
        catalog: b"<< /Type /Catalog /Pages %d 0 R >>" % root_pages,
    }
    for number, body in extra.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    size = catalog + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 00000 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, catalog, xref)
    return bytes(out)


def _renumber(text: bytes, shift: int) -> bytes:
    def moved(match: re.Match[bytes]) -> bytes:
        return b"%d %s R" % (int(match.group(1)) + shift, match.group(2))
    return _REFERENCE.sub(moved, text)
