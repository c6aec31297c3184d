"""Moderators record concerns, wishes and walk-ins during a meeting."""
import re

from dialogplatform.plugin_api import Registration, db, utcnow
from dialogplatform.testing import csrf_token_from, submit
from dialogplatform_formats.dezentrale_dialoge.models import Entry, Meeting

from .helpers import attendance_url, count, entries_url, live_url, rows


def test_moderator_records_a_concern_with_a_listed_topic(logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    client = logged_in(world.people.moderator)
    response = submit(client, live_url(event), {
        "kind": "concern", "topic": "Wohnen", "other_topic": "", "text": "Zu viele Menschen in einem Zimmer.",
    }, post_url=entries_url(event))
    assert response.status_code == 302
    page = client.get(live_url(event)).get_data(as_text=True)
    assert "Gespeichert." in page and "Zu viele Menschen in einem Zimmer." in page
    assert "Kontakt Unterkunft Nord" in page  # staff see the site contact
    [entry] = rows(Entry)
    assert (entry.kind, entry.topic, entry.created_by_id) == ("concern", "Wohnen", world.people.moderator.id)


def test_htmx_entry_swaps_the_block_and_keeps_kind_and_topic(logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    response = submit(logged_in(world.people.moderator), live_url(event), {
        "kind": "wish", "topic": "Sprachkurse", "text": "Kurse am Abend.",
    }, post_url=entries_url(event), headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith("<section id=\"dd-live\"") and "<html" not in html
    assert "Gespeichert." in html and "Kurse am Abend." in html
    assert re.search(r'<input checked[^>]*value="wish"', html)
    assert re.search(r'<option selected value="Sprachkurse">', html)
    assert "Kurse am Abend.</textarea>" not in html  # the form is empty for the next entry


def test_free_topic_is_used_and_matched_to_the_list(logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    client = logged_in(world.people.moderator)
    for other in ("Gesundheit", "wohnen"):
        submit(client, live_url(event), {"kind": "wish", "topic": "__other__", "other_topic": other,
                                         "text": "Text"}, post_url=entries_url(event))
    assert sorted(e.topic for e in rows(Entry)) == ["Gesundheit", "Wohnen"]


def test_invalid_entry_keeps_the_text_gives_german_errors_and_saves_nothing(logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    client = logged_in(world.people.moderator)
    text = "Lärm " * 101  # 505 characters
    response = submit(client, live_url(event), {"kind": "concern", "topic": "Wohnen", "text": text},
                      post_url=entries_url(event), headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Bitte schreiben Sie höchstens 500 Zeichen." in html and text.strip() in html
    response = submit(client, live_url(event), {"kind": "concern", "topic": "__other__", "other_topic": "",
                                                "text": "Etwas"}, post_url=entries_url(event))
    assert "Bitte schreiben Sie das Thema." in response.get_data(as_text=True)
    response = submit(client, live_url(event), {"kind": "idea", "topic": "Wohnen", "text": "Etwas"},
                      post_url=entries_url(event))
    assert response.status_code == 200
    response = submit(client, live_url(event), {"kind": "wish", "topic": "Nicht in der Liste", "text": "x"},
                      post_url=entries_url(event))
    assert response.status_code == 200
    assert count(Entry) == 0


def test_moderator_deletes_a_mistyped_entry(logged_in, world):
    from .conftest import add_entries

    event = world.meetings["Unterkunft Nord"]
    add_entries(event, [("wish", "Arbeit", "Tippfehler")])
    [entry] = rows(Entry)
    client = logged_in(world.people.moderator)
    response = submit(client, live_url(event), {}, post_url=f"{entries_url(event)}/{entry.id}/delete")
    assert response.status_code == 302 and count(Entry) == 0


def test_attendance_adds_walk_ins_to_checked_in_registrations(logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    now = utcnow()
    for number, companions, checked_in in [(1, 0, now), (2, 2, now), (3, 0, None)]:
        db.session.add(Registration(event_id=event.id, name=f"Person {number}", email=f"p{number}@example.org",
                                    companions=companions, status="confirmed", token_nonce=f"n{number}",
                                    checked_in_at=checked_in))
    db.session.commit()
    client = logged_in(world.people.moderator)
    response = submit(client, live_url(event), {"walk_ins": "12"}, post_url=attendance_url(event))
    assert response.status_code == 302
    assert db.session.get(Meeting, event.id).walk_ins == 12
    # 1 + (1 + 2 companions) checked in, 12 without sign-up, 16 in total
    live = client.get(live_url(event)).get_data(as_text=True)
    assert "<dt>Nach Anmeldung eingecheckt</dt><dd>4</dd>" in live and "<dt>Gesamt</dt><dd>16</dd>" in live
    client.post("/auth/logout", data={"csrf_token": csrf_token_from(live)})
    html = logged_in(world.people.organiser).get(f"/testort/e/{event.id}/evaluation").get_data(as_text=True)
    assert '<th scope="row"><span dir="auto">Nach Anmeldung eingecheckt</span></th><td>4</td>' in html
    assert '<th scope="row"><span dir="auto">Ohne Anmeldung gekommen</span></th><td>12</td>' in html
    assert '<th scope="row"><span dir="auto">Gesamt</span></th><td>16</td>' in html


def test_bad_attendance_number_gives_german_error(logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    client = logged_in(world.people.moderator)
    response = submit(client, live_url(event), {"walk_ins": "-3"}, post_url=attendance_url(event))
    assert "Zwischen 0 und 10000." in response.get_data(as_text=True)
    response = submit(client, live_url(event), {"walk_ins": ""}, post_url=attendance_url(event))
    assert "Bitte geben Sie eine Zahl ein." in response.get_data(as_text=True)
    assert db.session.get(Meeting, event.id).walk_ins == 0


def test_participant_and_anonymous_cannot_record(client, logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    anonymous = client.get(live_url(event))
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.headers["Location"]
    participant = logged_in(world.people.participant)
    assert participant.get(live_url(event)).status_code == 403
    response = submit(participant, f"/testort/e/{event.id}/", {"kind": "wish", "topic": "Wohnen", "text": "x"},
                      post_url=entries_url(event))
    assert response.status_code == 403
    assert count(Entry) == 0


def test_other_municipalitys_admin_cannot_record(logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    client = logged_in(world.people.other_admin)
    assert client.get(live_url(event)).status_code == 403
    assert client.get(f"/anderswo/e/{event.id}/dezentrale_dialoge/live").status_code == 404


def test_event_page_shows_series_stage_site_and_live_link_for_moderators_only(client, logged_in, world):
    event = world.meetings["Unterkunft Nord"]
    public = client.get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert "Dialoge Testort" in public and "1. Unterkünfte" in public and "Unterkunft Nord" in public
    assert "Kontakt Unterkunft Nord" not in public and "0711 123456" not in public
    assert "/dezentrale_dialoge/live" not in public
    moderator = logged_in(world.people.moderator).get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert "/dezentrale_dialoge/live" in moderator
