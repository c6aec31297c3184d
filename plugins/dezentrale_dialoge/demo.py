"""Demo content for Stuttgart, where the seed saw the format used: a series
that went from refugee accommodations to multi-generation houses and
neighbourhood meetings. Eight past meetings with concerns, wishes and
attendance, two upcoming ones: one open for sign-up, one in a small room
that is fully booked, with a waiting list.

Idempotent: the series, stages and sites are found by name, the meetings by
``event.settings["demo_key"]``; entries are only added with a new meeting.
"""
from datetime import time, timedelta

from sqlalchemy import select

from dialogplatform.plugin_api import Event, EventStatus, day_at, demo_keys, demo_sign_ups, set_enabled

from .models import CONCERN, WISH, Entry, Meeting, Series, Site, Stage
from .services import KEY

SERIES_NAME = "Dezentrale Dialoge Stuttgart"
DESCRIPTION = (
    "Die Stadt Stuttgart spricht dort mit den Menschen, wo sie wohnen: zuerst in den Unterkünften für "
    "Geflüchtete, dann in Mehrgenerationenhäusern und Nachbarschaftstreffs. Bei jedem Treffen notieren "
    "Moderatorinnen und Moderatoren Anliegen und Wünsche. Hier sehen Sie, welche Themen an vielen Orten "
    "wiederkehren."
)
TOPICS = ["Wohnen", "Sprachkurse", "Arbeit", "Kinderbetreuung", "Behördengänge", "Nachbarschaft", "Sicherheit"]
STAGES = ["1. Unterkünfte", "2. Mehrgenerationenhäuser", "3. Nachbarschaftstreffs"]
SITES = {  # name: (kind, address, district, contact person, phone)
    "Unterkunft Wolfbusch": ("accommodation", "Solitudestraße 250\n70499 Stuttgart", "Stuttgart-Weilimdorf",
                            "Petra Maier", "0711 555 0101"),
    "Unterkunft Bad Cannstatt": ("accommodation", "Nürnberger Straße 120\n70374 Stuttgart", "Stuttgart-Bad Cannstatt",
                                "Jonas Weber", "0711 555 0102"),
    "Unterkunft Möhringen": ("accommodation", "Vaihinger Straße 70\n70567 Stuttgart", "Stuttgart-Möhringen",
                            "Aylin Demir", "0711 555 0103"),
    "Mehrgenerationenhaus Heslach": ("multigeneration_house", "Gebrüder-Schmid-Weg 13\n70199 Stuttgart", "Stuttgart-Süd",
                                    "Claudia Schäfer", "0711 555 0104"),
    "Mehrgenerationenhaus Ostend": ("multigeneration_house", "Schwarenbergstraße 74\n70188 Stuttgart", "Stuttgart-Ost",
                                   "Markus Bauer", "0711 555 0105"),
    "Nachbarschaftstreff Zuffenhausen": ("neighbourhood_meeting", "Unterländer Straße 20\n70435 Stuttgart", "Stuttgart-Zuffenhausen",
                                        "Olena Kovalenko", "0711 555 0106"),
    "Nachbarschaftstreff Freiberg": ("neighbourhood_meeting", "Adalbert-Stifter-Straße 5\n70437 Stuttgart", "Stuttgart-Mühlhausen",
                                    "Thomas Keller", "0711 555 0107"),
}
A, W = CONCERN, WISH

# (demo key, days from today, stage index, site, walk-ins, entries)
MEETINGS = [
    ("dd-wolfbusch", -130, 0, "Unterkunft Wolfbusch", 24, [
        (A, "Wohnen", "In unseren Zimmern wohnen vier Personen, zum Lernen gibt es keinen ruhigen Platz."),
        (A, "Wohnen", "Wir suchen seit über einem Jahr eine Wohnung und bekommen nur Absagen."),
        (W, "Wohnen", "Eine Beratungsstelle, die bei der Wohnungssuche und Besichtigungen begleitet."),
        (A, "Sprachkurse", "Der Integrationskurs hat eine Warteliste von sechs Monaten."),
        (W, "Sprachkurse", "Deutschkurse direkt in der Unterkunft, auch am Abend."),
        (A, "Behördengänge", "Die Briefe vom Amt verstehen wir nicht, und Termine sind schwer zu bekommen."),
        (W, "Behördengänge", "Ehrenamtliche, die zu Terminen bei der Ausländerbehörde mitkommen."),
        (A, "Sicherheit", "Der Weg zur Stadtbahnhaltestelle ist abends dunkel, Frauen fühlen sich unsicher."),
        (W, "Kinderbetreuung", "Kinderbetreuung während der Sprachkurse, damit auch Mütter teilnehmen können."),
        (A, "Arbeit", "Meine Ausbildung als Krankenpfleger wird hier nicht anerkannt."),
    ]),
    ("dd-bad-cannstatt", -116, 0, "Unterkunft Bad Cannstatt", 31, [
        (A, "Wohnen", "Die Küche wird von zwanzig Familien geteilt, es gibt oft Streit."),
        (W, "Wohnen", "Mehr Sozialwohnungen und Hilfe bei der Suche nach einer eigenen Wohnung."),
        (A, "Sprachkurse", "Für Menschen mit Duldung gibt es kaum Sprachkurse."),
        (W, "Sprachkurse", "Sprachcafés mit Nachbarinnen und Nachbarn zum Üben im Alltag."),
        (A, "Arbeit", "Ich möchte arbeiten, aber die Arbeitserlaubnis dauert sehr lange."),
        (W, "Arbeit", "Praktika bei Betrieben in Bad Cannstatt, um Berufe kennenzulernen."),
        (A, "Behördengänge", "Wir müssen für jeden Antrag zu einem anderen Amt, das ist verwirrend."),
        (A, "Kinderbetreuung", "Für unsere Kinder gibt es keinen Kitaplatz in der Nähe."),
        (W, "Nachbarschaft", "Ein Fest mit den Nachbarn, damit man sich kennenlernt."),
        (A, "Sicherheit", "Vor der Unterkunft treffen sich abends Gruppen, die Bewohner anpöbeln."),
    ]),
    ("dd-moehringen", -102, 0, "Unterkunft Möhringen", 19, [
        (A, "Wohnen", "Die Unterkunft liegt weit weg von Geschäften und Ärzten."),
        (W, "Wohnen", "WLAN in allen Gebäuden, damit Kinder ihre Hausaufgaben machen können."),
        (A, "Sprachkurse", "Der Kurs ist in der Innenstadt, die Fahrkarte ist für uns zu teuer."),
        (W, "Sprachkurse", "Ein vergünstigtes Ticket für den Weg zum Sprachkurs."),
        (A, "Behördengänge", "Beim Jobcenter warten wir stundenlang, ohne Dolmetscher verstehen wir nichts."),
        (W, "Behördengänge", "Formulare in Arabisch, Farsi und Ukrainisch."),
        (W, "Kinderbetreuung", "Hausaufgabenhilfe für Schulkinder am Nachmittag."),
        (A, "Arbeit", "Arbeitgeber fragen nach Deutsch auf B2, aber wir kommen nicht in den Kurs."),
        (W, "Nachbarschaft", "Gemeinsames Gärtnern auf der Wiese hinter der Unterkunft."),
        (A, "Sicherheit", "Nachts gibt es in den Gemeinschaftsduschen kein abschließbares Licht."),
        (A, "Kinderbetreuung", "Die Kinder haben keinen Platz zum Spielen, der Hof ist ein Parkplatz."),
    ]),
    ("dd-heslach", -75, 1, "Mehrgenerationenhaus Heslach", 27, [
        (A, "Wohnen", "Auch ältere Menschen im Viertel finden keine bezahlbare Wohnung mehr."),
        (W, "Wohnen", "Wohnpartnerschaften: Studierende oder Geflüchtete wohnen bei Älteren und helfen im Alltag."),
        (W, "Sprachkurse", "Tandems zwischen Seniorinnen und Geflüchteten zum Deutschlernen."),
        (A, "Kinderbetreuung", "Die Kita hat lange Wartelisten, berufstätige Eltern wissen nicht weiter."),
        (W, "Kinderbetreuung", "Leihgroßeltern, die Familien bei der Betreuung helfen."),
        (A, "Nachbarschaft", "Viele Ältere haben Angst vor Veränderungen im Viertel und reden nicht mit den Neuen."),
        (W, "Nachbarschaft", "Ein offener Mittagstisch für alle Generationen und Herkünfte."),
        (A, "Behördengänge", "Auch für Ältere sind Onlineanträge schwierig, sie brauchen Hilfe."),
        (W, "Arbeit", "Ehrenamtliche Bewerbungswerkstatt im Mehrgenerationenhaus."),
        (A, "Sicherheit", "Auf dem Marienplatz fühlen sich manche abends unwohl."),
    ]),
    ("dd-ostend", -61, 1, "Mehrgenerationenhaus Ostend", 22, [
        (A, "Wohnen", "Vermieter lehnen Familien mit vielen Kindern ab."),
        (A, "Sprachkurse", "Für Berufstätige gibt es keine Abendkurse in der Nähe."),
        (W, "Sprachkurse", "Ein Lesekreis in einfacher Sprache in der Stadtteilbibliothek."),
        (W, "Kinderbetreuung", "Eine Spielgruppe für Kinder unter drei Jahren mit Eltern aus aller Welt."),
        (A, "Arbeit", "Frauen mit Kopftuch erzählen, dass sie bei Bewerbungen abgelehnt werden."),
        (W, "Arbeit", "Kontakte zu Handwerksbetrieben im Stadtteil, die ausbilden wollen."),
        (W, "Nachbarschaft", "Patenschaften zwischen alteingesessenen und neuen Familien."),
        (A, "Behördengänge", "Termine beim Bürgerbüro sind erst in Wochen frei."),
        (W, "Behördengänge", "Eine Sprechstunde im Haus, in der jemand beim Ausfüllen von Anträgen hilft."),
        (A, "Nachbarschaft", "Die Hausordnung wird unterschiedlich verstanden, es gibt Ärger im Treppenhaus."),
    ]),
    ("dd-heslach-2", -47, 1, "Mehrgenerationenhaus Heslach", 18, [
        (W, "Wohnen", "Eine Tauschbörse für Wohnungen, wenn Ältere kleiner wohnen möchten."),
        (A, "Sprachkurse", "Nach dem Kurs fehlt die Gelegenheit, Deutsch zu sprechen."),
        (W, "Nachbarschaft", "Ein Reparaturcafé, in dem Jung und Alt zusammen arbeiten."),
        (A, "Kinderbetreuung", "In den Ferien gibt es keine bezahlbaren Angebote für Schulkinder."),
        (W, "Kinderbetreuung", "Ferienprogramm im Mehrgenerationenhaus für alle Kinder im Viertel."),
        (A, "Arbeit", "Minijobs reichen nicht zum Leben, Vollzeitstellen sind schwer zu finden."),
        (A, "Sicherheit", "Schlecht beleuchtete Unterführung am Südheimer Platz."),
        (W, "Behördengänge", "Digitale Sprechstunde, in der Jugendliche Älteren bei Onlineanträgen helfen."),
        (A, "Wohnen", "Junge Geflüchtete finden nach dem 18. Geburtstag keine Wohnung."),
    ]),
    ("dd-zuffenhausen", -26, 2, "Nachbarschaftstreff Zuffenhausen", 29, [
        (A, "Wohnen", "In den Hochhäusern gibt es Schimmel, der Vermieter reagiert nicht."),
        (W, "Wohnen", "Eine Mieterberatung im Nachbarschaftstreff, auch mit Dolmetschern."),
        (A, "Sprachkurse", "Ukrainische Familien warten lange auf einen Kursplatz."),
        (W, "Sprachkurse", "Kurse mit Kinderbetreuung am Vormittag."),
        (A, "Arbeit", "Viele Ukrainerinnen haben studiert, arbeiten aber als Reinigungskraft."),
        (W, "Arbeit", "Eine Jobbörse mit Firmen aus Zuffenhausen im Treff."),
        (A, "Sicherheit", "Am Bahnhof Zuffenhausen wird abends gedealt, Eltern machen sich Sorgen."),
        (W, "Sicherheit", "Mehr Präsenz von Polizei und Ordnungsdienst am Bahnhof."),
        (A, "Nachbarschaft", "Alteingesessene und Neuzugezogene bleiben unter sich."),
        (W, "Behördengänge", "Ein Lotsendienst, der erklärt, welches Amt wofür zuständig ist."),
    ]),
    ("dd-freiberg", -14, 2, "Nachbarschaftstreff Freiberg", 21, [
        (A, "Wohnen", "Die Nebenkosten sind stark gestiegen, Familien können sie kaum bezahlen."),
        (A, "Sprachkurse", "Ältere Geflüchtete fühlen sich im Kurs überfordert."),
        (W, "Sprachkurse", "Langsamere Kurse für Menschen über fünfzig."),
        (W, "Kinderbetreuung", "Mehr Plätze in der Ganztagsbetreuung an der Grundschule."),
        (A, "Behördengänge", "Bescheide kommen nur auf Deutsch, viele verstehen sie nicht."),
        (W, "Nachbarschaft", "Ein Stadtteilfest im Sommer, das alle gemeinsam vorbereiten."),
        (W, "Arbeit", "Sprachkurse im Betrieb, damit man gleichzeitig arbeiten und lernen kann."),
        (A, "Sicherheit", "Jugendliche fühlen sich von Kontrollen ungerecht behandelt."),
        (W, "Wohnen", "Hilfe beim Verstehen der Nebenkostenabrechnung in mehreren Sprachen."),
        (A, "Arbeit", "Wer Schicht arbeitet, kann die Sprachkurse am Vormittag nicht besuchen."),
    ]),
    ("dd-zuffenhausen-2", 12, 2, "Nachbarschaftstreff Zuffenhausen", 0, []),
    ("dd-freiberg-2", 26, 2, "Nachbarschaftstreff Freiberg", 0, []),
]
# Upcoming meetings in a small room, fully booked: seats, then names (the
# last WAITING of them on the waiting list).
SMALL_ROOMS = {"dd-zuffenhausen-2": 12}
WAITING = 3
NEIGHBOURS = [
    "Olena Kovalenko", "Mehmet Yıldız", "Helga Brenner", "Ahmad Nasser", "Ivana Petrović", "Karin Vogel",
    "Samir Haddad", "Oksana Melnyk", "Dieter Krause", "Aylin Kaya", "Ruth Zimmermann", "Bashir Omar",
    "Natalia Hrytsenko", "Frank Lehmann", "Dilan Aksoy",
]
TITLE = {"de": "Dezentraler Dialog: {site}", "en": "Decentralised dialogue: {site}", "ar": "حوار في الحي: {site}"}
INVITATION = {
    "de": "Erzählen Sie uns, was Sie beschäftigt und was Sie sich wünschen. Dolmetscherinnen und "
          "Dolmetscher sind vor Ort; Kinder sind willkommen.",
    "en": "Tell us what concerns you and what you wish for. Interpreters are there; children are welcome.",
    "ar": "أخبرونا بما يشغلكم وبما تتمنونه. يوجد مترجمون ومترجمات في المكان، والأطفال مرحَّب بهم.",
}


def load(municipality, session) -> None:
    if municipality.slug != "stuttgart":
        return
    set_enabled(municipality, KEY, True)
    series = _series(municipality, session)
    stages = _stages(series, session)
    sites = _sites(municipality, session)
    existing = demo_keys(session, municipality, KEY)
    for spec in MEETINGS:
        if spec[0] not in existing:
            _meeting(municipality, session, series, stages, sites, *spec)
    session.flush()


def _series(municipality, session) -> Series:
    series = session.scalar(select(Series).filter_by(municipality_id=municipality.id, name=SERIES_NAME))
    if series is None:
        series = Series(municipality_id=municipality.id, name=SERIES_NAME, description=DESCRIPTION,
                        topics=list(TOPICS), published=True)
        session.add(series)
        session.flush()
    return series


def _stages(series, session) -> list[Stage]:
    by_name = {stage.name: stage for stage in session.scalars(select(Stage).filter_by(series_id=series.id))}
    for position, name in enumerate(STAGES, start=1):
        if name not in by_name:
            by_name[name] = Stage(series_id=series.id, name=name, position=position)
            session.add(by_name[name])
    session.flush()
    return [by_name[name] for name in STAGES]


def _sites(municipality, session) -> dict[str, Site]:
    by_name = {site.name: site for site in session.scalars(select(Site).filter_by(municipality_id=municipality.id))}
    for name, (kind, address, district, contact, phone) in SITES.items():
        if name not in by_name:
            by_name[name] = Site(municipality_id=municipality.id, name=name, kind=kind, address=address,
                                 district=district, contact_name=contact, contact_phone=phone)
            session.add(by_name[name])
    session.flush()
    return by_name


def _meeting(municipality, session, series, stages, sites, demo_key, days, stage_index, site_name,
             walk_ins, entries) -> None:
    site = sites[site_name]
    starts = day_at(days, time(17, 0))
    past = days < 0
    first_stage = stage_index == 0
    event = Event(
        municipality=municipality, format_key=KEY, status=EventStatus.PUBLISHED,
        childcare=first_stage, step_free=first_stage,
        title={code: text.format(site=site_name) for code, text in TITLE.items()}, description=dict(INVITATION),
        starts_at=starts, ends_at=starts + timedelta(hours=2), place_name=site_name, address=site.address,
        address_private=site.address_private, district=site.district,
        capacity=SMALL_ROOMS.get(demo_key, 40), languages=["de", "ar", "fa"] if first_stage else ["de", "tr", "uk"],
        interpreters=["ar", "fa", "uk"] if first_stage else ["tr", "uk"],
        evaluation_published=past, settings={"demo_key": demo_key},
    )
    session.add(event)
    session.flush()
    session.add(Meeting(event_id=event.id, series_id=series.id, stage_id=stages[stage_index].id,
                        site_id=site.id, walk_ins=walk_ins))
    if demo_key in SMALL_ROOMS:
        demo_sign_ups(session, event, NEIGHBOURS[:SMALL_ROOMS[demo_key] + WAITING], waiting=WAITING)
    for minute, (kind, topic, text) in enumerate(entries):
        session.add(Entry(event_id=event.id, kind=kind, topic=topic, text=text,
                          created_at=starts + timedelta(minutes=15 + 8 * minute)))
