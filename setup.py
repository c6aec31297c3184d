"""Build hooks pyproject.toml cannot express.

* The built-in formats live in the folder ``plugins/`` but install as the
  package ``dialogplatform_formats`` (a top-level ``plugins`` would clash with
  anything else of that generic name).
* Message catalogs are compiled (.po -> .mo) when a wheel is built, so an
  installed platform speaks German without a checkout's compile script.
"""
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py

FORMATS = "dialogplatform_formats"


def packages() -> list[str]:
    core = find_packages(include=["dialogplatform", "dialogplatform.*"])
    formats = find_packages("plugins", exclude=["*.tests", "*.tests.*"])
    return core + [FORMATS] + [f"{FORMATS}.{name}" for name in formats]


class BuildWithCatalogs(build_py):
    """Copies the packages, then writes a .mo next to every copied .po."""

    def run(self):
        super().run()
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po_path in Path(self.build_lib).glob("**/translations/*/LC_MESSAGES/*.po"):
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            with po_path.with_suffix(".mo").open("wb") as mo_file:
                write_mo(mo_file, catalog)


setup(
    packages=packages(),
    package_dir={FORMATS: "plugins"},
    cmdclass={"build_py": BuildWithCatalogs},
)
