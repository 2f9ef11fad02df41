"""The Invoices area's engine-first work (app.services.invoices.actions): drafts made once,
printed and deleted; a submission queued in the outbox and, offline, left waiting there."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from app.models import db
from app.models.outbox import PENDING
from app.services.invoices import actions
from app.services.invoices import drafts as store
from app.services.marketplace.credentials import Credentials, CredentialsError
from app.services.outbox.factory import make_outbox
from tests.support.invoice_data import COMPANY, cn_notice, store_notice


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Engine]:
    engine = db.open_cache(f"sqlite:///{tmp_path / 'cache.sqlite3'}")
    store_notice(engine, cn_notice())
    with Session(engine) as session, session.begin():
        store.save_company(session, COMPANY)
    yield engine
    engine.dispose()


def test_drafts_are_made_once_then_printed_and_deleted(cache: Engine) -> None:
    made, existing = actions.create_drafts(cache, ["KP202510LY01"])
    assert len(made) == 2 and existing == 0  # one per tax rate
    assert actions.create_drafts(cache, ["KP202510LY01"]) == ([], 2)
    ids = [d.id for d in made]
    assert actions.mark_printed(cache, ids) == 2
    assert actions.delete_drafts(cache, ids) == 2
    with Session(cache) as session:
        assert store.list_drafts(session, "KP202510LY01") == []


def test_write_pdf_leaves_no_part_file(tmp_path: Path) -> None:
    out = actions.write_pdf(tmp_path / "a.pdf", b"%PDF-1.4 x")
    assert out.read_bytes() == b"%PDF-1.4 x" and sorted(tmp_path.iterdir()) == [out]


def test_an_offline_submission_waits_in_the_outbox(cache: Engine, tmp_path: Path) -> None:
    outbox = make_outbox(cache, SimpleNamespace(caches_dir=tmp_path))  # type: ignore[arg-type]
    (draft, _other), _ = actions.create_drafts(cache, ["KP202510LY01"])
    notice = cn_notice()
    recorded = replace(draft, invoice_no="44005678", invoice_date=notice.issue_date,
                       courier_no="SF5550001")

    def no_keys() -> Credentials:
        raise CredentialsError("no secret key is stored for profile 'shop'")

    submitted = actions.submit(outbox, recorded, [], no_keys)
    assert submitted.report is None and not submitted.delivered and not submitted.refused
    assert outbox.get(submitted.entry.id).state == PENDING
    with Session(cache) as session:
        assert store.get_draft(session, draft.id).invoice_no == "44005678"
        assert store.get_draft(session, draft.id).state == "submitted"
    assert actions.send_waiting(outbox, None) is None  # no marketplace: nothing is tried
    assert outbox.get(submitted.entry.id).state == PENDING
