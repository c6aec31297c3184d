"""Fill a database with a large instance for the benchmarks:
200 municipalities, 20,000 events, 500,000 registrations (defaults), and one
event with 1,000 people for the organiser's list and the CSV export.

    .venv/bin/python bench/generate.py DATABASE_URL [--municipalities 200] ...

Uses PostgreSQL's COPY, so the whole set loads in about a minute; a SQLite
URL (sqlite:///path) is filled with plain INSERTs.
"""
import argparse
import json
import random
import secrets
import sqlite3
import sys
from datetime import UTC, datetime, timedelta

import psycopg

LANGS = ["de", "ar", "fa", "uk", "tr", "en"]
FORMATS = ["themenabend", "thementische", "zukunftswerkstatt", "freiraumkisten", "dezentrale_dialoge"]


TABLES = ("municipality", "event", "registration", "format_setting")


def _copy(cursor, table, columns, rows):
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _sqlite_value(value):
    # As SQLAlchemy stores a DateTime in SQLite.
    return value.strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(value, datetime) else value


def _insert(cursor, table, columns, rows):
    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                       (tuple(_sqlite_value(value) for value in row) for row in rows))


def generate(url: str, municipalities: int, events: int, registrations: int, seed: int = 7) -> dict:
    sizes = {"municipalities": municipalities, "events": events, "registrations": registrations}
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            _fill(connection.cursor(), _insert, sizes, seed)
            connection.execute("ANALYZE")
        return sizes
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection, connection.cursor() as cursor:
        _fill(cursor, _copy, sizes, seed)
        for table in TABLES:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
        connection.commit()
    # Vacuum now, so that autovacuum (PostgreSQL starts it after many
    # inserted rows) does not take a core in the middle of a measurement.
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("VACUUM (ANALYZE)")
    return sizes


def _fill(cursor, write, sizes: dict, seed: int) -> None:
    """``write(cursor, table, columns, rows)``: COPY or INSERT."""
    municipalities, events, registrations = sizes["municipalities"], sizes["events"], sizes["registrations"]
    rng = random.Random(seed)
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    write(cursor, "municipality", ["id", "slug", "name", "default_language", "languages", "contact_email",
                                   "contact_phone", "contact_address", "imprint", "privacy_text",
                                   "privacy_version", "colour", "retention_days", "created_at"],
          ((m, f"gemeinde-{m}", f"Gemeinde {m}", "de", json.dumps(LANGS), f"info@gemeinde-{m}.example", "", "",
            json.dumps({"de": "<p>Impressum</p>"}), json.dumps({"de": "<p>Datenschutz</p>"}), 1, "#1d4f91", 180, now)
           for m in range(1, municipalities + 1)))
    write(cursor, "format_setting", ["municipality_id", "format_key", "enabled", "settings"],
          ((m, key, True, "{}") for m in range(1, municipalities + 1) for key in FORMATS))
    event_rows = []
    for e in range(1, events + 1):
        m = (e - 1) % municipalities + 1
        starts = now + timedelta(days=30 if e == 1 else rng.randint(-120, 120), hours=rng.randint(8, 19))
        title = json.dumps({"de": f"Dialog {e}: Wohnen und Nachbarschaft", "en": f"Dialogue {e}"})
        event_rows.append((e, m, FORMATS[e % len(FORMATS)], title, json.dumps({"de": "Ein Abend für alle."}),
                           starts, starts + timedelta(hours=2), "Europe/Berlin", False, "", "Rathaus",
                           "Marktplatz 1", 2000 if e == 1 else rng.choice([30, 50, 80, 150]), 1,
                           json.dumps(["de"]), json.dumps(rng.sample(["ar", "fa", "uk", "tr"], 2)), "published",
                           False, "{}", "", now, now))
    write(cursor, "event", ["id", "municipality_id", "format_key", "title", "description", "starts_at",
                            "ends_at", "timezone", "online", "online_url", "place_name", "address", "capacity",
                            "max_companions", "languages", "interpreters", "status", "evaluation_published",
                            "settings", "origin_note", "created_at", "updated_at"], event_rows)

    def registration_rows():
        rid = 0
        # Event 1: the 1,000-person event of the organiser list and CSV benchmark.
        targets = [1] * 1000 + [rng.randint(2, events) for _ in range(registrations - 1000)]
        for event_id in targets:
            rid += 1
            status = "confirmed" if rng.random() < 0.85 else rng.choice(["waitlisted", "cancelled", "pending"])
            yield (rid, event_id, f"p{rid}@example.org", f"Person {rid}", "", rng.choice([0, 0, 0, 1]),
                   rng.choice(LANGS), status, "self", rng.choice(["", "", "ar", "fa"]),
                   rng.choice([0, 0, 1, 2]), "", "[]", "", "", "{}", secrets.token_hex(8),
                   now if status == "confirmed" else None,
                   now + timedelta(hours=24) if status == "pending" else None, now)
    write(cursor, "registration", ["id", "event_id", "email", "name", "phone", "companions", "language",
                                   "status", "source", "interpreter_language", "childcare_count",
                                   "childcare_ages", "accessibility", "accessibility_other", "note", "answers",
                                   "token_nonce", "email_confirmed_at", "hold_expires_at", "created_at"],
          registration_rows())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--municipalities", type=int, default=200)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--registrations", type=int, default=500000)
    args = parser.parse_args()
    print(generate(args.url, args.municipalities, args.events, args.registrations), file=sys.stderr)


if __name__ == "__main__":
    main()
