"""Demo content for Lörrach, where the seed saw the format used
("public spaces are integration spaces").

One running campaign with four places, times over two weeks (one of them
open from the start of the day of loading, so a box is open whatever the
hour) and about forty posts over several days: most approved, a few waiting
for review, one hidden with its reason in the moderation log. An earlier
campaign in two neighbourhoods is closed and evaluated. Each event carries
``settings["demo_key"]`` so a second run finds it and adds nothing.
"""
from datetime import time, timedelta

from sqlalchemy import select

from dialogplatform.plugin_api import Event, EventStatus, User, day_at, demo_keys, set_enabled, utcnow

from .models import ModerationEntry, Post, PostSource, PostStatus, Station, TimeWindow
from .services import new_code

DEMO_KEY = "freiraumkisten-loerrach"
MEET, CLEAN, PLAY, INFO = ("Begegnung und Nachbarschaft", "Sauberkeit und Sicherheit", "Spielen und Verweilen",
                           "Informationen und Angebote")
# The topics passers-by choose from, per language (the stored value is the German one).
TOPICS = {"de": "\n".join((MEET, CLEAN, PLAY, INFO)),
          "en": "Meeting and neighbourhood\nCleanliness and safety\nPlaying and lingering\nInformation and services",
          "ar": "اللقاء والجيرة\nالنظافة والأمان\nاللعب والجلوس\nالمعلومات والعروض"}

# key: (name, address, latitude, longitude, [(first day, from hour, last day, until hour)]), days from
# today. The market box has a window from the start of the day of loading to three days later, so
# one station is open at the moment the demo is loaded, whatever the hour.
STATIONS = {
    "markt": ("Marktplatz", "Marktplatz vor dem Rathaus, 79539 Lörrach", 47.6147, 7.6616,
              [(-9, 9, -9, 13), (-6, 9, -6, 13), (-2, 9, -2, 13), (0, 0, 3, 20)]),
    "bahnhof": ("Bahnhof", "Bahnhofsvorplatz, Bahnhofstraße, 79539 Lörrach", 47.6120, 7.6609,
                [(-8, 7, -8, 10), (-5, 16, -5, 19), (-1, 7, -1, 10), (2, 16, 2, 19)]),
    "bibliothek": ("Stadtbibliothek", "Vor der Stadtbibliothek, Baumgartnerstraße 35, 79540 Lörrach", 47.6158, 7.6640,
                   [(-7, 14, -7, 18), (-4, 14, -4, 18), (1, 14, 1, 18)]),
    "gruett": ("Grütt-Park", "Grütt-Park, Eingang Wiesentalstraße, 79540 Lörrach", 47.6226, 7.6683,
               [(-7, 15, -7, 19), (-3, 15, -3, 19), (4, 15, 4, 19)]),
}

# (station, day offset, hour, topic, mood, language, status, text); status PAPER marks
# a paper card the organiser typed in (approved at once, no log entry).
APPROVED, PENDING, PAPER = PostStatus.APPROVED, PostStatus.PENDING, PostSource.PAPER
POSTS = [
    ("markt", -9, 9, MEET, "good", "de", APPROVED, "Schön, dass die Stadt hier direkt fragt. Am Markt treffe ich jede Woche Leute aus der ganzen Welt."),
    ("markt", -9, 10, INFO, "mixed", "de", APPROVED, "Wo gibt es Deutschkurse am Abend? Ich finde die Informationen nur auf Deutsch."),
    ("markt", -9, 11, PLAY, "bad", "de", APPROVED, "Es fehlen Bänke im Schatten. Ältere Menschen können hier nirgends ausruhen."),
    ("markt", -9, 12, MEET, "good", "tr", APPROVED, "Pazar yeri çok güzel, burada komşularımla buluşuyorum."),
    ("markt", -6, 9, CLEAN, "mixed", "de", APPROVED, "Samstags nach dem Markt liegt viel Müll herum. Mehr Mülleimer wären gut."),
    ("markt", -6, 10, MEET, "good", "de", APPROVED, "Das Café am Rathaus ist ein Ort, an dem alle willkommen sind. Davon bitte mehr!"),
    ("markt", -6, 11, INFO, "good", "ar", APPROVED, "شكراً على اللوحات بعدة لغات. أريد أن أعرف أين توجد دروس اللغة للنساء."),
    ("markt", -6, 12, PLAY, "mixed", "de", APPROVED, "Ein Trinkbrunnen auf dem Platz wäre im Sommer wichtig, gerade für Kinder."),
    ("markt", -2, 9, MEET, "good", "de", APPROVED, "Ein Fest der Kulturen auf dem Marktplatz – einmal im Jahr, mit Essen von allen."),
    ("markt", -2, 10, CLEAN, "bad", "de", APPROVED, "Abends fahren Autos mit lauter Musik über den Platz, das macht Angst."),
    ("markt", -2, 11, INFO, "mixed", "de", PAPER, "Ich wusste nicht, dass es einen Integrationsbeirat gibt. Wie kann man mitmachen?"),
    ("markt", 0, 9, MEET, "good", "de", PENDING, "Gerade mit meiner Nachbarin aus Eritrea hier vorbeigekommen – tolle Aktion!"),
    ("bahnhof", -8, 7, CLEAN, "bad", "de", APPROVED, "Die Unterführung ist dunkel und riecht. Nachts gehe ich da nicht mehr durch."),
    ("bahnhof", -8, 8, INFO, "mixed", "de", APPROVED, "Neu angekommene Menschen finden hier keinen Hinweis, wo das Rathaus oder die Beratung ist."),
    ("bahnhof", -8, 9, CLEAN, "mixed", "tr", APPROVED, "İstasyonda daha fazla ışık olmalı, akşamları güvensiz hissediyorum."),
    ("bahnhof", -5, 16, MEET, "good", "de", APPROVED, "Die Bahnhofsmission hilft allen, egal woher. Danke an die Ehrenamtlichen!"),
    ("bahnhof", -5, 17, CLEAN, "bad", "de", APPROVED, "Fahrräder werden hier ständig geklaut. Ein bewachter Fahrradständer fehlt."),
    ("bahnhof", -5, 18, INFO, "good", "ar", APPROVED, "المحطة مهمة لنا، نحتاج خريطة للمدينة بالعربية."),
    ("bahnhof", -5, 18, CLEAN, "bad", "de", PostStatus.HIDDEN, "Hier lungern nur noch diese Leute rum. Die gehören hier nicht her."),
    ("bahnhof", -1, 7, CLEAN, "mixed", "de", APPROVED, "Die neue Beleuchtung am Busbahnhof ist besser, aber der Weg zur Post bleibt dunkel."),
    ("bahnhof", -1, 8, MEET, "good", "de", APPROVED, "Morgens grüßen sich hier inzwischen viele – man kennt sich vom Pendeln."),
    ("bahnhof", -1, 9, INFO, "mixed", "de", PENDING, "Ein Info-Bildschirm mit Terminen der Vereine wäre hilfreich."),
    ("bibliothek", -7, 14, INFO, "good", "de", APPROVED, "Die Bibliothek hat Bücher in vielen Sprachen. Das wissen aber zu wenige."),
    ("bibliothek", -7, 15, MEET, "good", "de", APPROVED, "Das Sprachcafé am Dienstag ist der beste Ort, um Deutsch zu üben und Leute kennenzulernen."),
    ("bibliothek", -7, 16, PLAY, "mixed", "de", APPROVED, "Vor der Bibliothek könnte man Tische aufstellen, dann würden Schülerinnen auch draußen lernen."),
    ("bibliothek", -7, 17, INFO, "good", "ar", APPROVED, "المكتبة جميلة وهادئة، أطفالي يحبون ساعة القراءة."),
    ("bibliothek", -4, 14, INFO, "mixed", "de", APPROVED, "Die Öffnungszeiten am Samstag sind zu kurz für Familien, die unter der Woche arbeiten."),
    ("bibliothek", -4, 15, MEET, "good", "tr", APPROVED, "Kütüphanedeki dil kafesi harika, çok arkadaş edindim."),
    ("bibliothek", -4, 16, PLAY, "good", "de", APPROVED, "Die Vorlesestunde in mehreren Sprachen sollte es jede Woche geben."),
    ("bibliothek", -4, 17, CLEAN, "mixed", "de", PAPER, "Der Fahrradweg vor dem Eingang ist zu eng, es gibt oft gefährliche Situationen."),
    ("gruett", -7, 15, PLAY, "good", "de", APPROVED, "Der Spielplatz ist toll, hier spielen Kinder aus allen Ländern zusammen."),
    ("gruett", -7, 16, CLEAN, "mixed", "de", APPROVED, "Die Toiletten im Park sind oft geschlossen. Für Familien ist das ein Problem."),
    ("gruett", -7, 17, MEET, "good", "ar", APPROVED, "نلتقي هنا كل جمعة للشواء مع جيراننا الألمان. مكان رائع."),
    ("gruett", -7, 18, PLAY, "mixed", "de", APPROVED, "Für Jugendliche gibt es nichts – ein Bolzplatz oder eine Calisthenics-Anlage fehlt."),
    ("gruett", -3, 15, CLEAN, "bad", "de", APPROVED, "Abends liegen Scherben auf der Wiese. Die Kinder können dann nicht barfuß laufen."),
    ("gruett", -3, 16, MEET, "good", "de", APPROVED, "Ein gemeinsamer Garten im Park wäre schön – Gemüse pflanzen verbindet."),
    ("gruett", -3, 17, PLAY, "good", "tr", APPROVED, "Park çok güzel ama daha fazla gölge ve oturma yeri lazım."),
    ("gruett", -3, 18, INFO, "mixed", "de", APPROVED, "Die Regeln für das Grillen sind nur auf Deutsch ausgehängt."),
    ("gruett", -3, 18, MEET, "good", "de", PENDING, "Mehr solche Aktionen, bei denen die Stadt zu den Menschen kommt!"),
    ("gruett", -3, 18, PLAY, "bad", "de", PENDING, "Der Basketballkorb ist seit Wochen kaputt."),
]
HIDE_REASON = "Abwertende Aussage über eine Personengruppe (Netiquette, Punkt 2)."

RUNNING = {
    "demo_key": DEMO_KEY, "days": (-9, 5), "stations": STATIONS, "posts": POSTS,
    "title": {"de": "Öffentliche Räume sind Integrationsräume", "en": "Public spaces are integration spaces",
              "tr": "Kamusal alanlar entegrasyon alanlarıdır", "ar": "الأماكن العامة أماكن للاندماج"},
    "description": {
        "de": "Zwei Wochen lang steht die Freiraumkiste an Orten in der Innenstadt. Sagen Sie uns vor Ort "
              "oder per QR-Code, was diese Orte zu guten Orten für alle macht – anonym und in Ihrer Sprache.",
        "en": "For two weeks the pop-up box stands at places in the town centre. Tell us on the spot or by "
              "QR code what makes these places good for everyone – anonymously and in your language.",
        "ar": "لمدة أسبوعين يقف صندوق الأماكن المفتوحة في أماكن وسط المدينة. أخبرونا في المكان أو عبر رمز QR "
              "بما يجعل هذه الأماكن جيدة للجميع – دون ذكر أسمائكم وبلغتكم.",
    },
    "place_name": "Innenstadt Lörrach (vier Orte)", "address": "Marktplatz, Bahnhof, Stadtbibliothek, Grütt-Park",
    "question": {"de": "Was macht diesen Ort zu einem guten Ort für alle – und was fehlt?",
                 "en": "What makes this a good place for everyone – and what is missing?",
                 "ar": "ما الذي يجعل هذا المكان مكاناً جيداً للجميع – وما الذي ينقصه؟"},
}
# An earlier campaign in two residential areas, closed and evaluated.
PAST = {
    "demo_key": "freiraumkisten-loerrach-stadtteile", "days": (-150, -137),
    "stations": {
        "salzert": ("Salzert, Einkaufszentrum", "Vor dem Einkaufszentrum Salzert, 79540 Lörrach", 47.6265, 7.6552,
                    [(-150, 10, -150, 14), (-146, 15, -146, 19), (-139, 10, -139, 14)]),
        "stetten": ("Stetten, Hebelplatz", "Hebelplatz, 79540 Lörrach-Stetten", 47.6053, 7.6451,
                    [(-149, 15, -149, 19), (-144, 10, -144, 14), (-138, 15, -138, 19)]),
    },
    "posts": [
        ("salzert", -150, 10, MEET, "good", "de", APPROVED, "Im Stadtteiltreff kennt man sich, aber Neue finden den Weg kaum hinein."),
        ("salzert", -150, 11, PLAY, "bad", "de", APPROVED, "Der Spielplatz hinter den Hochhäusern ist seit einem Jahr gesperrt."),
        ("salzert", -150, 12, INFO, "mixed", "ar", APPROVED, "لا نعرف أين نسأل عن دروس اللغة في الحي."),
        ("salzert", -146, 15, CLEAN, "bad", "de", APPROVED, "Die Bushaltestelle ist abends dunkel, da fühle ich mich unsicher."),
        ("salzert", -146, 16, MEET, "good", "tr", APPROVED, "Pazartesi kadın kahvaltısı çok güzel, herkes gelebilir."),
        ("salzert", -139, 11, PLAY, "mixed", "de", APPROVED, "Für Jugendliche fehlt ein Treffpunkt mit Dach, wenn es regnet."),
        ("stetten", -149, 15, MEET, "good", "de", APPROVED, "Der Wochenmarkt am Hebelplatz bringt alle zusammen – bitte erhalten!"),
        ("stetten", -149, 16, CLEAN, "mixed", "de", APPROVED, "Zu wenige Mülleimer rund um den Platz."),
        ("stetten", -144, 11, INFO, "mixed", "de", PAPER, "Die Aushänge im Schaukasten sind nur auf Deutsch."),
        ("stetten", -144, 12, PLAY, "good", "ar", APPROVED, "الساحة جميلة، نحتاج مقاعد أكثر للعائلات."),
        ("stetten", -138, 16, MEET, "good", "de", APPROVED, "Ein Nachbarschaftsfest am Hebelplatz wäre schön."),
    ],
    "title": {"de": "Freiraumkisten in den Stadtteilen Salzert und Stetten",
              "en": "Pop-up boxes in the Salzert and Stetten neighbourhoods",
              "ar": "صناديق الأماكن المفتوحة في حيّي زالتسرت وشتيتن"},
    "description": {
        "de": "Zwei Wochen lang standen die Freiraumkisten in Salzert und Stetten. Die Ergebnisse sind veröffentlicht.",
        "en": "For two weeks the pop-up boxes stood in Salzert and Stetten. The results are published.",
        "ar": "لمدة أسبوعين وُضعت الصناديق في حيّي زالتسرت وشتيتن. النتائج منشورة.",
    },
    "place_name": "Salzert und Stetten (zwei Orte)", "address": "Salzert, Hebelplatz Stetten",
    "question": {"de": "Was macht Ihren Stadtteil zu einem guten Ort für alle – und was fehlt?",
                 "en": "What makes your neighbourhood a good place for everyone – and what is missing?",
                 "ar": "ما الذي يجعل حيّك مكاناً جيداً للجميع – وما الذي ينقصه؟"},
}


def load(municipality, session) -> None:
    if municipality.slug != "loerrach":
        return
    set_enabled(municipality, "freiraumkisten", True)
    made = demo_keys(session, municipality, "freiraumkisten")
    moderator = session.scalar(select(User).filter_by(email="organisation@loerrach.example"))
    for spec in (RUNNING, PAST):  # the running campaign first: it is the one tests and walls open
        if spec["demo_key"] not in made:
            _campaign(municipality, session, spec, moderator)
    session.flush()


def _at(day, hour):
    return day_at(day, time(hour))


def _campaign(municipality, session, spec, moderator) -> None:
    first, last = spec["days"]
    event = Event(
        municipality=municipality, format_key="freiraumkisten", status=EventStatus.PUBLISHED,
        step_free=True,
        title=spec["title"], description=spec["description"],
        starts_at=_at(first, 8), ends_at=_at(last, 20), place_name=spec["place_name"],
        address=spec["address"], languages=["de", "ar", "tr"],
        evaluation_published=True, created_by_id=moderator.id if moderator else None,
        settings={"demo_key": spec["demo_key"], "question": spec["question"], "topics": TOPICS,
                  "hold_for_review": True},
    )
    session.add(event)
    session.flush()
    stations = {}
    for position, (key, (name, address, lat, lon, windows)) in enumerate(spec["stations"].items()):
        station = Station(event_id=event.id, code=new_code(), name=name, address=address, latitude=lat,
                          longitude=lon, position=position)
        station.windows = [TimeWindow(starts_at=_at(day, start), ends_at=_at(until_day, until))
                           for day, start, until_day, until in windows]
        session.add(station)
        stations[key] = station
    session.flush()
    for minute, (key, day, hour, topic, mood, language, status, text) in enumerate(spec["posts"]):
        source = PostSource.PHONE
        if status == PAPER:
            source, status = PostSource.PAPER, APPROVED
        created = min(_at(day, hour) + timedelta(minutes=7 + minute % 50), utcnow() - timedelta(minutes=5))
        post = Post(event_id=event.id, station_id=stations[key].id, topic=topic, mood=mood, text=text,
                    language=language, source=source, status=status, created_at=created)
        session.add(post)
        session.flush()
        if source == PostSource.PHONE and status != PENDING:
            session.add(ModerationEntry(
                event_id=event.id, post_id=post.id, action=status, moderator_id=moderator.id if moderator else None,
                reason=HIDE_REASON if status == PostStatus.HIDDEN else "", created_at=created + timedelta(hours=2)))
    session.flush()
