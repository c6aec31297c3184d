"""Mails in the person's language, all the way: links that open in it, clean
text paragraphs, a confirm button, and a mail when a sign-up is cancelled."""
from urllib.parse import parse_qs, urlsplit

from conftest import log_in, make_event, submit

from dialogplatform.models import Event, Registration


def _sign_up(client, event, lang="ar", email="amal@example.org"):
    return submit(client, f"/testort/e/{event.id}/signup?lang={lang}",
                  {"name": "Amal", "email": email, "childcare_count": "0", "consent": "y"},
                  post_url=f"/testort/e/{event.id}/signup")


def _links(smtp_server, mail):
    return [link.replace("http://localhost", "") for link in smtp_server.links_in(mail)]


def _text(mail):
    return mail.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")  # SMTP line ends


def test_an_arabic_sign_up_mail_opens_its_pages_in_arabic_for_a_german_browser(client, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=10)
    _sign_up(client, event)
    [mail] = smtp_server.to("amal@example.org")
    links = _links(smtp_server, mail)
    confirm = next(link for link in links if "/confirm/" in link)
    personal = next(link for link in links if "/r/" in link)
    for link in (confirm, personal):
        assert parse_qs(urlsplit(link).query)["lang"] == ["ar"]
    browser = {"Accept-Language": "de-DE,de;q=0.9"}
    for link in (confirm, personal):
        # Without the ?lang= too: the page follows the sign-up, not the browser.
        client.delete_cookie("lang")
        for url in (urlsplit(link).path, link):
            page = client.get(url, headers=browser).get_data(as_text=True)
            assert 'lang="ar" dir="rtl"' in page, url
    # An explicit switch still wins, also on the next page of the sign-up.
    page = client.get(urlsplit(personal).path + "?lang=de", headers=browser).get_data(as_text=True)
    assert 'lang="de"' in page
    page = client.get(urlsplit(personal).path + "/cancel", headers=browser).get_data(as_text=True)
    assert 'lang="de"' in page


def test_a_text_mail_has_the_address_on_its_own_line_then_a_blank_line(client, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=10)
    for lang in ("de", "ar", "uk", "fa"):
        _sign_up(client, event, lang=lang, email=f"{lang}@example.org")
        lines = _text(smtp_server.to(f"{lang}@example.org")[0]).splitlines()
        [where] = [index for index, line in enumerate(lines) if line.endswith("69469 Weinheim")]
        assert lines[where + 1] == "", lang
        assert lines[where + 2].strip(), lang  # the next paragraph follows


def test_an_address_typed_with_line_breaks_is_saved_and_mailed_cleanly(client, people, db, smtp_server, app):
    from dialogplatform.services import calendar, events

    event = make_event(people.municipality, "themenabend", capacity=10)
    with app.test_request_context():
        data = events.form_values(event, event.municipality.content_languages, "themenabend")
        data["address"] = "Marktplatz 1 \r\n\r\n73525 Schwäbisch Gmünd,\r\n"
        events.update(event, data)
    db.session.expire_all()
    event = db.session.get(Event, event.id)
    assert event.address == "Marktplatz 1\n73525 Schwäbisch Gmünd"
    _sign_up(client, event, lang="de")
    text = _text(smtp_server.to("amal@example.org")[0])
    assert "Rathaus, Marktplatz 1, 73525 Schwäbisch Gmünd\n\n" in text
    # A row saved before addresses were cleaned renders the same, in mails and the calendar file.
    event.address = "Marktplatz 1\r\n73525 Schwäbisch Gmünd"
    db.session.commit()
    _sign_up(client, event, lang="de", email="old@example.org")
    text = _text(smtp_server.to("old@example.org")[0])
    assert "Rathaus, Marktplatz 1, 73525 Schwäbisch Gmünd\n\n" in text and "\r" not in text
    with app.test_request_context():
        ics = calendar.event_ics(event, "de", with_address=True)
    assert "LOCATION:Rathaus\\, Marktplatz 1\\, 73525 Schwäbisch Gmünd" in ics.replace("\r\n ", "")


def test_the_confirmation_mail_leads_with_the_confirm_button(client, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=10)
    _sign_up(client, event, lang="de")
    [mail] = smtp_server.to("amal@example.org")
    html = mail.get_body(preferencelist=("html",)).get_content()
    first = html.index("<a ")
    assert "/confirm/" in html[first:html.index("</a>", first)]
    assert ">Anmeldung bestätigen</a>" in html[first:html.index("</a>", first) + 4]
    assert html.index("/confirm/") < html.index("/r/")


def test_cancelling_on_the_personal_page_sends_one_mail_in_the_sign_up_language(client, people, db, smtp_server, app):
    from dialogplatform.services import outbox, signups

    event = make_event(people.municipality, "themenabend", capacity=10)
    _sign_up(client, event, lang="uk")
    personal = next(link for link in _links(smtp_server, smtp_server.to("amal@example.org")[0]) if "/r/" in link)
    cancel = urlsplit(personal).path + "/cancel"
    client.delete_cookie("lang")
    response = submit(client, cancel, {}, headers={"Accept-Language": "de"})
    assert response.status_code == 302
    registration = db.session.scalars(db.select(Registration)).one()
    with app.test_request_context():
        signups.cancel(registration.id)  # a second cancel (e.g. by an organiser) sends nothing
        outbox.send_pending()
    mails = smtp_server.to("amal@example.org")
    assert len(mails) == 2
    assert "Ваш запис скасовано" in mails[1]["Subject"]
    assert db.session.scalars(db.select(Registration)).one().status == "cancelled"


def test_an_organiser_cancelling_sends_the_person_one_mail_in_their_language(client, people, db, smtp_server):
    event = make_event(people.municipality, "themenabend", capacity=10)
    guest = client.application.test_client()
    _sign_up(guest, event, lang="ar")
    registration = db.session.scalars(db.select(Registration)).one()
    log_in(client, people.organiser)
    page = f"/testort/organise/events/{event.id}/registrations"
    url = f"{page}/{registration.id}/cancel"
    assert submit(client, page, {}, post_url=url).status_code == 302
    assert submit(client, page, {}, post_url=url).status_code == 302  # twice: still one mail
    mails = smtp_server.to("amal@example.org")
    assert len(mails) == 2
    assert "تم إلغاء تسجيلك" in mails[1]["Subject"]
    text = _text(mails[1])
    assert "تم إلغاء تسجيلك في هذه الفعالية" in text
