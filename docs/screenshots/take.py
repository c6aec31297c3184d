"""Screenshots of the key pages (German and Arabic, phone and desktop) for
the README. Starts the app on a scratch SQLite instance with the demo data
and drives Debian's chromium:

    .venv/bin/python docs/screenshots/take.py
"""
import os
import re
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


def serve():
    os.environ["DIALOGPLATFORM_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="dialog-shots-")
    from dialogplatform import create_app
    from dialogplatform.cli import upgrade_database
    from dialogplatform.demo import load_demo

    app = create_app({"HTMX_SOURCE": "local", "SECRET_KEY": "screenshots"})
    with app.app_context():
        upgrade_database()
        load_demo(password_factory=lambda: "demo-passwort-123")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def main():
    base = serve()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page()
        page.goto(f"{base}/weinheim/")
        event = re.search(r'href="(/weinheim/e/\d+/)"', page.content()).group(1)
        shots = {"home": "/", "municipality": "/weinheim/", "event": event, "signup": event + "signup"}
        page.goto(f"{base}/loerrach/")
        station_page = re.search(r'href="(/loerrach/e/\d+/)"', page.content()).group(1)
        page.goto(base + station_page)
        feedback = re.search(r'href="(/loerrach/e/\d+/freiraumkisten/s/[a-z0-9]+)"', page.content())
        if feedback:
            shots["feedback"] = feedback.group(1)
        for language in ("de", "ar"):
            for device, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport, locale="de-DE", is_mobile=device == "phone")
                tab = context.new_page()
                for name, path in shots.items():
                    tab.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={language}")
                    tab.screenshot(path=str(HERE / f"{name}-{language}-{device}.png"), full_page=False)
                context.close()
        browser.close()
    print(f"screenshots written to {HERE}")


if __name__ == "__main__":
    main()
