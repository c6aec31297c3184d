"""Demo content for Weinheim, where the seed saw the format used.

Two evenings: a past one on safety and neighbourhood (answered by police and
the public order office) and an upcoming one on work (questions still open).
Lörrach answers the questions its pop-up boxes raised at an upcoming evening
(the pop-up boxes take no sign-ups; the evening does).
Each demo event carries ``settings["demo_key"]`` so a second run finds it and
adds nothing.
"""
from datetime import time, timedelta

from dialogplatform.plugin_api import Event, EventStatus, day_at, demo_keys, set_enabled, utcnow

from .models import Question, Theme

POLICE = "Polizeipräsidium Mannheim"
ORDER = "Ordnungsamt Weinheim"
INTEGRATION = "Integrationsbeauftragte der Stadt Weinheim"

SAFETY = {
    "demo_key": "themenabend-sicherheit",
    "days": -35,
    "title": {"de": "Sicherheit und Nachbarschaft", "en": "Safety and neighbourhood", "ar": "الأمن والجوار"},
    "description": {
        "de": "Ein Abend mit dem Polizeirevier Weinheim und dem Ordnungsamt: Ihre Fragen zu Sicherheit "
              "und Zusammenleben rund um die Gemeinschaftsunterkunft.",
        "en": "An evening with the Weinheim police station and the public order office: your questions "
              "about safety and living together around the shared accommodation.",
        "ar": "أمسية مع مركز شرطة فاينهايم ومكتب النظام العام: أسئلتكم حول الأمن والعيش المشترك.",
    },
    "answering_bodies": f"{POLICE}, {ORDER}, {INTEGRATION}",
    "themes": {
        "Sicherheit im Alltag": [
            ("Seit die Gemeinschaftsunterkunft eröffnet wurde, fühle ich mich abends auf dem Heimweg "
             "unsicherer. Gibt es in der Weststadt mehr Einbrüche oder Diebstähle als früher?",
             POLICE, "Nein. Die Zahl der Wohnungseinbrüche und Diebstähle im Umfeld ist seit der Eröffnung "
             "nicht gestiegen. Das Polizeirevier Weinheim fährt abends zusätzlich Streife; sprechen Sie "
             "uns jederzeit an, im Notfall unter 110."),
            ("Wie oft musste die Polizei im letzten Jahr zur Unterkunft kommen, und weshalb?",
             POLICE, "Es gab einzelne Einsätze, meist wegen Streit unter Bewohnern in engen Zimmern. "
             "Im Vergleich mit Wohnanlagen ähnlicher Größe ist das unauffällig."),
            ("Der Fußweg zwischen Bahnhof und Weststadt ist nachts sehr dunkel. Kann die Stadt dort "
             "mehr Laternen aufstellen?",
             ORDER, "Die Stadtwerke prüfen zusätzliche Leuchten am Fußweg; über die Kosten entscheidet "
             "der Gemeinderat im Herbst."),
        ],
        "Zusammenleben in der Nachbarschaft": [
            ("Am Wochenende ist es abends im Hof der Unterkunft oft laut. An wen kann ich mich wenden, "
             "ohne gleich die Polizei zu rufen?",
             ORDER, "Zuerst an die Heimleitung, deren Telefonnummer am Eingang aushängt. Bei wiederholter "
             "Ruhestörung hilft das Ordnungsamt. Die Hausordnung sieht Nachtruhe ab 22 Uhr vor."),
            ("Wir möchten ein Nachbarschaftsfest mit den neuen Nachbarinnen und Nachbarn feiern. "
             "Welche Genehmigung brauchen wir?",
             ORDER, "Auf einem privaten Grundstück keine. Für Straßen und Plätze stellen Sie beim "
             "Ordnungsamt mindestens vier Wochen vorher einen Antrag auf Sondernutzung."),
            ("Ich wohne seit einem Jahr in Weinheim, aber kenne kaum Nachbarn. Wo kann ich Menschen "
             "kennenlernen?",
             INTEGRATION, "Der Freundeskreis Asyl lädt jeden Donnerstag ins Begegnungscafé im "
             "Gemeindehaus ein. Dort gibt es auch Sprachpatenschaften."),
        ],
        "Sauberkeit und Ordnung": [
            ("Rund um die Glascontainer in der Nähe der Unterkunft liegt oft Müll. Wird das kontrolliert?",
             ORDER, "Der Kommunale Ordnungsdienst kontrolliert dort seit März häufiger. Mehrsprachige "
             "Merkblätter zur Mülltrennung wurden in der Unterkunft verteilt."),
            ("Gibt es eine Stelle, bei der man anonym Hinweise auf Drogenhandel am Bahnhof geben kann?",
             None, None),
        ],
    },
}

WORK = {
    "demo_key": "themenabend-arbeit",
    "days": 21,
    "title": {"de": "Arbeit", "en": "Work", "ar": "العمل"},
    "description": {
        "de": "Jobcenter und Agentur für Arbeit beantworten Fragen zu Arbeitserlaubnis, Anerkennung "
              "von Abschlüssen und Ausbildung. Senden Sie Ihre Fragen gern vorab.",
        "en": "The job centre and the employment agency answer questions about work permits, "
              "recognition of qualifications and apprenticeships. Send your questions beforehand.",
        "ar": "يجيب مركز العمل ووكالة التوظيف عن أسئلة حول تصاريح العمل والاعتراف بالشهادات والتدريب المهني.",
    },
    "answering_bodies": "Jobcenter Rhein-Neckar-Kreis, Agentur für Arbeit, Ausländerbehörde",
    "themes": {
        "Arbeitserlaubnis und Anerkennung": [
            ("Ab wann dürfen Menschen mit einer Duldung arbeiten, und wer erteilt die Erlaubnis?", None, None),
            ("Ich bin Elektriker aus Syrien. Wie lasse ich meinen Berufsabschluss anerkennen?", None, None),
        ],
        "Ausbildung und Sprache": [
            ("Gibt es Deutschkurse am Abend für Menschen, die tagsüber arbeiten?", None, None),
            ("Als Handwerksbetrieb würden wir gern einen jungen Geflüchteten ausbilden. "
             "Welche Unterstützung gibt es für uns?", None, None),
        ],
        None: [
            ("Wie können wir als Ehrenamtliche bei Bewerbungen helfen, ohne etwas falsch zu machen?", None, None),
        ],
    },
}


# Lörrach asks its questions about public spaces (collected at the pop-up
# boxes) at an evening in the town hall.
PUBLIC_SPACES = {
    "demo_key": "themenabend-loerrach-plaetze",
    "days": 19,
    "title": {"de": "Gute Orte für alle: Ihre Fragen an die Stadt", "en": "Good places for everyone: your questions "
              "to the town", "ar": "أماكن جيدة للجميع: أسئلتكم إلى المدينة"},
    "description": {
        "de": "Die Freiraumkisten haben gefragt, was Plätze und Parks zu guten Orten für alle macht. An diesem "
              "Abend antworten Stadtplanung, Ordnungsamt und Integrationsbeauftragte auf Ihre Fragen.",
        "en": "The pop-up boxes asked what makes squares and parks good places for everyone. This evening, urban "
              "planning, the public order office and the integration officer answer your questions.",
        "ar": "سألت صناديق الأماكن المفتوحة عمّا يجعل الساحات والحدائق أماكن جيدة للجميع. في هذه الأمسية "
              "يجيب قسم التخطيط العمراني ومكتب النظام العام ومسؤولة الاندماج عن أسئلتكم.",
    },
    "answering_bodies": "Fachbereich Stadtplanung, Fachbereich Bürgerdienste, Integrationsbeauftragte",
    "themes": {
        "Plätze und Parks": [
            ("Wann kommen mehr Bänke im Schatten auf den Marktplatz?", None, None),
            ("Kann der Grütt-Park einen Bolzplatz für Jugendliche bekommen?", None, None),
        ],
        "Informationen in vielen Sprachen": [
            ("Warum hängen die Regeln für das Grillen im Park nur auf Deutsch aus?", None, None),
        ],
    },
}
# slug: (venue, address, evenings)
EVENINGS = {
    "weinheim": ("Rathaus Weinheim, Großer Sitzungssaal", "Obertorstraße 9\n69469 Weinheim", (SAFETY, WORK)),
    "loerrach": ("Rathaus Lörrach, Ratssaal", "Luisenstraße 16\n79539 Lörrach", (PUBLIC_SPACES,)),
}


def load(municipality, session) -> None:
    if municipality.slug not in EVENINGS:
        return
    set_enabled(municipality, "themenabend", True)
    venue, address, evenings = EVENINGS[municipality.slug]
    existing = demo_keys(session, municipality, "themenabend")
    for spec in evenings:
        if spec["demo_key"] not in existing:
            _create_evening(municipality, session, spec, venue, address)
    session.flush()


def _create_evening(municipality, session, spec, venue, address) -> None:
    starts = day_at(spec["days"], time(19, 0))
    past = spec["days"] < 0
    event = Event(
        municipality=municipality, format_key="themenabend", status=EventStatus.PUBLISHED,
        step_free=True, hearing_loop=True, accessible_toilet=True,
        title=spec["title"], description=spec["description"],
        starts_at=starts, ends_at=starts + timedelta(hours=2, minutes=30),
        place_name=venue, address=address,
        capacity=120, languages=["de", "ar", "fa"], interpreters=["ar", "fa"],
        evaluation_published=past,
        settings={"demo_key": spec["demo_key"], "answering_bodies": spec["answering_bodies"],
                  "allow_anonymous": True},
    )
    session.add(event)
    session.flush()
    asked = min(starts, utcnow()) - timedelta(days=10)  # sent in before the evening, never in the future
    for position, (theme_name, questions) in enumerate(spec["themes"].items()):
        theme = None
        if theme_name is not None:
            theme = Theme(event_id=event.id, name=theme_name, position=position)
            session.add(theme)
            session.flush()
        for text, body, answer in questions:
            asked += timedelta(hours=17)
            session.add(Question(
                event_id=event.id, theme_id=theme.id if theme else None, text=text, language="de",
                created_at=asked, answer=answer or "", answered_by=body or "",
                answered_at=starts + timedelta(minutes=40) if answer else None,
            ))
