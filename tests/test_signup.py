"""Signing up: confirmation, waiting list, cancellation, bad input."""
from datetime import timedelta

from conftest import csrf_token_from, enable, log_in, make_event, submit

from dialogplatform.models import Consent, Registration
from dialogplatform.models.types import utcnow
from dialogplatform.services import signups


def signup_data(**overrides):
    data = {"name": "Amal", "email": "amal@example.org", "phone": "", "childcare_count": "0",
            "childcare_ages": "", "accessibility_other": "", "note": "", "consent": "y"}
    data.update(overrides)
    return data


def sign_up(client, event, **overrides):
    url = f"/testort/e/{event.id}/signup"
    return submit(client, url, signup_data(**overrides),
                  **({"query_string": {"lang": overrides.pop("lang")}} if "lang" in overrides else {}))


def registrations(db):
    db.session.expire_all()
    return db.session.scalars(db.select(Registration).order_by(Registration.id)).all()


def path_of(url):
    """The path of a link (without the ?lang= of the sign-up's language)."""
    return url.replace("http://localhost", "").split("?")[0]


def mail_links(smtp_server, mail):
    """(confirmation link or None, personal link) of a sign-up mail, as paths."""
    links = [path_of(link) for link in smtp_server.links_in(mail)]
    confirm = next((link for link in links if "/confirm/" in link), None)
    return confirm, next(link for link in links if "/r/" in link)


def test_guest_double_opt_in_in_arabic(client, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=10)
    client.get("/?lang=ar")
    response = sign_up(client, event)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/testort/e/{event.id}/signup/sent")
    sent = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'dir="rtl"' in sent and "a•••@example.org" in sent and "/r/" not in sent and "/confirm/" not in sent
    [registration] = registrations(db)
    assert registration.status == "pending" and registration.language == "ar"
    [mail] = smtp_server.to("amal@example.org")
    html = mail.get_body(preferencelist=("html",)).get_content()
    assert 'lang="ar" dir="rtl"' in html
    confirm_link, personal_link = mail_links(smtp_server, mail)
    # The personal page says what to do, but neither confirms nor carries the confirmation link.
    page = client.get(personal_link).get_data(as_text=True)
    assert 'dir="rtl"' in page and "/confirm" not in page
    assert client.post(personal_link + "/confirm", data={}).status_code in (404, 405)
    # The mail's confirmation link asks once; opening it changes nothing.
    assert client.get(confirm_link).status_code == 200
    assert registrations(db)[0].status == "pending"
    response = submit(client, confirm_link, {})
    assert response.status_code == 302 and response.headers["Location"].endswith(personal_link)
    assert registrations(db)[0].status == "confirmed"
    confirmation = smtp_server.to("amal@example.org")[-1]
    attachments = [part for part in confirmation.iter_attachments() if part.get_content_type() == "text/calendar"]
    assert attachments and "BEGIN:VEVENT" in attachments[0].get_content()
    # Used once: the link does nothing any more.
    assert client.get(confirm_link).status_code == 404
    assert len(smtp_server.to("amal@example.org")) == 2


def test_confirmation_link_ends_with_the_hold(client, people, db, smtp_server, clock):
    event = make_event(people.municipality, "themenabend", capacity=1)
    sign_up(client, event, email="made-up@example.org")
    confirm_link, _ = mail_links(smtp_server, smtp_server.to("made-up@example.org")[0])
    hold_end = registrations(db)[0].hold_expires_at
    clock.set_time(hold_end + timedelta(seconds=1))
    assert client.get(confirm_link).status_code == 404
    csrf = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    assert client.post(confirm_link, data={"csrf_token": csrf}).status_code == 404
    assert registrations(db)[0].status == "pending" and registrations(db)[0].email_confirmed_at is None
    assert signups.seats_left(event) == 1  # the seat is free again, with or without the cron job


def test_repeat_signup_answers_as_a_first_one_and_mails_the_owner(client, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=10)
    sign_up(client, event, phone="0170 111")
    before = [(r.name, r.phone, r.token_nonce, r.confirm_nonce, r.status) for r in registrations(db)]
    stranger = client.application.test_client()
    first_time = sign_up(stranger, event, email="first@example.org", name="First")
    first_page = stranger.get(first_time.headers["Location"]).get_data(as_text=True)
    again = sign_up(stranger, event, email="amal@example.org", name="Mallory", phone="")
    again_page = stranger.get(again.headers["Location"]).get_data(as_text=True)
    assert again.status_code == first_time.status_code == 302
    assert again.headers["Location"] == first_time.headers["Location"]
    assert again_page.replace("a•••@", "f•••@") == first_page
    assert "Amal" not in again_page and "0170" not in again_page and "/r/" not in again_page
    assert [(r.name, r.phone, r.token_nonce, r.confirm_nonce, r.status)
            for r in registrations(db) if r.email == "amal@example.org"] == before
    repeat = smtp_server.to("amal@example.org")[-1]
    assert "bereits angemeldet" in repeat["Subject"]
    confirm_link, personal_link = mail_links(smtp_server, repeat)
    assert personal_link == mail_links(smtp_server, smtp_server.to("amal@example.org")[0])[1]
    assert confirm_link is not None  # still unconfirmed: the same confirmation link again


def test_shared_tablet_same_form_two_people(client, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=10)
    page = client.get(f"/testort/e/{event.id}/signup").get_data(as_text=True)
    import re

    key = re.search(r'name="submission_key"[^>]*value="([^"]+)"', page).group(1)
    data = {"csrf_token": csrf_token_from(page), "submission_key": key}
    first = client.post(f"/testort/e/{event.id}/signup", data={**data, **signup_data()})
    client.get(first.headers["Location"])
    twice = client.post(f"/testort/e/{event.id}/signup", data={**data, **signup_data()})
    second = client.post(f"/testort/e/{event.id}/signup",
                         data={**data, **signup_data(name="Birgit", email="birgit@example.org")})
    assert first.headers["Location"] == twice.headers["Location"] == second.headers["Location"]
    page = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "b•••@example.org" in page and "Amal" not in page
    assert [(r.name, r.email) for r in registrations(db)] == [
        ("Amal", "amal@example.org"), ("Birgit", "birgit@example.org")]
    assert len(smtp_server.to("amal@example.org")) == 1 and len(smtp_server.to("birgit@example.org")) == 1


def test_logged_in_resident_is_confirmed_at_once(client, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=10)
    log_in(client, people.participant)
    response = submit(client, f"/testort/e/{event.id}/signup", signup_data(email=None))
    assert response.status_code == 302
    [registration] = registrations(db)
    assert registration.status == "confirmed" and registration.user_id == people.participant.id
    sent = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Bestätigt" in sent and 'href="/account/"' in sent
    assert "Sicherheit und Nachbarschaft" in client.get("/account/").get_data(as_text=True)
    assert smtp_server.to(people.participant.email)


def test_full_event_puts_next_person_on_waitlist_and_cancel_promotes(client, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=2, max_companions=2)
    log_in(client, people.participant)
    submit(client, f"/testort/e/{event.id}/signup", signup_data(companions="1"))  # 2 people: full
    guest = client.application.test_client()
    response = sign_up(guest, event, email="next@example.org", name="Next")
    first, second = registrations(db)
    assert (first.status, second.status) == ("confirmed", "waitlisted")
    page = guest.get(response.headers["Location"]).get_data(as_text=True)
    assert "Sie stehen auf der Warteliste" in page
    with client.application.test_request_context():
        waiting_link = path_of(signups.manage_url(second))
    assert "Sie sind Nummer 1 auf der Warteliste." in guest.get(waiting_link).get_data(as_text=True)

    # Cancel through the personal link; it asks once before it cancels.
    with client.application.test_request_context():
        link = path_of(signups.manage_url(first))
    assert "wirklich" in client.get(link + "/cancel").get_data(as_text=True)
    assert registrations(db)[0].status == "confirmed"
    submit(client, link + "/cancel", {})
    first, second = registrations(db)
    assert first.status == "cancelled"
    # The guest had not confirmed the address yet: they get a seat on hold.
    assert second.status == "pending"
    promoted = smtp_server.to("next@example.org")[-1]
    assert "Platz" in promoted["Subject"] or "frei" in promoted["Subject"]


def test_expired_hold_releases_the_seat_to_the_waiting_list(people, db, app, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=1)
    with app.test_request_context():
        first, _ = signups.register(event.id, signups.Person(name="A", email="a@example.org"))
        second, _ = signups.register(event.id, signups.Person(name="B", email="b@example.org"))
        assert (first.status, second.status) == ("pending", "waitlisted")
        first.hold_expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
        assert signups.expire_holds() == 1
        assert signups.expire_holds() == 0  # idempotent
    first, second = registrations(db)
    assert (first.status, second.status) == ("expired", "pending")


def test_same_form_twice_creates_one_registration(client, people, db):
    event = make_event(people.municipality, "themenabend", capacity=10)
    page = client.get(f"/testort/e/{event.id}/signup").get_data(as_text=True)
    import re

    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    key = re.search(r'name="submission_key"[^>]*value="([^"]+)"', page).group(1)
    data = {"csrf_token": token, "submission_key": key, **signup_data()}
    first = client.post(f"/testort/e/{event.id}/signup", data=data)
    second = client.post(f"/testort/e/{event.id}/signup", data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert len(registrations(db)) == 1


def test_one_registration_per_email_and_event(client, people, db):
    event = make_event(people.municipality, "themenabend", capacity=10)
    sign_up(client, event)
    other = client.application.test_client()
    response = sign_up(other, event, email="AMAL@example.org", name="Someone else")
    assert response.status_code == 302
    assert len(registrations(db)) == 1
    assert registrations(db)[0].name == "Amal"
    assert response.headers["Location"].endswith("/signup/sent")


def test_bad_input_is_explained_and_nothing_is_saved(client, people, db):
    event = make_event(people.municipality, "themenabend", capacity=10, max_companions=1)
    page = sign_up(client, event, email="kein-mail", consent="", companions="5", name="x" * 200)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "gültige E-Mail-Adresse" in html
    assert 'value="kein-mail"' in html
    assert registrations(db) == []
    assert db.session.query(Consent).count() == 0


def test_the_form_library_s_own_messages_follow_each_request_s_language(client, people, db):
    """WTForms' catalog is kept per language and process: one visitor's
    language never leaks into the next visitor's page."""
    event = make_event(people.municipality, "themenabend", capacity=10)
    german = sign_up(client, event, childcare_count="viele").get_data(as_text=True)
    arabic = sign_up(client.application.test_client(), event, childcare_count="viele", lang="ar")
    again = sign_up(client.application.test_client(), event, childcare_count="viele").get_data(as_text=True)
    assert "Keine gültige, ganze Zahl." in german and "Keine gültige, ganze Zahl." in again
    assert "قيمة العدد الحقيقي غير صالحة." in arabic.get_data(as_text=True)
    assert registrations(db) == []


def test_consent_is_stored_with_the_privacy_version(client, people, db):
    people.municipality.privacy_version = 3
    db.session.commit()
    event = make_event(people.municipality, "themenabend", capacity=10)
    sign_up(client, event)
    [consent] = db.session.scalars(db.select(Consent)).all()
    assert consent.privacy_version == 3 and consent.registration_id == registrations(db)[0].id


def test_signup_window_and_cancelled_event_refuse(client, people, db):
    now = utcnow()
    later = make_event(people.municipality, "themenabend", registration_opens_at=now + timedelta(days=1))
    closed = make_event(people.municipality, "themenabend", registration_closes_at=now - timedelta(hours=1))
    token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    for event, message in ((later, "noch nicht geöffnet"), (closed, "ist geschlossen")):
        page = client.get(f"/testort/e/{event.id}/signup").get_data(as_text=True)
        assert message in page or "öffnet am" in page
        assert 'name="consent"' not in page  # no form to fill in
        response = client.post(f"/testort/e/{event.id}/signup", data={"csrf_token": token, **signup_data()})
        assert response.status_code == 200
    assert registrations(db) == []


def test_cancelled_event_tells_everyone(client, people, db, smtp_server, app):
    event = make_event(people.municipality, "themenabend", capacity=10)
    sign_up(client, event)
    organiser = app.test_client()
    log_in(organiser, people.organiser)
    submit(organiser, f"/testort/organise/events/{event.id}", {},
           post_url=f"/testort/organise/events/{event.id}/cancel")
    assert any("Abgesagt" in m["Subject"] or "abgesagt" in m["Subject"] for m in smtp_server.to("amal@example.org"))
    late = client.application.test_client()
    token = csrf_token_from(late.get("/auth/login").get_data(as_text=True))
    response = late.post(f"/testort/e/{event.id}/signup",
                         data={"csrf_token": token, **signup_data(email="late@example.org")})
    assert response.status_code == 200 and "abgesagt" in response.get_data(as_text=True)
    assert len(registrations(db)) == 1


def test_tampered_personal_link_is_not_found(client, people, db, app):
    event = make_event(people.municipality, "themenabend", capacity=10)
    sign_up(client, event)
    with app.test_request_context():
        link = path_of(signups.manage_url(registrations(db)[0]))
    assert client.get(link[:-3] + "abc").status_code == 404
    assert client.get("/testort/r/1-deadbeef").status_code == 404
    assert client.get("/anderswo/r/" + link.rsplit("/", 1)[1]).status_code == 404


def test_raising_capacity_promotes_and_lowering_keeps_confirmed(people, db, app):
    event = make_event(people.municipality, "themenabend", capacity=1)
    with app.test_request_context():
        a, _ = signups.register(event.id, signups.Person(name="A", email="a@example.org", user=None))
        signups.confirm_signup(signups.confirmation_token(a))
        b, _ = signups.register(event.id, signups.Person(name="B"), source="assisted")
        assert registrations(db)[1].status == "waitlisted"
        signups.change_capacity(event.id, 2)
        assert registrations(db)[1].status == "confirmed"
        signups.change_capacity(event.id, 1)
    assert [r.status for r in registrations(db)] == ["confirmed", "confirmed"]


def test_format_fields_and_rules_take_part(people, sample_app, db):
    enable(people.municipality, "sampleformat")
    event = make_event(people.municipality, "sampleformat", capacity=10)
    client = sample_app.test_client()
    page = client.get(f"/testort/e/{event.id}/signup").get_data(as_text=True)
    assert "Preferred table" in page
    refused = submit(client, f"/testort/e/{event.id}/signup",
                     signup_data(name="Nobody", ext__sampleformat__table="arbeit"))
    assert "Nobody may not sign up" in refused.get_data(as_text=True)
    submit(client, f"/testort/e/{event.id}/signup", signup_data(ext__sampleformat__table="arbeit"))
    assert registrations(db)[0].answers == {"sampleformat": {"table": "arbeit"}}


def test_reminders_are_sent_once(people, db, app, smtp_server, runner):
    event = make_event(people.municipality, "themenabend", capacity=10, days=1)
    with app.test_request_context():
        signups.register(event.id, signups.Person(name="A", email="a@example.org"), source="assisted")
    runner.invoke(args=["send-mail"])  # the confirmation
    smtp_server.clear()
    assert "1 reminders queued" in runner.invoke(args=["send-reminders"]).output
    assert "0 reminders queued" in runner.invoke(args=["send-reminders"]).output
    runner.invoke(args=["send-mail"])
    assert len(smtp_server.to("a@example.org")) == 1


def test_account_holder_takes_over_their_own_guest_sign_up(client, people, db, smtp_server):
    """Signed up as a guest, then signed in with a confirmed account of that
    address: the sign-up is confirmed and shows under the account."""
    event = make_event(people.municipality, "themenabend", capacity=10)
    sign_up(client, event, email=people.participant.email)
    assert registrations(db)[0].status == "pending"
    log_in(client, people.participant)
    response = submit(client, f"/testort/e/{event.id}/signup", signup_data(email=None))
    assert "Bestätigt" in client.get(response.headers["Location"]).get_data(as_text=True)
    [registration] = registrations(db)
    assert registration.status == "confirmed" and registration.user_id == people.participant.id
    assert registration.name == "Amal"  # nothing else changed
    assert "Sicherheit und Nachbarschaft" in client.get("/account/").get_data(as_text=True)
    assert "bestätigt" in smtp_server.to(people.participant.email)[-1]["Subject"]


def test_personal_page_offers_the_calendar_only_for_a_confirmed_seat(client, people, db, app):
    event = make_event(people.municipality, "themenabend", capacity=1)
    with app.test_request_context():
        seated, _ = signups.register(event.id, signups.Person(name="Sitzt"), source="assisted")
        waiting, _ = signups.register(event.id, signups.Person(name="Wartet"), source="assisted")
        links = {seated.id: path_of(signups.manage_url(seated)), waiting.id: path_of(signups.manage_url(waiting))}
    assert (seated.status, waiting.status) == ("confirmed", "waitlisted")
    calendar = "Zum Kalender hinzufügen"

    def page(registration):
        return client.get(links[registration.id]).get_data(as_text=True)

    assert calendar in page(seated) and "Anmeldung absagen" in page(seated)
    assert calendar not in page(waiting) and "Anmeldung absagen" in page(waiting)
    for status in ("pending", "cancelled", "expired"):
        seated.status = status
        db.session.commit()
        assert calendar not in page(seated), status
    assert "Anmeldung absagen" not in page(seated)
