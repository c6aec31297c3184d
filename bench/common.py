"""Shared parts of the benchmarks: a database, gunicorn, wrk.

Everything runs on 127.0.0.1 only and is bounded in time.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database(name: str) -> str:
    """Drop and create database ``name`` (plus ``BENCH_DATABASE_SUFFIX``, so
    that benches run side by side keep apart); return its SQLAlchemy URL."""
    import psycopg

    name += os.environ.get("BENCH_DATABASE_SUFFIX", "")
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def sqlite_database(name: str) -> str:
    """A new SQLite file ``name``.sqlite in a temporary folder: the embedded
    default, as the README's first command sets it up."""
    return f"sqlite:///{Path(tempfile.mkdtemp(prefix='dialog-bench-sqlite-')) / name}.sqlite"


def instance_env(database_url: str, **extra) -> dict:
    instance = tempfile.mkdtemp(prefix="dialog-bench-")
    env = dict(os.environ)
    env.update({
        "DIALOGPLATFORM_INSTANCE_PATH": instance,
        "DIALOGPLATFORM_SQLALCHEMY_DATABASE_URI": database_url,
        "DIALOGPLATFORM_SECRET_KEY": "bench-secret",
        "DIALOGPLATFORM_BASE_URL": "http://127.0.0.1:8000",
        "DIALOGPLATFORM_HTMX_SOURCE": "local",
        "DIALOGPLATFORM_RATELIMIT_ENABLED": "false",
        "DIALOGPLATFORM_MAIL_SEND_AFTER_REQUEST": "false",
        # As in production (docs/production.md): public pages kept in Redis;
        # BENCH_PAGE_CACHE_URL="" measures without.
        "DIALOGPLATFORM_PAGE_CACHE_URL": os.environ.get("BENCH_PAGE_CACHE_URL", "redis://127.0.0.1:6379/0"),
    })
    env.update(extra)
    return env


class Server:
    """gunicorn serving ``app`` on a free port, the same way for every app."""

    def __init__(self, app: str, env: dict, workers: int = 2, threads: int = 4):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
             "--threads", str(threads), "--worker-class", "gthread", "--log-level", "warning",
             "--chdir", str(ROOT), app],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        self._wait()

    def _wait(self, timeout: float = 30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stderr.read().decode()[-2000:])
            try:
                urllib.request.urlopen(self.url + "/", timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def worker_cpu(self) -> list[float]:
        """CPU seconds each worker has used so far (user + system)."""
        children = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout
        ticks = os.sysconf("SC_CLK_TCK")
        seconds = []
        for pid in children.split():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            seconds.append((int(fields[11]) + int(fields[12])) / ticks)
        return seconds

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=20)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def wrk(url: str, *, seconds: int = 8, connections: int = 20, threads: int = 2, script: Path | None = None,
        env: dict | None = None, warm_up: bool = True, server: "Server | None" = None) -> dict:
    """Drive ``url`` from a second process; return rate and latencies
    (after a discarded one-second warm-up). With ``server``, also the CPU
    seconds each of its workers used meanwhile ("worker_cpu"): a kept-alive
    connection stays with the worker that accepted it, so a run whose
    connections landed unevenly shows as one worker doing most of the work."""
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    if warm_up:  # first requests compile templates and open connections in every worker
        wrk(url, seconds=1, connections=connections, threads=threads, script=script, env=env, warm_up=False)
        # Its last requests finish before the run connects: a worker still busy
        # with them cannot accept, and the other took all 20 sign-up
        # connections (seen: CPU 7.9 / 0.0 s, 88 instead of 225 req/s).
        time.sleep(1)
    lua = script or BENCH / "report.lua"
    if script is not None:  # a request script gets the report appended
        combined = Path(tempfile.mkstemp(suffix=".lua")[1])
        combined.write_text(script.read_text() + "\n" + (BENCH / "report.lua").read_text())
        lua = combined
    before = server.worker_cpu() if server else []
    output = subprocess.run(
        ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "5s", "-s", str(lua),
         url], capture_output=True, text=True, timeout=seconds + 30, env={**os.environ, **(env or {})}).stdout
    match = re.search(r"WRK_JSON (\{.*\})", output)
    if not match:
        raise RuntimeError(output)
    result = json.loads(match.group(1))
    if server is not None:
        result["worker_cpu"] = [after - start for start, after in zip(before, server.worker_cpu())]
    return result


def print_row(name: str, result: dict, reference: dict | None = None):
    ratio = f"{100 * result['rps'] / reference['rps']:6.1f} %" if reference else "   (ref)"
    print(f"{name:38} {result['rps']:9.1f} req/s {ratio}   p50 {result['p50_ms']:7.2f} ms   "
          f"p95 {result['p95_ms']:7.2f} ms   errors {result['errors']}{worker_split(result)}")


def worker_split(result: dict) -> str:
    """"   CPU s per worker 3.1 / 4.0" for a run measured with ``server``."""
    if "worker_cpu" not in result:
        return ""
    return "   CPU s per worker " + " / ".join(f"{cpu:.1f}" for cpu in result["worker_cpu"])


def signup_posts(base_url: str, path: str, **options) -> dict:
    """Sign-up POSTs to ``path``, each with a new e-mail address, sent with
    the session cookie and CSRF token a browser gets from the form page."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base_url + path).read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return wrk(base_url + path, script=BENCH / "signup_post.lua",
               env={"BENCH_CSRF": token, "BENCH_COOKIE": cookie, "BENCH_PATH": path}, **options)


def login(base_url: str, email: str, password: str) -> str:
    """Log in through the login form; return the session's Cookie header."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base_url + "/auth/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    opener.open(base_url + "/auth/login",
                urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password}).encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def hello_world(env: dict, **options) -> dict:
    """The reference rate: a bare Flask app under the same gunicorn."""
    with Server("bench.hello:app", env) as hello:
        return wrk(hello.url + "/", server=hello, **options)


def best_reference(before: dict, after: dict) -> dict:
    """On a shared 2-core machine the hello world's rate drifts by up to 2x
    within minutes: it is measured before and after the pages, and the
    faster run is the reference (the stricter ratio)."""
    print_row("hello world, before", before)
    print_row("hello world, after", after)
    return max(before, after, key=lambda result: result["rps"])
