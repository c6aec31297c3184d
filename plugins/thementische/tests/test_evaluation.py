"""The evaluation: matrix, statements, project ideas with follow-up, exports, privacy."""
import csv
import io
import re

from flask import current_app

from dialogplatform.plugin_api import Event, Process, db
from dialogplatform.plugin_system.enabling import plugin_manager
from dialogplatform.testing import enable, submit
from dialogplatform_formats.thementische import services

from .helpers import sign_up, url


def _fill(dialogue):
    """3 statements at Arbeit, 1 at Frauen; two of them project ideas."""
    event, (_wohnen, _ehrenamt, arbeit, frauen, _bildung), (gut, besser, braucht) = (
        dialogue.event, dialogue.tables, dialogue.questions)
    services.add_statement(event, arbeit, gut, "Das Jobcenter hat feste Ansprechpersonen.")
    services.add_statement(event, arbeit, besser, "=Anerkennung dauert zu lange")
    idea = services.add_statement(event, arbeit, braucht, "Runder Tisch mit Betrieben und Jobcenter", True,
                                  "Thomas Wagner")
    other = services.add_statement(event, frauen, braucht, "Deutschkurse mit Kinderbetreuung", True, "")
    return idea, other


def _hook(name, **kwargs):
    """Call a hook of the plugin like a page does: inside a German request."""
    with current_app.test_request_context("/?lang=de"):
        return plugin_manager().call_one("thementische", name, **kwargs)


def _evaluation(client, event):
    return client.get(f"/{event.municipality.slug}/e/{event.id}/evaluation").get_data(as_text=True)


def test_matrix_counts_statements_per_table_and_question(dialogue):
    _fill(dialogue)
    sections = _hook("evaluation", event=dialogue.event)
    matrix = sections[0]
    assert matrix.table[0] == ["Tisch", "Was läuft gut?", "Was muss verbessert werden?", "Was braucht es?", "Gesamt"]
    assert matrix.table[1:] == [
        ["Bauen & Wohnen", 0, 0, 0, 0], ["Ehrenamt & Beteiligung", 0, 0, 0, 0], ["Arbeit", 1, 1, 1, 3],
        ["Frauen", 0, 0, 1, 1], ["Bildung & Ausbildung", 0, 0, 0, 0], ["Gesamt", 1, 1, 2, 4]]
    assert matrix.chart.startswith('<img class="chart-image"')


def test_published_evaluation_shows_ideas_but_no_contact_names(client, logged_in, people, dialogue):
    _fill(dialogue)
    dialogue.event.evaluation_published = True
    db.session.commit()
    public = _evaluation(client, dialogue.event)
    assert "Aussagen nach Tisch und Frage" in public and "Projektideen" in public
    assert "Runder Tisch mit Betrieben und Jobcenter" in public and "genannt" in public
    assert "Thomas Wagner" not in public
    assert "Thomas Wagner" in _evaluation(logged_in(people.organiser), dialogue.event)


def test_organiser_changes_the_status_of_an_idea(logged_in, people, dialogue):
    idea, _other = _fill(dialogue)
    client = logged_in(people.organiser)
    response = submit(client, url(dialogue.event, "ideas"), {f"i{idea.id}-status": "in_progress"},
                      post_url=url(dialogue.event, f"ideas/{idea.id}/status"), follow_redirects=True)
    assert "Der Status ist gespeichert." in response.get_data(as_text=True)
    db.session.refresh(idea)
    assert idea.status == "in_progress"
    assert "In Arbeit" in _evaluation(client, dialogue.event)
    response = submit(client, url(dialogue.event, "ideas"), {f"i{idea.id}-status": "vielleicht"},
                      post_url=url(dialogue.event, f"ideas/{idea.id}/status"), follow_redirects=True)
    assert "Bitte wählen Sie einen gültigen Status." in response.get_data(as_text=True)
    db.session.refresh(idea)
    assert idea.status == "in_progress"
    assert logged_in(people.moderator).get(url(dialogue.event, "ideas")).status_code == 403


def test_an_idea_becomes_a_round_table_linked_back_once(logged_in, people, dialogue):
    idea, _other = _fill(dialogue)
    client = logged_in(people.organiser)
    response = submit(client, url(dialogue.event, "ideas"), {f"f{idea.id}-format_key": "thementische"},
                      post_url=url(dialogue.event, f"ideas/{idea.id}/follow-up"))
    assert response.status_code == 302
    follow_up = db.session.scalars(db.select(Event).where(Event.origin_event_id == dialogue.event.id)).one()
    assert response.headers["Location"].endswith(f"/organise/events/{follow_up.id}")
    assert follow_up.title["de"] == "Runder Tisch: Runder Tisch mit Betrieben und Jobcenter"
    assert follow_up.title["en"] == "Round table: Runder Tisch mit Betrieben und Jobcenter"
    assert follow_up.status == "draft" and follow_up.format_key == "thementische"
    assert follow_up.origin_note == "Projektidee vom Thementisch „Arbeit“"
    db.session.refresh(idea)
    assert idea.follow_up_event_id == follow_up.id

    submit(client, url(dialogue.event, "ideas"), {f"f{idea.id}-format_key": "thementische"},
           post_url=url(dialogue.event, f"ideas/{idea.id}/follow-up"))
    assert db.session.scalar(db.select(db.func.count(Event.id)).where(Event.origin_event_id == dialogue.event.id)) == 1
    ideas_page = client.get(url(dialogue.event, "ideas")).get_data(as_text=True)
    assert f"/e/{follow_up.id}/" in ideas_page
    follow_up_page = client.get(f"/testort/e/{follow_up.id}/").get_data(as_text=True)
    assert "Erster Flüchtlingsdialog" in follow_up_page and "Projektidee vom Thementisch" in follow_up_page


def test_a_follow_up_meeting_takes_any_enabled_format(logged_in, people, dialogue):
    enable(people.municipality, "themenabend")
    idea, other = _fill(dialogue)
    client = logged_in(people.organiser)
    page = client.get(url(dialogue.event, "ideas")).get_data(as_text=True)
    select = re.search(rf'<select[^>]*name="f{idea.id}-format_key".*?</select>', page, re.S).group(0)
    assert re.findall(r'value="([^"]+)"', select) == ["themenabend", "thementische"]  # enabled ones only
    assert '<option selected value="thementische">' in select  # a theme-table round table unless chosen otherwise

    response = submit(client, url(dialogue.event, "ideas"), {f"f{other.id}-format_key": "frauendialog"},
                      post_url=url(dialogue.event, f"ideas/{other.id}/follow-up"), follow_redirects=True)
    assert "Bitte wählen Sie eines der Formate." in response.get_data(as_text=True)
    response = submit(client, url(dialogue.event, "ideas"), {f"f{idea.id}-format_key": "themenabend"},
                      post_url=url(dialogue.event, f"ideas/{idea.id}/follow-up"))
    follow_up = db.session.scalars(db.select(Event).where(Event.origin_event_id == dialogue.event.id)).one()
    assert response.headers["Location"].endswith(f"/organise/events/{follow_up.id}")
    assert follow_up.format_key == "themenabend" and follow_up.status == "draft"
    assert follow_up.title["de"] == "Runder Tisch: Runder Tisch mit Betrieben und Jobcenter"
    # The draft opens in the event form of its own format.
    assert 'name="ext__themenabend__answering_bodies"' in client.get(
        f"/testort/organise/events/{follow_up.id}").get_data(as_text=True)


def test_statements_that_are_no_ideas_cannot_get_a_follow_up(logged_in, people, dialogue):
    plain = services.add_statement(dialogue.event, dialogue.tables[0], dialogue.questions[0], "Gut.")
    client = logged_in(people.organiser)
    response = submit(client, url(dialogue.event, "ideas"), {},
                      post_url=url(dialogue.event, f"ideas/{plain.id}/follow-up"))
    assert response.status_code == 404


def test_csv_export_has_every_statement_and_no_formulas(logged_in, people, dialogue):
    _fill(dialogue)
    response = logged_in(people.organiser).get(url(dialogue.event, "export.csv"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:6] == ["Tisch", "Frage", "Aussage", "Projektidee", "Kontaktperson", "Status"]
    assert len(rows) == 5
    assert ["Arbeit", "Was muss verbessert werden?", "'=Anerkennung dauert zu lange"] == rows[2][:3]
    assert rows[3][3:6] == ["ja", "Thomas Wagner", "Offen"]


def test_printable_page_has_all_sections_and_print_css(logged_in, people, dialogue):
    _fill(dialogue)
    html = logged_in(people.organiser).get(url(dialogue.event, "print")).get_data(as_text=True)
    assert "Ergebnis: Erster Flüchtlingsdialog" in html
    assert "thementische.css" in html and "Tisch „Arbeit“" in html and "Thomas Wagner" in html
    css = logged_in(people.organiser).get(url(dialogue.event, "static/thementische.css"))
    assert css.status_code == 200 and b"@media print" in css.data


def test_event_page_links_organisers_to_print_and_csv(client, logged_in, people, dialogue):
    public = client.get(f"/testort/e/{dialogue.event.id}/").get_data(as_text=True)
    assert "Die Thementische" in public and "Ergebnis als CSV" not in public
    html = logged_in(people.organiser).get(f"/testort/e/{dialogue.event.id}/").get_data(as_text=True)
    assert url(dialogue.event, "print") in html and url(dialogue.event, "export.csv") in html


def test_seating_numbers_in_the_evaluation(logged_in, people, dialogue):
    _fill(dialogue)
    arbeit, frauen = dialogue.tables[2], dialogue.tables[3]
    sign_up(dialogue.event, "Hassan Ali", arbeit, frauen)
    sign_up(dialogue.event, "Amal Haddad", frauen, arbeit)
    sign_up(dialogue.event, "Abgesagt", frauen, arbeit, status="cancelled")
    services.assign_round(dialogue.event, 1)
    sections = _hook("evaluation", event=dialogue.event)
    seating = next(s for s in sections if s.title == "Tischwünsche und Sitzordnung")
    assert seating.table[0] == ["Tisch", "Plätze", "Erstwünsche", "Zweitwünsche", "Platziert in Runde 1"]
    assert seating.table[3] == ["Arbeit", 30, 1, 1, 1]
    assert seating.table[4] == ["Frauen", 30, 1, 1, 1]


def test_recommendation_sources_are_the_project_ideas(dialogue):
    idea, other = _fill(dialogue)
    sources = _hook("recommendation_sources", event=dialogue.event)
    assert [(s.ref, s.text, s.topic, s.kind) for s in sources] == [
        (f"idea:{idea.id}", idea.text, "Arbeit", "Projektidee"),
        (f"idea:{other.id}", other.text, "Frauen", "Projektidee")]


def test_anonymising_clears_contacts_and_keeps_the_numbers(dialogue):
    idea, _other = _fill(dialogue)
    manager = plugin_manager()
    before = _hook("evaluation", event=dialogue.event)[0].table
    manager.call_each("anonymise_event", event=dialogue.event)
    manager.call_each("anonymise_event", event=dialogue.event)  # idempotent
    db.session.commit()
    db.session.refresh(idea)
    assert idea.contact_name == "" and idea.is_idea
    assert _hook("evaluation", event=dialogue.event)[0].table == before


def test_privacy_export_and_erase_of_a_moderator(people, dialogue):
    table = dialogue.tables[1]
    services.update_table(table, table.theme, table.seats, people.moderator.id, "")
    manager = plugin_manager()
    exported = manager.call_one("thementische", "privacy_export", user=people.moderator)
    assert exported == {"moderated_tables": [
        {"event_id": dialogue.event.id, "event": "Erster Flüchtlingsdialog", "table": "Ehrenamt & Beteiligung"}]}
    assert manager.call_one("thementische", "privacy_export", user=people.participant) is None
    manager.call_each("privacy_erase", user=people.moderator)
    db.session.commit()
    db.session.refresh(table)
    assert table.moderator_id is None


def test_process_report_sums_themes_and_lists_ideas_without_contacts(people, dialogue):
    idea, _other = _fill(dialogue)
    process = Process(municipality_id=people.municipality.id, title={"de": "Dialogprozess"})
    db.session.add(process)
    db.session.flush()
    dialogue.event.process_id = process.id
    db.session.commit()
    themes, ideas = _hook("process_report_sections", process=process)
    assert themes.table == [["Thema", "Aussagen", "Projektideen"], ["Arbeit", 3, 1], ["Frauen", 1, 1]]
    assert ideas.table[1] == [idea.text, "Arbeit", "Erster Flüchtlingsdialog", "Offen"]
    assert "Thomas Wagner" not in repr(ideas.table)


def test_another_municipality_cannot_create_a_follow_up(logged_in, people, dialogue, other_moderator):
    idea, _other = _fill(dialogue)
    enable(people.other_municipality, "thementische")
    client = logged_in(other_moderator)
    follow_up = url(dialogue.event, f"ideas/{idea.id}/follow-up")
    data = {f"f{idea.id}-format_key": "thementische"}
    assert submit(client, "/anderswo/", data, post_url=follow_up).status_code == 403
    assert submit(client, "/anderswo/", data, post_url=follow_up.replace("/testort/", "/anderswo/")).status_code == 404
    assert db.session.scalar(db.select(db.func.count(Event.id)).where(Event.origin_event_id == dialogue.event.id)) == 0
