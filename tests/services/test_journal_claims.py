"""Issue 15 §3: the journal's docstring says what verify can detect, and verify gives the head to
compare with a copy, because truncating the newest entries leaves a valid chain."""

from __future__ import annotations

from sqlalchemy import Engine, delete

from app.models.outbox import JournalEntry
from app.services.outbox import journal
from app.services.outbox.filestore import FileStore
from app.services.outbox.queue import Outbox


def test_issue15_s3_truncation_keeps_a_valid_chain_so_verify_reports_the_head(
    cache: Engine, tmp_path
) -> None:
    outbox = Outbox(cache, FileStore(tmp_path / "files"), actor="a")
    for n in range(3):
        outbox.enqueue("supervision.deliver", f"T-{n}", {"n": n})
    full = journal.verify(cache)
    assert full.ok and full.head_seq == 3 and full.head_hash != journal.GENESIS
    with cache.begin() as conn:
        conn.execute(delete(JournalEntry).where(JournalEntry.seq == 3))
    cut = journal.verify(cache)
    assert cut.ok  # what the docstring now says: the chain alone cannot show this ...
    assert (cut.head_seq, cut.head_hash) != (full.head_seq, full.head_hash)  # ... the head can
    doc = journal.__doc__ or ""
    assert "truncation" in doc and "cannot" in doc
