"""Build the desktop application: one command on Windows, macOS and Linux.

    python -m pip install -e ".[build]"
    python tools/build_app.py [--smoke] [--skip-installer]

1. The application icon is drawn from ``resources/icons/app.svg`` (``app.ico`` for Windows,
   ``app.icns`` for macOS, ``app.png``) into ``build/icons`` with Qt's own image writers.
2. PyInstaller builds the one-folder application from ``tools/seller_console.spec`` into
   ``dist/KooGallerySellerConsole/`` (``KooGallerySellerConsole`` = the window,
   ``seller-console`` = the command line; on macOS also ``dist/KooGallerySellerConsole.app``).
3. The platform's package: Windows, the Inno Setup installer ``dist/KooGallerySellerConsole-<version>-setup.exe``
   (``installer/windows/seller-console.iss``, compiled with ``ISCC.exe``); macOS, a disk image
   ``dist/KooGallerySellerConsole-<version>.dmg`` (``hdiutil``); Linux, the folder only.
4. ``--smoke`` (CI, on Linux): starts the built application offscreen from a folder outside the
   checkout (``tools/smoke.py``: ``--version``, the window on the sandbox rendered to PNG,
   ``sync`` of the sandbox the application starts itself, a Chinese invoice PDF), then prints the
   folder's size and the start times (seconds to ``--version``; to the window, the first numbers
   and the first rows on a cache of ``--startup-orders`` orders, with ``bench/startup.py``) as JSON.

Signing and notarisation are release steps (docs/packaging.md), not done here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

from smoke import SmokeFailed, run_smoke  # noqa: E402  (tools/ is not a package)

NAME = "KooGallerySellerConsole"
SPEC = ROOT / "tools" / "seller_console.spec"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
ISS = ROOT / "installer" / "windows" / "seller-console.iss"


def version() -> str:
    from app import __version__

    return __version__


def make_icons(folder: Path) -> None:
    """app.ico (16-256 px), app.icns and app.png (512 px) from the SVG, with Qt."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (Qt needs one)
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "app.svg"))
    if not renderer.isValid():
        raise SystemExit("resources/icons/app.svg is not a valid SVG")

    def image(size: int) -> QImage:
        img = QImage(size, size, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        renderer.render(painter)
        painter.end()
        return img

    folder.mkdir(parents=True, exist_ok=True)
    for name, size in (("app.png", 512), ("app.ico", 256), ("app.icns", 512)):
        if not image(size).save(str(folder / name)):
            raise SystemExit(f"Qt could not write {folder / name} (image format plugin missing?)")


def pyinstaller(icons: Path) -> Path:
    env = dict(os.environ, SELLER_CONSOLE_ICON_DIR=str(icons), SELLER_CONSOLE_VERSION=version())
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level",
                    "WARN", "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"),
                    str(SPEC)], cwd=ROOT, env=env, check=True)
    print(f"built {DIST / NAME} in {time.perf_counter() - started:.0f} s")
    return DIST / NAME


def windows_installer() -> Path:
    """Compile the Inno Setup script (Inno Setup 6, free: https://jrsoftware.org/isinfo.php)."""
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
            candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
            if base and candidate.is_file():
                iscc = str(candidate)
                break
    if iscc is None:
        raise SystemExit("Inno Setup 6 (ISCC.exe) not found: install it, or pass --skip-installer")
    subprocess.run([iscc, f"/DAppVersion={version()}", f"/DSourceDir={DIST / NAME}",
                    f"/DOutputDir={DIST}", f"/DIconFile={BUILD / 'icons' / 'app.ico'}", str(ISS)],
                   check=True)
    return DIST / f"{NAME}-{version()}-setup.exe"


def mac_dmg() -> Path:
    """The .app and a link to /Applications in a compressed disk image (hdiutil, part of macOS)."""
    stage = BUILD / "dmg"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    shutil.copytree(DIST / f"{NAME}.app", stage / f"{NAME}.app", symlinks=True)
    (stage / "Applications").symlink_to("/Applications")
    dmg = DIST / f"{NAME}-{version()}.dmg"
    dmg.unlink(missing_ok=True)
    subprocess.run(["hdiutil", "create", "-volname", "KooGallery Seller Console", "-srcfolder",
                    str(stage), "-ov", "-format", "UDZO", str(dmg)], check=True)
    return dmg


def folder_size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()
                     and not p.is_symlink()) / 1e6, 1)


def cold_start(folder: Path, work: Path, orders: int) -> dict[str, object]:
    """Seconds from launch to ``--version`` done, and ``bench/startup.py``'s marks (window, first
    numbers, first rows) on a cache of ``orders`` orders, for the built application."""
    from bench.startup import launch, prepare

    exe = folder / (f"{NAME}.exe" if sys.platform == "win32" else NAME)
    started = time.perf_counter()
    subprocess.run([str(exe), "--version"], cwd=work, capture_output=True, check=True)
    version_s = time.perf_counter() - started
    home = work / "startup-home"
    prepare(home, orders)
    launch([str(exe)], home, cwd=work)  # the first start reads the files from disk
    return {"version_s": round(version_s, 2), "orders": orders,
            **launch([str(exe)], home, cwd=work)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true",
                        help="start the built application offscreen and check it (CI)")
    parser.add_argument("--startup-orders", type=int, default=20_000, metavar="N",
                        help="--smoke: orders in the cache the cold start opens (default 20000)")
    parser.add_argument("--skip-installer", action="store_true",
                        help="the folder only: no Inno Setup installer or disk image")
    args = parser.parse_args()

    icons = BUILD / "icons"
    make_icons(icons)
    folder = pyinstaller(icons)
    if not args.skip_installer:
        if sys.platform == "win32":
            print(f"installer: {windows_installer()}")
        elif sys.platform == "darwin":
            print(f"disk image: {mac_dmg()}")
    if not args.smoke:
        return 0
    with tempfile.TemporaryDirectory(prefix="seller-console-frozen-") as tmp:
        work = Path(tmp)
        cli = folder / ("seller-console.exe" if sys.platform == "win32" else "seller-console")
        try:
            lines = run_smoke([str(cli)], work / "run")
            figures = cold_start(folder, work, args.startup_orders)
            if "error" in figures or "first_rows_s" not in figures:
                raise SmokeFailed(f"start on a {args.startup_orders}-order cache: {figures}")
        except (SmokeFailed, subprocess.CalledProcessError, subprocess.TimeoutExpired) as e:
            print(f"build_app: smoke FAILED {e}", file=sys.stderr)
            return 1
    print("\n".join(lines))
    print(json.dumps({"folder_mb": folder_size_mb(folder), "cold_start": figures}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
