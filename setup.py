"""Which files the package carries (the rest of the metadata is in pyproject.toml).

The project keeps its bundled files in the top-level ``resources/`` folder; the build maps that
folder into the package as ``app/resources`` so a wheel and a plain ``pip install .`` carry them,
and ``app.resource_files.resource_root`` finds them with ``importlib.resources``. Only what the
console reads at run time travels: the compiled catalogues (``.qm``), not their sources (``.ts``)
or the translators' pending files and scripts. The user guide (``docs/*.md`` and its English
screenshots) travels as ``app/resources/guide`` (Help → User Guide reads it there).
"""

from setuptools import find_namespace_packages, setup

setup(
    # Namespace packages too: a folder of modules without ``__init__.py`` (app/views/demands) is
    # still part of the console.
    packages=[*find_namespace_packages(include=["app", "app.*"], exclude=["*.__pycache__"]),
              "app.resources", "app.resources.guide"],
    package_dir={"app.resources": "resources", "app.resources.guide": "docs"},
    package_data={
        "app": ["models/migrations/*.ini", "models/migrations/*.py",
                "models/migrations/versions/*.py", "models/migrations/*.mako"],
        "app.resources": ["settlement_rules.json", "fonts/*", "icons/*.svg", "icons/*.ico",
                          "icons/*.icns", "icons/*.png", "rules/*.json", "translations/*.qm"],
        "app.resources.guide": ["*.md", "images/en/*.png"],
    },
    include_package_data=False,
)
