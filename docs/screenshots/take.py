"""Screenshots of a resident's first visit, in German and Arabic, on a phone
and at 1280 px, for the README: the home page, a municipality, an event, the
sign-up form, the page after sending it, the confirmation mail, the personal
page the mail links to, a past dialogue's results and the feedback form of a
pop-up box. Starts the app on a scratch SQLite instance with the demo data
(loaded today), a local SMTP sink, and drives Debian's chromium:

    .venv/bin/python docs/screenshots/take.py [SLUG]

SLUG is the municipality of the journey (default: schwaebisch-gmuend).
"""
import os
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


def serve(mail_server):
    from dialogplatform import create_app
    from dialogplatform.cli import upgrade_database
    from dialogplatform.demo import load_demo
    from dialogplatform.testing.mail import free_port

    os.environ["DIALOGPLATFORM_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="dialog-shots-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    app = create_app({"HTMX_SOURCE": "local", "SECRET_KEY": "screenshots", "BASE_URL": base,
                      "MAIL_SERVER": mail_server.host, "MAIL_PORT": mail_server.port,
                      "MAIL_DEFAULT_SENDER": "dialog@demo.example"})
    with app.app_context():
        upgrade_database()
        load_demo(password_factory=lambda: "demo-passwort-123")
    server = make_server("127.0.0.1", port, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return base


def wait_for_mail(mail_server, address):
    deadline = time.monotonic() + 20
    while not mail_server.to(address):
        if time.monotonic() > deadline:
            raise SystemExit(f"no mail to {address}")
        time.sleep(0.2)
    return mail_server.to(address)[-1]


def journey(tab, base, slug, language, mail_server, shot):
    """One resident's way through the site; ``shot(name)`` after each step."""
    tab.goto(f"{base}/?lang={language}")
    shot("home")
    tab.goto(f"{base}/{slug}/")
    shot("municipality")
    tab.locator("#event-list li:has(a.card-action) h3 a").first.click()
    shot("event")
    tab.locator("a[href$='/signup']").first.click()
    shot("signup")
    address = f"{language}-{tab.viewport_size['width']}@example.org"
    tab.locator("#name").fill("أمل" if language == "ar" else "Amal")
    tab.locator("#email").fill(address)
    tab.locator("#consent").check()
    # The women's dialogue asks whether the person is a woman.
    if tab.locator("input[name$='is_woman']").count():
        tab.locator("input[name$='is_woman']").check()
    with tab.expect_navigation():
        tab.locator("form button[type=submit]").last.click()
    shot("sent")
    mail = wait_for_mail(mail_server, address)
    tab.set_content(mail.get_body(preferencelist=("html",)).get_content())
    shot("mail")
    [link] = [link for link in mail_server.links_in(mail) if "/r/" in link]
    tab.goto(link)
    shot("personal")
    tab.goto(f"{base}/{slug}/")
    tab.locator(".past-events .results-state a").first.click()
    shot("results")
    tab.goto(f"{base}/loerrach/")
    for href in re.findall(r'href="(/loerrach/e/\d+/)"', tab.content()):
        tab.goto(base + href)
        feedback = re.search(r'href="(/loerrach/e/\d+/freiraumkisten/s/[a-z0-9]+)"', tab.content())
        if feedback:
            tab.goto(base + feedback.group(1))
            shot("feedback")
            break


def main():
    from dialogplatform.testing.mail import start_mail_server

    slug = sys.argv[1] if len(sys.argv) > 1 else "schwaebisch-gmuend"
    mail_server, controller = start_mail_server()
    base = serve(mail_server)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for language in ("de", "ar"):
            for device, viewport in VIEWPORTS.items():
                context = browser.new_context(viewport=viewport, locale="de-DE", is_mobile=device == "phone")
                tab = context.new_page()

                def shot(name, tab=tab, language=language, device=device):
                    tab.screenshot(path=str(HERE / f"{name}-{language}-{device}.png"), full_page=False)

                journey(tab, base, slug, language, mail_server, shot)
                context.close()
        browser.close()
    controller.stop()
    print(f"screenshots written to {HERE}")


if __name__ == "__main__":
    main()
