"""Every GET route of the core and of every plugin, walked with every role:
never a server error, staff pages only for staff of that municipality, and
nobody outside it ever sees who signed up (the Land role included: it
reaches its own pages and no participant data anywhere)."""
import re

import pytest
from conftest import enable, log_in, make_user

from dialogplatform.models import Role
from dialogplatform.services import signups
from dialogplatform.services.accounts import grant_role

SECRET_NAME = "Geheimnisvolle Teilnehmerin"
SECRET_EMAIL = "geheim@teilnehmerin.example"
# Signed up by the helper: theirs to see, nobody else's outside the staff.
HELPED_NAME = "Vom Helfer Angemeldet"
# Of the Dezentrale Dialoge site: its contact person and an accommodation's
# address are for staff only.
SITE_CONTACT = "Petra Kontakt"
SITE_ADDRESS = "Hauptstraße 1"
STAFF = re.compile(r"/(organise|admin)(/|$)")
LAND = re.compile(r"^/land(/|\.|$)")
# What only the municipality's staff see of a funding application.
LPB_CONTACT = "Referat Kommunen, Frau Lpb"
ROLES = ["anonymous", "participant", "helper", "moderator", "organiser", "admin", "other_admin", "instance_admin",
         "land"]
# Roles without a role in Testort: none of its staff pages, none of its participants.
OUTSIDERS = ("anonymous", "participant", "other_admin", "land")


# Routes that answer no role with a page of their own, and why (checked by
# ``test_every_route_opens_for_some_role``).
NO_PAGE = {
    "public.favicon": "a permanent redirect to the static icon",
    "municipality.signup_sent": "shown only right after the sign-up form, else back to the form",
    "auth.confirm": "confirms the address and redirects to the log-in page",
    "municipality.short_link": "a short address printed on posters: redirects to the page its code stands for",
    "organise.restore_event": "only for a cancelled event that has not started (tests/test_event_changes.py)",
    "organise.delete_event": "only for a draft without sign-ups (tests/test_less_typing.py)",
    "auth.second_factor": "only between the password and the code of an account with two-factor sign-in "
                          "(tests/test_two_factor.py)",
    "sso.login": "redirects to the identity provider when single sign-on is configured (tests/test_sso.py)",
    "sso.callback": "the identity provider's redirect back (tests/test_sso.py)",
    "sso.municipality_login": "redirects to the municipality's own provider (tests/test_sso.py)",
    "sso.municipality_callback": "the municipality's provider's redirect back (tests/test_sso.py)",
}
# One id for the actor, the relation and the topic of the maps (their routes share ``child_id``),
# and for the questions of Thementische and Themenabend (``question_id``).
CHILD_ID = 900001


def _sign_language_video():
    """The first bytes of an MP4 file, so that the DGS video route has a video."""
    import io

    from werkzeug.datastructures import FileStorage

    data = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 64
    return FileStorage(io.BytesIO(data), filename="dgs.mp4", content_type="video/mp4")


def _logo() -> bytes:
    """A small PNG, so that the municipality's logo route has a logo."""
    import io

    from PIL import Image

    data = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(data, "PNG")
    return data.getvalue()


def _account_tokens(municipality) -> dict:
    """Valid links of the account mails (confirm an address, reset a
    password, accept an invitation), for accounts outside the roles."""
    from dialogplatform.extensions import db
    from dialogplatform.models import Invitation
    from dialogplatform.services import tokens

    unconfirmed = make_user("unbestaetigt@testort.example", confirmed=False)
    forgetful = make_user("vergesslich@testort.example")
    invitation = Invitation(municipality_id=municipality.id, email="eingeladen@testort.example",
                            role=Role.MODERATOR.value)
    db.session.add(invitation)
    db.session.commit()
    return {"auth.confirm": tokens.make("confirm", {"uid": unconfirmed.id, "email": unconfirmed.email}),
            "auth.reset_password": tokens.make("reset", {"uid": forgetful.id, "fp": forgetful.password_hash[-16:]}),
            "auth.accept_invitation": tokens.make("invite", invitation.id)}


def _land_invitation_id() -> int:
    """An open invitation to the Land role, for the instance admin's page that withdraws it."""
    from dialogplatform.extensions import db
    from dialogplatform.models import LAND_ROLE, Invitation

    invitation = Invitation(email="eingeladen@land.example", role=LAND_ROLE, land_body="Beirat")
    db.session.add(invitation)
    db.session.commit()
    return invitation.id


def _rows(table, **values):
    """Insert into a plugin's table by name: the core's tests do not import
    a plugin's modules (plugins may be renamed or installed elsewhere)."""
    from dialogplatform.extensions import db

    return db.session.execute(db.metadata.tables[table].insert().values(**values)).inserted_primary_key[0]


def _format_objects(events, people):
    """The objects the plugins' routes are about: a Dezentrale Dialoge series
    with a stage, a site and the event linked as a meeting; a Freiraumkisten
    station; a theme table; enough Frauendialog contributions to be shown."""
    from dialogplatform.services import protection

    series = _rows("dezentrale_dialoge_series", municipality_id=people.municipality.id, name="Reihe Testort",
                   description="", topics=["Wohnen"], published=True)
    stage = _rows("dezentrale_dialoge_stage", series_id=series, name="1. Unterkünfte", position=0)
    site = _rows("dezentrale_dialoge_site", municipality_id=people.municipality.id, name="Unterkunft Testort",
                 kind="accommodation", address=SITE_ADDRESS, district="Mitte", contact_name=SITE_CONTACT,
                 contact_phone="0711 555")
    _rows("dezentrale_dialoge_meeting", event_id=events["dezentrale_dialoge"].id, series_id=series,
          stage_id=stage, site_id=site, walk_ins=0)
    station = _rows("freiraumkisten_station", event_id=events["freiraumkisten"].id, code="matrix1",
                    name="Marktplatz", address="", position=0)
    table = _rows("thementische_table", event_id=events["thementische"].id, theme="Wohnen", language="",
                  seats=10, position=0)
    question = _rows("themenabend_question", event_id=events["themenabend"].id, text="Wann kommt die Laterne?",
                     author_name="", language="de", hidden=False, awaiting_review=False, answer="", answered_by="")
    contribution = None
    for number in range(12):
        contribution = _rows("frauendialog_contribution", event_id=events["frauendialog"].id, kind="wish",
                             topic="", text=f"Mehr Kita-Plätze {number}", source="live", hidden=False)
    # One id for both formats' questions (their routes share ``question_id``).
    question = _rows("thementische_question", id=CHILD_ID, event_id=events["thementische"].id,
                     text="Was brauchen wir?")
    statement = _rows("thementische_statement", event_id=events["thementische"].id, table_id=table,
                      question_id=question, text="Mehr Wohnungen")
    measure = _rows("zukunftswerkstatt_measure", event_id=events["zukunftswerkstatt"].id, what="Sprachcafé")
    evening_question = _rows("themenabend_question", id=CHILD_ID, event_id=events["themenabend"].id, text="Wann?",
                             answer="Im Mai.", answered_by="Polizei", awaiting_review=False)
    starts = events["freiraumkisten"].starts_at
    window = _rows("freiraumkisten_window", station_id=station, starts_at=starts, ends_at=starts)
    # One id for both formats' themes (their routes share ``theme_id``).
    theme = _rows("zukunftswerkstatt_theme", id=CHILD_ID, event_id=events["zukunftswerkstatt"].id, name="Wohnen")
    _rows("themenabend_theme", id=CHILD_ID, event_id=events["themenabend"].id, name="Sicherheit")
    entry = _rows("dezentrale_dialoge_entry", event_id=events["dezentrale_dialoge"].id, kind="concern",
                  topic="Wohnen", text="Zu eng")
    return {"series_id": series, "site_id": site, "station_id": station, "code": "matrix1", "table_id": table,
            "entry_id": entry, "theme_id": theme, "window_id": window,
            "handle": protection.handle(events["frauendialog"], contribution), "statement_id": statement,
            "measure_id": measure, "question_id": evening_question}


def _experience(process, people):
    """Step 1 finished, with a published experience report naming the
    organiser as contact, and a message to them from the other municipality."""
    from datetime import date

    from dialogplatform.extensions import db
    from dialogplatform.models import ExperienceReport, PeerMessage
    from dialogplatform.models.types import utcnow

    process.step(1).ends_on = date(2020, 3, 1)
    report = ExperienceReport(municipality_id=people.municipality.id, process_step_id=process.step(1).id,
                              format_key="themenabend", topic="Zusammenleben", what_worked="Kleine Tische",
                              do_differently="Früher einladen", status="published", published_at=utcnow(),
                              contact_id=people.organiser.id, contact_consented_at=utcnow())
    db.session.add(report)
    db.session.flush()
    message = PeerMessage(report_id=report.id, sender_id=people.other_admin.id,
                          sender_municipality_id=people.other_municipality.id, recipient_id=people.organiser.id,
                          body="Wie war es?")
    db.session.add(message)
    db.session.commit()
    return report, message


@pytest.fixture
def world(app, people, db):
    from conftest import make_event
    from process_helpers import make_process, make_recommendation

    from dialogplatform.models import (
        EventTemplate,
        FundingApplication,
        FundingProgramme,
        OutboxMessage,
        ProcessActor,
        ProcessActorRelation,
        ProcessTopic,
        Registration,
        SteeringMeeting,
        SteeringMember,
    )
    from dialogplatform.services import logos, sign_language

    helper = make_user("helfer@testort.example")
    grant_role(helper, people.municipality, Role.HELPER)
    db.session.commit()
    manager = app.extensions["dialogplatform.plugins"]
    events = {}
    for key in manager.formats:
        enable(people.municipality, key)
        events[key] = make_event(people.municipality, key, capacity=20, title=f"Abend {key}")
    process = make_process(people.municipality)
    member = SteeringMember(process_id=process.id, name="Mitglied Steuerungsgruppe")
    meeting = SteeringMeeting(process_id=process.id, held_on=events["themenabend"].starts_at.date())
    programme = FundingProgramme(name="Förderprogramm Dialog", provider="Land")
    db.session.add_all([member, meeting, programme])
    db.session.add_all([ProcessActor(id=CHILD_ID, process_id=process.id, kind="police", name="Polizei"),
                        ProcessActor(id=CHILD_ID + 1, process_id=process.id, kind="schools", name="Schule")])
    db.session.flush()
    db.session.add_all([ProcessActorRelation(id=CHILD_ID, process_id=process.id, source_id=CHILD_ID,
                                             target_id=CHILD_ID + 1, kind="informs"),
                        ProcessTopic(id=CHILD_ID, process_id=process.id, name="Sicherheit")])
    db.session.commit()
    recommendation = make_recommendation(people.municipality, process=process, event=events["themenabend"],
                                         addressee="land")
    report, message = _experience(process, people)
    template = EventTemplate(municipality_id=people.municipality.id, name="Vorlage", format_key="themenabend",
                             data={})
    application = FundingApplication(municipality_id=people.municipality.id, programme_id=programme.id,
                                     process_id=process.id, status="granted", amount_granted_eur=4000,
                                     lpb_contact=LPB_CONTACT, notes=LPB_CONTACT)
    db.session.add_all([template, application])
    db.session.commit()
    with app.test_request_context():
        registration, _ = signups.register(events["themenabend"].id, signups.Person(
            name=SECRET_NAME, email=SECRET_EMAIL), source="assisted")
        helped, _ = signups.register(events["themenabend"].id, signups.Person(name=HELPED_NAME),
                                     source="assisted", created_by=helper)
        signups.sign_up(events["themenabend"].id, signups.Person(name="Noch Unbestätigt",
                                                                 email="offen@teilnehmerin.example"))
        pending = db.session.scalars(db.select(Registration).filter_by(email="offen@teilnehmerin.example")).one()
        logos.save(people.municipality, _logo())
        sign_language.save(people.municipality, _sign_language_video())
        ids = _format_objects(events, people)
        db.session.commit()
    # A mail to the secret participant, waiting in Testort's outbox.
    mail = db.session.scalars(db.select(OutboxMessage).filter_by(to_address=SECRET_EMAIL)).first()
    ids.update(process_id=process.id, member_id=member.id, meeting_id=meeting.id, mail_id=mail.id,
               recommendation_id=recommendation.id, registration_id=helped.id, format_key="themenabend",
               programme_id=programme.id, child_id=CHILD_ID, template_id=template.id,
               application_id=application.id, report_id=report.id, message_id=message.id)
    tokens = {"municipality.confirm_signup": signups.confirmation_token(pending),
              **_account_tokens(people.municipality)}
    ids.update(user_id=people.land.id, invitation_id=_land_invitation_id())
    return {"people": people, "helper": helper, "events": events, "token": signups.personal_token(registration),
            "ids": ids, "tokens": tokens}  # the db fixture removes the uploaded logo


def _urls(app, world):
    return sorted(_routes(app, world))


def _routes(app, world) -> dict:
    """A concrete URL for every GET rule, with the ids of the world's
    objects: {url: endpoint}."""
    urls = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue
        key = next((k for k in world["events"] if f"/{k}" in rule.rule), "themenabend")
        values = {}
        for argument in rule.arguments:
            if argument == "municipality_slug":
                values[argument] = "testort"
            elif argument == "event_id":
                values[argument] = world["events"][key].id
            elif argument == "token":
                values[argument] = world["tokens"].get(rule.endpoint, world["token"])
            elif argument == "filename":
                continue
            elif world["ids"].get(argument) is not None:
                values[argument] = world["ids"][argument]
            else:
                values[argument] = 1
        if set(rule.arguments) - set(values) - {"filename"}:
            continue
        try:
            urls[app.url_map.bind("localhost").build(rule.endpoint, values)] = rule.endpoint
        except Exception:
            continue
    return urls


def _client_for(app, world, role):
    client = app.test_client()
    people = world["people"]
    user = {"participant": people.participant, "helper": world["helper"], "moderator": people.moderator,
            "organiser": people.organiser, "admin": people.admin, "other_admin": people.other_admin,
            "instance_admin": people.instance_admin, "land": people.land}.get(role)
    if user is not None:
        log_in(client, user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_route_with_every_role(app, world, role):
    client = _client_for(app, world, role)
    urls = _urls(app, world)
    assert len(urls) > 60
    problems = []
    for url in urls:
        if "/auth/logout" in url:
            continue
        response = client.get(url)
        body = response.get_data().decode("utf-8", "replace") if response.mimetype != "application/pdf" else ""
        if response.status_code >= 500:
            problems.append(f"{url}: {response.status_code}")
        staff_page = bool(STAFF.search(url)) and not url.startswith("/account")
        if role in OUTSIDERS and staff_page and url.startswith("/testort/"):
            if response.status_code == 200:
                problems.append(f"{url}: {role} got a staff page")
        if role in ("anonymous", "other_admin", "land") and url.startswith("/admin") and response.status_code == 200:
            problems.append(f"{url}: {role} got the instance admin")
        if role == "land" and staff_page and response.status_code == 200:
            problems.append(f"{url}: the Land role got a municipality's staff page")
        if role not in ("land", "instance_admin") and LAND.search(url) and response.status_code == 200:
            problems.append(f"{url}: {role} got a page of the Land")
        if role == "land" and url.startswith("/land/") and response.status_code != 200:
            problems.append(f"{url}: the Land role did not reach its own page ({response.status_code})")
        if role in OUTSIDERS and LPB_CONTACT in body:
            problems.append(f"{url}: {role} saw a funding application's staff-only contact or notes")
        knows_token = "/r/" in url  # the personal link itself shows the person their data
        if role in (*OUTSIDERS, "helper") and not knows_token:
            if SECRET_NAME in body or SECRET_EMAIL in body:
                problems.append(f"{url}: {role} saw a participant's personal data")
        if role in OUTSIDERS and HELPED_NAME in body:
            problems.append(f"{url}: {role} saw a person a helper signed up")
        if role in OUTSIDERS and (SITE_CONTACT in body or SITE_ADDRESS in body):
            problems.append(f"{url}: {role} saw a site's contact person or an accommodation's address")
    assert problems == []
    if role == "helper":  # the helper's own sign-ups, and only those, on "My sign-ups"
        mine = client.get("/testort/organise/my-signups/").get_data(as_text=True)
        assert HELPED_NAME in mine and SECRET_NAME not in mine


def test_every_route_opens_for_some_role(app, world):
    """The world holds every object the routes are about, so no URL of the
    matrix is a 404 (or a refusal) for everyone: each one proves something."""
    clients = {}
    closed = []
    for url, endpoint in _routes(app, world).items():
        if endpoint in NO_PAGE or endpoint == "auth.logout":
            continue
        for role in ["instance_admin", "admin", "organiser", "moderator", "helper", "participant", "anonymous"]:
            if role not in clients:
                clients[role] = _client_for(app, world, role)
            if clients[role].get(url).status_code == 200:
                break
        else:
            closed.append(url)
    assert closed == [], "\n".join(closed)


@pytest.mark.parametrize("role, own_page", [("other_admin", "/anderswo/admin/members"),
                                            ("land", "/land/recommendations/")])
def test_other_municipality_cannot_change_anything(app, world, db, role, own_page):
    """POSTs to this municipality's staff routes, with a valid CSRF token of
    the other municipality's admin (or of the Land role), are refused and
    store nothing."""
    from sqlalchemy import func, select

    from dialogplatform.extensions import db as _db

    client = _client_for(app, world, role)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                      client.get(own_page).get_data(as_text=True)).group(1)

    def rows():
        with _db.engine.connect() as connection:
            return sum(connection.execute(select(func.count()).select_from(t)).scalar()
                       for t in _db.metadata.sorted_tables if t.name != "audit_entry")

    before = rows()
    checked = 0
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods:
            continue
        key = next((k for k in world["events"] if f"/{k}" in rule.rule), "themenabend")
        values = {a: ("testort" if a == "municipality_slug" else world["events"][key].id if a == "event_id"
                      else 1) for a in rule.arguments if a != "token"}
        if "token" in rule.arguments or "municipality_slug" not in rule.arguments:
            continue
        url = app.url_map.bind("localhost").build(rule.endpoint, values)
        if not STAFF.search(url) and not any(part in url for part in ("/manage", "/live", "/moderat", "/answer",
                                                                       "/phase", "/wall", "/participants")):
            continue
        response = client.post(url, data={"csrf_token": token, "name": "x", "text": "x", "role": "admin"})
        checked += 1
        assert response.status_code in (400, 403, 404, 405), (url, response.status_code)
    assert checked > 20
    assert rows() == before


@pytest.mark.parametrize("role", ROLES)
def test_the_outbox_screens_only_for_their_admins(app, world, role):
    """Testort's outbox for its admin (and the instance admin), the
    instance's for the instance admin; Anderswo's admin sees none of
    Testort's mails, not even on Anderswo's own screen."""
    client = _client_for(app, world, role)
    mail_id = world["ids"]["mail_id"]
    expected = {"admin": (200, 403), "instance_admin": (200, 200)}.get(role, (403, 403))
    if role == "anonymous":
        expected = (302, 302)  # to the log-in page
    for url, status in zip(("/testort/admin/outbox/", "/admin/outbox/"), expected, strict=True):
        response = client.get(url)
        assert response.status_code == status, (url, role)
        assert (SECRET_EMAIL in response.get_data(as_text=True)) == (status == 200), (url, role)
    if role == "other_admin":
        own = client.get("/anderswo/admin/outbox/")
        assert own.status_code == 200 and SECRET_EMAIL not in own.get_data(as_text=True)
        assert client.get(f"/anderswo/admin/outbox/{mail_id}/discard").status_code == 404
