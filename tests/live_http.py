"""Real app servers (gunicorn, as in production) and visitors that reach
them over HTTP only: what the acceptance tests and the two-server test use
to prove a promise from outside.

A server runs on the suite's database and Redis, so a test prepares rows
through the ORM, commits, and then acts as the person the promise protects
against.
"""
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from conftest import csrf_token_from

GUNICORN = Path(sys.executable).parent / "gunicorn"


def server_environment(app, instance_path, **settings) -> dict:
    """The environment of a server process: the test app's database, secret,
    Redis and mail server, plus ``settings`` (names without the prefix)."""
    config = app.config
    env = dict(os.environ)
    env.update({
        "DIALOGPLATFORM_INSTANCE_PATH": str(instance_path),
        "DIALOGPLATFORM_SQLALCHEMY_DATABASE_URI": config["SQLALCHEMY_DATABASE_URI"],
        "DIALOGPLATFORM_SECRET_KEY": config["SECRET_KEY"],
        "DIALOGPLATFORM_PAGE_CACHE_URL": config["PAGE_CACHE_URL"],
        "DIALOGPLATFORM_PAGE_CACHE_MIN_AGE": _as_setting(config["PAGE_CACHE_MIN_AGE"]),
        "DIALOGPLATFORM_RATELIMIT_ENABLED": "false",
        "DIALOGPLATFORM_MAIL_SEND_AFTER_REQUEST": "false",
        "DIALOGPLATFORM_MAIL_SERVER": str(config["MAIL_SERVER"]),
        "DIALOGPLATFORM_MAIL_PORT": str(config["MAIL_PORT"]),
        "DIALOGPLATFORM_MAIL_DEFAULT_SENDER": config["MAIL_DEFAULT_SENDER"],
        "DIALOGPLATFORM_BASE_URL": config["BASE_URL"],
    })
    for name, value in settings.items():
        env[f"DIALOGPLATFORM_{name}"] = value if isinstance(value, str) else _as_setting(value)
    return env


def _as_setting(value) -> str:
    # Booleans and numbers as JSON (true, 2) read as themselves; empty is the default (None).
    import json

    return "" if value is None else json.dumps(value)


@dataclass
class Server:
    process: subprocess.Popen
    url: str

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_gunicorn(env: dict, *, workers=2, threads=4, port=None) -> Server:
    """One gunicorn (gthread) on ``port`` (default: a free one), started and answering."""
    from conftest import free_port

    port = port or free_port()
    process = subprocess.Popen(
        [str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
         "--worker-class", "gthread", "--log-level", "warning", "dialogplatform:create_app()"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    server = Server(process, f"http://127.0.0.1:{port}")
    try:
        wait_until_up(server)
    except BaseException:
        server.stop()
        raise
    return server


def wait_until_up(server: Server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(server.process.stderr.read().decode()[-3000:])
        try:
            urllib.request.urlopen(server.url + "/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{server.url} did not start")


@dataclass
class Answer:
    """What a visitor got back: status, headers and body (no redirect followed)."""

    status: int
    headers: object
    text: str

    @property
    def location(self) -> str | None:
        return self.headers.get("Location")


class Visitor:
    """A browser of its own: its cookies, the form's CSRF token, no redirects
    followed unless asked (``follow=True``)."""

    def __init__(self, base_url, *, headers: dict | None = None):
        self.base_url = base_url
        self.headers = dict(headers or {})
        self.jar = CookieJar()
        no_redirects = type("NoRedirects", (urllib.request.HTTPRedirectHandler,),
                            {"redirect_request": lambda *args, **kwargs: None})
        cookies = urllib.request.HTTPCookieProcessor(self.jar)
        self.opener = urllib.request.build_opener(cookies, no_redirects)
        self.following_opener = urllib.request.build_opener(cookies)

    def request(self, method, path, data=None, *, headers=None, follow=False) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        url = path if path.startswith("http") else self.base_url + path
        request = urllib.request.Request(url, data=body, method=method, headers={**self.headers, **(headers or {})})
        opener = self.following_opener if follow else self.opener
        try:
            with opener.open(request, timeout=60) as response:
                return Answer(response.status, response.headers, response.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as answer:  # 3xx not followed, 4xx, 5xx
            return Answer(answer.code, answer.headers, answer.read().decode("utf-8", "replace"))

    def get(self, path, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs) -> Answer:
        return self.request("POST", path, data, **kwargs)

    def submit(self, path, data, *, post_to=None, **kwargs) -> Answer:
        """Open the page with the form, then send it with its CSRF token."""
        page = self.get(path, follow=True)
        token = csrf_token_from(page.text)
        return self.post(post_to or path, {"csrf_token": token, **data}, **kwargs)

    def log_in(self, email, password) -> Answer:
        answer = self.submit("/auth/login", {"email": email, "password": password})
        assert answer.status == 302, answer.text[:2000]
        return answer
