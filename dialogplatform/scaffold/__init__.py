"""``dialogplatform new-format NAME``: a working format plugin from a template.

The template is the folder ``project/`` next to this module. Every file in it
ends in ``.tmpl`` (so no tool takes it for code of the core); in paths and
contents ``__key__`` becomes NAME, ``__Title__`` its display name,
``__created__`` and ``__year__`` today's date and year. The result is
written to a temporary folder first and renamed into place, so a failure
leaves nothing behind.
"""
import keyword
import re
import shutil
import tempfile
from pathlib import Path

import click

TEMPLATE = Path(__file__).parent / "project"
SUFFIX = ".tmpl"
# Tables and constraints carry the key (e.g. fk_<key>_note_event_id_event);
# PostgreSQL cuts identifiers at 63 characters.
MAX_LENGTH = 30
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
TOKEN = re.compile(r"__(key|Title|created|year)__")


def installed_format_keys() -> set[str]:
    """Format keys (and entry-point names) of the plugins installed here."""
    from ..plugin_system.manager import PluginManager

    manager = PluginManager()
    manager.load()
    return set(manager.formats) | set(manager.broken)


def check_name(name: str, target: Path) -> None:
    """Raise ``click.BadParameter`` saying what is wrong with NAME."""
    if not NAME_PATTERN.fullmatch(name) or keyword.iskeyword(name):
        raise click.BadParameter(
            f"{name!r} is not a valid format key: use lowercase letters, digits and underscores, "
            "starting with a letter (e.g. 'lesecafe').", param_hint="NAME")
    if len(name) > MAX_LENGTH:
        raise click.BadParameter(f"{name!r} is longer than {MAX_LENGTH} characters.", param_hint="NAME")
    if name in installed_format_keys():
        raise click.BadParameter(f"a format with the key {name!r} is installed already; choose another key.",
                                 param_hint="NAME")
    if target.exists():
        raise click.BadParameter(f"{target} exists already; choose another name or directory.",
                                 param_hint="NAME")


def render(text: str, values: dict[str, str]) -> str:
    """Fill the tokens in one pass (a key may contain a token's letters)."""
    return TOKEN.sub(lambda match: values[match.group(0)], text)


def write_project(name: str, target: Path) -> None:
    """Copy the template to ``target`` with NAME filled in, and compile its catalogs."""
    from ..models.types import utcnow

    today = utcnow()
    values = {"__key__": name, "__Title__": name.replace("_", " ").title(),
              "__created__": f"{today:%Y-%m-%d}", "__year__": f"{today:%Y}"}
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
    try:
        for source in sorted(TEMPLATE.rglob(f"*{SUFFIX}")):
            relative = render(str(source.relative_to(TEMPLATE)), values).removesuffix(SUFFIX)
            destination = staging / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_text(render(source.read_text(encoding="utf-8"), values), encoding="utf-8")
        compile_catalogs(staging)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def compile_catalogs(folder: Path) -> None:
    """.po -> .mo, so the new format speaks every language at once, also
    from an editable install (a wheel build compiles them again)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in folder.glob("**/translations/*/LC_MESSAGES/*.po"):
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with po_path.with_suffix(".mo").open("wb") as mo_file:
            write_mo(mo_file, catalog)


@click.command("new-format")
@click.argument("name")
@click.option("--directory", "-d", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Where the plugin's folder NAME is created.")
def new_format(name, directory):
    """Write a new format plugin NAME (its key) from the template: entry
    point, hooks, a page, a migration, catalogs for every language, a test."""
    target = directory / name
    check_name(name, target)
    write_project(name, target)
    click.echo(f"Created the format plugin {name!r} in {target}.\n"
               "Next steps (docs/plugins.md explains each):\n"
               f"  cd {target}\n"
               "  pip install -e .          # into the platform's environment\n"
               "  dialogplatform init       # creates the format's tables\n"
               "  pytest                    # its own tests, with dialogplatform.testing\n"
               "Then a municipality admin enables it under Admin > Formats; its page is "
               f"/<municipality>/f/{name}/.")
