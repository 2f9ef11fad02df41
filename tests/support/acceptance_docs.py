"""Real small acceptance documents for tests: PDFs drawn with reportlab (Chinese text in the CJK
font), DOCX files written with zipfile, PNG screenshots written byte by byte.

Shared by the pre-flight service tests, the evidence tests and the Deliver dialog's GUI tests, so
every one checks the same kind of file a seller would upload.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from app.services.invoices.render import register_font


def png_bytes(width: int = 4, height: int = 3, shade: int = 120) -> bytes:
    """A valid grey PNG (no Pillow needed)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    raw = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0,
                                                             0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def write_png(path: Path, shade: int = 120, width: int = 640, height: int = 400) -> Path:
    """A screenshot-sized grey PNG (the pre-flight check warns about tiny images)."""
    path.write_bytes(png_bytes(width, height, shade=shade))
    return path


def write_pdf(path: Path, lines: Sequence[str], images: int = 0, pages: int = 1) -> Path:
    """A PDF whose text is ``lines`` (on the first page), with ``images`` PNGs drawn in it."""
    font = register_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for page in range(pages):
        canvas.setFont(font, 12)
        y = 780.0
        for line in lines if page == 0 else [f"第 {page + 1} 页"]:
            canvas.drawString(60, y, line)
            y -= 20
        if page == 0:
            for n in range(images):
                from reportlab.lib.utils import ImageReader

                canvas.drawImage(ImageReader(io.BytesIO(png_bytes(shade=40 * n + 10))),
                                 60 + n * 60, 200, 40, 30)
        canvas.showPage()
    canvas.save()
    path.write_bytes(buffer.getvalue())
    return path


def write_docx(path: Path, paragraphs: Sequence[str], images: int = 0,
               split_runs: bool = True) -> Path:
    """A minimal Word document; each paragraph's text is split over two runs (as Word does)."""
    body = []
    for text in paragraphs:
        half = len(text) // 2 if split_runs else len(text)
        runs = [text[:half], text[half:]] if split_runs else [text]
        body.append("<w:p>" + "".join(f'<w:r><w:t xml:space="preserve">{escape(r)}</w:t></w:r>'
                                      for r in runs if r) + "</w:p>")
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                'main"><w:body>' + "".join(body) + "</w:body></w:document>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", document)
        for n in range(images):
            z.writestr(f"word/media/image{n + 1}.png", png_bytes(shade=30 * n))
    return path


def acceptance_lines(customer: str, product: str, sku: str,
                     signatures: bool = False) -> list[str]:
    """The text of a plausible 交付验收文档."""
    lines = ["交付验收文档", f"客户名称:{customer}", f"商品名称:{product}", f"规格:{sku}",
             "交付内容:已按合同完成部署与培训。"]
    if signatures:
        lines += ["商家(服务商)签字:张三", "华为云项目组签字:李四", "客户签字/签章:王五"]
    return lines
