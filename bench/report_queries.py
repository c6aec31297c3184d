"""SQL queries and time of a process's council report (the web page) as
its events grow, per format and for all formats together.

    .venv/bin/python bench/report_queries.py [--database URL] [--events 2 8 32]

Starts the app on a scratch SQLite instance (or on the empty database URL
given, whose schema it builds), makes a municipality with an organiser, a
process per row and the events of the row in it (each with three sign-ups),
then asks for ``/<slug>/p/<id>/report`` through the test client and prints
the statements it sent and the time it took (the best of three). A format
whose evaluation is batched (the ``evaluations`` hook) keeps the same count
for every number of events; one without it costs a few queries per event.
"""
import argparse
import logging
import os
import sys
import tempfile
import time

from sqlalchemy import event as sa_event

FORMATS = ("themenabend", "zukunftswerkstatt", "thementische", "freiraumkisten", "dezentrale_dialoge",
           "frauendialog")
# What a format's sign-up requires of everyone (a women's dialogue: the statement).
ANSWERS = {"frauendialog": {"frauendialog": {"is_woman": True}}}


def build(database):
    from dialogplatform import create_app
    from dialogplatform.cli import upgrade_database

    os.environ["DIALOGPLATFORM_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="dialog-bench-report-")
    config = {"SECRET_KEY": "bench", "BASE_URL": "http://127.0.0.1:5000", "RATELIMIT_ENABLED": False}
    if database:
        config["SQLALCHEMY_DATABASE_URI"] = database
    app = create_app(config)
    with app.app_context():
        upgrade_database()
    return app


def setting(app):
    """The municipality (every format on) and its organiser's e-mail."""
    from dialogplatform.extensions import db
    from dialogplatform.models import Role
    from dialogplatform.services import accounts
    from dialogplatform.testing.helpers import TEST_PASSWORD, enable, make_municipality, make_user

    municipality = make_municipality("benchort", "Benchort")
    for key in FORMATS:
        enable(municipality, key)
    organiser = make_user("organisation@benchort.example")
    accounts.set_password(organiser, TEST_PASSWORD)
    accounts.grant_role(organiser, municipality, Role.ORGANISER)
    db.session.commit()
    return municipality, organiser


def process_with(municipality, keys, count):
    """A process with ``count`` events of each format in ``keys``."""
    from dialogplatform.extensions import db
    from dialogplatform.models import Process
    from dialogplatform.services import processes, signups
    from dialogplatform.testing.helpers import make_event

    process = Process(municipality=municipality, title={"de": f"Prozess {'+'.join(keys)} {count}"}, published=True,
                      current_step=1)
    processes.ensure_steps(process)
    db.session.add(process)
    db.session.commit()
    for n in range(count):
        for key in keys:
            event = make_event(municipality, key, title=f"{key} {n}", capacity=50, process_id=process.id,
                               process_step=1 + n % 3)
            for person in range(3):
                signups.register(event.id, signups.Person(name=f"P{person}", email=f"p{person}.{event.id}@example.org",
                                                          language="ar" if person else "de"),
                                 ANSWERS.get(key), source="assisted")
    return process


def measure(app, client, url):
    from dialogplatform.extensions import db

    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    best = None
    for _ in range(3):
        statements.clear()
        sa_event.listen(db.engine, "before_cursor_execute", count)
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        sa_event.remove(db.engine, "before_cursor_execute", count)
        assert response.status_code == 200, response.status_code
        best = elapsed if best is None else min(best, elapsed)
    return len(statements), best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="an empty database URL (default: a scratch SQLite file)")
    parser.add_argument("--events", type=int, nargs="+", default=[2, 8, 32], help="events per format")
    args = parser.parse_args()
    logging.disable(logging.INFO)  # the migrations' steps and the confirmation mails (no mail server: the log)
    app = build(args.database)
    from dialogplatform.testing.helpers import log_in

    rows = [(key,) for key in FORMATS] + [FORMATS]
    with app.app_context(), app.test_request_context():
        municipality, organiser = setting(app)
        client = app.test_client()
        log_in(client, organiser)
        print(f"Council report page ({'SQLite' if not args.database else args.database.split('@')[-1]}):")
        print(f"  {'formats':58} {'events':>6} {'queries':>8} {'time':>9}")
        for keys in rows:
            for count in args.events:
                process = process_with(municipality, keys, count)
                queries, seconds = measure(app, client, f"/benchort/p/{process.id}/report")
                label = "all formats" if len(keys) > 1 else keys[0]
                print(f"  {label:58} {count * len(keys):6d} {queries:8d} {seconds * 1000:7.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
