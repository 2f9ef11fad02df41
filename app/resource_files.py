"""The one place that says where the console's bundled files are (fonts, translations, rules, icons).

The files live in the project's top-level ``resources/`` folder. Every way the console runs finds
them through :func:`resource_root`:

* a wheel or a plain ``pip install .``: the build maps ``resources/`` into the package as
  ``app/resources`` (``setup.py``), found with :mod:`importlib.resources`;
* the frozen application (PyInstaller, ``tools/app.spec``): collected to the same ``app/resources``
  inside the bundle, found the same way;
* a source checkout or an editable install (``pip install -e .``): ``resources/`` beside ``app/``.

The user guide (``docs/user-guide.md``, the user-facing pages it links to and its English
screenshots) travels the same way, as ``app/resources/guide``: :func:`user_guide`.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

#: What a resource root holds; a folder without it is not one (e.g. a half-copied install).
_MARKER = Path("fonts") / "wqy-microhei.ttc"


@cache
def resource_root() -> Path:
    """The folder holding ``fonts/``, ``icons/``, ``rules/``, ``translations/`` and
    ``settlement_rules.json``: inside the installed package when it is there, else the source
    tree's ``resources/``."""
    packaged = Path(str(resources.files("app"))) / "resources"
    if (packaged / _MARKER).is_file():
        return packaged
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    """A file or folder under :func:`resource_root`, e.g. ``resource_path("fonts", "x.ttc")``."""
    return resource_root().joinpath(*parts)


#: The guide's file name, in ``docs/`` of a checkout and in ``guide/`` of an installed resource root.
USER_GUIDE = "user-guide.md"


def user_guide() -> Path:
    """The user guide (Help → User Guide): ``guide/user-guide.md`` of an installed resource root
    (``setup.py`` and ``tools/seller_console.spec`` put ``docs/`` there), else the checkout's
    ``docs/user-guide.md``."""
    packaged = resource_root() / "guide" / USER_GUIDE
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[1] / "docs" / USER_GUIDE
