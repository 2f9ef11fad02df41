"""Whole export rows written by SQLite (issue 18 §3): one ``printf`` per row gives the CSV line or
the XLSX row's cells as bytes, so Python only checks and joins them.

On SQLite, :func:`plan` turns an export's written columns into one statement whose first column
is the row as the file holds it (``CAST(printf(...) AS BLOB)``: no UTF-8 decoding into Python
strings and no encoding back), and the row's ``rowid``. An XLSX time is the same double as
before (whole seconds in the user's zone over 86,400), written by ``printf('%!.17g')``: 17
significant digits, which read back as that very double (Python's ``repr`` writes the
shortest such text; a million ``repr`` calls cost 0.8 s of the one thread holding the GIL).
Values are formatted as :func:`~app.services.exchange.export_areas.raw_column` formats them for
the column-by-column path (words in the file's language, exact amounts, times in the user's
zone, the CSV formula guard), so the two paths write the same cells.

What SQL does not do per value, because checking a whole batch afterwards costs far less:

* CSV quoting: a batch joined by ``\\r\\n`` whose separator counts are exact and which holds no
  ``"`` needs none (the csv module quotes only fields holding ``,`` ``"`` or a line break);
* XLSX escaping and cleaning: a batch whose ``<`` and ``>`` counts are the markup's own, which
  holds no ``&``, no control character XML forbids and no row longer than a cell may be, is
  written as is;
* empty cells: a cell printed with an empty value is replaced by ``<c/>`` in the joined batch;
* ``xml:space="preserve"``: text cells are printed as ``<t>``, and a batch in which some text
  begins or ends with a space (``<t> `` or `` </t>``) or holds a tab or a line break gets the
  attribute on every text cell, so a reader
  keeps white space exactly where it could drop it and ~20 bytes per cell are not written,
  checked, deflated and summed (CRC) a million times.

XLSX words of coded columns are shared strings (``<c t="s"><v>i</v></c>``, :attr:`RowPlan.shared`
in the workbook's ``sharedStrings.xml``): the cell's markup comes from a ``CASE`` on the code, a
third of an inline string's bytes. A code without a word is printed as an inline string, whose
markup counts differ, so its row is written by the column-by-column path (the same value).

The rows of a batch that fails a check are found one by one and written again from their stored
values by the column-by-column path (:func:`bad_csv_lines`, :func:`bad_xlsx_rows`), so any value
ends up exactly as that path writes it; only the speed depends on the data.

Known gap: SQLite's ``printf('%s')`` stops at a NUL character, so a stored text holding one is
written cut at the NUL (the rest of that value is missing from the file); the batch checks cannot
see it. Finding such values first (``instr(col, char(0))`` over every text column) cost 3 s of
CPU per million orders, more than the export itself saves, so it is not done: marketplace data
with NUL characters is not expected, and the cache keeps the whole value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    LargeBinary,
    Select,
    String,
    case,
    cast,
    func,
    literal,
    literal_column,
    null,
    select,
    type_coerce,
)

from app.models.base import DecimalText, Money, UTCDateTime
from app.services.exchange.export_areas import (
    AreaSpec,
    ExportColumn,
    Kind,
    SqlFormat,
    _sqlite_local_time,
    formula_chars,
)
from app.services.exchange.xlsx_stream import MAX_CELL_CHARS, TEMPLATES, CellKind, tagged_rows

#: XML 1.0 forbids these bytes (tab, newline and carriage return are allowed), and U+FFFE/U+FFFF.
_XML_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 13))
_XML_NONCHAR_START = b"\xef\xbf"  # U+FFC0..U+FFFF: rare; a row holding one is checked alone


@dataclass(frozen=True)
class RowPlan:
    """One export's row statement and what to check of its batches.

    ``statement`` selects the row (a BLOB) and its ``rowid``. ``columns``: written columns;
    ``lt`` / ``gt``: the
    ``<`` / ``>`` of one XLSX row's markup; ``empty``: (cell printed with an empty value,
    ``<c/>``) pairs."""

    statement: Select[Any]
    xlsx: bool
    columns: int
    lt: int = 0
    gt: int = 0
    empty: tuple[tuple[bytes, bytes], ...] = ()
    shared: tuple[str, ...] = ()


#: An XLSX text cell as SQLite prints it (``xml:space`` is added to a batch that needs it).
_TEXT = ('<c t="inlineStr"><is><t>', "</t></is></c>")
_PLAIN_T, _PRESERVE_T = b"<t>", b'<t xml:space="preserve">'
#: A shared string cell, and one printed for a NULL code (replaced by ``<c/>``).
_SHARED = ('<c t="s"><v>', "</v></c>")
_SHARED_EMPTY = _SHARED[0] + _SHARED[1]


def _guarded(col: ColumnElement[Any]) -> ColumnElement[Any]:
    """The CSV formula guard of :func:`export_areas._formula_guarded`, with a first test that
    settles almost every value at once: text at or above ``A`` cannot start with ``= + - @``, a
    tab or a carriage return (all below ``A``)."""
    return case((col >= "A", col),
                (func.substr(col, 1, 1).in_(formula_chars()), literal("'") + col),
                else_=col)


def _words(col: ColumnElement[Any], words: Mapping[str, str],
           otherwise: ColumnElement[Any]) -> ColumnElement[Any]:
    if not words:
        return otherwise
    return case(*((col == code, literal(word)) for code, word in words.items()), else_=otherwise)


def supported(s: AreaSpec, columns: Sequence[ExportColumn],
              labels: Sequence[Mapping[str, str] | None], xlsx: bool) -> bool:
    """Whether every written column can be formatted by SQL (a JSON list cannot; a CSV of one
    column quotes an empty field, which this path does not)."""
    if s.table is None or (not xlsx and len(columns) < 2):
        return False
    for c, mapping in zip(columns, labels, strict=True):
        t = s.table.c[c.key].type
        if mapping and not isinstance(t, String):
            return False
        ok = {Kind.TEXT: isinstance(t, String), Kind.MONEY: isinstance(t, Money),
              Kind.TIME: isinstance(t, UTCDateTime), Kind.DECIMAL: isinstance(t, DecimalText),
              Kind.BOOL: t.python_type is bool if not isinstance(t, String) else False}
        if not ok.get(c.kind, False):
            return False
    return True


def plan(s: AreaSpec, columns: Sequence[ExportColumn],
         labels: Sequence[Mapping[str, str] | None], shifts: tuple[tuple[str, int], ...], xlsx: bool, where: ColumnElement[bool],
         order: Sequence[Any]) -> RowPlan:
    """The row statement for the written ``columns`` (see :func:`supported`): ``labels[i]`` the
    words of column i (None: as stored, as for the code column beside a translated one),
    ``shifts`` the user's zone (:func:`~app.services.exchange.exports.utc_shifts`)."""
    assert s.table is not None
    table = s.table
    times = SqlFormat(shifts=shifts, serial=xlsx)
    template: list[str] = []  # the row's printf template
    args: list[ColumnElement[Any]] = []
    markup: list[str] = []  # every literal of a row, to count its < and >
    empty: dict[bytes, bytes] = {}
    shared: dict[str, int] = {}  # word -> its index in the shared strings

    def piece(text: str, *values: ColumnElement[Any], printed: str = "") -> None:
        template.append(text)
        args.extend(values)
        markup.append(text.replace("%s", "").replace("%d", "").replace("%02d", "") + printed)

    for i, c in enumerate(columns):
        col = table.c[c.key]
        if not xlsx and i:
            piece(",")
        if c.kind is Kind.TIME:
            value = _sqlite_local_time(type_coerce(col, String()), times)
            if xlsx:  # 17 digits: the text of the very double (see the module docstring)
                value = case((col.is_(None), null()), else_=func.printf("%!.17g", value))
            before, after = TEMPLATES[CellKind.TIME] if xlsx else ("", "")
            piece(before + "%s" + after, value)
            if xlsx and col.nullable:
                empty[(before + after).encode()] = b"<c/>"
            continue
        if c.kind is Kind.MONEY:
            cents = type_coerce(col, BigInteger())
            sign = case((cents < 0, "-"), else_="")
            whole = func.abs(cents).op("/")(literal_column("100"))
            frac = func.abs(cents).op("%")(literal_column("100"))
            before, after = TEMPLATES[CellKind.MONEY] if xlsx else ("", "")
            if not col.nullable:
                piece(before + "%s%d.%02d" + after, sign, whole, frac)
            else:
                amount = case((cents.is_(None), null()),
                              else_=func.printf("%s%d.%02d", sign, whole, frac))
                piece(before + "%s" + after, amount)
                if xlsx:
                    empty[(before + after).encode()] = b"<c/>"
            continue
        if c.kind is Kind.BOOL:
            flag = case((type_coerce(col, Integer()) != 0, "1"),
                        (type_coerce(col, Integer()) == 0, "0"), else_=null())
            before, after = TEMPLATES[CellKind.BOOL] if xlsx else ("", "")
            piece(before + "%s" + after, flag)
            if xlsx and col.nullable:
                empty[(before + after).encode()] = b"<c/>"
            continue
        text: ColumnElement[Any] = type_coerce(col, String())
        mapping = labels[i]
        if xlsx and mapping and c.kind is not Kind.DECIMAL:
            # the whole cell: a shared string per word, an inline string for other codes
            cells = [(text == code, literal(_SHARED_EMPTY if not word else
                                            f"{_SHARED[0]}{shared.setdefault(word, len(shared))}"
                                            f"{_SHARED[1]}"))
                     for code, word in mapping.items()]
            inline = func.printf(_TEXT[0] + "%s" + _TEXT[1], text)
            piece("%s", case(*cells, (text.is_(None), literal(_SHARED_EMPTY)), else_=inline),
                  printed=_SHARED_EMPTY)
            empty[_SHARED_EMPTY.encode()] = b"<c/>"
            continue
        if c.kind is Kind.DECIMAL or xlsx:
            value = text
        else:
            value = _words(text, mapping or {}, _guarded(text))
        before, after = _TEXT if xlsx else ("", "")
        piece(before + "%s" + after, value)
        if xlsx:
            empty[(before + after).encode()] = b"<c/>"
    if xlsx:
        piece("</row>")
    selected: list[ColumnElement[Any]] = [
        cast(func.printf(literal("".join(template)), *args), LargeBinary),
        literal_column(f"{table.name}.rowid")]
    statement = select(*selected).select_from(table).where(where).order_by(*order)
    skeleton = "".join(markup)
    return RowPlan(statement, xlsx, len(columns), skeleton.count("<"), skeleton.count(">"),
                   tuple(empty.items()), tuple(shared))


# -- checking batches ---------------------------------------------------------------------------


def csv_batch(rows: Sequence[Sequence[Any]], p: RowPlan) -> tuple[bytes, list[int]]:
    """(the batch's lines joined by ``\\r\\n``, the indexes of lines that need the csv module:
    a value held ``,`` ``"`` or a line break)."""
    lines = [r[0] for r in rows]
    blob = b"\r\n".join(lines)
    n = len(lines)
    if (b'"' not in blob and blob.count(b",") == n * (p.columns - 1)
            and blob.count(b"\n") == n - 1 and blob.count(b"\r") == n - 1):
        return blob, []
    commas = p.columns - 1
    return blob, [i for i, line in enumerate(lines)
                  if line.count(b",") != commas or b'"' in line or b"\n" in line
                  or b"\r" in line]


def _xml_clean(blob: bytes) -> bool:
    return (len(blob.translate(None, _XML_CONTROL)) == len(blob)
            and (b"\xef" not in blob  # one byte: memchr, 15x faster than the pair's search
                 or _XML_NONCHAR_START not in blob))


def xlsx_batch(rows: Sequence[Sequence[Any]], p: RowPlan,
               first: int) -> tuple[bytes | None, list[bytes], list[int]]:
    """(the rows numbered from ``first`` as the sheet holds them, or None when some rows need
    escaping, cleaning or a cut; each row's cells and ``</row>``; the indexes of those rows: a
    value held ``<`` ``>`` ``&`` or a character XML forbids, or the row is too long for all its
    cells to be short)."""
    cells = [r[0] for r in rows]
    xml = tagged_rows(cells, first)
    n = len(cells)
    if (xml.count(b"<") == n * (p.lt + 1) and xml.count(b">") == n * (p.gt + 1)
            and b"&" not in xml and _xml_clean(xml)
            and max(map(len, cells), default=0) <= MAX_CELL_CHARS):
        xml = empty_cells(xml, p)
        if (b"\n" in xml or b"\t" in xml or b"\r" in xml  # (reverse searches test the
                or xml.rfind(b"<t> ") >= 0 or xml.rfind(b" </t>") >= 0):  # rare byte first)
            xml = xml.replace(_PLAIN_T, _PRESERVE_T)
        return xml, cells, []
    return None, cells, [i for i, row in enumerate(cells)
                         if row.count(b"<") != p.lt or row.count(b">") != p.gt or b"&" in row
                         or not _xml_clean(row) or len(row) > MAX_CELL_CHARS]


def empty_cells(xml: bytes, p: RowPlan) -> bytes:
    """``<c/>`` for every cell printed with an empty value (after the batch passed its checks,
    so such markup can only be a cell's own)."""
    for printed, cell in p.empty:
        if printed in xml:
            xml = xml.replace(printed, cell)
    return xml


def mended_rows(cells: Sequence[bytes], first: int, p: RowPlan) -> bytes:
    """Rows numbered from ``first`` of a batch whose failed rows were written again by the
    column-by-column path (:func:`~app.services.exchange.xlsx_stream.row_cells`): empty cells
    as ``<c/>`` and ``xml:space="preserve"`` on every text cell SQLite printed."""
    return tagged_rows(cells, first, p.empty).replace(_PLAIN_T, _PRESERVE_T)


__all__ = ["RowPlan", "csv_batch", "empty_cells", "mended_rows", "plan", "supported",
           "xlsx_batch"]
