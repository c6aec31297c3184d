"""Demo content for Ostfildern, where the seed saw the format used.

One past future workshop with the three Ostfildern themes, about twenty
cards per phase (some written in Arabic, Farsi or Ukrainian and translated
by a moderator), the dots of both voting rounds and an action plan whose
measures go partly to the Land. Its evaluation is published; the event is
anonymised, so each phone or tablet that wrote cards or gave dots is known
only by a replaced id (as after the retention job), which still counts
the devices in the participation figures. An upcoming
workshop for young people is open for sign-up. Each event carries
``settings["demo_key"]`` so a second run adds nothing.
"""
import secrets
from datetime import time, timedelta

from dialogplatform.plugin_api import Event, EventStatus, day_at, demo_keys, demo_sign_ups, set_enabled

from .models import ANONYMISED, Card, Measure, Theme, Vote, Workshop
from .services import DEFAULT_THEMES, new_code

DEMO_KEY = "zukunftswerkstatt-ostfildern"
WRITERS = 16  # phones and tablets that wrote the past workshop's cards
HOUSING, LANGUAGE, WORRIES = DEFAULT_THEMES

# (text, dots) or (text, dots, language, German translation)
CRITIQUE = {
    HOUSING: [
        ("In der Gemeinschaftsunterkunft teilen sich vier Personen ein Zimmer. Zum Lernen gibt es keinen ruhigen Platz.", 14),
        ("Wer als anerkannter Flüchtling eine Wohnung sucht, bekommt auf Anzeigen meist gar keine Antwort.", 17),
        ("Bezahlbare Wohnungen fehlen in Ostfildern für alle, nicht nur für Geflüchtete.", 11),
        ("نحن نعيش منذ سنتين في السكن المؤقت ولا نعرف متى يمكننا الانتقال.", 8, "ar",
         "Wir leben seit zwei Jahren in der Anschlussunterbringung und wissen nicht, wann wir umziehen können."),
        ("Vermieter haben Angst vor Ärger mit dem Jobcenter und der Mietzahlung.", 6),
        ("Die Unterkunft im Scharnhauser Park liegt weit weg vom Ortskern und den Läden.", 3),
        ("Die Waschmaschinen in der Unterkunft sind ständig kaputt.", 2),
    ],
    LANGUAGE: [
        ("Auf einen Platz im Integrationskurs wartet man mehrere Monate.", 15),
        ("Für Mütter mit kleinen Kindern gibt es keinen Sprachkurs mit Kinderbetreuung.", 13),
        ("مدرسه‌ها برای بچه‌هایی که تازه آمده‌اند کلاس آمادگی کافی ندارند.", 9, "fa",
         "Die Schulen haben zu wenige Vorbereitungsklassen für neu angekommene Kinder."),
        ("Nach dem B1-Kurs gibt es kaum Möglichkeiten, Deutsch im Alltag zu sprechen.", 7),
        ("Berufliche Abschlüsse aus dem Heimatland werden nur langsam anerkannt.", 10),
        ("Die Briefe vom Amt sind auch für Deutsche schwer zu verstehen.", 5),
        ("Ehrenamtliche Deutschlehrerinnen sind überlastet und bekommen keine Fortbildung.", 4),
    ],
    WORRIES: [
        ("Manche Nachbarn haben Angst vor der großen Unterkunft, reden aber nicht mit uns.", 12),
        ("Gerüchte in sozialen Netzwerken verbreiten sich schneller als richtige Informationen der Stadt.", 9),
        ("Ми боїмося, що наші діти втратять рідну мову.", 4, "uk",
         "Wir haben Angst, dass unsere Kinder ihre Muttersprache verlieren."),
        ("Viele Ehrenamtliche sind nach drei Jahren müde; es kommen kaum neue dazu.", 8),
        ("Die Unsicherheit über den Aufenthalt macht Menschen krank.", 10),
        ("Es gibt zu wenige Orte, an denen sich Alteingesessene und Neuzugezogene zwanglos begegnen.", 6),
    ],
}

FANTASY = {
    HOUSING: [
        ("Eine Wohnungsbörse der Stadt, in der Vermieter eine feste Ansprechperson haben.", 16),
        ("Die Stadt mietet Wohnungen an und vermietet sie weiter, damit Vermieter sicher sind.", 14),
        ("Lernräume mit WLAN in jeder Unterkunft.", 9),
        ("Gemeinsame Wohnprojekte für Studierende, Seniorinnen und Geflüchtete.", 7),
        ("أتمنى أن يكون هناك شخص يرافقنا عند زيارة الشقق.", 6, "ar",
         "Ich wünsche mir jemanden, der uns zu Wohnungsbesichtigungen begleitet."),
        ("Ein Reparaturcafé in der Unterkunft, in dem Bewohner selbst mithelfen.", 3),
        ("Mehr sozialer Wohnungsbau im Neubaugebiet.", 11),
    ],
    LANGUAGE: [
        ("Sprachkurse mit Kinderbetreuung direkt im Familienzentrum.", 15),
        ("Sprachcafés in der Stadtbücherei an jedem Wochentag.", 10),
        ("Sprachpatenschaften: Jede neue Familie hat eine Patin oder einen Paten.", 12),
        ("Briefe der Stadt in einfacher Sprache und mit Übersetzungshilfe.", 8),
        ("Eine Beratungsstelle, die bei der Anerkennung von Abschlüssen hilft.", 9),
        ("کلاس زبان مادری برای بچه‌ها در آخر هفته.", 4, "fa",
         "Muttersprachlicher Unterricht für Kinder am Wochenende."),
        ("Praktika in Betrieben schon während des Sprachkurses.", 6),
    ],
    WORRIES: [
        ("Ein regelmäßiger Nachbarschaftstreff, zu dem die Unterkunft einlädt.", 13),
        ("Eine offene Sprechstunde, in der die Stadt Fragen und Gerüchte beantwortet.", 11),
        ("Ehrenamtliche bekommen Supervision und werden für ihr Engagement gewürdigt.", 8),
        ("Schnellere Entscheidungen über Aufenthalt und Arbeitserlaubnis.", 10),
        ("Ein gemeinsames Stadtteilfest im Scharnhauser Park.", 7),
        ("Psychosoziale Beratung in der eigenen Sprache.", 6),
    ],
}

REALISATION = {
    HOUSING: [
        "Wir stellen eine Wohnraumbeauftragte als feste Ansprechperson für Vermieter ein.",
        "Der Freundeskreis bildet Wohnungslotsen aus, die zu Besichtigungen begleiten.",
        "Die Stadt prüft ein Modell, bei dem sie Wohnungen anmietet und weitervermietet.",
        "In der Unterkunft Scharnhauser Park richten wir einen Lernraum mit WLAN ein.",
        "Wir fragen beim Land nach Fördermitteln für sozialen Wohnungsbau.",
        "Bewohner und Hausmeister vereinbaren feste Zeiten für Reparaturen.",
        "Wir werben bei Eigentümern leerstehender Wohnungen mit einem Informationsabend.",
    ],
    LANGUAGE: [
        "Das Familienzentrum bietet ab Herbst einen Sprachkurs mit Kinderbetreuung an.",
        "Die Stadtbücherei öffnet dienstags und donnerstags ein Sprachcafé.",
        "Wir vermitteln Sprachpatenschaften über die Ehrenamtsbörse.",
        "Wir bitten das Land um mehr Vorbereitungsklassen an den Schulen in Ostfildern.",
        "Die Stadt schreibt ihre wichtigsten Briefe in einfacher Sprache neu.",
        "Betriebe aus dem Gewerbegebiet bieten Schnupperpraktika an.",
        "Wir laden die Anerkennungsberatung einmal im Monat ins Rathaus ein.",
    ],
    WORRIES: [
        "Die Unterkunft lädt jeden ersten Freitag im Monat zum Nachbarschaftscafé ein.",
        "Die Stadt richtet eine offene Sprechstunde zu Flucht und Integration ein.",
        "Wir organisieren für Ehrenamtliche zweimal im Jahr Supervision.",
        "Wir bitten das Land, Asylverfahren und Arbeitserlaubnisse schneller zu entscheiden.",
        "Im Sommer feiern wir ein Stadtteilfest im Scharnhauser Park.",
        "Wir verteilen eine Liste mit Beratungsstellen in vielen Sprachen.",
    ],
}

# (what, who, days after the workshop, addressee, theme)
MEASURES = [
    ("Wohnraumbeauftragte als feste Ansprechperson für Vermieterinnen und Vermieter einsetzen",
     "Stadtverwaltung Ostfildern, Amt für Familie, Bildung und Soziales", 120, "municipality", HOUSING),
    ("Wohnungslotsen ausbilden, die Geflüchtete zu Besichtigungen begleiten",
     "Freundeskreis Asyl Ostfildern", 90, "other", HOUSING),
    ("Sprachkurs mit Kinderbetreuung im Familienzentrum anbieten",
     "Familienzentrum Ostfildern mit der Volkshochschule", 150, "municipality", LANGUAGE),
    ("Mehr Vorbereitungsklassen an den Schulen in Ostfildern einrichten",
     "Staatliches Schulamt Nürtingen (Land Baden-Württemberg)", 240, "land", LANGUAGE),
    ("Asylverfahren und Entscheidungen über Arbeitserlaubnisse beschleunigen",
     "Regierungspräsidium Karlsruhe, Ministerium der Justiz und für Migration", 365, "land", WORRIES),
    ("Monatliches Nachbarschaftscafé in der Unterkunft Scharnhauser Park",
     "Heimleitung mit Nachbarschaftsverein", 30, "other", WORRIES),
]


class _Devices:
    """Anonymised device ids: cards written in turn by ``WRITERS`` devices,
    dots given by as many devices as each round's dots need (the same
    devices in both rounds, each within its budget of dots)."""

    def __init__(self, settings_dots: int):
        self.ids, self.cards, self.dots, self.budget = [], 0, {}, settings_dots

    def _device(self, number: int) -> str:
        while len(self.ids) <= number:
            self.ids.append(ANONYMISED + secrets.token_hex(12))
        return self.ids[number]

    def writer(self) -> str:
        self.cards += 1
        return self._device((self.cards - 1) % WRITERS)

    def voter(self, round_: str) -> str:
        self.dots[round_] = self.dots.get(round_, 0) + 1
        return self._device((self.dots[round_] - 1) // self.budget)


def _fields(item) -> tuple[str, int, str, str]:
    """(text, dots, language, translation) of a card in the lists above."""
    if isinstance(item, str):
        return item, 0, "de", ""
    return (*item, "de", "") if len(item) == 2 else item


# The next workshop, open for sign-up.
UPCOMING = {
    "demo_key": "zukunftswerkstatt-ostfildern-jugend", "days": 23,
    "title": {"de": "Zukunftswerkstatt: Jung sein in Ostfildern", "en": "Future workshop: being young in Ostfildern",
              "ar": "ورشة المستقبل: أن تكون شابًا في أوستفيلدرن"},
    "description": {
        "de": "Jugendliche und junge Erwachsene von 14 bis 27 Jahren – hier geboren oder neu angekommen – arbeiten "
              "einen Samstag lang an der Frage: Was brauchen junge Menschen in Ostfildern? Erst Kritik, dann "
              "Fantasie, dann ein Plan. Mit Dolmetschenden für Arabisch, Farsi und Ukrainisch; Mittagessen inklusive.",
        "en": "Young people aged 14 to 27 – born here or newly arrived – spend a Saturday on one question: what do "
              "young people need in Ostfildern? First critique, then fantasy, then a plan. With interpreters for "
              "Arabic, Farsi and Ukrainian; lunch included.",
        "ar": "يعمل الشباب من عمر 14 إلى 27 عامًا – ممن وُلدوا هنا أو وصلوا حديثًا – طوال يوم سبت على سؤال واحد: "
              "ماذا يحتاج الشباب في أوستفيلدرن؟ أولًا النقد، ثم الخيال، ثم خطة عمل. "
              "مع مترجمين للعربية والفارسية والأوكرانية، والغداء مشمول.",
    },
}


def load(municipality, session) -> None:
    if municipality.slug != "ostfildern":
        return
    set_enabled(municipality, "zukunftswerkstatt", True)
    made = demo_keys(session, municipality, "zukunftswerkstatt")
    if DEMO_KEY not in made:
        _create_workshop(municipality, session)
    if UPCOMING["demo_key"] not in made:
        _upcoming_workshop(municipality, session)
    session.flush()


def _upcoming_workshop(municipality, session) -> None:
    starts = day_at(UPCOMING["days"], time(10, 0))
    event = Event(
        municipality=municipality, format_key="zukunftswerkstatt", status=EventStatus.PUBLISHED,
        childcare=True, childcare_min_age=3, childcare_max_age=12, step_free=True, accessible_toilet=True,
        title=UPCOMING["title"], description=UPCOMING["description"],
        starts_at=starts, ends_at=starts + timedelta(hours=6), place_name="Jugendhaus Ostfildern",
        address="Hindenburgstraße 65\n73760 Ostfildern", capacity=40, languages=["de", "ar", "fa", "uk"],
        interpreters=["ar", "fa", "uk"], settings={"demo_key": UPCOMING["demo_key"], "dots_per_participant": 5},
    )
    session.add(event)
    session.flush()
    session.add_all(Theme(event_id=event.id, name=name, position=position)
                    for position, name in enumerate(DEFAULT_THEMES))
    demo_sign_ups(session, event, ["Ali Rahimi", "Lena Fischer", "Mariia Bondarenko", "Jonas Maier", "Sara Haddad"])


def _create_workshop(municipality, session) -> None:
    starts = day_at(-42, time(10, 0))
    event = Event(
        municipality=municipality, format_key="zukunftswerkstatt", status=EventStatus.PUBLISHED,
        childcare=True, childcare_min_age=3, childcare_max_age=12, step_free=True, accessible_toilet=True,
        title={"de": "Zukunftswerkstatt Zusammenleben in Ostfildern", "en": "Future workshop: living together in Ostfildern"},
        description={
            "de": "Geflüchtete, Ehrenamtliche und Verwaltung arbeiten einen Samstag lang an drei Themen: "
                  "Was stört uns? Was wünschen wir uns? Was werden wir tun? Mit Dolmetschenden für "
                  "Arabisch, Farsi und Ukrainisch; Kinderbetreuung vor Ort.",
            "en": "Refugees, volunteers and administration spend a Saturday on three themes: what bothers us, "
                  "what do we wish for, what will we do? With interpreters for Arabic, Farsi and Ukrainian; "
                  "childcare on site.",
        },
        starts_at=starts, ends_at=starts + timedelta(hours=6),
        place_name="Stadthaus Scharnhauser Park", address="Gerhard-Koch-Straße 1\n73760 Ostfildern",
        capacity=80, languages=["de", "ar", "fa", "uk"], interpreters=["ar", "fa", "uk"],
        evaluation_published=True, settings={"demo_key": DEMO_KEY, "dots_per_participant": 5},
    )
    session.add(event)
    session.flush()
    session.add(Workshop(event_id=event.id, phase="realisation", join_code=new_code(),
                         phase_changed_at=starts + timedelta(hours=4)))
    themes = {}
    for position, name in enumerate(DEFAULT_THEMES):
        themes[name] = Theme(event_id=event.id, name=name, position=position)
        session.add(themes[name])
    session.flush()
    written = starts
    devices = _Devices(settings_dots=event.settings["dots_per_participant"])
    for phase, content, voted_after in (("critique", CRITIQUE, 1), ("fantasy", FANTASY, 3), ("realisation", REALISATION, 0)):
        for name, cards in content.items():
            for item in cards:
                text, dots, language, translation = _fields(item)
                written += timedelta(minutes=2)
                card = Card(event_id=event.id, theme_id=themes[name].id, phase=phase, text=text, language=language,
                            translation=translation, translation_language="de" if translation else "",
                            participant_id=devices.writer(), created_at=written)
                session.add(card)
                session.flush()
                for _ in range(dots):
                    session.add(Vote(event_id=event.id, card_id=card.id, round=phase,
                                     participant_id=devices.voter(phase),
                                     created_at=starts + timedelta(hours=voted_after)))
    for what, who, days, addressee, theme in MEASURES:
        session.add(Measure(event_id=event.id, what=what, who=who, due_on=starts.date() + timedelta(days=days),
                            addressee=addressee, theme_id=themes[theme].id, created_at=starts + timedelta(hours=5)))
