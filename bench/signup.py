"""Benchmark: the event page and the sign-up POST against a hello world.

Starts the app with gunicorn on PostgreSQL (a fresh database
``bench_signup``, plus ``BENCH_DATABASE_SUFFIX`` as in every bench) or,
with ``--sqlite``, on a SQLite file without Redis (the README's first
command), drives it with wrk from a second process on 127.0.0.1 (bounded: a few seconds
per page) and prints requests per second beside a bare Flask hello world
served the same way in the same run, and beside the floor of this stack
(bench/floor.py: a CSRF check, one INSERT, a commit).

    .venv/bin/python bench/signup.py [--seconds 8] [--connections 20] [--sqlite]
"""
import argparse
import subprocess
import sys

from common import (
    ROOT,
    VENV_BIN,
    Server,
    best_reference,
    fresh_database,
    hello_world,
    instance_env,
    print_row,
    signup_posts,
    sqlite_database,
    wrk,
)

SEED = """
from datetime import timedelta
from dialogplatform import create_app
from dialogplatform.extensions import db
from dialogplatform.models import Event, Municipality
from dialogplatform.models.types import utcnow
app = create_app()
with app.app_context():
    m = Municipality(slug="benchort", name="Benchort", default_language="de", languages=["de"])
    db.session.add(m)
    start = utcnow() + timedelta(days=30)
    for n in range(40):
        db.session.add(Event(municipality=m, format_key="themenabend", status="published",
                             title={"de": f"Abend {n}"}, starts_at=start, ends_at=start + timedelta(hours=2),
                             place_name="Rathaus", address="Marktplatz 1", capacity=100000))
    db.session.commit()
    print(db.session.scalar(db.select(Event.id).order_by(Event.id)))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--sqlite", action="store_true", help="SQLite, no Redis (README's first command)")
    args = parser.parse_args()

    env = instance_env(_database(args, "bench_signup"), **_no_redis(args))
    subprocess.run([str(VENV_BIN / "dialogplatform"), "init"], env=env, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    event_id = int(subprocess.run([sys.executable, "-c", SEED], env=env, check=True, cwd=ROOT,
                                  capture_output=True, text=True).stdout.strip().splitlines()[-1])
    options = {"seconds": args.seconds, "connections": args.connections}
    database = "SQLite" if args.sqlite else "PostgreSQL"
    print(f"{args.connections} connections, {args.seconds} s per page, gunicorn 2 workers x 4 threads, {database}")
    print(f"page cache: {env['DIALOGPLATFORM_PAGE_CACHE_URL'] or 'off'}")
    hello_before = hello_world(env, **options)
    with Server("dialogplatform:create_app()", env) as server:
        page = wrk(f"{server.url}/benchort/e/{event_id}/", server=server, **options)
        posts = signup_posts(server.url, f"/benchort/e/{event_id}/signup", server=server, **options)
    floor_env = instance_env(_database(args, "bench_floor"), **_no_redis(args))
    # The table exists before the workers start, so that they do not race to create it.
    subprocess.run([sys.executable, "-c", "import bench.floor"], env=floor_env, check=True, cwd=ROOT)
    with Server("bench.floor:app", floor_env) as floor:
        minimal = signup_posts(floor.url, "/signup", server=floor, **options)
    reference = best_reference(hello_before, hello_world(env, **options))
    print_row("event page", page, reference)
    print_row("sign-up POST", posts, reference)
    print_row("floor: CSRF + 1 INSERT (bench/floor.py)", minimal, reference)
    print(f"sign-up POST: {100 * posts['rps'] / minimal['rps']:.1f} % of the floor")
    print(f"targets: event page >= 25 % -> {'met' if page['rps'] >= 0.25 * reference['rps'] else 'MISSED'}; "
          f"sign-up POST >= 40 % of floor -> {'met' if posts['rps'] >= 0.40 * minimal['rps'] else 'MISSED'}")
    if posts["non_2xx_3xx"]:
        print(f"warning: {posts['non_2xx_3xx']} sign-up answers were not 2xx/3xx")


def _database(args, name: str) -> str:
    if args.sqlite:
        return sqlite_database(name)
    return fresh_database(name)


def _no_redis(args) -> dict:
    return {"DIALOGPLATFORM_PAGE_CACHE_URL": ""} if args.sqlite else {}


if __name__ == "__main__":
    main()
