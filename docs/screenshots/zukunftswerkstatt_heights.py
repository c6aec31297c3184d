"""Heights of the future workshop's staff pages at 1366 × 900 on the demo
(Ostfildern's past workshop with its cards, dots and action plan), for
issue 17's rule that a staff page shows its task without scrolling past
unrelated blocks. Starts the app on a scratch SQLite instance with the demo
data, logs in as Ostfildern's organiser and prints, per page, the HTTP
status and ``document.documentElement.scrollHeight``:

    .venv/bin/python docs/screenshots/zukunftswerkstatt_heights.py [PAGE ...]

PAGE is a path below the workshop's ``/zukunftswerkstatt/`` (default: every
staff page the event menu links to, and ``manage``). With SHOTS=DIR set,
a full-page screenshot of each page goes into DIR.
"""
import logging
import os
import sys
import tempfile
import threading

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
WIDTH, HEIGHT = 1366, 900
PASSWORD = "demo-passwort-123"
SLUG = "ostfildern"


def serve():
    """The demo on a scratch instance: (base URL, the past workshop's id, its staff pages)."""
    from dialogplatform import create_app
    from dialogplatform.cli import upgrade_database
    from dialogplatform.demo import load_demo
    from dialogplatform.extensions import db
    from dialogplatform.models import Event
    from dialogplatform.testing.mail import free_port

    os.environ["DIALOGPLATFORM_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="dialog-heights-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app({"HTMX_SOURCE": "local", "SECRET_KEY": "heights", "BASE_URL": base,
                      "MAIL_SUPPRESS_SEND": True})
    with app.app_context():
        upgrade_database()
        load_demo(password_factory=lambda: PASSWORD)
        workshop = db.session.scalars(db.select(Event).where(Event.format_key == "zukunftswerkstatt")
                                      .order_by(Event.starts_at)).first()  # the past one, with the plan
        event_id = workshop.id
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return base, event_id


def main(pages):
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    base, event_id = serve()
    prefix = f"/{SLUG}/e/{event_id}/zukunftswerkstatt/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_context(locale="de-DE", viewport={"width": WIDTH, "height": HEIGHT}).new_page()
        page.goto(f"{base}/auth/login")
        page.locator("input[name=email]").fill(f"organisation@{SLUG}.example")
        page.locator("input[name=password]").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        if not pages:
            page.goto(f"{base}/{SLUG}/organise/e/{event_id}/")
            links = page.locator("nav.event-menu a").evaluate_all("links => links.map(a => a.pathname)")
            pages = ["manage"] + [link[len(prefix):] for link in links
                                  if link.startswith(prefix) and link != prefix + "manage"]
        print(f"Future workshop staff pages at {WIDTH}×{HEIGHT} ({SLUG}, event {event_id}):")
        for name in pages:
            response = page.goto(base + prefix + name)
            height = page.evaluate("() => document.documentElement.scrollHeight")
            print(f"  {name:20} {response.status} {height:6d} px")
            if os.environ.get("SHOTS"):  # a directory for full-page screenshots
                page.screenshot(path=os.path.join(os.environ["SHOTS"], name.replace("/", "-") + ".png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
