"""Demo content for Schwäbisch Gmünd, where the seed saw the format used.

A past women's dialogue with 25 confirmed sign-ups (some with childcare and a
female interpreter for Arabic or Farsi) and 40 anonymous contributions across
seven topics; some topics have fewer than five, so the published evaluation
shows the suppression. An upcoming one (childcare in its description) is
open for sign-up. ``settings["demo_key"]`` makes a second run add nothing.
"""
import secrets
from datetime import time, timedelta

from dialogplatform.plugin_api import (
    Event,
    EventStatus,
    Registration,
    RegistrationStatus,
    day_at,
    demo_email,
    demo_keys,
    demo_sign_ups,
    set_enabled,
)

from .models import Contribution
from .services import DEFAULT_TOPICS, KEY

DEMO_KEY = "frauendialog-ankommen"

# (name, interpreter language, female interpreter, children for childcare, their ages)
WOMEN = [
    ("Amira Haddad", "ar", True, 2, "3, 5"), ("Fatemeh Ahmadi", "fa", True, 1, "2"),
    ("Zahra Rezaei", "fa", True, 0, ""), ("Nour Al-Khatib", "ar", True, 3, "1, 4, 6"),
    ("Rania Aziz", "ar", False, 1, "4"), ("Leila Karimi", "fa", True, 2, "2, 7"),
    ("Yasmin Darwish", "ar", True, 0, ""), ("Hana Youssef", "", False, 1, "5"),
    ("Maryam Hosseini", "fa", True, 0, ""), ("Shirin Jafari", "fa", False, 2, "1, 3"),
    ("Aisha Ibrahim", "ar", True, 1, "6"), ("Samira Khalil", "", False, 0, ""),
    ("Dilara Yılmaz", "", False, 1, "4"), ("Elif Kaya", "", False, 0, ""),
    ("Olena Kovalenko", "", False, 1, "8"), ("Iryna Shevchenko", "", False, 0, ""),
    ("Tigist Bekele", "", False, 2, "2, 5"), ("Fatima Osman", "ar", True, 0, ""),
    ("Parisa Moradi", "fa", True, 1, "3"), ("Sabine Wagner", "", False, 0, ""),
    ("Petra Schmid", "", False, 0, ""), ("Monika Bauer", "", False, 0, ""),
    ("Claudia Hoffmann", "", False, 0, ""), ("Ursula Keller", "", False, 0, ""),
    ("Gülay Demir", "", False, 1, "2"),
]

TOPICS = DEFAULT_TOPICS.splitlines()
KITA, SPRACHE, ARBEIT, GESUNDHEIT, WOHNEN, SICHERHEIT, BEGEGNUNG = TOPICS

# (topic, kind, texts); groups below five stay in the database but are never shown.
CONTRIBUTIONS = [
    (KITA, "wish", [
        "Kinderbetreuung während der Deutschkurse, sonst kann ich nicht teilnehmen.",
        "Mehr Kita-Plätze in der Weststadt.",
        "Eine Spielecke bei Terminen im Rathaus und im Jobcenter.",
        "Betreuung auch am Nachmittag, nicht nur vormittags.",
        "Eine Tagesmutter, die Arabisch spricht.",
        "Hilfe beim Ausfüllen der Anmeldung für den Kindergarten.",
    ]),
    (KITA, "concern", [
        "Ich weiß nicht, ob mein Kind im Kindergarten gut versorgt ist.",
        "Die Wartelisten sind sehr lang.",
    ]),
    (SPRACHE, "wish", [
        "Deutschkurse nur für Frauen, mit einer Lehrerin.",
        "Ein Sprachcafé am Vormittag, wenn die Kinder in der Schule sind.",
        "Kurse in der Nähe der Unterkunft, damit der Weg kurz ist.",
        "Mehr Übung im Sprechen, nicht nur Grammatik.",
        "Briefe von Ämtern in einfacher Sprache.",
        "Eine Sprachpatin aus der Nachbarschaft.",
        "Ein Kurs für Frauen, die nicht lesen und schreiben gelernt haben.",
    ]),
    (SPRACHE, "issue", ["Der Integrationskurs ist für mich zu schnell."]),
    (ARBEIT, "issue", [
        "Mein Abschluss als Lehrerin wird hier nicht anerkannt.",
        "Teilzeitarbeit, die zu den Kita-Zeiten passt.",
        "Wie finde ich ein Praktikum in der Pflege?",
        "Ich möchte selbst Geld verdienen und unabhängig sein.",
        "Beratung zur Ausbildung auch in Farsi.",
    ]),
    (ARBEIT, "wish", [
        "Ein Bewerbungstraining nur für Frauen.",
        "Kontakt zu Betrieben, die Frauen mit Kopftuch einstellen.",
    ]),
    (GESUNDHEIT, "concern", [
        "Beim Frauenarzt verstehe ich nicht alles.",
        "Lange Wartezeiten für einen Termin bei der Kinderärztin.",
        "Ich schlafe schlecht und weiß nicht, wo ich Hilfe finde.",
    ]),
    (WOHNEN, "concern", [
        "In der Unterkunft gibt es keine abschließbaren Duschen für Frauen.",
        "Wir sind zu sechst in zwei Zimmern.",
        "Vermieter sagen ab, wenn sie den Namen hören.",
        "Es ist nachts im Flur laut, die Kinder können nicht schlafen.",
        "Ich suche seit einem Jahr eine Wohnung.",
    ]),
    (SICHERHEIT, "concern", [
        "Der Weg vom Bahnhof ist abends dunkel.",
        "Ich wurde im Bus beleidigt und wusste nicht, was ich tun soll.",
    ]),
    (BEGEGNUNG, "wish", [
        "Ein Frauencafé einmal in der Woche.",
        "Schwimmzeiten nur für Frauen im Hallenbad.",
        "Gemeinsam kochen mit Frauen aus Gmünd.",
        "Ein Fahrradkurs für Frauen.",
        "Ausflüge mit Kindern in den Ferien.",
    ]),
    ("", "issue", [
        "Wo bekomme ich Hilfe bei Problemen mit der Ausländerbehörde?",
        "Mehr Informationen über unsere Rechte als Frauen.",
    ]),
]

PAST = {
    "demo_key": DEMO_KEY, "days": -18, "hour": time(9, 30), "capacity": None, "contributions_open": True,
    "title": {"de": "Frauendialog: Ankommen in Schwäbisch Gmünd", "en": "Women's dialogue: arriving in Schwäbisch Gmünd",
              "ar": "حوار النساء: الوصول إلى شفيبيش غموند", "fa": "گفت‌وگوی زنان: رسیدن به شوبیش گموند"},
    "description": {
        "de": "Ein geschützter Raum für Frauen: Geflüchtete und einheimische Frauen sprechen über das, was "
              "sie im Alltag bewegt. Kinderbetreuung und Dolmetscherinnen für Arabisch und Farsi sind da. "
              "Wer teilnimmt, wird nicht veröffentlicht.",
        "en": "A protected space for women: refugee and local women talk about what matters to them in "
              "everyday life. Childcare and female interpreters for Arabic and Farsi are provided. "
              "Who takes part is never published.",
        "ar": "مساحة آمنة للنساء: تتحدث اللاجئات ونساء المدينة عمّا يشغلهن في الحياة اليومية. "
              "تتوفر رعاية للأطفال ومترجمات للعربية والفارسية.",
        "fa": "فضایی امن برای زنان: زنان پناهجو و زنان شهر دربارهٔ دغدغه‌های زندگی روزمره گفت‌وگو می‌کنند. "
              "مراقبت از کودکان و مترجمان زن برای عربی و فارسی فراهم است.",
    },
}
# The next women's dialogue, open for sign-up: what became of the wishes.
UPCOMING = {
    "demo_key": "frauendialog-gesundheit-familie", "days": 17, "hour": time(9, 30), "capacity": 30,
    "contributions_open": False,
    "title": {"de": "Frauendialog: Gesundheit, Familie und Beruf", "en": "Women's dialogue: health, family and work",
              "ar": "حوار النساء: الصحة والأسرة والعمل", "fa": "گفت‌وگوی زنان: سلامت، خانواده و کار"},
    "description": {
        "de": "Der zweite Frauendialog: Wir berichten, was aus Ihren Wünschen geworden ist, und sprechen über "
              "Gesundheit, Familie und Beruf. Nur für Frauen. Kostenlose Kinderbetreuung im Nebenraum für "
              "Kinder von 1 bis 10 Jahren – bitte bei der Anmeldung angeben. Dolmetscherinnen für Arabisch und Farsi.",
        "en": "The second women's dialogue: we report what became of your wishes and talk about health, family "
              "and work. Women only. Free childcare in the next room for children aged 1 to 10 – please tell us "
              "when you sign up. Female interpreters for Arabic and Farsi.",
        "ar": "حوار النساء الثاني: نخبركنّ بما تحقق من أمنياتكنّ، ونتحدث عن الصحة والأسرة والعمل. "
              "للنساء فقط. رعاية مجانية للأطفال من عمر سنة إلى عشر سنوات في الغرفة المجاورة – "
              "يرجى ذكر ذلك عند التسجيل. تتوفر مترجمات للعربية والفارسية.",
        "fa": "دومین گفت‌وگوی زنان: گزارش می‌دهیم که از خواسته‌های شما چه شده است و دربارهٔ سلامت، خانواده و کار "
              "گفت‌وگو می‌کنیم. فقط برای زنان. مراقبت رایگان از کودکان ۱ تا ۱۰ ساله در اتاق کناری – لطفاً هنگام "
              "ثبت‌نام اعلام کنید. مترجمان زن برای عربی و فارسی.",
    },
}

# The topics of the demo's women's dialogues, per language (the stored value is the German one).
TOPICS_BY_LANGUAGE = {"de": DEFAULT_TOPICS,
                      "en": "Childcare\nGerman courses and language\nWork and training\nHealth\nHousing\nSafety in everyday life\n"
                            "Meeting people and leisure",
                      "ar": "رعاية الأطفال\nدورات اللغة الألمانية واللغة\nالعمل والتدريب\nالصحة\nالسكن\nالأمان في الحياة اليومية\n"
                            "اللقاء وأوقات الفراغ"}


def load(municipality, session) -> None:
    if municipality.slug != "schwaebisch-gmuend":
        return
    set_enabled(municipality, KEY, True)
    made = demo_keys(session, municipality, KEY)
    if PAST["demo_key"] not in made:
        event = _create_event(municipality, session, PAST)
        _add_registrations(event, session)
        for topic, kind, texts in CONTRIBUTIONS:
            session.add_all(Contribution(event_id=event.id, topic=topic, kind=kind, text=text,
                                         source="live" if position % 3 else "online")
                            for position, text in enumerate(texts))
    if UPCOMING["demo_key"] not in made:
        event = _create_event(municipality, session, UPCOMING)
        demo_sign_ups(session, event, [name for name, *_ in WOMEN[:6]],
                      answers={KEY: {"is_woman": True, "female_interpreter": True}})
    session.flush()


def _create_event(municipality, session, spec) -> Event:
    starts = day_at(spec["days"], spec["hour"])
    event = Event(
        municipality=municipality, format_key=KEY, status=EventStatus.PUBLISHED,
        women_only=True, childcare=True, childcare_min_age=1, childcare_max_age=10, step_free=True, accessible_toilet=True,
        evaluation_published=spec["days"] < 0, title=spec["title"], description=spec["description"],
        starts_at=starts, ends_at=starts + timedelta(hours=2, minutes=30),
        place_name="Rathaus Schwäbisch Gmünd, Kleiner Sitzungssaal", address="Marktplatz 1\n73525 Schwäbisch Gmünd",
        capacity=spec["capacity"], languages=["de", "ar", "fa"], interpreters=["ar", "fa"],
        settings={"demo_key": spec["demo_key"], "topics": TOPICS_BY_LANGUAGE, "threshold": 5, "retention_days": 30,
                  "contributions_open": spec["contributions_open"]},
        process_step=3,  # the core's demo process links it at its third step
    )
    session.add(event)
    session.flush()
    return event


def _add_registrations(event, session) -> None:
    signed_up = event.starts_at - timedelta(days=12)
    for position, (name, interpreter, female, children, ages) in enumerate(WOMEN):
        when = signed_up + timedelta(hours=7 * position)
        session.add(Registration(
            event_id=event.id, name=name, email=demo_email(name), status=RegistrationStatus.CONFIRMED,
            language="ar" if interpreter == "ar" else "fa" if interpreter == "fa" else "de",
            interpreter_language=interpreter, childcare_count=children, childcare_ages=ages,
            answers={KEY: {"is_woman": True, "female_interpreter": female}},
            token_nonce=secrets.token_hex(16), created_at=when, email_confirmed_at=when, confirmed_at=when,
            checked_in_at=event.starts_at if position % 6 else None,
        ))
