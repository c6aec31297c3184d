"""Rows and requests a format's tests need: people, municipalities, events,
forms with their CSRF token, logging in. Call them inside an app context
(the ``db`` fixture opens one for every test)."""
import re
from datetime import timedelta

from dialogplatform.extensions import db
from dialogplatform.models.types import utcnow

#: The password of every user made by ``make_user`` (and the ``people`` fixture).
TEST_PASSWORD = "correct horse battery"


def csrf_token_from(html: str) -> str:
    """The CSRF token of the first form in ``html``."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def submit(client, page_url, data, post_url=None, **kwargs):
    """Open a page like a browser, then send its form with the CSRF token
    (to ``post_url`` when the form posts elsewhere)."""
    page = client.get(page_url)
    token = csrf_token_from(page.get_data(as_text=True))
    return client.post(post_url or page_url, data={"csrf_token": token, **data}, **kwargs)


def log_in(client, user, password=TEST_PASSWORD):
    """Log ``client`` in through the login form; fails the test if refused."""
    response = submit(client, "/auth/login", {"email": user.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response


def make_user(email, *, confirmed=True, instance_admin=False, land_staff=False, language="de"):
    """A user with ``TEST_PASSWORD``, confirmed unless told otherwise."""
    from dialogplatform.models import User
    from dialogplatform.services import accounts

    user = User(email=email, display_name=email.split("@")[0], language=language,
                is_instance_admin=instance_admin, is_land_staff=land_staff,
                confirmed_at=utcnow() if confirmed else None)
    accounts.set_password(user, TEST_PASSWORD)
    db.session.add(user)
    db.session.flush()
    return user


def make_municipality(slug, name, languages=("de", "en", "ar")):
    """A municipality with privacy text and imprint (German by default)."""
    from dialogplatform.models import Municipality

    municipality = Municipality(slug=slug, name=name, default_language="de", languages=list(languages),
                                privacy_text={"de": "<p>Datenschutz</p>"}, imprint={"de": "<p>Impressum</p>"})
    db.session.add(municipality)
    db.session.flush()
    return municipality


def same_session(obj):
    """``obj`` loaded in the current app's session: a test that builds a
    second app (``make_app``) gets fixtures made in the first one."""
    return db.session.get(type(obj), obj.id)


def enable(municipality, format_key):
    """Switch format ``format_key`` on for ``municipality`` and commit."""
    _switch(municipality, format_key, True)


def disable(municipality, format_key):
    """Switch format ``format_key`` off for ``municipality`` and commit."""
    _switch(municipality, format_key, False)


def _switch(municipality, format_key, on):
    from dialogplatform.plugin_system.enabling import set_enabled

    set_enabled(same_session(municipality), format_key, on)
    db.session.commit()


def make_event(municipality, format_key, *, status="published", days=7, **fields):
    """A committed two-hour event of format ``format_key`` starting in
    ``days`` days (negative: in the past); ``fields`` are further Event
    columns (``title`` sets the German title)."""
    from dialogplatform.models import Event

    municipality = same_session(municipality)
    starts = utcnow().replace(microsecond=0) + timedelta(days=days)
    event = Event(
        municipality=municipality, format_key=format_key, status=status,
        title={"de": fields.pop("title", "Sicherheit und Nachbarschaft"), "en": "Safety and neighbourhood"},
        description={"de": "Ein Abend mit der Polizei."},
        starts_at=starts, ends_at=starts + timedelta(hours=2),
        place_name="Rathaus", address="Obertorstraße 9, 69469 Weinheim", **fields,
    )
    db.session.add(event)
    db.session.commit()
    return event


def duplicate_from_hub(client, event):
    """Press "Als Entwurf duplizieren" on ``event``'s staff hub with
    ``client`` (logged in as an organiser there), as a browser would;
    returns the copy, read fresh from the database."""
    from dialogplatform.models import Event

    hub = f"/{event.municipality.slug}/organise/e/{event.id}/"
    html = client.get(hub).get_data(as_text=True)
    action = f"/{event.municipality.slug}/organise/events/{event.id}/duplicate"
    assert f'action="{action}"' in html and "Als Entwurf duplizieren" in html, "the hub has no duplicate button"
    response = client.post(action, data=form_data_from(html, action))
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    copy_id = int(re.search(r"/events/(\d+)$", response.headers["Location"]).group(1))
    db.session.expire_all()
    return db.session.get(Event, copy_id)


def form_data_from(html: str, action: str | None = None) -> dict:
    """What a browser would send with a form of ``html`` as it stands: the
    first POST form that posts to the page itself (or the first whose action
    ends with ``action``), its
    inputs, checked boxes, selected options and text areas. Change a few
    values and post it to edit one thing and keep the rest."""
    from html.parser import HTMLParser

    class _Form(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.state, self.data, self.select, self.textarea = "before", {}, None, None

        def add(self, name, value):
            if name in self.data:
                old = self.data[name]
                self.data[name] = (old if isinstance(old, list) else [old]) + [value]
            else:
                self.data[name] = value

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "form" and self.state == "before" and (attrs.get("method") or "").lower() == "post":
                target = attrs.get("action") or ""
                if (not target) if action is None else target.endswith(action):
                    self.state = "inside"
            if self.state != "inside":
                return
            name = attrs.get("name")
            if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
                if attrs.get("type") in ("checkbox", "radio"):
                    if "checked" in attrs:
                        self.add(name, attrs.get("value", "y"))
                else:
                    self.add(name, attrs.get("value", ""))
            elif tag == "select":
                self.select = name
            elif tag == "option" and self.select and "selected" in attrs:
                self.add(self.select, attrs.get("value", ""))
            elif tag == "textarea":
                self.textarea, self.data[name] = name, ""

        def handle_data(self, text):
            if self.state == "inside" and self.textarea:
                self.data[self.textarea] += text

        def handle_endtag(self, tag):
            if self.state != "inside":
                return
            if tag == "form":
                self.state = "after"
            elif tag == "select":
                self.select = None
            elif tag == "textarea":
                if self.data[self.textarea].startswith("\n"):
                    self.data[self.textarea] = self.data[self.textarea][1:]
                self.textarea = None

    parser = _Form()
    parser.feed(html)
    assert parser.state != "before", "page has no such form"
    return parser.data
