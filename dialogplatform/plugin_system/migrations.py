"""Each plugin's Alembic branch: checked at start-up, upgraded on its own.

Alembic reads every version folder into one map, so a plugin revision that
fails to load, or whose id or branch label the core or another plugin uses
already, would stop (or, for a repeated id, silently corrupt) the migrations
of everything. Such a plugin is skipped before Alembic sees its folder, and
a plugin whose upgrade raises is skipped after the core and the others are
upgraded. A serving process (started after ``dialogplatform init``) skips,
at its first request, each plugin whose branch the database lacks.
"""
import functools
import logging
import threading
from pathlib import Path

from alembic import command
from alembic.migration import MigrationContext
from alembic.util.pyfiles import load_python_file
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError

from .manager import BrokenPlugin, owner

log = logging.getLogger(__name__)


@functools.cache
def _read(path: Path, _mtime_ns: int) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(revision id, branch labels, down revisions) of one revision file."""
    module = load_python_file(str(path.parent), path.name)
    labels, down = module.branch_labels or (), module.down_revision or ()
    return (module.revision, (labels,) if isinstance(labels, str) else tuple(labels),
            (down,) if isinstance(down, str) else tuple(down))


def revisions(folder: Path) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """The revisions in ``folder`` (files as Alembic lists them)."""
    files = sorted(path for path in Path(folder).glob("*.py") if not path.name.startswith(("__init__", ".#")))
    return [_read(path, path.stat().st_mtime_ns) for path in files]


def heads(folder: Path) -> list[str]:
    """The revisions in ``folder`` no other one there revises."""
    found = revisions(folder)
    revised = {down for _revision, _labels, downs in found for down in downs}
    return [revision for revision, _labels, _downs in found if revision not in revised]


def check_plugin_migrations(manager, core_folder: Path) -> None:
    """Skip each plugin whose migrations fail to load or reuse a revision id
    or branch label of the core or of an earlier plugin."""
    taken = dict.fromkeys(_names(revisions(core_folder)))  # id or label -> plugin name (None: the core)
    for key in list(manager.formats):
        folder = manager.package_directory(key, "migrations")
        if folder is None:
            continue
        try:
            try:
                names = _names(revisions(folder))
            except Exception as error:
                raise BrokenPlugin(_l("Its migrations could not be loaded: %(error)s",
                                      error=f"{type(error).__name__}: {error}")) from error
            for name in names:
                if name in taken:
                    raise BrokenPlugin(_l("Its migration %(name)s is taken by %(owner)s.",
                                          name=name, owner=owner(taken[name])))
        except BrokenPlugin as error:
            manager.skip(key, error)
            continue
        taken.update(dict.fromkeys(names, manager.name_of(key)))


def _names(found) -> list[str]:
    return [name for revision, labels, _downs in found for name in (revision, *labels)]


def upgrade_each(config, manager, core_folder: Path) -> None:
    """Upgrade the core, then each plugin's branch on its own; a plugin whose
    upgrade raises is logged and skipped, the others are upgraded."""
    for head in heads(core_folder):
        command.upgrade(config, head)
    for key in list(manager.formats):
        folder = manager.package_directory(key, "migrations")
        try:
            for head in heads(folder) if folder else ():
                command.upgrade(config, head)
        except Exception as error:
            manager.skip(key, BrokenPlugin(_l("Upgrading its database tables failed: %(error)s",
                                              error=f"{type(error).__name__}: {error}")))


def skip_unmigrated_at_first_request(app, core_folder: Path) -> None:
    """Once per process, before the first request is served (the database is
    migrated by then, in tests and by ``dialogplatform init``)."""
    lock, pending = threading.Lock(), [True]

    @app.before_request
    def check_once():
        if pending:
            with lock:
                if pending:
                    try:
                        skip_unmigrated(app.extensions["dialogplatform.plugins"], core_folder)
                    except SQLAlchemyError as error:
                        # The database does not answer: the request gets its
                        # own answer (e.g. /healthz's 503); check again later.
                        log.warning("plugin migrations not checked: %s", type(error).__name__)
                        return
                    pending.clear()


def skip_unmigrated(manager, core_folder: Path) -> None:
    """Skip each plugin whose head revisions the database has not reached
    (its upgrade failed, or ``init`` has not run since it was installed).
    An empty database (nothing migrated at all) is left to ``init``."""
    missing = missing_revisions(manager, core_folder)
    if missing is None:
        return
    for key, revisions_missing in missing.items():
        if key is not None and revisions_missing:
            manager.skip(key, BrokenPlugin(_l("Its database tables are not up to date (missing %(revisions)s):"
                                              " run “dialogplatform init”.", revisions=", ".join(revisions_missing))))


def missing_revisions(manager, core_folder: Path) -> dict[str | None, list[str]] | None:
    """The head revisions the database has not reached, of the core (key
    ``None``) and of each running plugin; ``None`` for an empty database."""
    from ..extensions import db

    with db.engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    if not current:
        return None
    folders = {None: core_folder, **{key: manager.package_directory(key, "migrations") for key in manager.formats}}
    down = {revision: downs for folder in filter(None, folders.values())
            for revision, _labels, downs in revisions(folder)}
    applied, todo = set(), list(current)
    while todo:
        revision = todo.pop()
        if revision not in applied:
            applied.add(revision)
            todo.extend(down.get(revision, ()))
    return {key: [head for head in heads(folder) if head not in applied] if folder else []
            for key, folder in folders.items()}
