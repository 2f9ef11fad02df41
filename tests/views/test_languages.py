"""Every area in both languages shows text of that language only (issue 13 §2).

The window is built like ``test_main_window`` builds it (a sandbox marketplace, a synced profile);
each area of the navigation is opened and every visible text is collected: labels, buttons,
placeholders, window titles, combo items, navigation items, the header data of every model and the
cells of its first rows; then Settings, the profile dialog and the record-details dialog of an
order and of a supervision task.
In English no CJK character may appear outside the allow-list (company, customer and product names
from the cache, and a marketplace term written beside its English one, "(开票清单)"); in Chinese
no ASCII word of three or more letters may appear outside the allow-list (codes, units, brands).
"""

# ruff: noqa: F811
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.sandbox.server import SandboxServer
from app.views.i18n import translate
from app.views.profiles_dialog import ProfileDialog
from app.views.record_dialogs import RecordDetailsDialog
from app.views.settings_dialog import SettingsDialog
from tests.views.test_main_window import (
    WAIT_MS,
    Console,
    ConsoleFactory,
    make_console,  # noqa: F401 - a fixture
    marketplace,  # noqa: F401 - a fixture
    memory_keyring,  # noqa: F401 - a fixture
    synced_console,
)

pytestmark = pytest.mark.gui

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"[A-Za-z]{3,}")
#: Ids (order, line, task numbers): letters and digits, shown as they are.
ID = re.compile(r"\b[A-Z0-9][A-Z0-9-]*\d[A-Z0-9-]*\b"
                r"|\b(?=[0-9a-f]*\d)[0-9a-f]{12,}\b")  # or a lowercase hex id (客户 ID)
#: A Chinese marketplace term written beside its English one: "Invoicing list (开票清单)".
BESIDE = re.compile(r"[(（][^()（）]*[\u3400-\u9fff][^()（）]*[)）]")

#: ASCII words a Chinese window may show: codes, units, brands and formats.
CHINESE_ALLOWED = {
    "KooGallery", "Huawei", "Cloud", "CNY", "USD", "EUR", "PDF", "CSV", "XLSX", "DOCX", "JSON",
    "SWIFT", "API", "SaaS", "License", "Kubernetes", "CRM", "POI", "SDK", "URL", "HTTP", "HTTPS",
    "Ctrl", "Shift", "Alt", "Sandbox", "Sparkoo", "Technologies", "Singapore", "Pte", "Ltd",
    "corp", "example", "com", "www", "http", "https", "zip", "rar", "png", "jpg", "pdf", "docx",
    # Settings → Network names the systems' own settings and the proxy variable (HTTPS_PROXY, PAC).
    "Windows", "macOS", "Internet", "PROXY", "PAC",
}


#: CJK a English window may show: a language's own name in the language choice.
ENGLISH_ALLOWED = {"简体中文"}
#: A language's own name in the language choice, and folders (Settings shows where files are).
CHINESE_ALLOWED_TEXTS = {"English"}
PATH = re.compile(r"^(/|[A-Za-z]:\\)\S*$")
#: Rows of each table whose cells are read (the first ones: one of each kind is enough).
ROWS = 5
PENDING = ("win13.json", "terms13.json", "watchdog.json")


def awaiting_catalogue() -> set[str]:
    """English of the pending translations that the compiled catalogue does not translate yet (the
    integrator merges the pending files into the .qm): checked from the day it does. An English
    text with ``%1`` stands for every text it makes."""
    folder = Path(__file__).resolve().parents[2] / "resources/translations/pending"
    out: set[str] = set()
    for name in PENDING:
        table = json.loads((folder / name).read_text(encoding="utf-8"))
        out |= {english for context, texts in table.items() for english in texts
                if translate(context, english) == english}
    return out


def waiting(text: str, english: set[str]) -> bool:
    """Whether ``text`` is (made from) an English text the catalogue does not translate yet."""
    for source in english:
        if "%1" in source:
            head, _, tail = source.partition("%1")
            if text.startswith(head) and text.endswith(tail):
                return True
        elif text == source:
            return True
    return False


def visible_texts(root: QWidget) -> list[str]:
    """Every text a person sees in ``root`` and its visible children (not table cells)."""
    out: list[str] = [root.windowTitle()]
    widgets = [w for w in root.findChildren(QWidget) if w.isVisibleTo(root)]
    for w in widgets:
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append(w.text())
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        if isinstance(w, QComboBox):
            out.extend(w.itemText(n) for n in range(w.count()))
        if isinstance(w, QListWidget):
            out.extend(w.item(n).text() for n in range(w.count()))
        if isinstance(w, QTabWidget):
            out.extend(w.tabText(n) for n in range(w.count()))
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model's columnCount is private: one column, no header
                columns = 0
            for column in range(columns):
                out.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            rows = model.rowCount(QModelIndex())
            for row in range(min(rows, ROWS)):
                for column in range(max(columns, 1)):
                    out.append(str(model.index(row, column).data() or ""))
    return [re.sub(r"<[^>]+>", " ", t) for t in out if t]


def cached_names(console: Console) -> set[str]:
    """Names from the cache (customers, products, companies): shown as they are in either language."""
    engine = console.workspace.engine
    assert engine is not None
    names: set[str] = set()
    queries = (
        "SELECT customer_real_name, customer_name, product_name, sku_name FROM orders",
        "SELECT customer_name, product_name, sku_name FROM supervision_tasks",
        "SELECT name, customer_name, product_name, partner_name FROM demands",
    )
    with engine.connect() as conn:
        for query in queries:
            try:
                for row in conn.execute(text(query)):
                    names.update(str(v) for v in row if v)
            except Exception:  # noqa: BLE001 - a table the cache names differently: fewer names
                conn.rollback()
    # what people and the platform wrote: log comments, appeal reasons and opinions
    with engine.connect() as conn:
        for logs, appeals in conn.execute(
                text("SELECT operation_logs, appeals FROM supervision_tasks")):
            for entry in _json_list(logs):
                names.add(str(entry.get("comment") or ""))
            for appeal in _json_list(appeals):
                names.update(str(appeal.get(k) or "") for k in ("reason", "demand", "opinion"))
        # the errors KooGallery recorded for failed production-interface calls (as written)
        names.update(str(m or "") for m in conn.execute(
            text("SELECT error_message FROM interface_messages")).scalars())
    names.update(console.profiles.names())
    return names


def _json_list(value: object) -> list[dict[str, object]]:
    if isinstance(value, str):
        value = json.loads(value)
    return [x for x in value or [] if isinstance(x, dict)] if isinstance(value, list) else []


URL = re.compile(r"https?://[^\s()]+")


def foreign(texts: list[str], language: str, names: set[str]) -> list[str]:
    found = []
    pending = awaiting_catalogue() if language != "en" else set()
    for t in texts:
        rest = t
        for name in sorted(names, key=len, reverse=True):
            if name and name in rest:
                rest = rest.replace(name, " ")
        if language == "en":
            if t in ENGLISH_ALLOWED:
                continue
            rest = BESIDE.sub(" ", rest)
            if CJK.search(rest):
                found.append(t)
        else:
            if t in CHINESE_ALLOWED_TEXTS or waiting(t, pending) or PATH.match(t.strip()):
                continue
            rest = ID.sub(" ", URL.sub(" ", rest))  # a web address is written as it is
            words = [w for w in WORD.findall(rest) if w not in CHINESE_ALLOWED]
            if words:
                found.append(f"{t!r}: {words}")
    return sorted(set(found))


def walk(console: Console, qtbot: QtBot) -> list[str]:
    window = console.window
    texts = visible_texts(window)
    for n in range(len(window.areas)):
        window.show_area(n)
        qtbot.wait(0)
        console.bridge.wait_idle(WAIT_MS)
        qtbot.waitUntil(lambda: True)
        texts += visible_texts(window)
    dialog = SettingsDialog(console.workspace.settings, console.workspace.paths, window)
    qtbot.addWidget(dialog)
    dialog.show()
    texts += visible_texts(dialog)
    dialog.close()
    name = console.profiles.names()[0]  # the synced profile (a name shown as it is)
    profile = ProfileDialog(console.bridge, console.profiles, console.credentials,
                            console.profiles.get(name), window)
    qtbot.addWidget(profile)
    profile.show()
    texts += visible_texts(profile)
    profile.close()
    engine = console.workspace.engine
    assert engine is not None
    with engine.connect() as conn:
        order = conn.execute(text("SELECT id FROM orders ORDER BY id LIMIT 1")).scalar_one()
        task = conn.execute(text("SELECT id FROM supervision_tasks ORDER BY id LIMIT 1")).scalar_one()
    for kind, record_id in (("order", order), ("supervision_task", task)):
        details = RecordDetailsDialog(console.bridge, engine, kind, record_id, window)
        qtbot.addWidget(details)
        details.show()
        qtbot.waitUntil(lambda d=details: d.form.rowCount() > 0, timeout=WAIT_MS)
        texts += visible_texts(details)
        details.close()
    return texts


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_area_speaks_one_language(
    make_console: ConsoleFactory, qtbot: QtBot, marketplace: SandboxServer, language: str
) -> None:
    console = synced_console(make_console, qtbot, marketplace)
    console.translations.apply(language)
    title = "KooGallery 卖家控制台" if language == "zh_CN" else "KooGallery Seller Console"
    qtbot.waitUntil(lambda: console.window.windowTitle().startswith(title), timeout=WAIT_MS)
    texts = walk(console, qtbot)
    assert texts
    found = foreign(texts, language, cached_names(console))
    assert found == [], "\n".join(found)
