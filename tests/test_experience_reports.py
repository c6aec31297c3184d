"""Learning from each other (issue 18): a municipality publishes an
experience report on a finished process step; "Von anderen lernen" lists
it with the figures of the events behind it; an organiser of another
municipality writes to its contact person through the platform, and the
answer comes back the same way, neither address ever shown to the other."""
import re
from datetime import date

from conftest import enable, log_in, make_event, make_user, same_session, submit
from process_helpers import fill, make_process

from dialogplatform.extensions import db
from dialogplatform.models import AuditEntry, ExperienceReport, Membership, Role
from dialogplatform.services.accounts import grant_role
from dialogplatform.testing import form_data_from

REPORT = {"format_key": "themenabend", "topic": "Zusammenleben im Quartier",
          "what_worked": "Kleine Tische mit Dolmetscherinnen.", "do_differently": "Früher einladen.",
          "contact_me": "y"}


def named(people):
    """Display names people can tell apart from the addresses."""
    people.organiser.display_name = "Olga Organisatorin"
    people.other_admin.display_name = "Anton Anderswo"
    db.session.commit()


def finished_step_with_event(people, **process_fields):
    """Testort's process in step 2: step 1 is finished and holds a themed
    evening with 4 people signed up and 2 who came."""
    process = make_process(people.municipality, current_step=2, **process_fields)
    event = make_event(people.municipality, "themenabend", days=-30, process_id=process.id, process_step=1)
    fill(event)
    return process, event


def step_url(process, number=1):
    return f"/testort/organise/processes/{process.id}/steps/{number}/"


def write_report(client, process, data=None, number=1):
    url = f"{step_url(process, number)}experience/new"
    return submit(client, url, {**REPORT, **(data or {})})


def publish(client, process, report, number=1):
    return submit(client, step_url(process, number),
                  {}, post_url=f"{step_url(process, number)}experience/{report.id}/publish")


def published_report(client, people):
    process, _event = finished_step_with_event(people)
    log_in(client, people.organiser)
    assert write_report(client, process).status_code == 302
    report = db.session.scalar(db.select(ExperienceReport))
    assert publish(client, process, report).status_code == 302
    client.post("/auth/logout", data={"csrf_token": re.search(
        r'name="csrf_token" value="([^"]+)"', client.get("/learn/").get_data(as_text=True))[1]})
    return process, report


def test_the_step_page_is_reached_from_the_process_and_takes_a_report_only_when_finished(client, people):
    process = make_process(people.municipality, current_step=1)
    log_in(client, people.organiser)
    edit = client.get(f"/testort/organise/processes/{process.id}/").get_data(as_text=True)
    assert step_url(process, 2) in edit
    page = client.get(step_url(process, 2)).get_data(as_text=True)
    assert "noch nicht abgeschlossen" in page and "experience/new" not in page
    assert 'aria-label="Breadcrumbs"' in page or "breadcrumbs" in page
    refused = client.get(f"{step_url(process, 2)}experience/new")
    assert refused.status_code == 302
    assert "sobald der Schritt abgeschlossen ist" in client.get(refused.headers["Location"]).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    assert client.post(f"{step_url(process, 2)}experience/new", data={"csrf_token": token, **REPORT}).status_code == 302
    assert db.session.scalar(db.select(db.func.count(ExperienceReport.id))) == 0

    # The end date has passed: finished, though the process is still in that step.
    step = same_session(process).step(1)
    step.ends_on = date(2020, 1, 31)
    db.session.commit()
    enable(people.municipality, "themenabend")  # no event in the step: the formats switched on
    assert "experience/new" in client.get(step_url(process, 1)).get_data(as_text=True)
    assert write_report(client, process).status_code == 302


def test_organiser_writes_publishes_and_unpublishes_a_report_named_as_contact(client, people):
    named(people)
    process, event = finished_step_with_event(people)
    log_in(client, people.organiser)
    step_page = client.get(step_url(process)).get_data(as_text=True)
    assert f"/testort/organise/e/{event.id}/" in step_page and "abgeschlossen" in step_page
    empty = write_report(client, process, {"topic": "", "what_worked": ""})
    assert empty.status_code == 422
    assert "Bitte nennen Sie das Thema." in empty.get_data(as_text=True)
    assert write_report(client, process).status_code == 302
    report = db.session.scalar(db.select(ExperienceReport))
    assert report.status == "draft" and report.contact_id == people.organiser.id
    assert client.get("/learn/").get_data(as_text=True).count("Zusammenleben im Quartier") == 0

    # One report per step and format.
    twice = write_report(client, process)
    assert twice.status_code == 422 and "bereits einen Erfahrungsbericht" in twice.get_data(as_text=True)

    assert publish(client, process, report).status_code == 302
    listing = client.get("/learn/").get_data(as_text=True)
    assert "Zusammenleben im Quartier" in listing and "Testort" in listing and "Olga Organisatorin" in listing
    assert "organiser@testort.example" not in listing
    entries = db.session.scalars(db.select(AuditEntry.action).where(AuditEntry.action.like("experience_report.%")))
    assert set(entries) == {"experience_report.created", "experience_report.published"}

    # A colleague edits: the contact stays; the contact unticks: withdrawn.
    colleague = make_user("kollegin@testort.example")
    grant_role(colleague, same_session(people.municipality), Role.ORGANISER)
    db.session.commit()
    edit_url = f"{step_url(process)}experience/{report.id}"
    log_in(client, colleague)
    form = form_data_from(client.get(edit_url).get_data(as_text=True))
    assert "contact_me" not in form
    assert client.post(edit_url, data={**form, "topic": "Zusammenleben im Viertel"}).status_code == 302
    db.session.refresh(report)
    assert report.contact_id == people.organiser.id and report.topic == "Zusammenleben im Viertel"
    log_in(client, people.organiser)
    form = form_data_from(client.get(edit_url).get_data(as_text=True))
    form.pop("contact_me")
    assert client.post(edit_url, data=form).status_code == 302
    db.session.refresh(report)
    assert report.contact_id is None
    assert "Olga Organisatorin" not in client.get(f"/learn/{report.id}/").get_data(as_text=True)

    unpublish = submit(client, step_url(process), {}, post_url=f"{edit_url}/unpublish")
    assert unpublish.status_code == 302
    assert client.get(f"/learn/{report.id}/").status_code == 404
    assert "Zusammenleben im Viertel" not in client.get("/learn/").get_data(as_text=True)


def test_learn_lists_reports_by_format_and_topic_with_the_figures_of_their_events(client, people):
    process, report = published_report(client, people)
    home = client.get("/").get_data(as_text=True)
    assert 'href="/learn/"' in home
    listing = client.get("/learn/?format=themenabend").get_data(as_text=True)
    assert "Zusammenleben im Quartier" in listing
    # Signed up 4 (a companion included), attended 2, from the evening of step 1.
    figures = re.sub(r">\s+<", "><", re.search(r'<dl class="facts experience-figures">(.*?)</dl>', listing, re.S)[1])
    for label, number in [("Veranstaltungen", 1), ("Angemeldet", 4), ("Teilgenommen", 2), ("Ohne Anmeldung", 0),
                          ("Beiträge", 0)]:
        assert f"<dt>{label}</dt><dd>{number}</dd>" in figures
    assert "Zusammenleben im Quartier" in client.get(
        "/learn/?topic=Zusammenleben+im+Quartier").get_data(as_text=True)
    other_format = client.get("/learn/?format=zukunftswerkstatt").get_data(as_text=True)
    assert "Zusammenleben im Quartier" in other_format  # not a format with reports: the filter is ignored
    assert 'value="zukunftswerkstatt"' not in other_format
    detail = client.get(f"/learn/{report.id}/").get_data(as_text=True)
    assert "Kleine Tische mit Dolmetscherinnen." in detail and "Früher einladen." in detail
    assert "Themenabend" in detail or "Themed evening" in detail
    assert f"/testort/p/{process.id}/" in detail  # the process page, it being public
    assert "What worked" in client.get(f"/learn/{report.id}/?lang=en").get_data(as_text=True)


def test_an_organiser_of_another_municipality_writes_and_the_answer_comes_back(client, app, people, smtp_server):
    named(people)
    process, report = published_report(client, people)
    log_in(client, people.other_admin)
    page = client.get(f"/learn/{report.id}/").get_data(as_text=True)
    assert "Olga Organisatorin" in page and "organiser@testort.example" not in page
    sent = submit(client, f"/learn/{report.id}/", {"body": "Wie habt ihr die Dolmetscherinnen gefunden?"})
    assert sent.status_code == 302
    after = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "organiser@testort.example" not in after and "admin@anderswo.example" not in after

    [mail] = smtp_server.to("organiser@testort.example")
    text = smtp_server.text_of(mail)
    assert "Wie habt ihr die Dolmetscherinnen gefunden?" in text
    assert "Anton Anderswo" in text and "Anderswo" in text
    headers = " ".join(f"{name}: {value}" for name, value in mail.items() if name != "To")
    raw = mail.as_string()
    assert "admin@anderswo.example" not in raw and "admin@anderswo.example" not in headers
    assert mail["Reply-To"] is None and mail["From"] == "dialog@test.example"
    [reply_link] = [link for link in smtp_server.links_in(mail) if "/reply" in link]
    reply_path = reply_link.replace("http://localhost", "")

    # Only the contact may answer, after logging in.
    assert client.get(reply_path).status_code == 404
    anonymous = app.test_client()
    assert anonymous.get(reply_path).status_code == 302
    contact = app.test_client()
    log_in(contact, people.organiser)
    reply_page = contact.get(reply_path).get_data(as_text=True)
    assert "Wie habt ihr die Dolmetscherinnen gefunden?" in reply_page and "Anton Anderswo" in reply_page
    assert "admin@anderswo.example" not in reply_page
    answered = submit(contact, reply_path, {"body": "Über den Integrationsbeirat."})
    assert answered.status_code == 302

    [answer] = smtp_server.to("admin@anderswo.example")
    answer_text = smtp_server.text_of(answer)
    assert "Über den Integrationsbeirat." in answer_text and "Olga Organisatorin" in answer_text
    assert "organiser@testort.example" not in answer.as_string() and answer["Reply-To"] is None
    # The conversation goes on the same way.
    [back_link] = [link for link in smtp_server.links_in(answer) if "/reply" in link]
    assert submit(client, back_link.replace("http://localhost", ""), {"body": "Danke!"}).status_code == 302
    assert len(smtp_server.to("organiser@testort.example")) == 2
    assert "Anderswo" in smtp_server.text_of(smtp_server.to("organiser@testort.example")[1])
    actions = list(db.session.scalars(db.select(AuditEntry.action).where(AuditEntry.action.like("peer_message.%"))))
    assert sorted(actions) == ["peer_message.replied", "peer_message.replied", "peer_message.sent"]
    log_in(contact, people.admin)
    log = contact.get("/testort/admin/audit").get_data(as_text=True)
    assert "Nachricht an eine Ansprechperson aus einer anderen Kommune" in log and "Wie habt ihr" not in log


def test_mail_to_the_contact_is_in_their_language(client, people, smtp_server):
    named(people)
    people.organiser.language = "en"
    db.session.commit()
    _process, report = published_report(client, people)
    log_in(client, people.other_admin)
    assert submit(client, f"/learn/{report.id}/", {"body": "Hallo!"}).status_code == 302
    [mail] = smtp_server.to("organiser@testort.example")
    assert "writes to you through the dialogue platform" in smtp_server.text_of(mail)


def test_only_organisers_of_other_municipalities_get_the_form(client, app, people):
    _process, report = published_report(client, people)
    url = f"/learn/{report.id}/"
    anonymous = client.get(url).get_data(as_text=True)
    assert "<textarea" not in anonymous and "/auth/login" in anonymous
    log_in(client, people.participant)
    assert "<textarea" not in client.get(url).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True))[1]
    assert client.post(url, data={"csrf_token": token, "body": "Hallo"}).status_code == 403
    log_in(client, people.admin)  # staff of the report's own municipality
    own = client.get(url).get_data(as_text=True)
    assert "<textarea" not in own and "Ihrer eigenen Kommune" in own
    # A moderator elsewhere is not an organiser there.
    moderator = make_user("moderatorin@anderswo.example")
    grant_role(moderator, same_session(people.other_municipality), Role.MODERATOR)
    db.session.commit()
    log_in(client, moderator)
    assert "<textarea" not in client.get(url).get_data(as_text=True)
    # Without CSRF token nothing is sent.
    log_in(client, people.other_admin)
    assert client.post(url, data={"body": "Hallo"}).status_code == 400


def test_a_contact_who_left_the_municipality_is_not_shown(client, people):
    named(people)
    _process, report = published_report(client, people)
    db.session.execute(db.delete(Membership).where(Membership.user_id == people.organiser.id))
    db.session.commit()
    page = client.get(f"/learn/{report.id}/").get_data(as_text=True)
    assert "Olga Organisatorin" not in page and "keine Ansprechperson" in page
    assert "Olga Organisatorin" not in client.get("/learn/").get_data(as_text=True)


def test_bad_messages_are_refused_with_a_clear_error(client, people, smtp_server):
    _process, report = published_report(client, people)
    log_in(client, people.other_admin)
    url = f"/learn/{report.id}/"
    empty = submit(client, url, {"body": "  "})
    assert empty.status_code == 422 and "Bitte schreiben Sie eine Nachricht." in empty.get_data(as_text=True)
    long = submit(client, url, {"body": "x" * 3001})
    assert long.status_code == 422 and "Höchstens 3000 Zeichen." in long.get_data(as_text=True)
    assert smtp_server.messages == []


def test_messages_are_rate_limited_per_sender(make_app, people, smtp_server):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_PEER_MESSAGE="2 per day")
    with app.app_context():
        client = app.test_client()
        _process, report = published_report(client, people)
        log_in(client, same_session(people.other_admin))
        url = f"/learn/{report.id}/"
        assert submit(client, url, {"body": ""}).status_code == 422  # a failed try costs nothing
        statuses = [submit(client, url, {"body": f"Nachricht {n}"}).status_code for n in range(3)]
        assert statuses == [302, 302, 429]
        refused = submit(client, url, {"body": "Noch eine"})
        assert "Zu viele Nachrichten" in refused.get_data(as_text=True)
        assert len(smtp_server.to("organiser@testort.example")) == 2


def test_staff_never_reach_another_municipalitys_step_pages(client, people):
    process, _event = finished_step_with_event(people)
    log_in(client, people.other_admin)
    assert client.get(step_url(process)).status_code == 403
    assert client.get(f"/anderswo/organise/processes/{process.id}/steps/1/").status_code == 404
    assert write_report(client, process).status_code == 403
    log_in(client, people.moderator)
    assert client.get(step_url(process)).status_code == 403


def test_the_dashboard_links_to_learning_from_each_other(client, people):
    log_in(client, people.organiser)
    assert 'href="/learn/"' in client.get("/testort/organise/").get_data(as_text=True)
