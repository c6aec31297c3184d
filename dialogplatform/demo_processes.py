"""Demo dialogue process for Schwäbisch Gmünd: the three steps, a steering
group, funding and four recommendations, one answered by the Land.

Runs after the formats' ``demo_data`` so it can link the events they made
(each format's demo says at which step, in ``process_step``; the core names
no format) and turn project ideas of step 2 into recommendations. Idempotent: the process is found by its title
(or, renamed, as the process of the demo events), events are
only linked while they belong to no process, recommendations only added
to a process that has none, the actor and topic maps only drawn for a
process without actors.
"""
from datetime import timedelta

from flask import current_app

from .extensions import db
from .models import (
    Event,
    FundingProgramme,
    Process,
    ProcessActor,
    ProcessActorRelation,
    ProcessTopic,
    Recommendation,
    SteeringMeeting,
    SteeringMember,
)
from .services import funding
from .services import processes as process_service
from .services import recommendations as recommendation_service

SLUG = "schwaebisch-gmuend"
TITLE = "Flüchtlingsdialog Schwäbisch Gmünd"
# Follow-up events (e.g. round tables from project ideas) belong to step 3.
FOLLOW_UP_STEP = 3
# Recommendations come from the results of the events of this step.
IDEAS_STEP = 2
MEMBERS = [  # name, organisation, role, public consent
    ("Claudia Berger", "Stadt Schwäbisch Gmünd, Integrationsbeauftragte", "Vorsitz", True),
    ("Ahmad Karimi", "Freundeskreis Asyl", "Vertreter der Ehrenamtlichen", True),
    ("Leyla Hassan", "Frauencafé im Stadtteilzentrum", "Vertreterin geflüchteter Frauen", True),
    ("Martin Scholz", "Evangelische Kirchengemeinde", "Mitglied", False),
    ("Nadia Rahimi", "Bewohnerinnenrat der Gemeinschaftsunterkunft", "Mitglied", False),
]
RULES = (
    "1. Alle, die in Schwäbisch Gmünd leben, können mitmachen – mit oder ohne Fluchtgeschichte.\n"
    "2. Jede Stimme zählt gleich; Dolmetscherinnen und Dolmetscher sorgen dafür, dass alle verstanden werden.\n"
    "3. Wir sprechen respektvoll miteinander und hören einander zu.\n"
    "4. Ergebnisse werden veröffentlicht; Empfehlungen verfolgen wir öffentlich, bis sie beantwortet sind.\n"
    "5. Niemand wird ohne Zustimmung namentlich genannt."
)
# (words to find the theme-table idea, fallback text, topic, addressee, detail, [(days ago, status, text, answer)])
RECOMMENDATIONS = [
    ("Fahrradkurs", "Ein Fahrradkurs für Frauen.", "Frauen", "land", "Polizei (Polizeipräsidium Aalen, Verkehrsprävention)", [
        (40, "forwarded", "An das Polizeipräsidium Aalen weitergeleitet mit der Bitte um ein Angebot für Frauen.", ""),
        (12, "answered", "Antwort des Polizeipräsidiums ist eingegangen.",
         "Die Verkehrsprävention des Polizeipräsidiums Aalen bietet ab Mai zwei Radfahrkurse für Frauen an, "
         "jeweils sechs Termine mit Verkehrssicherheitstraining. Die Stadt stellt Dolmetscherinnen und die "
         "Kinderbetreuung."),
    ]),
    ("Runder Tisch", "Ein Runder Tisch mit Betrieben, Jobcenter und Ausländerbehörde, um Fälle schneller zu klären.",
     "Arbeit", "other", "Jobcenter Ostalbkreis und Handwerkskammer", [
         (30, "forwarded", "Einladung an Jobcenter, Ausländerbehörde und Handwerkskammer verschickt.", ""),
         (10, "in_progress", "Der erste Runde Tisch ist terminiert.", ""),
     ]),
    ("Kinderbetreuung", "Deutschkurse mit Kinderbetreuung direkt im Stadtteil.", "Frauen", "municipality",
     "Amt für Bildung und Sport", [
         (20, "done", "Seit März läuft ein Kurs im Stadtteilzentrum Hardt mit Kinderbetreuung.", ""),
     ]),
    ("Mietpatenschaft", "Eine Mietpatenschaft: Ehrenamtliche begleiten beim ersten Mietvertrag.",
     "Bauen & Wohnen", "municipality", "Amt für Familie und Soziales", []),
]

# Actor map: name, kind, contact (staff only).
ACTORS = [
    ("Stadtverwaltung", "administration", "Integrationsbeauftragte, Tel. 07171 603-0"),
    ("Landratsamt Ostalbkreis", "administration", "Amt für Migration, migration@ostalbkreis.example"),
    ("Freundeskreis Asyl", "volunteers", "Sprecherin: Ute Maier, freundeskreis@example.org"),
    ("Ev. Kirchengemeinde", "churches", "Pfarramt, pfarramt@example.org"),
    ("Moschee-Verein", "clubs", "Vorstand, Tel. 07171 555 12"),
    ("Gemeinschaftsunterkunft", "accommodations", "Heimleitung, Tel. 07171 555 40"),
    ("Polizeirevier", "police", "Bezirksdienst, Tel. 07171 358-0"),
    ("Berufsschule", "schools", "Schulsozialarbeit, sozialarbeit@berufsschule.example"),
    ("Handwerkskammer", "employers", "Willkommenslotse, lotse@hwk.example"),
    ("Jobcenter", "administration", "Team Migration, jobcenter@example.org"),
]
RELATIONS = [  # source, kind, target
    ("Landratsamt Ostalbkreis", "funds", "Gemeinschaftsunterkunft"),
    ("Stadtverwaltung", "cooperates", "Freundeskreis Asyl"),
    ("Stadtverwaltung", "informs", "Polizeirevier"),
    ("Freundeskreis Asyl", "supports", "Gemeinschaftsunterkunft"),
    ("Ev. Kirchengemeinde", "supports", "Freundeskreis Asyl"),
    ("Moschee-Verein", "cooperates", "Ev. Kirchengemeinde"),
    ("Polizeirevier", "informs", "Gemeinschaftsunterkunft"),
    ("Berufsschule", "cooperates", "Handwerkskammer"),
    ("Jobcenter", "funds", "Berufsschule"),
    ("Handwerkskammer", "informs", "Jobcenter"),
    ("Stadtverwaltung", "funds", "Freundeskreis Asyl"),
]
TOPICS = [  # name, concerns, Handlungsoptionen, actors
    ("Wohnen", "Die Gemeinschaftsunterkunft ist voll; Familien finden kaum eine eigene Wohnung.",
     "Städtische Wohnungen für Anschlussunterbringung reservieren; Mietpatenschaften des Freundeskreises fördern.",
     ["Stadtverwaltung", "Gemeinschaftsunterkunft", "Freundeskreis Asyl"]),
    ("Sprache", "Zu wenige Deutschkurse am Abend und mit Kinderbetreuung.",
     "Räume in Kirchengemeinde und Stadtteilzentrum für Kurse öffnen; Ehrenamtliche Sprachpaten gewinnen.",
     ["Ev. Kirchengemeinde", "Freundeskreis Asyl", "Berufsschule"]),
    ("Arbeit", "Anerkennung von Abschlüssen dauert lange; Betriebe wissen wenig über Arbeitserlaubnisse.",
     "Runder Tisch mit Jobcenter, Handwerkskammer und Betrieben; Praktikumsbörse an der Berufsschule.",
     ["Jobcenter", "Handwerkskammer", "Berufsschule"]),
    ("Sicherheit", "Unsicherheit rund um die Unterkunft; Gerüchte in sozialen Netzwerken.",
     "Sprechstunde des Bezirksdienstes in der Unterkunft; gemeinsame Informationsabende.",
     ["Polizeirevier", "Gemeinschaftsunterkunft", "Stadtverwaltung"]),
    ("Begegnung", "Alteingesessene und Neuangekommene begegnen sich selten.",
     "Interkulturelles Fest im Sommer; offene Treffs in Moschee-Verein und Kirchengemeinde.",
     ["Moschee-Verein", "Ev. Kirchengemeinde", "Freundeskreis Asyl"]),
]


def load(municipality) -> None:
    if municipality.slug != SLUG:
        return
    funding.ensure_catalogue()
    process = _demo_process(municipality)
    if process is None:
        process = _process(municipality)
    _link_events(process)
    if not db.session.scalar(db.select(ProcessActor.id).where(ProcessActor.process_id == process.id).limit(1)):
        _landscape(process)
    if not db.session.scalar(db.select(Recommendation.id).where(Recommendation.process_id == process.id).limit(1)):
        # Formats word their results for a request (language, links); the
        # CLI has none, so give them one.
        with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
            _recommendations(process)
    db.session.commit()


def _demo_process(municipality) -> Process | None:
    """The process an earlier run made: found by its title or, once an
    organiser renamed it, as the process of the formats' demo events."""
    process = db.session.scalar(db.select(Process).where(
        Process.municipality_id == municipality.id, Process.title["de"].as_string() == TITLE))
    if process is not None:
        return process
    linked = db.session.scalars(db.select(Event).where(
        Event.municipality_id == municipality.id, Event.process_id.is_not(None)).order_by(Event.id))
    return next((event.process for event in linked if (event.settings or {}).get("demo_key")), None)


def _process(municipality) -> Process:
    today = recommendation_service.today()
    programme = db.session.scalar(db.select(FundingProgramme).filter_by(key="kommunale_fluechtlingsdialoge"))
    process = Process(
        municipality=municipality, published=True, current_step=3, rules_of_participation=RULES,
        title={"de": TITLE, "en": "Refugee dialogue Schwäbisch Gmünd"},
        description={
            "de": "Wie leben wir zukünftig zusammen? Verwaltung, Ehrenamt, Engagierte und Geflüchtete beraten "
                  "gemeinsam – an Thementischen, im Frauendialog und an Runden Tischen.",
            "en": "How will we live together? Administration, volunteers and refugees discuss together – at "
                  "theme tables, in a women's dialogue and at round tables.",
        },
        funding_programme_id=programme.id if programme else None, funding_amount_eur=4500 if programme else None,
        documentation_due=today + timedelta(days=90),
    )
    process_service.ensure_steps(process)
    dates = {1: (120, 70), 2: (69, 30), 3: (29, None)}
    summaries = {
        1: "Beratung durch die Landeszentrale für politische Bildung; Themen- und Akteurslandkarte mit "
           "Verwaltung, Freundeskreis Asyl, Kirchen, Schulen und Jobcenter erstellt.",
        2: "Erster Flüchtlingsdialog mit rund 150 Personen an fünf moderierten Thementischen.",
        3: "Frauendialog und Runde Tische zu den Projektideen; Empfehlungen an Stadt und Land.",
    }
    for step in process.steps:
        start, end = dates[step.number]
        step.starts_on = today - timedelta(days=start)
        step.ends_on = today - timedelta(days=end) if end else None
        step.summary = summaries[step.number]
    for name, organisation, role, consent in MEMBERS:
        process.members.append(SteeringMember(name=name, organisation=organisation, role=role, public_consent=consent))
    process.meetings.append(SteeringMeeting(
        held_on=today - timedelta(days=110), public=True,
        minutes="Die Begleitgruppe hat sich konstituiert und die Regeln der Beteiligung vereinbart. "
                "Der Auftakt findet mit fünf Thementischen statt."))
    process.meetings.append(SteeringMeeting(
        held_on=today - timedelta(days=25), public=False,
        minutes="Auswertung des Auftakts; Termine für die Runden Tische; Rückmeldungen aus der Unterkunft."))
    db.session.add(process)
    db.session.flush()
    return process


def _landscape(process: Process) -> None:
    """The actor and topic map of step 1, published."""
    actors = {name: ProcessActor(process_id=process.id, name=name, kind=kind, contact=contact)
              for name, kind, contact in ACTORS}
    db.session.add_all(actors.values())
    db.session.flush()
    db.session.add_all(ProcessActorRelation(process_id=process.id, source_id=actors[source].id,
                                            target_id=actors[target].id, kind=kind)
                       for source, kind, target in RELATIONS)
    db.session.add_all(ProcessTopic(process_id=process.id, name=name, concerns=concerns, options=options,
                                    actors=[actors[a] for a in involved])
                       for name, concerns, options, involved in TOPICS)
    process.analysis_published = True
    db.session.flush()


def _link_events(process: Process) -> None:
    events = db.session.scalars(db.select(Event).where(
        Event.municipality_id == process.municipality_id, Event.process_id.is_(None))).all()
    for event in events:
        step = FOLLOW_UP_STEP if event.origin_event_id else event.process_step
        if step:
            event.process_id, event.process_step = process.id, step
    db.session.flush()


def _ideas(process: Process):
    """The first event of the ideas step whose format offers results, and those results."""
    for event in db.session.scalars(db.select(Event).where(
            Event.process_id == process.id, Event.process_step == IDEAS_STEP).order_by(Event.starts_at, Event.id)):
        sources = recommendation_service.candidates(event)[0]
        if sources:
            return event, sources
    return None, []


def _recommendations(process: Process) -> None:
    today = recommendation_service.today()
    theme_tables, sources = _ideas(process)
    for words, text, topic, addressee, detail, history in RECOMMENDATIONS:
        source = next((s for s in sources if words.lower() in s.text.lower()), None)
        recommendation = recommendation_service.build(
            process.municipality, {"text": source.text if source else text, "topic": topic, "addressee": addressee,
                                   "responsible_body": detail, "process_id": process},
            None, event=theme_tables if source else None, source=source)
        recommendation.updates[0].happened_on = today - timedelta(days=50)
        db.session.flush()
        for days_ago, status, note, answer in history:
            recommendation_service.add_update(recommendation, happened_on=today - timedelta(days=days_ago),
                                              status=status, text=note, answer=answer)
