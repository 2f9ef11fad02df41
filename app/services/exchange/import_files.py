"""Reading what the KooGallery web console exports: files, headers, column mapping and values.

The web console (卖家中心) exports order lists (订单列表), transaction details (交易明细) and bills
(账单) as XLSX or CSV, with Chinese headers that move between releases. This module reads such a
file (CSV in UTF-8 or GB18030, any of ``, ; tab``; XLSX in openpyxl's read-only mode), finds the
header row (title lines above it are skipped), guesses which column holds which field from Chinese
and English header names, and parses every row into typed values, naming each bad value by its line
in the file (the line a spreadsheet shows, header included).

Amounts are parsed exactly: ``1234.5``, ``"1,234.50"``, ``"¥1,234.50"``, ``"-12.30 元"``,
``"(12.30)"`` become ``Decimal``; more than two decimal places (``0.30000000000000004``, the
garbage of a float that went through a spreadsheet), exponents, or misplaced thousands separators
are refused. XLSX number cells are floats: one is accepted only when it is exactly the double
nearest to an amount in cents. Times without a zone are in the file's zone (Beijing time, the
marketplace's, unless told otherwise) and stored as UTC.

:mod:`app.services.exchange.imports` writes the parsed rows into the cache.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

CENT = Decimal("0.01")
BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")
#: How many leading rows may hold a title before the header row.
HEADER_SEARCH_ROWS = 10


class FileKind(StrEnum):
    """What a file holds (the web console page it was exported from)."""

    ORDERS = "orders"  # 订单管理 > 订单列表
    TRANSACTIONS = "transactions"  # 结算管理 > 交易明细管理
    BILLS = "bills"  # 结算管理 > 账单管理


class ValueKind(StrEnum):
    TEXT = "text"
    MONEY = "money"
    TIME = "time"
    RATE = "rate"


@dataclass(frozen=True)
class FieldSpec:
    """A field a file kind can hold: the cache column it fills and the header names it goes by."""

    name: str
    kind: ValueKind
    names: tuple[str, ...]
    required: bool = False


F, V = FieldSpec, ValueKind

FIELDS: dict[FileKind, tuple[FieldSpec, ...]] = {
    FileKind.ORDERS: (
        F("id", V.TEXT, ("订单号", "订单编号", "订单ID", "Order ID", "Order No.", "orderId"), True),
        F("customer_real_name", V.TEXT, ("客户名称", "客户", "Customer", "Customer Name")),
        F("customer_name", V.TEXT, ("用户名", "客户账号", "账号名", "Account", "Customer Account",
                                    "User Name")),
        F("product_name", V.TEXT, ("商品名称", "产品名称", "Product", "Product Name")),
        F("sku_name", V.TEXT, ("规格", "商品规格", "Specification", "SKU")),
        F("order_status", V.TEXT, ("订单状态", "状态", "Status", "Order Status")),
        F("order_type", V.TEXT, ("订单类型", "Order Type", "Type")),
        F("charging_mode", V.TEXT, ("计费模式", "计费方式", "Billing Mode", "Charging Mode")),
        F("total_amount", V.MONEY, ("订单金额", "成交价", "实付金额", "金额", "Amount",
                                    "Order Amount", "Total Amount"), True),
        F("currency_code", V.TEXT, ("币种", "货币", "Currency")),
        F("create_time", V.TIME, ("创建时间", "下单时间", "订单创建时间", "Created", "Create Time",
                                  "Order Time"), True),
        F("pay_time", V.TIME, ("支付时间", "付款时间", "Paid", "Pay Time", "Payment Time")),
        F("effective_time", V.TIME, ("生效时间", "Effective Time", "Effective")),
    ),
    FileKind.TRANSACTIONS: (
        F("id", V.TEXT, ("订单号", "订单编号", "订单ID", "Order ID", "Order No."), True),
        F("repayment_status", V.TEXT, ("后付费客户还款状态", "还款状态", "Repayment Status",
                                       "Repayment")),
        F("supervision_status", V.TEXT, ("服务监管状态", "SS状态", "Supervision Status",
                                         "SS Status")),
        F("effective_time", V.TIME, ("生效时间", "Effective Time", "Effective")),
    ),
    FileKind.BILLS: (
        F("id", V.TEXT, ("账单ID", "账单编号", "账单号", "Bill ID", "Bill No."), True),
        F("period", V.TEXT, ("账期", "对账期次", "Settlement Period", "Period"), True),
        F("category", V.TEXT, ("商品类型", "Category", "Product Type")),
        F("entity", V.TEXT, ("结算主体", "签约主体", "华为签约主体", "Entity", "Huawei Entity")),
        F("currency_code", V.TEXT, ("币种", "货币", "Currency")),
        F("sales_amount", V.MONEY, ("商品销售金额", "销售金额", "Sales Amount", "Sales")),
        F("settlement_amount", V.MONEY, ("结算金额", "应结算金额", "Settlement Amount",
                                         "Settlement"), True),
        F("tax_rate", V.RATE, ("税率", "Tax Rate")),
        F("requisition_no", V.TEXT, ("申付单号", "Payment Requisition Form No.",
                                     "Requisition No.")),
        F("status", V.TEXT, ("账单状态", "状态", "Status", "Bill Status")),
    ),
}
#: A transactions file must map at least one of these (it only updates known orders).
TRANSACTION_UPDATES = ("repayment_status", "supervision_status", "effective_time")


def field_spec(kind: FileKind, name: str) -> FieldSpec:
    for f in FIELDS[kind]:
        if f.name == name:
            return f
    raise KeyError(f"{kind.value} files have no field {name!r}")


class ImportFileError(ValueError):
    """The file cannot be read at all (not CSV/XLSX, empty, no header row); ``str()`` says why."""


# -- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceTable:
    """A file's header row and its data rows, each with its line number in the file."""

    headers: tuple[str, ...]
    header_line: int
    rows: tuple[tuple[int, tuple[Any, ...]], ...]


def _norm(text: Any) -> str:
    """A header as compared: no blanks, marks or unit suffixes, case-insensitive."""
    s = str(text or "").strip().lower()
    s = re.sub(r"[\s*＊:：]", "", s)
    return re.sub(r"[（(](元|cny|rmb|¥|￥|usd)[)）]$", "", s)


#: The largest file imported, and the most an XLSX (a ZIP) may unpack to: a hostile or broken file
#: is refused before it exhausts memory (issue 15 §3). The web console's largest exports are a few
#: tens of MB.
MAX_IMPORT_BYTES = 200 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 1024 * 1024 * 1024


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(f"{path.name} cannot be read ({exc.strerror or exc})") from None
    if size > MAX_IMPORT_BYTES:
        raise ImportFileError(f"{path.name} is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB "
                              "and is not imported; split the export into smaller files")


def _check_unpacked(path: Path) -> None:
    """Refuse an XLSX whose parts unpack to more than :data:`MAX_XLSX_UNPACKED_BYTES` (a zip
    bomb), judged from the archive's directory before anything is unpacked."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError(f"{path.name} is not a readable XLSX file ({exc})") from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ImportFileError(f"{path.name} unpacks to more than "
                              f"{MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)} MB and is not "
                              "imported (a damaged or hostile file?)")


def _read_csv(path: Path) -> list[tuple[int, list[Any]]]:
    _check_size(path)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes every byte sequence
        raise ImportFileError(f"{path.name} is neither UTF-8 nor GB18030 text")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    out: list[tuple[int, list[Any]]] = []
    line = 1
    for row in reader:
        out.append((line, row))
        line = reader.line_num + 1
    return out


def _read_xlsx(path: Path) -> list[tuple[int, list[Any]]]:
    import openpyxl

    _check_size(path)
    _check_unpacked(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ImportFileError(f"{path.name} is not a readable XLSX file ({exc})") from None
    try:
        sheet = book.worksheets[0]
        return [(n, list(row)) for n, row in enumerate(sheet.iter_rows(values_only=True),
                                                        start=1)]
    finally:
        book.close()


def read_rows(path: Path) -> list[tuple[int, list[Any]]]:
    """Every non-blank row of a CSV or XLSX file (by its suffix) with its line number in the
    file; ImportFileError when the file is of another kind or holds no rows. (Also what the
    usage push, ``app.services.openapi.usage``, reads its files with.)"""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _read_xlsx(path)
    else:
        raise ImportFileError(f"{path.name}: only .csv and .xlsx files can be imported")
    rows = [(n, r) for n, r in rows if any(v not in (None, "") for v in r)]
    if not rows:
        raise ImportFileError(f"{path.name} holds no rows")
    return rows


def read_table(path: Path, kind: FileKind) -> SourceTable:
    """The header row and data rows of ``path`` (CSV or XLSX, by its suffix).

    The header row is the first of the first rows that names at least two known fields of
    ``kind`` (else the first of the widest rows); blank rows are dropped.
    """
    rows = read_rows(path)
    known = {_norm(n) for f in FIELDS[kind] for n in f.names}
    first = rows[:HEADER_SEARCH_ROWS]
    filled = [sum(1 for v in r if v not in (None, "")) for _n, r in first]
    # Known names decide; without them, the first of the widest rows (a title has one cell).
    header_at = filled.index(max(filled))
    for i, (_n, r) in enumerate(first):
        if sum(1 for v in r if _norm(v) in known) >= 2:
            header_at = i
            break
    line, header = rows[header_at]
    width = len(header)
    headers = tuple(str(h).strip() if h is not None else "" for h in header)
    data = tuple((n, tuple(r[:width]) + (None,) * (width - len(r))) for n, r in
                 rows[header_at + 1:])
    return SourceTable(headers, line, data)


# -- mapping --------------------------------------------------------------------------------------


def guess_mapping(kind: FileKind, headers: Sequence[str],
                  saved: Mapping[str, str] | None = None) -> dict[str, str]:
    """field -> header for the fields found. A saved mapping wins for every header the file has;
    the rest is guessed: an exact header name first, then a header containing a known name."""
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    present = set(headers)
    for fname, header in (saved or {}).items():
        if header in present and any(f.name == fname for f in FIELDS[kind]):
            mapping[fname] = header
            taken.add(header)
    normed = [(h, _norm(h)) for h in headers if h]
    for exact in (True, False):
        for f in FIELDS[kind]:
            if f.name in mapping:
                continue
            names = [_norm(n) for n in f.names]
            for h, nh in normed:
                if h in taken:
                    continue
                if (nh in names) if exact else any(n and n in nh for n in names):
                    mapping[f.name] = h
                    taken.add(h)
                    break
    return mapping


def mapping_problems(kind: FileKind, headers: Sequence[str],
                     mapping: Mapping[str, str]) -> list[str]:
    """What keeps a mapping from being used (empty when it can be): required fields without a
    column, columns the file does not have, a column used twice."""
    problems = [f"no column for the required field {f.name!r}" for f in FIELDS[kind]
                if f.required and f.name not in mapping]
    if kind is FileKind.TRANSACTIONS and not any(k in mapping for k in TRANSACTION_UPDATES):
        problems.append("a transaction details file needs a column for at least one of "
                        + ", ".join(TRANSACTION_UPDATES))
    for fname, header in mapping.items():
        if header not in headers:
            problems.append(f"the file has no column {header!r} (for {fname!r})")
        field_spec(kind, fname)
    used = list(mapping.values())
    problems += [f"the column {h!r} is mapped twice" for h in sorted(set(used))
                 if used.count(h) > 1]
    return problems


# -- values ---------------------------------------------------------------------------------------

_SYMBOLS = re.compile(r"^(?:¥|￥|\$|CNY|RMB|USD)\s*|\s*(?:元|CNY|RMB|USD)$", re.IGNORECASE)
_PLAIN = re.compile(r"^-?\d+(?:\.\d+)?$")
_GROUPED = re.compile(r"^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


class BadValue(ValueError):
    """A value that cannot be read; ``code`` is stable for translations."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_amount(value: Any) -> Decimal:
    """An exact amount to the cent from a cell (see the module docstring)."""
    if isinstance(value, bool):
        raise BadValue("not_an_amount", f"{value!r} is not an amount")
    if isinstance(value, int):
        return Decimal(value).quantize(CENT)
    if isinstance(value, Decimal):
        text = str(value)
    elif isinstance(value, float):
        if not math.isfinite(value):  # NaN or an infinity from a spreadsheet (issue 15 §3)
            raise BadValue("not_an_amount", f"{value!r} is not an amount")
        exact = Decimal(repr(value))
        cents = exact.quantize(CENT)
        if exact != cents or float(cents) != value:
            raise BadValue("inexact_amount", f"{value!r} is not an amount in cents (a "
                           "spreadsheet float with more than two decimal places)")
        return cents
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1]
    text = _SYMBOLS.sub("", text)
    text = _SYMBOLS.sub("", text)
    if text.startswith("-¥") or text.startswith("-￥"):
        text = "-" + text[2:]
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _PLAIN.match(text):
        raise BadValue("not_an_amount", f"{value!r} is not an amount such as 1,234.50")
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above only lets numbers through
        raise BadValue("not_an_amount", f"{value!r} is not an amount") from None
    if amount != amount.quantize(CENT):
        raise BadValue("too_many_decimals", f"{value!r} has more than two decimal places")
    amount = amount.quantize(CENT)
    return -amount if negative else amount


_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M",
                 "%Y-%m-%d", "%Y/%m/%d", "%Y%m%d%H%M%S", "%Y%m%d")


def parse_time(value: Any, zone: tzinfo = BEIJING) -> datetime:
    """An aware UTC time from a cell; a time without a zone is in ``zone``."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    else:
        text = str(value).strip()
        parsed_or_none: datetime | None = None
        for fmt in _TIME_FORMATS:
            try:
                parsed_or_none = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        if parsed_or_none is None:
            try:
                parsed_or_none = datetime.fromisoformat(text)
            except ValueError:
                raise BadValue("not_a_time", f"{value!r} is not a time such as "
                               "2026-11-28 10:30:00") from None
        parsed = parsed_or_none
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed.astimezone(UTC)


def parse_rate(value: Any) -> Decimal:
    """A rate such as ``6%``, ``0.06`` or ``6`` (percent when above 1) as a decimal fraction."""
    text = str(value).strip()
    percent = text.endswith("%")
    try:
        rate = Decimal(text.rstrip("%").strip())
    except InvalidOperation:
        raise BadValue("not_a_rate", f"{value!r} is not a rate such as 6% or 0.06") from None
    if not rate.is_finite():  # NaN compares with an error, so before any comparison (§3)
        raise BadValue("not_a_rate", f"{value!r} is not a rate between 0% and 100%")
    if percent or rate > 1:
        rate = rate / 100
    if not rate.is_finite() or rate < 0 or rate >= 1:
        raise BadValue("not_a_rate", f"{value!r} is not a rate between 0% and 100%")
    return rate.normalize() if rate else Decimal("0")


def parse_value(kind: ValueKind, value: Any, zone: tzinfo = BEIJING) -> Any:
    """A cell as its field's type; None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind is ValueKind.MONEY:
        return parse_amount(value)
    if kind is ValueKind.TIME:
        return parse_time(value, zone)
    if kind is ValueKind.RATE:
        return parse_rate(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an id typed as a number in a spreadsheet
    return str(value).strip()


# -- rows -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    """A bad row: its line in the file, the field and column, the raw value and why."""

    line: int
    code: str
    message: str
    field: str | None = None
    header: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class ParsedRow:
    line: int
    values: dict[str, Any]


@dataclass
class ParsedFile:
    """Every row of a file read with a mapping: the good rows and the problems, by line."""

    kind: FileKind
    table: SourceTable
    mapping: dict[str, str]
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def bad_lines(self) -> list[int]:
        return sorted({p.line for p in self.problems})


def parse_rows(table: SourceTable, kind: FileKind, mapping: Mapping[str, str],
               zone: tzinfo = BEIJING) -> Iterator[ParsedRow | list[RowProblem]]:
    """Each data row parsed: a :class:`ParsedRow`, or the row's problems. A repeated key (order
    id, bill id) is a problem of the later line."""
    index = {h: i for i, h in enumerate(table.headers)}
    specs = [(field_spec(kind, f), h, index[h]) for f, h in mapping.items()]
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        values: dict[str, Any] = {}
        problems: list[RowProblem] = []
        for spec, header, i in specs:
            raw = cells[i] if i < len(cells) else None
            try:
                value = parse_value(spec.kind, raw, zone)
            except BadValue as exc:
                problems.append(RowProblem(line, exc.code, f"line {line}, {header}: {exc}",
                                           spec.name, header, None if raw is None else str(raw)))
                continue
            if value is None and spec.required:
                problems.append(RowProblem(line, "missing_value",
                                           f"line {line}, {header}: a value is required",
                                           spec.name, header))
            values[spec.name] = value
        key = values.get("id")
        if key is not None and not problems:
            if key in seen:
                problems.append(RowProblem(line, "duplicate_key", f"line {line}: {key} is "
                                           f"already on line {seen[key]}", "id",
                                           mapping.get("id"), str(key)))
            else:
                seen[key] = line
        yield problems if problems else ParsedRow(line, values)


def parse_file(table: SourceTable, kind: FileKind, mapping: Mapping[str, str],
               zone: tzinfo = BEIJING) -> ParsedFile:
    """Every row of ``table`` parsed with ``mapping`` (which must have no problems)."""
    problems = mapping_problems(kind, table.headers, mapping)
    if problems:
        raise ImportFileError("; ".join(problems))
    out = ParsedFile(kind, table, dict(mapping))
    for item in parse_rows(table, kind, mapping, zone):
        if isinstance(item, ParsedRow):
            out.rows.append(item)
        else:
            out.problems.extend(item)
    return out


__all__ = [
    "BEIJING", "BadValue", "FIELDS", "FieldSpec", "FileKind", "ImportFileError", "ParsedFile",
    "ParsedRow", "RowProblem", "SourceTable", "TRANSACTION_UPDATES", "ValueKind", "field_spec",
    "guess_mapping", "mapping_problems", "parse_amount", "parse_file", "parse_rate", "parse_rows",
    "parse_time", "parse_value", "read_table",
]
