"""Demo content for Schwäbisch Gmünd, where the seed saw the format used:
the first refugee dialogue with about 150 people at five theme tables.

A past, published event with 30 confirmed sign-ups (seated in two rounds),
statements to the three questions at every table, project ideas with
contacts and statuses, one already turned into a "Runder Tisch", and a
published evaluation. ``settings["demo_key"]`` makes a second run add nothing.
"""
import secrets
from datetime import time, timedelta

from sqlalchemy import select

from dialogplatform.plugin_api import (
    Event,
    EventStatus,
    Registration,
    Role,
    User,
    day_at,
    find_user,
    grant_role,
    set_enabled,
    utcnow,
)

from . import services
from .models import Statement

SLUG = "schwaebisch-gmuend"
DEMO_KEY = "thementische-erster-dialog"

TITLE = {"de": "Erster Flüchtlingsdialog: Thementische", "en": "First refugee dialogue: theme tables",
         "ar": "الحوار الأول مع اللاجئين: طاولات المواضيع"}
MODERATORS = [  # (e-mail, name); demo accounts without a password
    ("s.keller@schwaebisch-gmuend.example", "Sabine Keller"),
    ("m.oezdemir@schwaebisch-gmuend.example", "Mehmet Özdemir"),
    ("j.brenner@schwaebisch-gmuend.example", "Julia Brenner"),
]
# theme: (moderator index, language, seats, {question index: [(text, idea contact, idea status)]})
TABLES = {
    "Bauen & Wohnen": (0, "", 30, {
        0: [("Die Wohnungsbörse der Stadt hat schon mehreren Familien eine Wohnung vermittelt.", None, None),
            ("Vermieter in der Weststadt sind offener, seit es feste Ansprechpersonen gibt.", None, None)],
        1: [("Wer aus der Gemeinschaftsunterkunft auszieht, findet kaum bezahlbaren Wohnraum.", None, None),
            ("Briefe von Hausverwaltungen versteht man ohne Hilfe oft nicht.", None, None),
            ("Für große Familien gibt es fast keine passenden Wohnungen.", None, None)],
        2: [("Eine Mietpatenschaft: Ehrenamtliche begleiten beim ersten Mietvertrag und bürgen für Vertrauen.",
             "Helga Maier", "in_progress"),
            ("Mehrsprachige Hausordnungen und Erklärvideos zur Mülltrennung.", None, None)],
    }),
    "Ehrenamt & Beteiligung": (1, "", 30, {
        0: [("Der Freundeskreis Asyl trifft sich jede Woche und ist gut vernetzt.", None, None),
            ("Viele Geflüchtete helfen inzwischen selbst beim Dolmetschen.", None, None)],
        1: [("Ehrenamtliche sind überlastet; es fehlen Jüngere.", None, None),
            ("Vereine wissen nicht, wie sie Neuzugezogene ansprechen sollen.", None, None)],
        2: [("Ein Engagement-Café, in dem Vereine sich vorstellen und Neue mitmachen können.",
             "Ahmad Karimi", "open"),
            ("Eine Ehrenamtsbörse im Internet, auch auf Arabisch und Farsi.", None, None)],
    }),
    "Arbeit": (2, "fa", 30, {
        0: [("Das Jobcenter hat eine feste Ansprechperson für Geflüchtete.", None, None),
            ("Handwerksbetriebe suchen Auszubildende und sind offen.", None, None)],
        1: [("Die Anerkennung von Abschlüssen dauert viel zu lange.", None, None),
            ("Arbeitszeiten und Deutschkurse passen oft nicht zusammen.", None, None),
            ("Viele wissen nicht, welche Arbeitserlaubnis sie haben.", None, None)],
        2: [("Ein Runder Tisch mit Betrieben, Jobcenter und Ausländerbehörde, um Fälle schneller zu klären.",
             "Thomas Wagner", "in_progress"),
            ("Deutschkurse am Abend und am Wochenende.", None, None)],
    }),
    "Frauen": (0, "ar", 30, {
        0: [("Das Frauencafé im Stadtteilzentrum ist ein geschützter Ort.", None, None)],
        1: [("Ohne Kinderbetreuung können viele Frauen keinen Kurs besuchen.", None, None),
            ("Frauen erfahren oft nur über ihre Männer von Angeboten.", None, None)],
        2: [("Deutschkurse mit Kinderbetreuung direkt im Stadtteil.", "Leyla Hassan", "open"),
            ("Ein Fahrradkurs für Frauen.", "Leyla Hassan", "done")],
    }),
    "Bildung & Ausbildung": (1, "", 30, {
        0: [("Die Vorbereitungsklassen an den Schulen funktionieren gut.", None, None),
            ("Lesepatinnen und -paten unterstützen viele Kinder.", None, None)],
        1: [("Eltern verstehen das Schulsystem nicht und fühlen sich ausgeschlossen.", None, None),
            ("Nach der Vorbereitungsklasse fehlt Förderung in der Regelklasse.", None, None)],
        2: [("Elternabende mit Dolmetscherinnen und Dolmetschern.", None, None),
            ("Ausbildungsbotschafter: Azubis mit Fluchtgeschichte stellen ihre Berufe vor.", None, None)],
    }),
}
# Sign-ups: (name, first choice, second choice) as indexes of TABLES.
PEOPLE = [
    ("Amal Haddad", 3, 4), ("Peter Schmid", 0, 1), ("Farid Ahmadi", 2, 4), ("Elke Bauer", 1, 0),
    ("Samira Nouri", 3, 2), ("Hassan Ali", 2, 0), ("Monika Wolf", 4, 1), ("Yusuf Demir", 2, 4),
    ("Zahra Rezaei", 3, 4), ("Klaus Hofmann", 0, 2), ("Nour Khalil", 4, 3), ("Ingrid Frank", 1, 4),
    ("Omid Sadeghi", 2, 0), ("Sara Yilmaz", 3, 1), ("Jürgen Koch", 0, 1), ("Mariam Sultani", 4, 3),
    ("Abdul Rahimi", 2, 1), ("Renate Huber", 1, 0), ("Dilan Aydin", 3, 4), ("Tobias Richter", 4, 2),
    ("Reza Mohammadi", 0, 2), ("Aylin Kaya", 3, 0), ("Gabriele Neumann", 1, 3), ("Karim Mansour", 2, 0),
    ("Fatemeh Hosseini", 4, 3), ("Uwe Schäfer", 0, 1), ("Rania Saleh", 3, 4), ("Walter Keller", 1, 2),
    ("Bilal Haidari", 2, 4), ("Anna Lehmann", 4, 0),
]


def load(municipality, session) -> None:
    if municipality.slug != SLUG:
        return
    set_enabled(municipality, services.KEY, True)
    session.flush()
    existing = session.scalars(select(Event).filter_by(municipality_id=municipality.id,
                                                       format_key=services.KEY)).all()
    # The title too: saving the event form replaces its settings (and the key).
    if any((event.settings or {}).get("demo_key") == DEMO_KEY or (event.title or {}).get("de") == TITLE["de"]
           for event in existing):
        return
    moderators = [_moderator(municipality, session, email, name) for email, name in MODERATORS]
    event = _event(municipality, session)
    tables = [services.add_table(event, theme, seats, moderators[mod].id, language, commit=False)
              for theme, (mod, language, seats, _said) in TABLES.items()]
    services.add_default_questions(event)
    questions = services.questions_of(event)
    _sign_ups(event, session, tables)
    services.assign_round(event, 1)
    services.assign_round(event, 2)
    _statements(event, session, tables, questions)
    organiser = find_user(f"organisation@{SLUG}.example")
    idea = session.scalars(select(Statement).filter_by(event_id=event.id, contact_name="Thomas Wagner")).one()
    services.create_round_table(event, idea, organiser)


def _moderator(municipality, session, email, name) -> User:
    user = find_user(email)
    if user is None:
        user = User(email=email, display_name=name, language="de", confirmed_at=utcnow())
        session.add(user)
        session.flush()
    grant_role(user, municipality, Role.MODERATOR)
    return user


def _event(municipality, session) -> Event:
    starts = day_at(-42, time(18, 0))
    event = Event(
        municipality=municipality, format_key=services.KEY, status=EventStatus.PUBLISHED,
        childcare=True, childcare_min_age=3, childcare_max_age=10, step_free=True, hearing_loop=True, accessible_toilet=True,
        title=TITLE,
        description={
            "de": "Rund 150 Bürgerinnen und Bürger, Ehrenamtliche, Verwaltung und Geflüchtete sprechen an fünf "
                  "moderierten Thementischen darüber, was gut läuft, was besser werden muss und was es braucht.",
            "en": "About 150 residents, volunteers, administration staff and refugees talk at five moderated "
                  "theme tables about what works, what must improve and what is needed.",
        },
        starts_at=starts, ends_at=starts + timedelta(hours=3),
        place_name="Congress-Centrum Stadtgarten", address="Rektor-Klaus-Straße 9\n73525 Schwäbisch Gmünd",
        capacity=150, languages=["de", "ar", "fa"], interpreters=["ar", "fa"], evaluation_published=True,
        settings={"demo_key": DEMO_KEY, "rounds": 2},
        process_step=2,  # the core's demo process links it at its second step
    )
    session.add(event)
    session.flush()
    return event


def _sign_ups(event, session, tables) -> None:
    """Everyone confirmed; all but every seventh came and was checked in."""
    signed_up = event.starts_at - timedelta(days=21)
    for number, (name, first, second) in enumerate(PEOPLE):
        signed_up += timedelta(hours=9)
        came = number % 7 != 6
        session.add(Registration(
            event_id=event.id, name=name, email=f"teilnahme{number + 1}@example.org", status="confirmed",
            language="de", token_nonce=secrets.token_hex(16), created_at=signed_up, confirmed_at=signed_up,
            email_confirmed_at=signed_up, checked_in_at=event.starts_at - timedelta(minutes=15) if came else None,
            answers={services.KEY: {"first": tables[first].id, "second": tables[second].id}},
        ))
    session.flush()


def _statements(event, session, tables, questions) -> None:
    said_at = event.starts_at + timedelta(minutes=20)
    for table, (_mod, _language, _seats, said) in zip(tables, TABLES.values()):
        for question_index, items in said.items():
            for text, contact, status in items:
                said_at += timedelta(minutes=2)
                session.add(Statement(
                    event_id=event.id, table_id=table.id, question_id=questions[question_index].id, text=text,
                    is_idea=status is not None, contact_name=contact or "", status=status or "open",
                    created_at=said_at))
    session.commit()
