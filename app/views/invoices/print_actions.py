"""The printing actions of the Invoices area (a mixin of ``view.InvoicesView``).

Print Preview, Print and Save as PDF work the same way: the selected drafts are read again from
the cache on a worker (what is stored is what is printed), with their notices (and the bills'
order lines for the 开票清单) and the company profile; a draft that has an error or an
unacknowledged warning stops the whole job, named in the view's message line; otherwise the
reportlab document is rendered on a worker for the chosen paper and margins, drawn on the
printer (or written to the file), and the drafts are marked printed.

The mixin uses these members of the view: ``bridge``, ``engine``, ``selected_drafts()``,
``say()``, ``_fail()``, ``_write()`` and ``_show_dialog()``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget
from sqlalchemy.orm import Session

from app.services.invoices import drafts as store
from app.services.invoices.data import Company
from app.services.invoices.rules import blocking, check
from app.views.bridge import TaskContext
from app.views.i18n import translate
from app.views.invoices import actions
from app.views.invoices.labels import finding_line
from app.views.invoices.printing import PrintPreview, page_setup_for, paint_pdf, prepare_printer

if TYPE_CHECKING:
    # reportlab (under the renderer) is loaded on the first print or PDF, not at start.
    from sqlalchemy import Engine

    from app.services.invoices.render import Printable, Renderer
    from app.views.bridge import Bridge


T = TypeVar("T")


class PrintActions:
    """Print Preview, Print and Save as PDF of the selected invoices."""

    bridge: Bridge
    engine: Engine | None
    _renderer: Renderer | None = None

    # Provided by the view (see the module docstring).
    selected_drafts: Callable[[], list[Any]]
    say: Callable[..., None]
    _fail: Callable[[BaseException], None]
    _write: Callable[..., None]
    _show_dialog: Callable[[QWidget], None]

    @property
    def _widget(self) -> QWidget:
        """This mixin as the view it is mixed into (the parent of its dialogs)."""
        assert isinstance(self, QWidget)
        return self

    def _renderer_now(self) -> Renderer:
        if self._renderer is None:
            from app.services.invoices.render import Renderer

            self._renderer = Renderer()
        return self._renderer

    def _on_worker(self, work: Callable[[TaskContext], T], name: str,
                   then: Callable[[T], None]) -> None:
        """Run ``work`` on a worker for the view: ``then`` gets its result, a failure goes to the
        message line."""
        self.bridge.run(work, name=name, owner=self._widget, on_success=then,
                        on_failure=self._fail)

    def _with_printables(self, then: Callable[[list[Printable], Company], None]) -> None:
        """Load what the selected drafts print (notices with bill lines, the company), refuse
        if a draft has a problem that stops printing, else call ``then`` on the GUI thread."""
        engine, ids = self.engine, [d.id for d in self.selected_drafts()]
        if engine is None or not ids:
            return
        renderer_ready = self._renderer_now  # the font loads on the worker, once

        def work(_ctx: TaskContext) -> tuple[list[Printable], Company]:
            renderer_ready()
            with Session(engine) as session:  # what is stored is what is printed
                drafts = [store.get_draft(session, draft_id) for draft_id in ids]
                notices = store.notices_for(session, drafts)
                company = store.load_company(session)
            from app.services.invoices.render import Printable

            return [Printable(d, notices[d.notice_id]) for d in drafts], company

        def loaded(result: tuple[list[Printable], Company]) -> None:
            items, company = result
            problems = []
            for item in items:
                found = check(item.draft, item.notice, has_seal=bool(company.seal_image))
                stopping = blocking(found, item.draft.acknowledged)
                if stopping:
                    more = len(stopping) - 1
                    problems.append(
                        f"{item.draft.requisition_no} "
                        f"{(item.draft.tax_rate * 100).normalize():f}%: "
                        f"{finding_line(stopping[0])}"
                        + (
                            translate("InvoicesView", " (and %1 more)").replace("%1", str(more))
                            if more
                            else ""
                        )
                    )
            if problems:
                self.say(
                    translate(
                        "InvoicesView",
                        "Not printed: fix these first (open the draft to see every problem).",
                    )
                    + "\n"
                    + "\n".join(problems),
                    error=True,
                )
                return
            then(items, company)

        self._on_worker(work, "load invoices to print", loaded)

    def _mark_printed(self, items: list[Printable], what: str) -> None:
        engine = self.engine
        if engine is None:
            return
        ids = [i.draft.id for i in items]
        self._write(
            lambda _ctx: actions.mark_printed(engine, ids),
            "mark invoices printed",
            lambda _n: self.say(what),
            {"invoice_drafts"},
        )

    def preview(self) -> None:
        def show(items: list[Printable], company: Company) -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            renderer = self._renderer_now()
            dialog = PrintPreview(
                printer, lambda setup: renderer.render(items, company, setup), self._widget
            )
            dialog.accepted.connect(
                lambda: self._mark_printed(
                    items,
                    translate("InvoicesView", "%1 invoice(s) printed.").replace(
                        "%1", str(len(items))
                    ),
                )
            )
            self._show_dialog(dialog)

        self._with_printables(show)

    def print_selected(self, printer: QPrinter | None = None) -> None:
        """Print through Qt's print dialog (or straight to ``printer``, for tests and scripts)."""

        def go(items: list[Printable], company: Company) -> None:
            if printer is not None:
                self._print(items, company, printer)
                return
            chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
            prepare_printer(chosen, page_setup_for(chosen))
            dialog = QPrintDialog(chosen, self._widget)
            dialog.accepted.connect(lambda: self._print(items, company, chosen))
            self._show_dialog(dialog)

        self._with_printables(go)

    def _print(self, items: list[Printable], company: Company, printer: QPrinter) -> None:
        setup = page_setup_for(printer)
        renderer = self._renderer_now()

        def work(_ctx: TaskContext) -> bytes:
            return renderer.render(items, company, setup)

        def rendered(pdf: bytes) -> None:
            try:
                pages = paint_pdf(pdf, printer)
            except Exception as e:  # noqa: BLE001 - the printer's reason, in the message line
                self._fail(e)
                return
            self._mark_printed(
                items,
                translate("InvoicesView", "%1 invoice(s) sent to the printer (%2 pages).")
                .replace("%1", str(len(items)))
                .replace("%2", str(pages)),
            )

        self._on_worker(work, "render invoices", rendered)

    def save_pdf(self, path: Path | None = None) -> None:
        """Save the selected invoices as one PDF (asks where when no path is given)."""

        def go(items: list[Printable], company: Company) -> None:
            target = path
            if target is None:
                name, _filter = QFileDialog.getSaveFileName(
                    self._widget,
                    translate("InvoicesView", "Save Invoices as PDF"),
                    f"{items[0].draft.requisition_no}.pdf",
                    translate("InvoicesView", "PDF files (*.pdf)"),
                )
                if not name:
                    return
                target = Path(name)
            setup = page_setup_for(QPrinter())  # the system's default paper (A4 or Letter)
            renderer = self._renderer_now()
            out = target

            def work(_ctx: TaskContext) -> Path:
                return actions.write_pdf(out, renderer.render(items, company, setup))

            self._on_worker(
                work,
                "save invoices as PDF",
                lambda p: self._mark_printed(
                    items, translate("InvoicesView", "Saved %1.").replace("%1", str(p))
                ),
            )

        self._with_printables(go)
