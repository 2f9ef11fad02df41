"""Startup marks for ``bench/startup.py`` and ``tools/build_app.py --smoke``: when the window is up,
when it shows the cache's figures, when the Orders area shows rows.

Off unless ``SELLER_CONSOLE_STARTUP_PROBE`` names a file. Then, as the window starts, a timer
watches it and writes one JSON object to that file (wall-clock ``time.time()`` of each mark, so
the launching process subtracts its own launch time), then closes the window:

- ``window``: the main window is shown and painted for the first time (the event loop running);
- ``first_numbers``: the dashboard (opened by the probe if the last session ended elsewhere)
  shows figures read from the cache (its cached order count);
- ``first_rows``: after that, the probe opens the Orders area (a person's first click) and marks
  when its table has rows;
- ``<mark>_cpu``: the process's CPU seconds (all threads) at that mark: on a busy machine, closer
  to what the start costs than the wall clock;
- ``error``: what did not happen within the deadline (the marks reached are kept).
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from app.views.main_window import MainWindow

ENV_PROBE = "SELLER_CONSOLE_STARTUP_PROBE"
DEADLINE_S = 120.0


def install(app: QApplication, window: MainWindow, environ: Mapping[str, str]) -> None:
    """Watch ``window`` if the probe is asked for; else nothing."""
    target = environ.get(ENV_PROBE, "").strip()
    if not target:
        return
    marks: dict[str, object] = {}
    deadline = time.monotonic() + DEADLINE_S

    def finish() -> None:
        timer.stop()
        Path(target).write_text(json.dumps(marks), encoding="utf-8")
        window.close()
        app.quit()

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and "window" not in marks:
                marks["window"] = time.time()
                marks["window_cpu"] = time.process_time()
            return False

    painted = FirstPaint(window)
    window.installEventFilter(painted)

    def poll() -> None:
        now = time.time()
        if "window" in marks and "shown_dashboard" not in marks:
            marks["shown_dashboard"] = True
            window.removeEventFilter(painted)
            # The same path on every run, whichever area the last session ended on.
            window.show_area(window.areas.row("dashboard"))
        figures = window.dashboard.figures
        if "first_numbers" not in marks and figures is not None and figures.cached_orders > 0:
            marks["first_numbers"] = now
            marks["first_numbers_cpu"] = time.process_time()
            window.show_area(window.areas.row("orders"))
        view = window.orders.view
        if ("first_numbers" in marks and view is not None and window.orders.isVisible()
                and view.model.rowCount() > 0):
            marks["first_rows"] = now
            marks["first_rows_cpu"] = time.process_time()
            finish()
        elif time.monotonic() > deadline:
            marks["error"] = f"no rows within {DEADLINE_S:.0f} s"
            finish()

    timer = QTimer(app)
    timer.setInterval(5)
    timer.timeout.connect(poll)
    timer.start()
