"""The evaluation: ranked critique and visions per theme, the dots per theme
(chart and table), the action plan; the printable page, the CSV exports,
recommendation sources and the privacy hooks."""
from datetime import date

from dialogplatform.plugin_api import db
from dialogplatform_formats.zukunftswerkstatt import evaluation, plugin, services, voting
from dialogplatform_formats.zukunftswerkstatt.models import Card, Vote

from .helpers import add_card, theme, url


def _dots(event, card, count, participant="p"):
    for number in range(count):
        voting.cast_vote(event.id, card.id, f"{participant}{number}")


def _voted_workshop(event):
    """Critique and visions with known dots, and two measures."""
    little = add_card(event, "Die Waschmaschinen sind kaputt")
    much = add_card(event, "Keine Antwort auf Wohnungsanzeigen")
    language = add_card(event, "Lange Wartezeit auf Sprachkurse", theme_name="Sprache & Bildung")
    vision = add_card(event, "Eine Wohnungsbörse der Stadt", phase="fantasy")
    services.set_phase(event, "fantasy")
    _dots(event, much, 3)
    _dots(event, little, 1)
    _dots(event, language, 2)
    services.set_phase(event, "realisation")
    _dots(event, vision, 2)
    services.add_measure(event, what="Wohnraumbeauftragte einsetzen", who="Stadtverwaltung",
                         due_on=date(2031, 6, 30), addressee="municipality", theme_id=theme(event).id)
    services.add_measure(event, what="Mehr Vorbereitungsklassen", who="Staatliches Schulamt", due_on=None,
                         addressee="land", theme_id=theme(event, "Sprache & Bildung").id)
    return much, little, language, vision


def test_sections_rank_cards_by_dots_per_theme(app, workshop):
    _voted_workshop(workshop)
    with app.test_request_context():
        sections = evaluation.sections(workshop)
    critique, visions, distribution, plan = sections
    assert critique.table == [
        ["Thema", "Rang", "Karte", "Punkte"],
        ["Bauen & Wohnen", 1, "Keine Antwort auf Wohnungsanzeigen", 3],
        ["Bauen & Wohnen", 2, "Die Waschmaschinen sind kaputt", 1],
        ["Sprache & Bildung", 1, "Lange Wartezeit auf Sprachkurse", 2],
    ]
    assert visions.table[1] == ["Bauen & Wohnen", 1, "Eine Wohnungsbörse der Stadt", 2]
    assert distribution.table == [
        ["Thema", "Punkte auf Kritik", "Punkte auf Visionen"],
        ["Bauen & Wohnen", 4, 2], ["Sprache & Bildung", 2, 0], ["Sorgen & Bedenken", 0, 0],
    ]
    assert distribution.chart.startswith('<img class="chart-image"')
    assert "3 Kritikkarten, 1 Visionen und 0 Vorschläge" in distribution.text
    assert plan.table[1][:4] == ["Wohnraumbeauftragte einsetzen", "Stadtverwaltung", "30.06.2031", "Kommune"]
    assert plan.table[2][3] == "Land"


def test_hidden_cards_are_left_out_of_the_evaluation(app, workshop):
    card = add_card(workshop, "Beleidigung")
    services.set_hidden(card, True)
    with app.test_request_context():
        assert evaluation.sections(workshop)[0].text == "In dieser Phase wurden keine Karten geschrieben."


def test_evaluation_page_printable_page_and_csv_for_the_public_once_published(app, client, workshop, people):
    _voted_workshop(workshop)
    for path in ("evaluation/print", "evaluation.csv", "plan.csv"):
        assert client.get(url(workshop, path)).status_code == 404
    workshop.evaluation_published = True
    db.session.commit()
    core = client.get(f"/testort/e/{workshop.id}/evaluation").get_data(as_text=True)
    assert "Kritik: Was uns stört" in core and "Keine Antwort auf Wohnungsanzeigen" in core
    printable = client.get(url(workshop, "evaluation/print")).get_data(as_text=True)
    assert "print.css" in printable and "Verteilung der Punkte" in printable and "Aktionsplan" in printable

    response = client.get(url(workshop, "evaluation.csv"))
    assert response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert lines[0] == "Phase;Thema;Rang;Karte;Sprache;Übersetzung;Punkte"
    first = next(line for line in lines if "Keine Antwort" in line)
    assert first.startswith("Kritik;Bauen & Wohnen;1;Keine Antwort auf Wohnungsanzeigen;") and first.endswith(";;3")
    plan = client.get(url(workshop, "plan.csv")).get_data(as_text=True)
    assert "Wohnraumbeauftragte einsetzen;Stadtverwaltung;2031-06-30;Kommune;Bauen & Wohnen" in plan


def test_csv_cannot_inject_formulas(logged_in, workshop, people):
    add_card(workshop, "=HYPERLINK(\"http://evil\")")
    text = logged_in(people.organiser).get(url(workshop, "evaluation.csv")).get_data(as_text=True)
    assert "\"'=HYPERLINK" in text  # shown as text, never run


def test_recommendation_sources_are_the_measures(app, workshop):
    _voted_workshop(workshop)
    with app.test_request_context(headers={"Accept-Language": "de"}):
        sources = plugin.recommendation_sources(workshop)
    assert [(s.kind, s.addressee, s.topic) for s in sources] == [
        ("Maßnahme", "municipality", "Bauen & Wohnen"), ("Maßnahme", "land", "Sprache & Bildung")]
    assert sources[0].text.startswith("Wohnraumbeauftragte einsetzen (Stadtverwaltung, 2031-06-30)")
    assert len({s.ref for s in sources}) == 2


def test_privacy_export_and_erase_only_touch_cards_staff_wrote_on_behalf(workshop, people):
    add_card(workshop, "Anonyme Karte")
    services.write_card(workshop, theme_id=theme(workshop).id, phase="critique", text="Für Frau A. geschrieben",
                        language="de", staff_user=people.moderator)
    exported = plugin.privacy_export(people.moderator)
    assert [c["text"] for c in exported["cards_written_on_behalf"]] == ["Für Frau A. geschrieben"]
    assert plugin.privacy_export(people.participant) is None
    plugin.privacy_erase(people.moderator)
    db.session.commit()
    assert plugin.privacy_export(people.moderator) is None
    assert db.session.scalar(db.select(db.func.count(Card.id))) == 2  # the words stay


def _participant_ids(model) -> set:
    return set(db.session.scalars(db.select(model.participant_id).where(model.participant_id.is_not(None))))


def test_anonymising_replaces_participant_ids_and_keeps_the_counts(app, workshop):
    much, little, language, vision = _voted_workshop(workshop)
    with app.test_request_context():
        before = evaluation.sections(workshop)
    cookies = _participant_ids(Vote) | _participant_ids(Card)
    plugin.anonymise_event(workshop)
    db.session.commit()
    replaced = _participant_ids(Vote) | _participant_ids(Card)
    plugin.anonymise_event(workshop)  # idempotent
    db.session.commit()
    # No cookie's id is left; the number of devices stays (participation figures).
    assert not replaced & cookies and len(replaced) == len(cookies) == 4
    assert _participant_ids(Vote) | _participant_ids(Card) == replaced
    with app.test_request_context():
        after = evaluation.sections(workshop)
    assert [s.table for s in after] == [s.table for s in before]
