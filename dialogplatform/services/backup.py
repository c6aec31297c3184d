"""Backups that restore on any supported database.

A backup is a .tar.gz with ``manifest.json`` (format, Alembic revisions,
row counts), ``tables/<name>.jsonl`` (one JSON object per row, written in
one read transaction so the archive is consistent) and ``files/`` (uploads
from the instance folder). Restore needs an empty instance: it creates the
schema with the migrations at the backup's revisions, then loads the rows
in foreign-key order and moves PostgreSQL's id sequences past them.
"""
import datetime as dt
import io
import json
import os
import tarfile
from decimal import Decimal
from pathlib import Path

from flask import current_app
from sqlalchemy import Date, DateTime, Numeric, inspect, select, text

from .. import page_cache
from ..extensions import db
from ..models.types import utcnow

FORMAT = "dialogplatform-backup-1"


class RestoreError(Exception):
    pass


# The last runs of the cron jobs belong to the instance that ran them (a
# restored instance has run none yet); and the backup's own run is stored
# after the archive is written.
NOT_BACKED_UP = {"job_run"}


def _tables():
    return [table for table in db.metadata.sorted_tables if table.name not in NOT_BACKED_UP]


def _encode(value):
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value))


def _decoder(column):
    kind = column.type
    impl = getattr(kind, "impl", kind)
    impl = impl() if isinstance(impl, type) else impl
    if isinstance(impl, DateTime):
        return lambda v: None if v is None else dt.datetime.fromisoformat(v)
    if isinstance(impl, Date):
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if isinstance(impl, Numeric):
        return lambda v: None if v is None else Decimal(v)
    return lambda v: v


def _uploads_dir() -> Path:
    return Path(current_app.instance_path) / "uploads"


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(utcnow().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _private_file(path: Path):
    """``path`` opened for writing, readable by its owner only (0600) from
    the start: the archive holds addresses and password hashes."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # an older file of that name keeps its mode otherwise
    return os.fdopen(descriptor, "wb")


def write_backup(path: Path) -> dict:
    """Write the archive; returns the manifest."""
    counts = {}
    with db.engine.connect() as connection:
        if db.engine.dialect.name == "postgresql":
            connection.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        else:
            connection.exec_driver_sql("BEGIN")  # one snapshot for all tables (WAL)
        revisions = sorted(row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version")))
        with _private_file(path) as target, tarfile.open(fileobj=target, mode="w:gz") as archive:
            for table in _tables():
                buffer = io.StringIO()
                count = 0
                order = [column for column in table.primary_key.columns]
                for row in connection.execute(select(table).order_by(*order)):
                    buffer.write(json.dumps(dict(row._mapping), default=_encode, ensure_ascii=False) + "\n")
                    count += 1
                counts[table.name] = count
                _add_bytes(archive, f"tables/{table.name}.jsonl", buffer.getvalue().encode("utf-8"))
            uploads = _uploads_dir()
            if uploads.is_dir():
                archive.add(uploads, arcname="files")
            manifest = {"format": FORMAT, "revisions": revisions, "tables": counts,
                        "created_at": utcnow().isoformat()}
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode("utf-8"))
        connection.rollback()
    return manifest


def _is_empty() -> bool:
    names = set(inspect(db.engine).get_table_names())
    if not names or names == {"alembic_version"}:
        return True
    with db.engine.connect() as connection:
        return all(connection.execute(select(table).limit(1)).first() is None
                   for table in _tables() if table.name in names)


def restore_backup(path: Path) -> dict:
    """Load an archive into an empty instance; returns the manifest."""
    from flask_migrate import upgrade

    if not _is_empty():
        raise RestoreError("the database is not empty; restore only into a new instance")
    with tarfile.open(path, "r:gz") as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())
        if manifest.get("format") != FORMAT:
            raise RestoreError("not a Dialogplattform backup")
        for revision in manifest["revisions"]:
            upgrade(revision=revision)
        with db.engine.begin() as connection:
            # Migrations may have seeded defaults (e.g. funding programmes):
            # the archive holds the real state, so they make way.
            for table in reversed(_tables()):
                connection.execute(table.delete())
            for table in _tables():
                member = f"tables/{table.name}.jsonl"
                try:
                    lines = archive.extractfile(member).read().decode("utf-8").splitlines()
                except KeyError:
                    continue
                decoders = {column.name: _decoder(column) for column in table.columns}
                rows = [{key: decoders[key](value) for key, value in json.loads(line).items() if key in decoders}
                        for line in lines if line]
                for start in range(0, len(rows), 500):
                    connection.execute(table.insert(), rows[start:start + 500])
            if db.engine.dialect.name == "postgresql":
                _move_sequences(connection)
        files = [m for m in archive.getmembers() if m.name.startswith("files/") and m.isfile()]
        if files:
            target = _uploads_dir()
            for member in files:
                destination = (target / member.name.removeprefix("files/")).resolve()
                if not str(destination).startswith(str(target.resolve())):
                    raise RestoreError("unsafe path in archive")
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(archive.extractfile(member).read())
    page_cache.invalidate()  # the rows above bypassed the ORM session
    return manifest


def _move_sequences(connection) -> None:
    for table in _tables():
        for column in table.primary_key.columns:
            if column.autoincrement is True or (column.autoincrement == "auto" and column.type.python_type is int):
                connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{column.name}'), "
                    f"COALESCE((SELECT MAX(\"{column.name}\") FROM \"{table.name}\"), 0) + 1, false)"))
