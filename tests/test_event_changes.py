"""Cancelling asks first and says how many get a mail; a cancelled event is
restored with its sign-ups; moving a published event's date, time or place
mails everyone signed up a calendar entry with the same UID and a higher
SEQUENCE; a draft or a new description mails nobody."""
import re
from datetime import timedelta

from conftest import csrf_token_from, log_in, make_event, submit
from process_helpers import register

from dialogplatform.models import Event, Registration
from dialogplatform.testing import form_data_from


def _sign_up_and_confirm(client, smtp_server, event, email="amal@example.org", lang="de"):
    """A guest signs up over HTTP and confirms: the first invitation with its ICS."""
    submit(client, f"/testort/e/{event.id}/signup?lang={lang}",
           {"name": "Amal", "email": email, "childcare_count": "0", "consent": "y"},
           post_url=f"/testort/e/{event.id}/signup")
    [pending] = smtp_server.to(email)
    confirm = next(link for link in smtp_server.links_in(pending) if "/confirm/" in link)
    submit(client, confirm.replace("http://localhost", ""), {})
    return smtp_server.to(email)[-1]


def _ics(mail) -> str:
    [part] = [p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"]
    return part.get_content().replace("\r\n ", "")


def _prop(ics, name):
    match = re.search(rf"^{name}[;:](.*)$", ics.split("BEGIN:VEVENT", 1)[1], re.M)
    return match.group(1).strip() if match else None


def _eight_registrants(client, smtp_server, event):
    first = _sign_up_and_confirm(client, smtp_server, event)
    for index in range(7):
        register(event, f"Person{index}", language="en" if index == 0 else "de")
    return first


def _edit(organiser, event, **changes):
    url = f"/testort/organise/events/{event.id}"
    data = {**form_data_from(organiser.get(url).get_data(as_text=True)), **changes}
    return organiser.post(url, data=data, follow_redirects=True)


def test_moving_the_start_mails_all_eight_with_the_same_uid_and_a_higher_sequence(
        client, app, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=20)
    first = _eight_registrants(client, smtp_server, event)
    first_ics = _ics(first)
    organiser = app.test_client()
    log_in(organiser, people.organiser)
    form_page = organiser.get(f"/testort/organise/events/{event.id}").get_data(as_text=True)
    assert "(zurzeit: 8)" in form_page  # told before saving
    before = len(smtp_server.messages)
    page = _edit(organiser, event, starts_at="2031-03-05T19:00", ends_at="2031-03-05T21:00")
    assert page.status_code == 200
    assert "an Angemeldete verschickt: 8." in page.get_data(as_text=True)
    changes = smtp_server.messages[before:]
    assert len(changes) == 8
    assert {m["To"] for m in changes} == {"amal@example.org", *(f"person{i}@example.org" for i in range(7))}
    for mail in changes:
        ics = _ics(mail)
        assert _prop(ics, "UID") == _prop(first_ics, "UID")
        assert int(_prop(ics, "SEQUENCE")) > int(_prop(first_ics, "SEQUENCE") or 0)
        assert _prop(ics, "DTSTART") == "TZID=Europe/Berlin:20310305T190000"
    english = smtp_server.to("person0@example.org")[-1]
    assert english["Subject"].startswith("Changed:")
    assert "The date or time has changed." in smtp_server.text_of(english)
    german = smtp_server.to("amal@example.org")[-1]
    assert "Datum oder Uhrzeit" in smtp_server.text_of(german)
    # A second move: the sequence rises again.
    _edit(organiser, event, place_name="Stadthalle")
    latest = _ics(smtp_server.to("amal@example.org")[-1])
    assert int(_prop(latest, "SEQUENCE")) == 2 and "Stadthalle" in _prop(latest, "LOCATION")


def test_no_mail_for_a_draft_or_for_a_new_description(client, app, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=20)
    _eight_registrants(client, smtp_server, event)
    organiser = app.test_client()
    log_in(organiser, people.organiser)
    before = len(smtp_server.messages)
    page = _edit(organiser, event, description_de="Ein anderer Text über den Abend.")
    assert "Mail" not in page.get_data(as_text=True).split("<main", 1)[1].split("</h1>", 1)[0]
    assert len(smtp_server.messages) == before
    db.session.expire_all()
    assert db.session.get(Event, event.id).description["de"] == "Ein anderer Text über den Abend."
    draft = make_event(people.municipality, "themenabend", status="draft")
    register(draft, "Probe")
    _edit(organiser, draft, starts_at="2031-03-05T19:00", ends_at="2031-03-05T21:00")
    assert len(smtp_server.messages) == before
    db.session.expire_all()
    assert db.session.get(Event, draft.id).sequence == 0


def test_cancel_asks_first_with_the_count_then_restore_brings_everyone_back(
        client, app, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=20)
    _eight_registrants(client, smtp_server, event)
    register(event, "Gone", status="cancelled")
    organiser = app.test_client()
    log_in(organiser, people.organiser)
    edit_page = organiser.get(f"/testort/organise/events/{event.id}").get_data(as_text=True)
    assert f'href="/testort/organise/events/{event.id}/cancel"' in edit_page  # a link, not a one-click button
    url = f"/testort/organise/events/{event.id}/cancel"
    page = organiser.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Angemeldete, die eine Mail bekommen: 8." in html
    assert db.session.get(Event, event.id).status == "published"  # asking changes nothing
    assert len(smtp_server.messages) == 2  # the first sign-up's two mails and nothing else
    # Without a valid token nothing happens.
    assert organiser.post(url, data={}).status_code == 400
    db.session.expire_all()
    assert db.session.get(Event, event.id).status == "published"
    response = organiser.post(url, data={"csrf_token": csrf_token_from(html)}, follow_redirects=True)
    assert "Angemeldete, die eine Mail bekommen haben: 8." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Event, event.id).status == "cancelled"
    cancelled = smtp_server.messages[2:]
    assert len(cancelled) == 8 and all("Abgesagt" in m["Subject"] or "Cancelled" in m["Subject"] for m in cancelled)
    assert _prop(_ics(smtp_server.to("amal@example.org")[-1]), "STATUS") == "CANCELLED"

    # Restore: asks first, then published again with the same sign-ups, everyone told.
    url = f"/testort/organise/events/{event.id}/restore"
    html = organiser.get(url).get_data(as_text=True)
    assert "Angemeldete, die eine Mail bekommen: 8." in html
    organiser.post(url, data={"csrf_token": csrf_token_from(html)})
    db.session.expire_all()
    assert db.session.get(Event, event.id).status == "published"
    statuses = db.session.scalars(db.select(Registration.status).where(Registration.event_id == event.id)).all()
    assert sorted(statuses).count("confirmed") == 8
    restored = smtp_server.to("amal@example.org")[-1]
    ics = _ics(restored)
    assert _prop(ics, "STATUS") == "CONFIRMED" and int(_prop(ics, "SEQUENCE")) == 2
    assert len(smtp_server.messages) == 2 + 8 + 8
    public = client.get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert "abgesagt" not in public.lower()


def test_an_event_that_has_started_cannot_be_restored(app, people, db, clock):
    event = make_event(people.municipality, "themenabend", status="cancelled", days=1)
    organiser = app.test_client()
    log_in(organiser, people.organiser)
    assert organiser.get(f"/testort/organise/events/{event.id}/restore").status_code == 200
    clock.set_time(event.starts_at + timedelta(minutes=1))
    assert organiser.get(f"/testort/organise/events/{event.id}/restore").status_code == 404
    assert "restore" not in organiser.get(f"/testort/organise/events/{event.id}").get_data(as_text=True)


def test_another_municipalitys_staff_reach_no_confirmation_page(app, people, db):
    event = make_event(people.municipality, "themenabend")
    cancelled = make_event(people.municipality, "themenabend", status="cancelled")
    stranger = app.test_client()
    log_in(stranger, people.other_admin)
    for path in ("cancel", "restore"):
        target = event if path == "cancel" else cancelled
        assert stranger.get(f"/testort/organise/events/{target.id}/{path}").status_code in (403, 404)
        assert stranger.get(f"/anderswo/organise/events/{target.id}/{path}").status_code == 404
        assert stranger.post(f"/anderswo/organise/events/{target.id}/{path}", data={}).status_code in (400, 404)
    db.session.expire_all()
    assert db.session.get(Event, event.id).status == "published"
    assert db.session.get(Event, cancelled.id).status == "cancelled"


def test_a_moved_event_reminds_again_before_the_new_start(client, app, people, db, smtp_server, runner, clock):
    event = make_event(people.municipality, "themenabend", capacity=20, days=1)
    _sign_up_and_confirm(client, smtp_server, event)
    assert runner.invoke(args=["send-reminders"]).exit_code == 0
    runner.invoke(args=["send-mail"])
    assert len(smtp_server.to("amal@example.org")) == 3  # pending, confirmed, reminder
    organiser = app.test_client()
    log_in(organiser, people.organiser)
    _edit(organiser, event, starts_at="2031-03-05T19:00", ends_at="2031-03-05T21:00")
    assert len(smtp_server.to("amal@example.org")) == 4  # the change
    db.session.expire_all()
    assert db.session.scalars(db.select(Registration.reminded_at)).all() == [None]
    clock.set_time(db.session.get(Event, event.id).starts_at - timedelta(hours=20))
    result = runner.invoke(args=["send-reminders"])
    assert result.exit_code == 0, result.output
    runner.invoke(args=["send-mail"])
    mails = smtp_server.to("amal@example.org")
    assert len(mails) == 5 and "5. März 2031" in smtp_server.text_of(mails[-1])
