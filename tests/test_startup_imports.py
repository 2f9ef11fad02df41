"""Issue 17, first start: what the window and the command line do NOT load when they start.

The start on a 100,000-order cache is timed by ``bench/startup.py`` (docs/packaging.md); these
tests guard the gains without timing: each starts a fresh interpreter and looks at
``sys.modules``. Alembic is loaded only when a cache is behind the head (``app/models/db.py``),
reportlab/openpyxl/pypdf only when a PDF or workbook is made, the keychain's backends only when a
secret is read, and ``seller-console <command>`` builds only that command's parser
(``app/__main__.py``: ``COMMAND_MODULES``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.models import db

ROOT = Path(__file__).resolve().parents[1]
#: Loaded only when a PDF, a workbook or a migration is made, a PostgreSQL cache is opened, the
#: keychain is read (on a worker, when a sync needs the secret) or the sandbox is started.
HEAVY = ("alembic", "reportlab", "openpyxl", "xlsxwriter", "pypdf",
         "sqlalchemy.dialects.postgresql", "psycopg", "keyring.backends.SecretService",
         "keyring.backends.libsecret", "keyring.backends.kwallet", "secretstorage",
         "uvicorn", "fastapi")


#: The lazy areas' views (``app/views/area_registry.py``: ``lazy``) and QtCharts: built on the
#: area's first visit.
LAZY_VIEWS = ("app.views.finance.view", "app.views.partner.view", "app.views.charts.view",
              "app.views.invoices.view", "PySide6.QtCharts")


def _loaded_after(code: str, env: dict[str, str] | None = None,
                  watched: tuple[str, ...] = HEAVY) -> set[str]:
    """The ``watched`` modules in ``sys.modules`` of a fresh interpreter after running ``code``."""
    probe = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    run_env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=run_env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
    return {m for m in watched if m in modules}


def test_the_main_window_module_loads_no_pdf_workbook_or_migration_library() -> None:
    """Issue 17 (start under 1.5 s): importing the window and every area's view leaves reportlab,
    openpyxl, pypdf and Alembic for the first PDF, export or migration."""
    assert _loaded_after("import app.views.app, app.views.main_window") == set()


def test_the_window_leaves_the_lazy_areas_views_and_qtcharts_for_their_first_visit() -> None:
    """Issue 17: Bills, Partner, Charts (and QtCharts) and Invoices are imported when first shown;
    importing them still works (the control: the check sees them when they are loaded)."""
    assert _loaded_after("import app.views.app, app.views.main_window", watched=LAZY_VIEWS) == set()
    assert _loaded_after("import app.views.area_registry as r\n"
                         "for s in r.AREAS:\n    s.lazy and s.build.__call__",
                         watched=LAZY_VIEWS) == set()
    assert _loaded_after("import app.views.charts.view", watched=LAZY_VIEWS) == {
        "app.views.charts.view", "PySide6.QtCharts"}


def test_opening_a_cache_at_the_head_loads_no_alembic(tmp_path: Path) -> None:
    """Issue 17: a cache already at the schema head is opened by one query, without Alembic."""
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    db.open_cache(url).dispose()  # made and migrated here (Alembic in this process)
    code = (f"from app.models import db\nengine = db.open_cache({url!r})\n"
            "assert db._stored_revision(engine) == db._head_on_disk()\n")
    assert _loaded_after(code) == set()


def test_the_window_start_reads_no_keychain_and_loads_no_other_database(tmp_path: Path) -> None:
    """Issue 17: what the window does before it is shown (its modules, the keychain store made,
    the last SQLite cache opened) loads no keychain backend (the secret is read on a worker when a
    sync needs it), no PostgreSQL dialect and no sandbox server."""
    url = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    db.open_cache(url).dispose()
    code = ("import app.views.app, app.views.main_window, app.views.workspace\n"
            "from app.services.marketplace.credentials import CredentialStore\n"
            "from app.models import db\n"
            f"CredentialStore()\nengine = db.open_cache({url!r})\n")
    assert _loaded_after(code) == set()


def test_a_cache_behind_the_head_is_still_migrated(tmp_path: Path) -> None:
    """The quick check must not skip a migration: a cache at an older revision reaches the head."""
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = db.make_engine(url)
    db.upgrade(engine, "0001")
    engine.dispose()
    engine = db.open_cache(url)
    assert db.current_revision(engine) == db.head_revision()
    engine.dispose()


def test_the_head_read_from_the_migration_files_is_alembics() -> None:
    assert db._head_on_disk() == db.head_revision()


def test_a_second_head_in_the_files_means_asking_alembic(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Two heads (a branch) or an unreadable file: no quick answer, Alembic decides."""
    versions = tmp_path / "versions"
    versions.mkdir()
    for name, rev, down in (("a.py", "0001", None), ("b.py", "0002", "0001"),
                            ("c.py", "0003", "0001")):
        down_text = "None" if down is None else f'"{down}"'
        (versions / name).write_text(f'revision: str = "{rev}"\ndown_revision = {down_text}\n',
                                     encoding="utf-8")
    monkeypatch.setattr(db, "MIGRATIONS_DIR", tmp_path)
    assert db._head_on_disk() is None
    (versions / "c.py").unlink()
    assert db._head_on_disk() == "0002"


# -- the command line: one command's parser ---------------------------------------------------------


def _choices(parser: argparse.ArgumentParser) -> set[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def test_the_command_table_names_every_command_of_the_full_parser() -> None:
    from app.__main__ import build_parser, command_names

    assert _choices(build_parser()) == set(command_names())


def test_each_command_alone_gets_the_same_parser_as_in_the_full_one() -> None:
    """``seller-console <command>`` builds only its command, with the same options and
    subcommands as ``--help`` lists."""
    from app.__main__ import build_parser, command_names

    def shape(parser: argparse.ArgumentParser) -> list[object]:
        out: list[object] = []
        for action in parser._actions:
            out.append((tuple(action.option_strings), action.dest))
            if isinstance(action, argparse._SubParsersAction):
                out.extend((name, shape(sub)) for name, sub in action.choices.items())
        return out

    full = build_parser()
    full_sub = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    for command in sorted(command_names()):
        alone = build_parser(command)
        sub = next(a for a in alone._actions if isinstance(a, argparse._SubParsersAction))
        assert command in sub.choices, command
        assert shape(sub.choices[command]) == shape(full_sub.choices[command]), command


@pytest.mark.parametrize("argv", [["--version"], ["status", "--help"], ["gui", "--help"]])
def test_a_command_loads_no_other_commands_libraries(argv: list[str]) -> None:
    """``seller-console --version`` / ``status`` / ``gui`` load neither reportlab (``evidence``,
    ``invoice``) nor openpyxl (``export``) nor Alembic."""
    code = ("import contextlib, io\nfrom app.__main__ import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    try:\n        main({argv!r})\n    except SystemExit:\n        pass\n")
    assert _loaded_after(code) == set()


# -- the window: shown before what it does not need -----------------------------------------------

#: What ``seller-console gui`` does after the window's first paint (issue 17): the areas not shown
#: first (their views' modules) and the outbox's action kinds (registered when the workspace hands
#: out the cache).
AFTER_PAINT = ("app.views.orders.area", "app.views.supervision.view", "app.views.demands.view",
               "app.views.outbox.view", "app.views.deadlines", "app.views.integration.view",
               "app.services.outbox.action_kinds")

#: Loaded when first used, not for the window's first paint: the export and import machinery
#: (File menu), the cache rescue, the settings, report-a-problem and help dialogs.
ON_USE = ("app.services.exchange.exports", "app.views.import_wizard",
          "app.services.cache_rescue", "app.views.settings_dialog", "app.views.report_problem",
          "app.views.help")

_WINDOW_DRIVER = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from app.views.app import create_application

qapp = create_application()
seen = {}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if (event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow)
                and "painted" not in seen):
            seen["painted"] = sorted(sys.modules)
            seen["nav"] = [obj.nav.item(n).text() for n in range(obj.nav.count())]
            def done():
                pending = getattr(obj.areas, "pending", list)  # (before issue 17: none)
                if pending() or obj.workspace.engine is None:
                    return
                from app.services.outbox.queue import ACTION_KINDS
                seen["loaded"] = sorted(sys.modules)
                seen["kinds"] = len(ACTION_KINDS)
                seen["built"] = [a.key for a in obj.areas if a.built is not None]
                timer.stop()
                qapp.closeAllWindows()
            timer = QTimer(qapp)
            timer.timeout.connect(done)
            timer.start(10)
        return False

watch = Watch()
qapp.installEventFilter(watch)
from app.__main__ import main
code = main(sys.argv[1:] or ["gui"])
print(json.dumps({"code": code, **seen}))
"""


def _start_window(tmp_path: Path, *argv: str) -> dict[str, Any]:
    """Start ``seller-console`` (``argv``, default ``gui``) in a child process over a profile
    whose marketplace does not answer; what the driver saw at the first paint and after."""
    from app.config.paths import AppPaths
    from app.config.profiles import Profile, ProfileStore
    from app.config.settings import SettingsStore

    home = tmp_path / "home"
    paths = AppPaths.from_env({"SELLER_CONSOLE_HOME": str(home)})
    paths.ensure()
    profile = Profile(name="shop", endpoint="http://127.0.0.1:9", access_key="STARTUPTESTKEY0000",
                      db_url=f"sqlite:///{tmp_path / 'shop.sqlite3'}")
    ProfileStore(paths).add(profile)
    SettingsStore(paths).update(last_profile="shop")
    db.open_cache(profile.cache_url(paths)).dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SELLER_CONSOLE_")}
    env.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", SELLER_CONSOLE_HOME=str(home),
               SELLER_CONSOLE_SK="startup-test-not-a-secret")
    done = subprocess.run([sys.executable, "-c", _WINDOW_DRIVER, *argv], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_window_is_painted_before_the_other_areas_and_the_action_kinds_are_loaded(
        tmp_path: Path) -> None:
    """Issue 17 (a usable window under 1.5 s): ``seller-console gui`` paints the window with only
    the area it shows first (the dashboard) built; the other areas' views and the outbox's action
    kinds are loaded after that first paint, and then are (every area but the lazy ones is built
    without a visit, and the kinds are registered before the cache is handed out); the File
    menu's export and import machinery and the dialogs wait for their first use."""
    seen = _start_window(tmp_path)
    assert seen["code"] == 0
    assert set(AFTER_PAINT + ON_USE) & set(seen["painted"]) == set()
    assert "app.views.dashboard" in seen["painted"]
    # Titled before they are built: each area's plain name, as its view says it before counting.
    assert seen["nav"][:4] == ["Dashboard", "Orders", "Supervision", "Demands"]
    assert set(AFTER_PAINT) <= set(seen["loaded"])
    assert seen["kinds"] > 0
    assert seen["built"] == ["dashboard", "orders", "supervision", "demands", "outbox",
                             "deadlines", "integration"]


def test_gui_lang_opens_the_window_in_that_language(tmp_path: Path) -> None:
    """``seller-console gui --lang zh_CN`` opens the window in Chinese for that run, as ``--lang``
    does for every other command (Settings keeps its own choice)."""
    seen = _start_window(tmp_path, "gui", "--lang", "zh_CN")
    assert seen["code"] == 0
    assert seen["nav"][:2] == ["工作台", "订单"]
