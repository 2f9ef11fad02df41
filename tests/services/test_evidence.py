"""Evidence packages: export from a cache with queued files, verify OK, and verification that
names the member after one byte of one file changed (re-packed, or flipped inside the ZIP)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from app.__main__ import main
from app.services.evidence import package as evidence
from app.services.outbox.filestore import FileStore, store_root_for
from app.services.outbox.queue import Outbox
from app.services.supervision import actions as sv
from tests.support.acceptance_docs import acceptance_lines, write_pdf, write_png
from tests.support.supervision_data import CUSTOMER, PRODUCT, SKU, add_order, rich_task

TASK = "SS2601011200ABCDE000001"


@pytest.fixture
def queued(cache: Engine, tmp_path: Path) -> tuple[Engine, FileStore, list[Path]]:
    add_order(cache, "CS2601011200ABCDE", [rich_task(TASK, "CS2601011200ABCDE")])
    store = FileStore(store_root_for(str(cache.url), tmp_path / "caches"))
    outbox = Outbox(cache, store, actor="tester@test")
    files = [write_pdf(tmp_path / "交付验收文档.pdf", acceptance_lines(CUSTOMER, PRODUCT, SKU)),
             write_png(tmp_path / "截图1.png")]
    sv.queue_deliver(outbox, TASK, files, "已完成迁移与培训")
    return cache, store, files


def test_export_writes_index_files_and_manifest(queued: tuple[Engine, FileStore, list[Path]],
                                                tmp_path: Path) -> None:
    cache, store, files = queued
    out = tmp_path / "evidence.zip"
    summary = evidence.export(cache, store, TASK, out)
    assert (summary.included, summary.not_included) == (2, 1)
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        index = z.read("index.pdf")
        packed = {f["name"]: z.read(f["path"]) for f in manifest["files"] if f["included"]}
    assert {"index.pdf", "manifest.json"} <= names
    assert packed == {f.name: f.read_bytes() for f in files}
    remote = next(f for f in manifest["files"] if not f["included"])
    assert (remote["name"], remote["source"], remote["sha256"]) == ("需求说明.pdf", "marketplace",
                                                                    "ab" * 32)
    text = "".join(page.extract_text() for page in PdfReader(_bytes_path(tmp_path, index)).pages)
    for expected in (TASK, "商家实施服务", "确认需求", "进度慢", "交付验收文档.pdf",
                     manifest["files"][0]["sha256"][:20], "not included"):
        assert expected in text.replace("\n", ""), expected


def _bytes_path(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "index.pdf"
    path.write_bytes(data)
    return path


def test_verify_passes_then_names_the_file_with_one_changed_byte(
        queued: tuple[Engine, FileStore, list[Path]], tmp_path: Path) -> None:
    cache, store, _files = queued
    out = tmp_path / "evidence.zip"
    evidence.export(cache, store, TASK, out)
    report = evidence.verify(out)
    assert report.ok and report.checked == 3 and report.task_id == TASK

    # Re-packed with one byte of the PNG changed: the hash no longer matches.
    repacked = tmp_path / "repacked.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(repacked, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("截图1.png"):
                data = data[:10] + bytes([data[10] ^ 0x01]) + data[11:]
            dst.writestr(info, data)
    report = evidence.verify(repacked)
    (problem,) = report.problems
    assert problem.member.endswith("截图1.png") and problem.code == "changed"

    # One byte flipped inside the archive itself (a stored member): named as well.
    raw = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as z:
        info = next(i for i in z.infolist() if i.filename.endswith(".pdf")
                    and i.filename.startswith("files/"))
    offset = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 100
    raw[offset] ^= 0xFF
    flipped = tmp_path / "flipped.zip"
    flipped.write_bytes(bytes(raw))
    (problem,) = evidence.verify(flipped).problems
    assert problem.member == info.filename and problem.code in ("changed", "damaged")


def test_verify_names_a_missing_and_an_added_member(
        queued: tuple[Engine, FileStore, list[Path]], tmp_path: Path) -> None:
    cache, store, _files = queued
    out = tmp_path / "evidence.zip"
    evidence.export(cache, store, TASK, out)
    edited = tmp_path / "edited.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(edited, "w") as dst:
        for info in src.infolist():
            if not info.filename.endswith("截图1.png"):
                dst.writestr(info, src.read(info))
        dst.writestr("files/extra.txt", b"added later")
    codes = {(p.code, p.member.rsplit("/", 1)[-1]) for p in evidence.verify(edited).problems}
    assert ("unexpected", "extra.txt") in codes
    assert any(code == "missing" and name.endswith("截图1.png") for code, name in codes)
    not_zip = tmp_path / "plain.zip"
    not_zip.write_bytes(b"not a zip")
    with pytest.raises(evidence.EvidenceError, match="cannot be read"):
        evidence.verify(not_zip)


def test_export_of_an_unknown_task_says_so(cache: Engine, tmp_path: Path) -> None:
    with pytest.raises(evidence.EvidenceError, match="sync first"):
        evidence.export(cache, FileStore(tmp_path / "files"), "nope", tmp_path / "e.zip")
    assert not (tmp_path / "e.zip").exists()


def test_the_cli_exports_and_verifies(queued: tuple[Engine, FileStore, list[Path]],
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    cache, _store, _files = queued
    home = tmp_path / "home"
    monkeypatch.setenv("SELLER_CONSOLE_HOME", str(home))
    # The CLI finds the file store beside the SQLite cache, as the console does.
    out = tmp_path / "cli.zip"
    assert main(["evidence", "export", TASK, "--db", str(cache.url), "--out", str(out),
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["included"], result["notIncluded"]) == (2, 1)
    assert main(["evidence", "verify", str(out)]) == 0
    assert "OK: 3 member(s)" in capsys.readouterr().out
    raw = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as z:
        info = next(i for i in z.infolist() if i.filename.endswith(".png"))
    raw[info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 20] ^= 0x01
    out.write_bytes(bytes(raw))
    assert main(["evidence", "verify", str(out)]) == 9
    assert "CHANGED" in capsys.readouterr().out
    assert main(["evidence", "export", "nope", "--db", str(cache.url), "--out",
                 str(tmp_path / "x.zip")]) == 2
