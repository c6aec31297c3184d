"""The comparison of all sites, a meeting's evaluation, recommendation
sources and the personal data of the format."""
from dialogplatform.plugin_api import Process, db
from dialogplatform.plugin_system.enabling import plugin_manager
from dialogplatform_formats.dezentrale_dialoge.evaluation import comparison
from dialogplatform_formats.dezentrale_dialoge.models import Entry

from .conftest import add_entries
from .helpers import rows, series_url


def _fill(world):
    """Wohnen at two sites (3 entries), Arbeit at one site (4 entries),
    Sprachkurse at all three sites (3 entries)."""
    add_entries(world.meetings["Unterkunft Nord"], [
        ("concern", "Wohnen", "Zu eng."), ("wish", "Wohnen", "Eigene Wohnung."),
        ("concern", "Arbeit", "Keine Erlaubnis."), ("concern", "Arbeit", "Abschluss nicht anerkannt."),
        ("wish", "Arbeit", "Praktika."), ("wish", "Arbeit", "Jobbörse."),
        ("wish", "Sprachkurse", "Kurse am Abend."),
    ])
    add_entries(world.meetings["Unterkunft Süd"], [
        ("concern", "Wohnen", "Schimmel."), ("concern", "Sprachkurse", "Warteliste."),
    ])
    add_entries(world.meetings["Treff Mitte"], [("wish", "Sprachkurse", "Tandems.")])


def test_comparison_counts_per_site_and_ranks_recurring_topics_first(world):
    _fill(world)
    data = comparison(world.series)
    assert [(g.stage.name, [s.name for s in g.sites]) for g in data.groups] == [
        ("1. Unterkünfte", ["Unterkunft Nord", "Unterkunft Süd"]), ("2. Nachbarschaftstreffs", ["Treff Mitte"])]
    table = [(r.topic, r.cells, r.sites, r.concerns, r.wishes, r.total) for r in data.rows]
    assert table == [
        ("Sprachkurse", [1, 1, 1], 3, 1, 2, 3),  # three sites beat ...
        ("Wohnen", [2, 1, 0], 2, 2, 1, 3),       # ... two sites beat ...
        ("Arbeit", [4, 0, 0], 1, 2, 2, 4),       # ... the most entries at one site
    ]


def test_cancelled_meetings_are_left_out_of_the_comparison(world):
    _fill(world)
    world.meetings["Treff Mitte"].status = "cancelled"
    db.session.commit()
    data = comparison(world.series)
    assert [g.stage.name for g in data.groups] == ["1. Unterkünfte"]
    assert data.rows[0].topic == "Wohnen"  # Sprachkurse now at two sites with 2 entries, Wohnen 3


def test_meeting_evaluation_shows_its_numbers_and_links_to_the_series(logged_in, world):
    _fill(world)
    event = world.meetings["Unterkunft Nord"]
    html = logged_in(world.people.organiser).get(f"/testort/e/{event.id}/evaluation").get_data(as_text=True)
    assert '<th scope="row"><span dir="auto">Arbeit</span></th><td>2</td><td>2</td><td>4</td>' in html
    assert '<th scope="row"><span dir="auto">Gesamt</span></th><td>3</td><td>4</td><td>7</td>' in html
    assert f'href="{series_url(world.series)}"' in html
    assert "Alle Standorte der Reihe „Dialoge Testort“ vergleichen" in html
    assert 'class="chart-image"' in html


def test_meeting_without_entries_says_so(logged_in, world):
    event = world.meetings["Treff Mitte"]
    html = logged_in(world.people.organiser).get(f"/testort/e/{event.id}/evaluation").get_data(as_text=True)
    assert "Es wurden keine Anliegen oder Wünsche notiert." in html


def test_recommendation_sources_are_the_entries_grouped_by_topic(app, world):
    _fill(world)
    with app.test_request_context("/?lang=de"):
        sources = plugin_manager().call_one(
            "dezentrale_dialoge", "recommendation_sources", event=world.meetings["Unterkunft Nord"])
    assert [s.topic for s in sources] == ["Arbeit"] * 4 + ["Sprachkurse", "Wohnen", "Wohnen"]
    assert {s.kind for s in sources} == {"Anliegen", "Wunsch"}
    assert all(s.ref.startswith("entry:") for s in sources)


def test_privacy_export_erase_and_anonymise(world):
    from dialogplatform_formats.dezentrale_dialoge import plugin

    moderator = world.people.moderator
    event = world.meetings["Unterkunft Nord"]
    db.session.add_all([Entry(event_id=event.id, kind="wish", topic="Wohnen", text="Mehr Wohnungen.",
                              created_by_id=moderator.id),
                        Entry(event_id=world.meetings["Unterkunft Süd"].id, kind="concern", topic="Arbeit",
                              text="Lange Wartezeit.", created_by_id=moderator.id)])
    db.session.commit()
    exported = plugin.privacy_export(moderator)
    assert [e["text"] for e in exported["entries_recorded"]] == ["Mehr Wohnungen.", "Lange Wartezeit."]
    assert plugin.privacy_export(world.people.participant) is None

    plugin.anonymise_event(event)
    plugin.anonymise_event(event)  # idempotent
    db.session.commit()
    assert sorted((e.text, e.created_by_id) for e in rows(Entry)) == [
        ("Lange Wartezeit.", moderator.id), ("Mehr Wohnungen.", None)]

    plugin.privacy_erase(moderator)
    db.session.commit()
    assert all(e.created_by_id is None for e in rows(Entry)) and len(rows(Entry)) == 2
    site = world.sites["Unterkunft Nord"]
    db.session.refresh(site)
    assert site.contact_name == "Kontakt Unterkunft Nord"  # sites are long-lived; retention leaves them


def test_process_report_ranks_topics_across_the_process_meetings(app, world):
    from dialogplatform_formats.dezentrale_dialoge import plugin

    process = Process(municipality_id=world.people.municipality.id, title={"de": "Dialogprozess"})
    db.session.add(process)
    db.session.flush()
    for name in ("Unterkunft Nord", "Unterkunft Süd"):  # "Treff Mitte" is not part of the process
        world.meetings[name].process_id = process.id
    db.session.commit()
    _fill(world)
    with app.test_request_context("/?lang=de"):
        [section] = plugin.process_report_sections(process)
    assert section.title == "Dezentrale Dialoge: Anliegen und Wünsche im ganzen Prozess"
    assert section.table[1:] == [["Wohnen", 2, 2, 1, 3], ["Sprachkurse", 2, 1, 1, 2], ["Arbeit", 1, 2, 2, 4]]
