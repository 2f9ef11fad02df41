"""A small streaming XLSX (Office Open XML) writer for exports of up to millions of rows.

Why our own: XlsxWriter (even in ``constant_memory`` mode) spends a Python call and a format
lookup per cell, about 100 s for a million 9-column rows on a 2-core machine, over the 60 s the
export must meet. This writer builds a whole batch of rows with ``str.join`` column by column
(a C-level escape of a column's text at once, one template per column, no call per cell) and
streams the XML into the zip entry as it goes, so memory stays flat.

What a caller may rely on:

* Cells are typed by :class:`CellKind`: text as inline strings (``t="inlineStr"``, XML-escaped,
  control characters other than tab and newline removed, cut at Excel's 32,767 characters). An
  inline string is never evaluated, so text that looks like a formula (``=HYPERLINK(...)``)
  stays text exactly as given, with no guard character.
* Rows written whole by SQLite (:meth:`XlsxStreamWriter.write_numbered`) may refer to a shared
  strings table (``t="s"`` cells, the words of coded columns, given by
  :meth:`XlsxStreamWriter.share`); their text cells carry ``xml:space="preserve"`` only where a
  value has white space a reader could drop (see :mod:`app.services.exchange.sql_rows`).
* Amounts are given as exact decimal text (``"-1234.50"``) and written as such in ``<v>`` with a
  ``#,##0.00`` style: no float round-trip on our side. Times are Excel serials with a
  ``yyyy-mm-dd hh:mm:ss`` style; integers and booleans are number and boolean cells.
* The header row is bold and frozen; columns get a width by kind. A sheet holds at most
  ``sheet_rows`` data rows below its header (Excel's limit is 1,048,576 rows in all); more
  rows continue on ``Sheet2``, ``Sheet3``...
* Nothing but the target path is written; the caller renames it into place when complete.
"""

from __future__ import annotations

import queue
import re
import threading
import zipfile
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

#: Excel's limit on the characters of one cell.
MAX_CELL_CHARS = 32_767
#: Excel's limit on rows per sheet, header included.
MAX_SHEET_ROWS = 1_048_576
#: zlib level: 1 is about 3x faster than the default 6 for ~15 % more bytes on export data.
COMPRESS_LEVEL = 1

_fast_zlib: Any
try:  # ISA-L's deflate: 4x less CPU than zlib's level 1 on sheet XML, for slightly fewer bytes
    from isal import isal_zlib as _fast_zlib
except ImportError:  # pragma: no cover - isal is a dependency; zlib does the same, slower
    _fast_zlib = None

# XML 1.0 forbids these; tab, newline and carriage return are allowed and kept.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The same without NUL, for a joined column (NUL is the separator there).
_CONTROL_JOINED = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SEP = "\x00"  # joins a column's texts for one escape pass; never survives in a cell


class CellKind(StrEnum):
    """How a column's (already converted) values are written."""

    TEXT = "text"
    MONEY = "money"  # exact decimal text, 2-decimal number format
    TIME = "time"  # Excel serial (float), date-time format
    INT = "int"
    NUMBER = "number"  # a plain number given as text or number, no format
    BOOL = "bool"


# Style indexes into cellXfs of _STYLES.
_S_MONEY, _S_TIME, _S_HEADER = 1, 2, 3
_WIDTH = {CellKind.TIME: 20, CellKind.MONEY: 14}
_DEFAULT_WIDTH = 18

_CONTENT_TYPES_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
)
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SHARED_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{n}">'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>'
)
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<dc:creator>KooGallery Seller Console</dc:creator></cp:coreProperties>'
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    '<Application>KooGallery Seller Console</Application></Properties>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0"{tab}><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
    '<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"

_EMPTY = "<c/>"
# Cell templates (before, after) per kind; the value goes between.
_TEXT_CELL = ('<c t="inlineStr"><is><t xml:space="preserve">', "</t></is></c>")
TEMPLATES: dict[CellKind, tuple[str, str]] = {
    CellKind.TEXT: _TEXT_CELL,
    CellKind.MONEY: (f'<c s="{_S_MONEY}"><v>', "</v></c>"),
    CellKind.TIME: (f'<c s="{_S_TIME}"><v>', "</v></c>"),
    CellKind.INT: ("<c><v>", "</v></c>"),
    CellKind.NUMBER: ("<c><v>", "</v></c>"),
    CellKind.BOOL: ('<c t="b"><v>', "</v></c>"),
}


def clean_text(value: str) -> str:
    """One text value as it goes between ``<t>`` tags: control characters removed, cut at
    Excel's cell limit (before escaping, so the cell shows at most 32,767 characters)."""
    value = _CONTROL.sub("", value)
    return escape(value[:MAX_CELL_CHARS])


def _text_column(col: Sequence[Any]) -> list[str]:
    """Escaped texts of a column ("" for None), in one pass over the joined column: the
    separator, escapes and control-character check run in C, not once per cell in Python."""
    texts = [v if v.__class__ is str else ("" if v is None else str(v)) for v in col]
    joined = _SEP.join(texts)
    if (joined.count(_SEP) != len(texts) - 1
            or max(map(len, texts), default=0) > MAX_CELL_CHARS):
        return [clean_text(t) for t in texts]  # a value holds NUL or is too long: one by one
    joined = joined.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _CONTROL_JOINED.search(joined) is not None:
        joined = _CONTROL_JOINED.sub("", joined)
    return joined.split(_SEP)


def _cells(kind: CellKind, col: Sequence[Any]) -> list[str]:
    """The ``<c>`` elements of one column of a batch. Cells carry no ``r`` reference (a reader
    counts them), so an empty value is an empty ``<c/>`` that keeps the columns in place."""
    before, after = TEMPLATES[kind]
    if kind is CellKind.TEXT:
        return [before + t + after if t else _EMPTY for t in _text_column(col)]
    if kind is CellKind.BOOL:
        return [_EMPTY if v is None else before + ("1" if v else "0") + after for v in col]
    if kind is CellKind.TIME:
        return [_EMPTY if v is None else before + repr(v) + after for v in col]
    return [_EMPTY if v is None else before + (v if v.__class__ is str else str(v)) + after
            for v in col]


_ROW_OPEN = b'<row r="%d">'


def row_cells(kinds: Sequence[CellKind], rows: Sequence[Sequence[Any]]) -> list[bytes]:
    """Each row's ``<c>`` elements followed by ``</row>``, as UTF-8 (one value per kind, None for
    an empty cell), built column by column."""
    if not rows:
        return []
    cols = list(zip(*rows, strict=True))
    cells = [_cells(kind, col) for kind, col in zip(kinds, cols, strict=True)]
    return [("".join(row) + "</row>").encode() for row in zip(*cells, strict=True)]


def tagged_rows(cells: Sequence[bytes], first: int,
                empty: Sequence[tuple[bytes, bytes]] = ()) -> bytes:
    """Rows (their cells and ``</row>``) numbered from ``first``, joined at once; ``empty``:
    (markup, replacement) pairs applied to the result."""
    n = len(cells)
    parts: list[bytes] = [b""] * (2 * n)
    parts[0::2] = list(map(_ROW_OPEN.__mod__, range(first, first + n)))
    parts[1::2] = cells
    xml = b"".join(parts)
    for printed, cell in empty:
        if printed in xml:
            xml = xml.replace(printed, cell)
    return xml


def _faster_deflate(stream: IO[bytes], level: int) -> None:
    """Give a zip entry opened for writing ISA-L's raw deflate (the same format, what zipfile's
    own zlib object would write; levels 0-3) in place of zlib's: a sheet of a million rows is
    ~400 MB of XML, which zlib's level 1 took 1.6 s of CPU to deflate and ISA-L 0.4 s. zipfile
    keeps the CRC and sizes as before. Nothing changes where isal is missing or zipfile's
    writer has no ``_compressor`` (a private name, checked rather than assumed)."""
    if _fast_zlib is None or getattr(stream, "_compressor", None) is None:
        return
    stream._compressor = _fast_zlib.compressobj(  # type: ignore[attr-defined]
        min(max(level, 0), _fast_zlib.ISAL_BEST_COMPRESSION), zipfile.ZIP_DEFLATED, -15)


class _InOrder:
    """Runs calls one after the other on a thread of its own, at most ``depth`` waiting: the
    sheet's deflate and CRC (which release the GIL) run while the next batch's XML is built."""

    def __init__(self, depth: int = 2) -> None:
        self._q: queue.Queue[tuple[Callable[..., Any], tuple[Any, ...]] | None] = queue.Queue(
            maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="xlsx-deflate", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (item := self._q.get()) is not None:
            if self._error is None:
                fn, args = item
                try:
                    fn(*args)
                except BaseException as e:  # noqa: BLE001 - raised on the caller's thread
                    self._error = e

    def submit(self, fn: Callable[..., Any], *args: Any) -> None:
        if self._error is not None:
            raise self._error
        self._q.put((fn, args))

    def finish(self) -> None:
        """Wait for every call; raise the first failure."""
        if self._thread.is_alive():
            self._q.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error


class XlsxStreamWriter:
    """Writes rows to ``path`` as an XLSX workbook; call :meth:`write` per batch, then
    :meth:`close` (which writes the workbook parts; a workbook is only valid after it)."""

    def __init__(self, path: Path, kinds: Sequence[CellKind], headers: Sequence[str], *,
                 sheet_rows: int = MAX_SHEET_ROWS - 1,
                 compresslevel: int = COMPRESS_LEVEL) -> None:
        if not 0 < sheet_rows < MAX_SHEET_ROWS:
            raise ValueError(f"sheet_rows must be 1..{MAX_SHEET_ROWS - 1}")
        self._zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self._level = compresslevel
        self._kinds = list(kinds)
        self._headers = list(headers)
        self._sheet_rows = sheet_rows
        self._stream: IO[bytes] | None = None  # used on the deflate thread only
        self._sheet_open = False
        self._sheets = 0
        self._row = 0  # data rows on the current sheet
        self._closed = False
        self._shared: tuple[str, ...] = ()
        self._deflate = _InOrder()

    def share(self, strings: Sequence[str]) -> None:
        """The workbook's shared strings (cleaned and escaped here, as text cells are): a
        ``<c t="s"><v>i</v></c>`` cell given to :meth:`write_numbered` or :meth:`write_tagged`
        shows ``strings[i]``."""
        self._shared = tuple(strings)

    def _open_sheet(self) -> None:
        self._close_sheet()
        self._sheets += 1
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{_WIDTH.get(k, _DEFAULT_WIDTH)}" customWidth="1"/>'
            for i, k in enumerate(self._kinds, start=1))
        tab = ' tabSelected="1"' if self._sheets == 1 else ""
        header = "".join(f'<c s="{_S_HEADER}" t="inlineStr"><is><t xml:space="preserve">'
                         f"{clean_text(h)}</t></is></c>" for h in self._headers)
        head = (_SHEET_HEAD.format(tab=tab, cols=cols) + f'<row r="1">{header}</row>').encode()
        self._deflate.submit(self._open_entry, f"xl/worksheets/sheet{self._sheets}.xml", head)
        self._sheet_open = True
        self._row = 0

    def _open_entry(self, name: str, head: bytes) -> None:  # on the deflate thread
        self._stream = self._zip.open(name, "w", force_zip64=True)
        _faster_deflate(self._stream, self._level)
        self._stream.write(head)

    def _append(self, data: bytes) -> None:  # on the deflate thread
        assert self._stream is not None
        self._stream.write(data)

    def _close_entry(self) -> None:  # on the deflate thread
        if self._stream is not None:
            self._stream.write(_SHEET_TAIL.encode())
            self._stream.close()
            self._stream = None

    def _close_sheet(self) -> None:
        if self._sheet_open:
            self._deflate.submit(self._close_entry)
            self._sheet_open = False

    def write(self, rows: Sequence[Sequence[Any]]) -> None:
        """Append ``rows`` (one value per column, None for an empty cell)."""
        start = 0
        while start < len(rows):
            if not self._sheet_open or self._row >= self._sheet_rows:
                self._open_sheet()
            take = min(len(rows) - start, self._sheet_rows - self._row)
            self._write_part(rows[start:start + take])
            start += take

    def _write_part(self, rows: Sequence[Sequence[Any]]) -> None:
        self._append_rows(row_cells(self._kinds, rows))

    def write_rows(self, cells: Sequence[bytes],
                   empty: Sequence[tuple[bytes, bytes]] = ()) -> None:
        """Append rows given as the XML of their cells followed by ``</row>`` (see
        :func:`row_cells`); ``empty``: (markup, replacement) pairs applied to the joined rows
        (a cell printed with an empty value becomes ``<c/>``)."""
        start = 0
        while start < len(cells):
            if not self._sheet_open or self._row >= self._sheet_rows:
                self._open_sheet()
            take = min(len(cells) - start, self._sheet_rows - self._row)
            self._append_rows(cells[start:start + take], empty)
            start += take

    def _append_rows(self, cells: Sequence[bytes],
                     empty: Sequence[tuple[bytes, bytes]] = ()) -> None:
        """Rows of the current sheet: ``<row r="n">`` before each, in one join."""
        self._deflate.submit(self._append, tagged_rows(cells, self._row + 2, empty))
        self._row += len(cells)

    def write_numbered(self, xml: bytes, rows: int) -> None:
        """Append ``rows`` rows given as XML numbered for this sheet (see :func:`tagged_rows`),
        on a new sheet when the current one is full; they must fit the sheet."""
        if not self._sheet_open or self._row >= self._sheet_rows:
            self._open_sheet()
        if self._row + rows > self._sheet_rows:
            raise ValueError("rows written whole must fit the sheet")
        self._deflate.submit(self._append, xml)
        self._row += rows

    def write_tagged(self, xml: bytes) -> None:
        """Append XML of whole rows already numbered for the current sheet (see
        :func:`tagged_rows`); call :meth:`count_rows` with their number after the last."""
        if not self._sheet_open:
            self._open_sheet()
        self._deflate.submit(self._append, xml)

    def count_rows(self, rows: int) -> None:
        """Count rows given to :meth:`write_tagged` (they must fit the current sheet)."""
        if self._row + rows > self._sheet_rows:
            raise ValueError("rows written whole must fit the sheet")
        self._row += rows

    def close(self) -> None:
        """Finish the sheets and write the workbook parts (at least one sheet, maybe empty)."""
        if self._closed:
            return
        self._closed = True
        try:
            try:
                if self._sheets == 0:
                    self._open_sheet()
                self._close_sheet()
            finally:
                self._deflate.finish()
            n = self._sheets
            z = self._zip
            shared = (f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_SHARED_TYPE}"/>'
                      if self._shared else "")
            z.writestr("[Content_Types].xml", _CONTENT_TYPES_HEAD + shared + "".join(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
                for i in range(1, n + 1)) + "</Types>")
            z.writestr("_rels/.rels", _ROOT_RELS)
            z.writestr("docProps/core.xml", _CORE)
            z.writestr("docProps/app.xml", _APP)
            z.writestr("xl/workbook.xml", (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<bookViews><workbookView/></bookViews><sheets>'
                + "".join(f'<sheet name={quoteattr(f"Sheet{i}")} sheetId="{i}" r:id="rId{i}"/>'
                          for i in range(1, n + 1))
                + "</sheets></workbook>"))
            z.writestr("xl/_rels/workbook.xml.rels", (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                + "".join(
                    f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
                    f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                    for i in range(1, n + 1))
                + f'<Relationship Id="rId{n + 1}" Type="http://schemas.openxmlformats.org/'
                  'officeDocument/2006/relationships/styles" Target="styles.xml"/>'
                + (f'<Relationship Id="rId{n + 2}" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                   if self._shared else "")
                + '</Relationships>'))
            z.writestr("xl/styles.xml", _STYLES)
            if self._shared:
                z.writestr("xl/sharedStrings.xml", _SHARED_HEAD.format(n=len(self._shared)) + "".join(
                    f'<si><t xml:space="preserve">{clean_text(w)}</t></si>' for w in self._shared)
                    + "</sst>")
        finally:
            self._zip.close()


__all__ = ["COMPRESS_LEVEL", "MAX_CELL_CHARS", "MAX_SHEET_ROWS", "TEMPLATES", "CellKind",
           "XlsxStreamWriter", "clean_text", "row_cells", "tagged_rows"]
