"""The pre-flight check of delivery-acceptance files (交付验收件) before a delivery is queued.

Why: a refused delivery costs days (the buyer or Huawei's 华为云复核 rejects it, the task goes back
to the seller), and most refusals are for things a program can see: a file type the marketplace
does not take, a file over the limit, an empty or damaged file, an acceptance document that does not
name the customer or every product and specification of the order (business-rules §1.7, §8.3), a
基地云 delivery without its screenshots, a 赋能云 document without its signature blocks.

What a caller may rely on:

* :func:`check_files` never raises for a bad file: every problem is a :class:`Finding` naming the
  file, with a stable ``code``, a severity and an English message with parameters (the views
  translate by code). ``error`` findings block the delivery and cannot be overridden;
  ``warning`` findings may be acknowledged by the user.
* It is fast on big or hostile input: the size is checked before anything is read, a file over the
  limit is never parsed, a PDF is read at most :attr:`AcceptanceRules.max_document_pages` pages
  (and for at most ``max_document_seconds``; the rest is named as not checked), a
  DOCX's XML is read at most :attr:`AcceptanceRules.max_docx_xml_bytes` (a zip bomb stops there).
* The limits are data (``resources/rules/acceptance_files.json``, marked UNCONFIRMED as the rules
  are), overridable key by key by ``<config>/rules/acceptance_files.json``: see :func:`load_rules`.

Content checks read text only: a scanned PDF has no text, and then the content rules are a warning
("could not be checked") rather than an error, since the program cannot tell.

The rules decided here, where the sources leave room (business-rules §1.7-1.8, §8.3):

* customer, product and specification names: each must appear in at least one acceptance
  document (names compared without blanks, full-width forms folded: （北京） equals (北京)); the
  customer is found by its real (company) name or its account name. Missing: an error.
* 基地云: at least ``min_screenshots`` (3) screenshots, counted over uploaded images, images inside
  the PDF/DOCX documents and images inside ZIP archives; **or** at least one remote-delivery
  record instead, i.e. an ``.eml``/``.msg`` file (when the limits allow those types) or a file
  whose name says what it is (远程交付, 会议纪要, 邮件, minutes, ...: the keywords are data).
  Missing: an error, but only a warning when a RAR archive (whose images cannot be counted) is
  among the files.
* 赋能云: a signature block of each party (a party's name within ``window_chars`` of 签字/签章/
  签名/盖章/签署) and, for License-deployment (软件包部署) products, a Huawei Cloud resource order
  number other than the order's own and at least one screenshot: warnings, because text cannot
  prove a signature. The industry-cloud platform's user-authorization screenshot: no image at all
  is a warning; images found are a *note* (severity ``note``), since only a person can see what a
  screenshot shows.
* 基地云 screenshots: beside the count, a note that only a person can judge whether one shows the
  working feature page with the customer's name.
* Images (png/jpg): the header must give a width and height (a renamed or damaged file is an
  error); smaller than ``min_image_side`` pixels is a warning (not a readable screenshot).
* The product's delivery template (商品交付模板, §1.7), when the seller keeps a copy at
  ``<config>/delivery_templates/<productId>.docx`` (or .pdf): every item of it (a line's label
  before a colon, or a short line) must appear in the acceptance documents (a warning names the
  missing ones); all present is a note, since whether the content meets the standard only a
  person can judge. No copy for a 联营/自服务 SaaS, License or 人工服务 product (which must have a
  template from 2023-11-24): a note saying where to put it.
"""

from __future__ import annotations

import json
import logging
import re
import time
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from app.models.orders import Order, OrderLine
from app.models.supervision import SupervisionTask
from app.resource_files import resource_path

# The settlement rules merge a user's document over the defaults the same way (key by key).
from app.services.finance.settlement_rules import _merge

log = logging.getLogger("seller_console.preflight")

DEFAULT_RULES_FILE = resource_path("rules", "acceptance_files.json")
USER_RULES_NAME = Path("rules") / "acceptance_files.json"

ERROR = "error"
WARNING = "warning"
#: Something only a person can judge (what a screenshot shows): said, never blocking.
NOTE = "note"

JIDIYUN = "基地云"
FUNENGYUN = "赋能云"

#: Stable codes and their English messages (``{name}`` parameters). Views translate by code.
MESSAGES: dict[str, str] = {
    "missing": "The file cannot be found (any more).",
    "unreadable": "The file cannot be read: {reason}.",
    "empty": "The file is empty.",
    "type_not_allowed": "Files of type .{ext} are not accepted; accepted types: {allowed}.",
    "too_large": "The file is {size} MB; the limit is {limit} MB per file.",
    "content_mismatch": "The file's content is not a .{ext} file (it looks like {actual}).",
    "document_unreadable": "The document cannot be opened: {reason}.",
    "document_encrypted": "The PDF is password-protected; the reviewer cannot open it.",
    "document_no_text": "No text could be read from the document (a scan?); its content could "
                        "not be checked.",
    "document_truncated": "Only the first {pages} pages were checked.",
    "no_document": "There is no PDF or DOCX acceptance document whose text could be checked "
                   "(customer, product and specification names).",
    "legacy_format": "The content of .{ext} files cannot be checked; a PDF or DOCX copy can.",
    "customer_missing": "The customer's name ({expected}) does not appear in the acceptance "
                        "documents.",
    "product_missing": "The product name “{expected}” does not appear in the acceptance "
                       "documents.",
    "sku_missing": "The specification “{expected}” does not appear in the acceptance documents.",
    "screenshots_missing": "基地云 deliveries need at least {minimum} screenshots or remote-"
                           "delivery records; found {found} screenshot(s) and no record.",
    "screenshots_uncounted": "基地云 deliveries need at least {minimum} screenshots; found "
                             "{found}, and images inside RAR archives cannot be counted.",
    "signature_missing": "No signature block of the {party} was found (赋能云: the seller, the "
                         "Huawei project team and the customer all sign).",
    "resource_order_missing": "No Huawei Cloud resource order number was found (赋能云 "
                              "License-deployment products must state it).",
    "resource_screenshot_missing": "No screenshot of the Huawei Cloud resource order was found "
                                   "(赋能云 License-deployment products need one).",
    "image_unreadable": "The image cannot be read: {reason}.",
    "image_too_small": "The image is only {width}×{height} pixels: too small to be a "
                       "readable screenshot.",
    "authorization_screenshot_missing": "赋能云 deliveries need the industry-cloud platform's "
                                        "user-authorization screenshot (…业云平台用户授权截图); "
                                        "no image was found among the files.",
    "authorization_screenshot_check": "Found {found} image(s). Whether one is the industry-cloud "
                                      "platform's user-authorization screenshot only a person "
                                      "can judge: check it before delivering.",
    "feature_screenshot_check": "基地云: whether a screenshot shows the working feature page "
                                "with the customer's name ({expected}) only a person can judge: "
                                "check it before delivering.",
    "template_unreadable": "The product's delivery template (商品交付模板) {template} cannot be "
                           "read: {reason}.",
    "template_items_missing": "Items of the product's delivery template (商品交付模板) do not "
                              "appear in the acceptance documents: {missing}.",
    "template_followed": "Every item of the product's delivery template (商品交付模板, {count} "
                         "items) appears in the acceptance documents; whether what is written "
                         "meets the standard only a person can judge.",
    "template_not_registered": "{product_class} {delivery_type} products need a delivery "
                               "template (商品交付模板); save your copy as {expected} to have the "
                               "acceptance documents checked against it.",
}

_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "docx": (b"PK\x03\x04",), "xlsx": (b"PK\x03\x04",), "zip": (b"PK\x03\x04", b"PK\x05\x06"),
    "doc": (b"\xd0\xcf\x11\xe0",), "xls": (b"\xd0\xcf\x11\xe0",),
    "png": (b"\x89PNG",), "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",),
    "rar": (b"Rar!",),
}
_KINDS = {b"%PDF-": "a PDF", b"PK\x03\x04": "a ZIP or Office file", b"\xd0\xcf\x11\xe0":
          "an old Office file", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
          b"Rar!": "a RAR archive"}
_DOCUMENT_FAILURES = frozenset({"document_unreadable", "document_encrypted", "content_mismatch"})
#: The parties of the 赋能云 signature rule, as the English message names them.
PARTY_NAMES = {"seller": "seller", "huawei": "Huawei project team", "customer": "customer"}
_IMAGE_NAME = re.compile(r"\.(png|jpe?g|gif|bmp|emf|wmf|tiff?)$", re.IGNORECASE)


class RulesError(ValueError):
    """A rules document that cannot be read; ``str()`` says which file and why."""


# -- rules ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AcceptanceRules:
    """The limits and content rules, read from the rules JSON (see the file for each key)."""

    extensions: frozenset[str]
    max_bytes: int
    document_extensions: frozenset[str]
    image_extensions: frozenset[str]
    archive_extensions: frozenset[str]
    max_document_pages: int
    max_document_seconds: float
    max_document_text_chars: int
    max_docx_xml_bytes: int
    min_screenshots: int
    record_extensions: frozenset[str]
    record_name_keywords: tuple[str, ...]
    signature_words: tuple[str, ...]
    parties: Mapping[str, tuple[str, ...]]
    window_chars: int
    license_deployment_subtypes: frozenset[str]
    resource_order_pattern: str
    #: Screenshots smaller than this (either side, pixels) cannot show a page (a program's check).
    min_image_side: int = 200
    #: The products' delivery templates (商品交付模板, §1.7): ``<config>/<folder>/<productId>.docx``
    #: (or .pdf); which products must have one; the longest line read as a template item.
    template_folder: str = "delivery_templates"
    template_required_classes: frozenset[str] = frozenset({"联营", "自服务"})
    template_required_types: frozenset[str] = frozenset({"SaaS", "License", "人工服务"})
    template_item_chars: int = 30
    unconfirmed: bool = True
    source: str = ""

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], source: str = "") -> AcceptanceRules:
        def lower(values: Iterable[str]) -> frozenset[str]:
            return frozenset(str(v).lower().lstrip(".") for v in values)

        try:
            jd, fy = doc["jidiyun"], doc["funengyun"]
            tp = doc.get("delivery_templates") or {}
            re.compile(str(fy["resource_order_pattern"]))
            return cls(
                extensions=lower(doc["extensions"]), max_bytes=int(doc["max_bytes"]),
                document_extensions=lower(doc["document_extensions"]),
                image_extensions=lower(doc["image_extensions"]),
                archive_extensions=lower(doc["archive_extensions"]),
                max_document_pages=int(doc["max_document_pages"]),
                max_document_seconds=float(doc["max_document_seconds"]),
                max_document_text_chars=int(doc["max_document_text_chars"]),
                max_docx_xml_bytes=int(doc["max_docx_xml_bytes"]),
                min_screenshots=int(jd["min_screenshots"]),
                record_extensions=lower(jd["record_extensions"]),
                record_name_keywords=tuple(str(k).lower() for k in jd["record_name_keywords"]),
                signature_words=tuple(str(w) for w in fy["signature_words"]),
                parties={str(k): tuple(str(v) for v in vs) for k, vs in fy["parties"].items()},
                window_chars=int(fy["window_chars"]),
                license_deployment_subtypes=frozenset(fy["license_deployment_subtypes"]),
                resource_order_pattern=str(fy["resource_order_pattern"]),
                min_image_side=int(doc.get("min_image_side", 200)),
                template_folder=str(tp.get("folder", "delivery_templates")),
                template_required_classes=frozenset(
                    tp.get("required_classes", ("联营", "自服务"))),
                template_required_types=frozenset(
                    tp.get("required_types", ("SaaS", "License", "人工服务"))),
                template_item_chars=int(tp.get("item_chars", 30)),
                unconfirmed=bool(doc.get("unconfirmed", True)), source=source,
            )
        except (KeyError, TypeError, ValueError, AttributeError, re.error) as e:
            raise RulesError(f"{source or 'acceptance file rules'}: {type(e).__name__}: {e}") \
                from None


def _read_json(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise RulesError(f"{path}: {e}") from None
    if not isinstance(doc, dict):
        raise RulesError(f"{path}: not a JSON object")
    return doc


def load_rules(config_dir: Path | None = None,
               defaults: Path = DEFAULT_RULES_FILE) -> AcceptanceRules:
    """The shipped defaults, with the user's ``<config_dir>/rules/acceptance_files.json`` merged
    over them key by key (an object merges, anything else replaces)."""
    doc = _read_json(defaults)
    source = str(defaults)
    if config_dir is not None:
        user = Path(config_dir) / USER_RULES_NAME
        if user.is_file():
            doc = _merge(doc, _read_json(user))
            source = str(user)
    return AcceptanceRules.from_doc(doc, source)


def template_path(config_dir: Path | None, product_id: str,
                  rules: AcceptanceRules) -> Path | None:
    """The user's copy of the product's delivery template (商品交付模板, business-rules §1.7):
    ``<config_dir>/delivery_templates/<productId>.docx`` (or ``.pdf``), if there is one. The
    console cannot fetch it from KooGallery (no API), so the seller keeps a copy there."""
    if config_dir is None or not product_id:
        return None
    folder = Path(config_dir) / rules.template_folder
    for ext in ("docx", "pdf"):
        candidate = folder / f"{product_id}.{ext}"
        if candidate.is_file():
            return candidate
    return None


def template_expected(config_dir: Path | None, product_id: str, rules: AcceptanceRules) -> str:
    """Where :func:`template_path` looks (for the message that says where to save the copy)."""
    base = Path(config_dir) if config_dir is not None else Path("<config>")
    return str(base / rules.template_folder / f"{product_id}.docx")


# -- what the order says ----------------------------------------------------------------------------

@dataclass(frozen=True)
class OrderFacts:
    """What the acceptance documents must repeat, from the cache (task, order, order lines)."""

    task_id: str
    order_id: str
    customer_names: tuple[str, ...]  # real (company) name first, then the account name
    product_names: tuple[str, ...]
    sku_names: tuple[str, ...]
    sales_scenario: str
    product_class: str
    delivery_type: str
    license_subtype: str | None = None
    product_id: str = ""


def order_facts(engine: Engine, task_id: str) -> OrderFacts:
    """The facts of ``task_id``'s order. Every line of the order counts (one project that ordered
    several specifications lists every one, §1.7); without the order, the task's own names."""
    with Session(engine) as session:
        task = session.get(SupervisionTask, task_id)
        if task is None:
            raise LookupError(f"There is no supervision task {task_id} in this cache; sync first.")
        order = session.get(Order, task.order_id)
        lines = list(session.execute(select(OrderLine).where(OrderLine.order_id == task.order_id)
                                     .order_by(OrderLine.id)).scalars())
        customers = [task.customer_name]
        if order is not None:
            customers += [order.customer_real_name or "", order.customer_name]
        products = [task.product_name] + [ln.product_name or "" for ln in lines]
        skus = [task.sku_name or ""] + [ln.sku_name or "" for ln in lines]
        return OrderFacts(task.id, task.order_id, _unique(customers), _unique(products),
                          _unique(skus), task.sales_scenario, task.product_class,
                          task.delivery_type, task.license_subtype, task.product_id)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    seen: list[str] = []
    for v in values:
        v = (v or "").strip()
        if v and v not in seen:
            seen.append(v)
    return tuple(seen)


# -- findings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """One problem. ``file_name`` is empty for a problem of the delivery as a whole."""

    severity: str
    code: str
    file_name: str = ""
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The English sentence (CLI, logs); views translate ``MESSAGES[code]`` themselves."""
        return MESSAGES[self.code].format(**self.params)

    def to_json(self) -> dict[str, Any]:
        return {"severity": self.severity, "code": self.code, "file": self.file_name,
                "params": dict(self.params), "message": self.message}


@dataclass(frozen=True)
class PreflightReport:
    files: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == WARNING)

    @property
    def notes(self) -> tuple[Finding, ...]:
        """What only a person can judge (never blocks, needs no acknowledgement)."""
        return tuple(f for f in self.findings if f.severity == NOTE)

    @property
    def blocked(self) -> bool:
        """True when the delivery must not be queued (an error; warnings never block)."""
        return bool(self.errors)

    def for_file(self, name: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.file_name == name)


@dataclass
class _Doc:
    """What was read from one acceptance document."""

    name: str
    text: str = ""
    images: int = 0


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _normal(text: str) -> str:
    """Full-width to half-width (（北京） = (北京)), no blanks, case-folded: how names are
    compared, so that a line break inside a name in a PDF does not hide it."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


# -- reading documents ------------------------------------------------------------------------------

def _read_pdf(path: Path, rules: AcceptanceRules, findings: list[Finding]) -> _Doc | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    doc = _Doc(path.name)
    parts: list[str] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(str(path), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                findings.append(Finding(ERROR, "document_encrypted", path.name))
                return None
            pages = reader.pages
            count = len(pages)
            deadline = time.monotonic() + rules.max_document_seconds
            read = chars = 0
            for n in range(min(count, rules.max_document_pages)):
                page = pages[n]
                parts.append(page.extract_text() or "")
                chars += len(parts[-1])
                doc.images += _pdf_images(page)
                read = n + 1
                if chars > rules.max_document_text_chars or time.monotonic() > deadline:
                    break
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, NotImplementedError, AssertionError, ZeroDivisionError,
            UnicodeError) as e:
        findings.append(Finding(ERROR, "document_unreadable", path.name,
                                {"reason": _reason(e, "a damaged PDF")}))
        return None
    except Exception as e:  # noqa: BLE001 - a third-party parser on hostile input: never a crash
        log.warning("pypdf failed on %s: %r", path.name, e)
        findings.append(Finding(ERROR, "document_unreadable", path.name,
                                {"reason": _reason(e, "a damaged PDF")}))
        return None
    if count == 0:
        findings.append(Finding(ERROR, "document_unreadable", path.name,
                                {"reason": "the PDF has no pages"}))
        return None
    if read < count:
        findings.append(Finding(WARNING, "document_truncated", path.name, {"pages": str(read)}))
    doc.text = "\n".join(parts)
    return doc


def _pdf_images(page: Any) -> int:
    """Image XObjects of a page (screenshots pasted into the document), without decoding them."""
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            return 0
        return sum(1 for ref in xobjects.get_object().values()
                   if ref.get_object().get("/Subtype") == "/Image")
    except Exception:  # noqa: BLE001 - an odd resource dictionary only means "no images counted"
        return 0


def _reason(e: BaseException, fallback: str) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{fallback} ({text[:160]})" if text else fallback


def _read_docx(path: Path, rules: AcceptanceRules, findings: list[Finding]) -> _Doc | None:
    doc = _Doc(path.name)
    try:
        with zipfile.ZipFile(path) as z:
            names = z.namelist()
            if "word/document.xml" not in names:
                findings.append(Finding(ERROR, "document_unreadable", path.name,
                                        {"reason": "no word/document.xml: not a Word document"}))
                return None
            parts = ["word/document.xml"] + sorted(
                n for n in names if re.fullmatch(r"word/(header|footer)\d*\.xml", n))
            budget = rules.max_docx_xml_bytes
            texts = []
            for part in parts:
                info = z.getinfo(part)
                if info.file_size > budget:
                    findings.append(Finding(ERROR, "document_unreadable", path.name,
                                            {"reason": f"{part} is too large to read"}))
                    return None
                budget -= info.file_size
                with z.open(part) as f:
                    texts.append(_docx_text(f.read(info.file_size + 1)))
            doc.images = sum(1 for n in names if n.startswith("word/media/")
                             and _IMAGE_NAME.search(n))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ElementTree.ParseError, OSError,
            EOFError, KeyError, ValueError, RuntimeError, NotImplementedError) as e:
        findings.append(Finding(ERROR, "document_unreadable", path.name,
                                {"reason": _reason(e, "a damaged Word document")}))
        return None
    except Exception as e:  # noqa: BLE001 - hostile input must end in a finding, never a crash
        log.warning("reading %s failed: %r", path.name, e)
        findings.append(Finding(ERROR, "document_unreadable", path.name,
                                {"reason": _reason(e, "a damaged Word document")}))
        return None
    doc.text = "\n".join(texts)
    return doc


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_text(xml: bytes) -> str:
    """Paragraphs of WordprocessingML, one per line; the runs of a paragraph joined as written
    (Word splits a name over several runs)."""
    root = ElementTree.fromstring(xml)
    lines = []
    for para in root.iter(f"{_W}p"):
        pieces = []
        for node in para.iter():
            if node.tag == f"{_W}t" and node.text:
                pieces.append(node.text)
            elif node.tag in (f"{_W}tab", f"{_W}br"):
                pieces.append(" ")
        lines.append("".join(pieces))
    return "\n".join(lines)


def _zip_images(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as z:
            return sum(1 for n in z.namelist() if _IMAGE_NAME.search(n))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return 0


def image_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's or JPEG's header (no decoding); ``ValueError`` with the
    reason when the header is not a readable image's."""
    with path.open("rb") as f:
        head = f.read(32)
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            if len(head) < 24 or head[12:16] != b"IHDR":
                raise ValueError("a damaged PNG (no image header)")
            return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
        if not head.startswith(b"\xff\xd8"):
            raise ValueError("not a PNG or JPEG image")
        f.seek(2)
        for _ in range(10_000):  # markers up to the frame header
            marker = f.read(2)
            while len(marker) == 2 and marker[0] == 0xFF and marker[1] == 0xFF:
                marker = marker[1:] + f.read(1)  # fill bytes
            if len(marker) < 2 or marker[0] != 0xFF:
                break
            length = int.from_bytes(f.read(2), "big")
            if length < 2:
                break
            if 0xC0 <= marker[1] <= 0xCF and marker[1] not in (0xC4, 0xC8, 0xCC):
                frame = f.read(5)
                if len(frame) < 5:
                    break
                return int.from_bytes(frame[3:5], "big"), int.from_bytes(frame[1:3], "big")
            f.seek(length - 2, 1)
        raise ValueError("a damaged JPEG (no frame header)")


def _check_image(path: Path, rules: AcceptanceRules, findings: list[Finding]) -> bool:
    """Whether ``path`` is a real image of a useful size (a readable screenshot)."""
    try:
        width, height = image_size(path)
    except (OSError, ValueError) as e:
        findings.append(Finding(ERROR, "image_unreadable", path.name,
                                {"reason": _reason(e, "not an image")}))
        return False
    if width <= 0 or height <= 0:
        findings.append(Finding(ERROR, "image_unreadable", path.name,
                                {"reason": "the image has no pixels"}))
        return False
    if min(width, height) < rules.min_image_side:
        findings.append(Finding(WARNING, "image_too_small", path.name,
                                {"width": str(width), "height": str(height)}))
    return True


_PLACEHOLDER = re.compile(r"[_＿\-—–.…·•\s\d()（）\[\]【】<>《》:：/]*")


def template_items(text: str, rules: AcceptanceRules) -> list[str]:
    """The items a delivery template asks for: each line's label (before a colon), or a short
    line as a whole; blanks, underscores and numbering are not items."""
    items: list[str] = []
    for raw in text.splitlines():
        line = unicodedata.normalize("NFKC", raw).strip()
        label = re.split(r"[:：]", line, maxsplit=1)[0].strip()
        label = re.sub(r"^[\d一二三四五六七八九十]+[.、)）]\s*", "", label).strip()
        if not label or _PLACEHOLDER.fullmatch(label) or len(label) > rules.template_item_chars:
            continue
        if label not in items:
            items.append(label)
    return items[:80]


def _template(template: Path, docs: list[_Doc], rules: AcceptanceRules) -> list[Finding]:
    """The acceptance documents against the product's delivery template (商品交付模板, §1.7):
    every item of the template appears in them. A program sees the items, not whether what is
    written under them meets the standard, so a followed template is a note, not a pass."""
    read: list[Finding] = []
    reader = _read_pdf if template.suffix.lower() == ".pdf" else _read_docx
    doc = reader(template, rules, read) if template.is_file() else None
    if doc is None or not _normal(doc.text):
        reason = next((f.params.get("reason", "") for f in read if f.params.get("reason")),
                      "no text could be read from it")
        return [Finding(WARNING, "template_unreadable", "",
                        {"template": template.name, "reason": reason})]
    items = template_items(doc.text, rules)
    corpus = [_normal(d.text) for d in docs]
    missing = [i for i in items if not any(_normal(i) in text for text in corpus)]
    if missing:
        shown = "、".join(missing[:8]) + ("…" if len(missing) > 8 else "")
        return [Finding(WARNING, "template_items_missing", "", {"missing": shown})]
    return [Finding(NOTE, "template_followed", "", {"count": str(len(items))})]


# -- the check --------------------------------------------------------------------------------------

def _check_one(path: Path, rules: AcceptanceRules, findings: list[Finding]) -> str | None:
    """The file's own checks (exists, type, size, signature); returns its extension if usable."""
    name = path.name
    ext = path.suffix.lower().lstrip(".")
    if ext not in rules.extensions:
        findings.append(Finding(ERROR, "type_not_allowed", name, {
            "ext": ext or "?", "allowed": ", ".join(sorted(rules.extensions))}))
    try:
        if not path.is_file():
            findings.append(Finding(ERROR, "missing", name))
            return None
        size = path.stat().st_size
        if size == 0:
            findings.append(Finding(ERROR, "empty", name))
            return None
        if size > rules.max_bytes:
            findings.append(Finding(ERROR, "too_large", name,
                                    {"size": _mb(size), "limit": _mb(rules.max_bytes)}))
            return None
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as e:
        findings.append(Finding(ERROR, "unreadable", name, {"reason": e.strerror or str(e)}))
        return None
    expected = _SIGNATURES.get(ext)
    if expected and not any(head.startswith(s) for s in expected):
        actual = next((kind for sig, kind in _KINDS.items() if head.startswith(sig)),
                      "something else")
        findings.append(Finding(ERROR, "content_mismatch", name, {"ext": ext, "actual": actual}))
        return None
    return ext if ext in rules.extensions else None


def check_files(paths: Sequence[Path], facts: OrderFacts, rules: AcceptanceRules,
                config_dir: Path | None = None) -> PreflightReport:
    """Check the files of one delivery against the rules and the order (see the module doc);
    with ``config_dir``, against the product's delivery template kept there too."""
    findings: list[Finding] = []
    docs: list[_Doc] = []
    images = 0
    records = 0
    archives_unseen = False
    for raw in paths:
        path = Path(raw)
        ext = _check_one(path, rules, findings)
        if ext is None:
            continue
        lowered = path.name.lower()
        if ext in rules.record_extensions or any(k in lowered
                                                 for k in rules.record_name_keywords):
            records += 1
        if ext in rules.image_extensions:
            images += 1 if _check_image(path, rules, findings) else 0
        elif ext == "pdf" and "pdf" in rules.document_extensions:
            doc = _read_pdf(path, rules, findings)
            if doc is not None:
                docs.append(doc)
        elif ext == "docx" and "docx" in rules.document_extensions:
            doc = _read_docx(path, rules, findings)
            if doc is not None:
                docs.append(doc)
        elif ext in ("doc", "xls"):
            findings.append(Finding(WARNING, "legacy_format", path.name, {"ext": ext}))
        elif ext == "zip":
            images += _zip_images(path)
        elif ext in rules.archive_extensions:
            archives_unseen = True
    images += sum(d.images for d in docs)
    texts = [d for d in docs if _normal(d.text)]
    for d in docs:
        if d not in texts:
            findings.append(Finding(WARNING, "document_no_text", d.name))
    unreadable = any(f.code in _DOCUMENT_FAILURES for f in findings)
    if not docs and not unreadable:
        findings.append(Finding(WARNING, "no_document"))
    elif texts:
        # With one readable document, its content problems are named on that file.
        owner = texts[0].name if len(texts) == 1 else ""
        findings += [replace(f, file_name=owner) for f in _content(texts, facts)]
    findings += _template_findings(texts, facts, rules, config_dir)
    if facts.sales_scenario == JIDIYUN:
        findings += _jidiyun(images, records, archives_unseen, rules)
        if images:
            findings.append(Finding(NOTE, "feature_screenshot_check", "", {
                "expected": facts.customer_names[0] if facts.customer_names else ""}))
    if facts.sales_scenario == FUNENGYUN:
        if texts:
            findings += _funengyun(texts, images, facts, rules)
        findings.append(Finding(NOTE, "authorization_screenshot_check", "",
                                {"found": str(images)}) if images else
                        Finding(WARNING, "authorization_screenshot_missing"))
    return PreflightReport(tuple(Path(p).name for p in paths), tuple(findings))


def _template_findings(texts: list[_Doc], facts: OrderFacts, rules: AcceptanceRules,
                       config_dir: Path | None) -> list[Finding]:
    if config_dir is None:
        return []
    template = template_path(config_dir, facts.product_id, rules)
    if template is not None:
        return _template(template, texts, rules) if texts else []
    if (facts.product_class in rules.template_required_classes
            and facts.delivery_type in rules.template_required_types):
        return [Finding(NOTE, "template_not_registered", "", {
            "product_class": facts.product_class, "delivery_type": facts.delivery_type,
            "expected": template_expected(config_dir, facts.product_id, rules)})]
    return []


def _content(docs: list[_Doc], facts: OrderFacts) -> list[Finding]:
    """Customer, product and specification names, each in at least one document (§1.7)."""
    corpus = [_normal(d.text) for d in docs]

    def found(value: str) -> bool:
        wanted = _normal(value)
        return any(wanted in text for text in corpus)

    out = []
    if facts.customer_names and not any(found(n) for n in facts.customer_names):
        out.append(Finding(ERROR, "customer_missing", "",
                           {"expected": " / ".join(facts.customer_names)}))
    out += [Finding(ERROR, "product_missing", "", {"expected": p})
            for p in facts.product_names if not found(p)]
    out += [Finding(ERROR, "sku_missing", "", {"expected": s})
            for s in facts.sku_names if not found(s)]
    return out


def _jidiyun(images: int, records: int, archives_unseen: bool,
             rules: AcceptanceRules) -> list[Finding]:
    if images >= rules.min_screenshots or records:
        return []
    params = {"minimum": str(rules.min_screenshots), "found": str(images)}
    if archives_unseen:
        return [Finding(WARNING, "screenshots_uncounted", "", params)]
    return [Finding(ERROR, "screenshots_missing", "", params)]


def _funengyun(docs: list[_Doc], images: int, facts: OrderFacts,
               rules: AcceptanceRules) -> list[Finding]:
    """Signature blocks of the three parties, and the License-deployment resource order no.:
    warnings, because text cannot prove a signature (§1.7)."""
    text = "\n".join(unicodedata.normalize("NFKC", d.text) for d in docs)
    windows = []
    for word in rules.signature_words:
        for m in re.finditer(re.escape(word), text):
            windows.append(text[max(0, m.start() - rules.window_chars):
                                m.end() + rules.window_chars])
    out = []
    for party, names in rules.parties.items():
        if not any(any(n in w for n in names) for w in windows):
            out.append(Finding(WARNING, "signature_missing", "",
                               {"party": PARTY_NAMES.get(party, party)}))
    if facts.license_subtype in rules.license_deployment_subtypes:
        numbers = set(re.findall(rules.resource_order_pattern, text)) - {facts.order_id}
        if not numbers:
            out.append(Finding(WARNING, "resource_order_missing"))
        if images == 0:
            out.append(Finding(WARNING, "resource_screenshot_missing"))
    return out
