"""The core names no format: no file of the ``dialogplatform`` package (code,
templates, mails, static files, demo data) mentions a built-in format's key
or imports the formats' package. What a format needs shown or done comes
from its plugin through the hooks. Catalogs (.po) are not scanned: a
message may name a format in prose."""
from importlib.metadata import entry_points
from pathlib import Path

import dialogplatform

CORE = Path(dialogplatform.__file__).parent
FORMATS_PACKAGE = "dialogplatform_formats"
SCANNED = {".py", ".html", ".js", ".css", ".txt", ".xml", ".svg", ".ini", ".mako"}


def built_in_keys() -> set[str]:
    """The keys of the formats the project ships (its own entry points)."""
    return {ep.name for ep in entry_points(group="dialogplatform.plugins")
            if ep.value.startswith(FORMATS_PACKAGE + ".")}


def mentions(root: Path, words) -> list[str]:
    """``file:line: word`` for every line under ``root`` that holds one of ``words``."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix not in SCANNED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found += [f"{path.relative_to(root.parent)}:{number}: {word}" for word in words if word in line]
    return found


def test_the_six_built_in_formats_are_the_keys_looked_for():
    assert built_in_keys() >= {"themenabend", "freiraumkisten", "thementische", "frauendialog",
                               "dezentrale_dialoge", "zukunftswerkstatt"}


def test_no_core_file_names_a_format_key_or_imports_the_formats():
    found = mentions(CORE, sorted(built_in_keys()) + [FORMATS_PACKAGE])
    assert not found, "the core names a format:\n" + "\n".join(found)


def test_the_scan_reports_file_and_line(tmp_path):
    package = tmp_path / "core"
    (package / "templates").mkdir(parents=True)
    (package / "views.py").write_text("x = 1\nif event.format_key == 'themenabend':\n", encoding="utf-8")
    (package / "templates" / "page.html").write_text("{{ url_for('themenabend.index') }}\n", encoding="utf-8")
    assert mentions(package, ["themenabend"]) == ["core/templates/page.html:1: themenabend",
                                                   "core/views.py:2: themenabend"]
