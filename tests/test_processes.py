"""Dialogue processes: three steps, events per step, steering group."""
from datetime import date

from conftest import log_in, make_event, submit
from process_helpers import make_process

from dialogplatform.models import Event, Process, SteeringMeeting, SteeringMember
from dialogplatform.services import funding

FORM = {
    "title_de": "Flüchtlingsdialog Testort", "title_en": "Refugee dialogue Testort", "title_ar": "",
    "description_de": "Wie leben wir zukünftig zusammen?", "description_en": "", "description_ar": "",
    "step1_starts_on": "2030-01-15", "step1_ends_on": "2030-02-28", "step1_summary": "Themen- und Akteursanalyse",
    "step2_starts_on": "2030-03-10", "step2_ends_on": "", "step2_summary": "",
    "step3_starts_on": "", "step3_ends_on": "", "step3_summary": "",
    "rules_of_participation": "Alle kommen zu Wort.", "funding_programme": "", "funding_amount_eur": "",
    "documentation_due": "",
}


def test_organiser_creates_a_process_with_the_three_steps(people, client, db):
    log_in(client, people.organiser)
    response = submit(client, "/testort/organise/processes/new", {**FORM, "published": "y"})
    assert response.status_code == 302
    process = db.session.scalars(db.select(Process)).one()
    assert process.title == {"de": "Flüchtlingsdialog Testort", "en": "Refugee dialogue Testort"}
    assert [step.number for step in process.steps] == [1, 2, 3]
    assert process.step(1).starts_on == date(2030, 1, 15) and process.step(1).summary == "Themen- und Akteursanalyse"
    assert process.current_step == 1

    html = client.application.test_client().get(f"/testort/p/{process.id}/?lang=en").get_data(as_text=True)
    timeline = html[html.index('<ol class="timeline">'):html.index("</ol>")]
    assert timeline.index("Consultation with topic and actor analysis") < timeline.index("Start of the dialogue") \
        < timeline.index("Reflection and planning of the next steps")
    assert 'aria-current="step"' in timeline
    assert "Themen- und Akteursanalyse" in timeline
    assert "Alle kommen zu Wort." in html  # rules of participation


def test_invalid_process_form_saves_nothing(people, client, db):
    log_in(client, people.organiser)
    page = submit(client, "/testort/organise/processes/new?lang=en",
                  {**FORM, "title_de": "", "funding_amount_eur": "500"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "error-summary" in html
    assert "Please choose the funding programme for this amount." in html
    assert db.session.scalars(db.select(Process)).all() == []


def test_funding_amount_must_fit_the_programme(people, client, db):
    funding.ensure_catalogue()
    db.session.commit()
    programme = next(p for p in funding.programmes() if p.key == "kommunale_fluechtlingsdialoge")
    log_in(client, people.organiser)
    data = {**FORM, "funding_programme": str(programme.id), "funding_amount_eur": "9000",
            "documentation_due": "2030-12-31"}
    html = submit(client, "/testort/organise/processes/new?lang=en", data).get_data(as_text=True)
    assert "Kommunale Flüchtlingsdialoge grants between 3000 and 5000 EUR." in html
    assert submit(client, "/testort/organise/processes/new", {**data, "funding_amount_eur": "4500"}).status_code == 302
    process = db.session.scalars(db.select(Process)).one()
    assert (process.funding_programme.name, process.funding_amount_eur, process.documentation_due) == (
        "Kommunale Flüchtlingsdialoge", 4500, date(2030, 12, 31))


def test_unpublished_process_is_for_organisers_only(people, client):
    process = make_process(people.municipality, published=False)
    assert client.get(f"/testort/p/{process.id}/").status_code == 404
    assert "Flüchtlingsdialog Testort" not in client.get("/testort/p/").get_data(as_text=True)
    log_in(client, people.organiser)
    assert client.get(f"/testort/p/{process.id}/").status_code == 200


def test_organiser_sets_the_current_step(people, client, db):
    process = make_process(people.municipality)
    log_in(client, people.organiser)
    submit(client, f"/testort/organise/processes/{process.id}/", {"current_step": "2"},
           post_url=f"/testort/organise/processes/{process.id}/step")
    db.session.refresh(process)
    assert process.current_step == 2
    html = client.get(f"/testort/p/{process.id}/?lang=en").get_data(as_text=True)
    assert "Current step: <strong>2. Start of the dialogue</strong>" in html
    # A step that does not exist changes nothing.
    submit(client, f"/testort/organise/processes/{process.id}/", {"current_step": "7"},
           post_url=f"/testort/organise/processes/{process.id}/step")
    db.session.refresh(process)
    assert process.current_step == 2


def test_events_are_assigned_to_steps_and_shown_there(people, client, db):
    process = make_process(people.municipality)
    kickoff = make_event(people.municipality, "themenabend", title="Auftakt mit Thementischen")
    draft = make_event(people.municipality, "themenabend", title="Entwurf Runder Tisch", status="draft")
    foreign = make_event(people.other_municipality, "themenabend", title="Fremde Veranstaltung")
    log_in(client, people.organiser)
    page = client.get(f"/testort/organise/processes/{process.id}/events").get_data(as_text=True)
    assert "Auftakt mit Thementischen" in page and "Fremde Veranstaltung" not in page
    submit(client, f"/testort/organise/processes/{process.id}/events",
           {f"step_{kickoff.id}": "2", f"step_{draft.id}": "3", f"step_{foreign.id}": "1"})
    db.session.expire_all()
    assert (db.session.get(Event, kickoff.id).process_id, db.session.get(Event, kickoff.id).process_step) == (
        process.id, 2)
    assert db.session.get(Event, foreign.id).process_id is None  # another municipality's event is untouched

    public = client.application.test_client().get(f"/testort/p/{process.id}/").get_data(as_text=True)
    # Listed under step 2, i.e. between its heading and that of step 3.
    assert public.index("<h3>2. ") < public.index("Auftakt mit Thementischen") < public.index("<h3>3. ")
    assert "Entwurf Runder Tisch" not in public  # drafts only for organisers
    assert "Entwurf Runder Tisch" in client.get(f"/testort/p/{process.id}/").get_data(as_text=True)
    # The event page links back to its process.
    assert "Flüchtlingsdialog Testort" in client.application.test_client().get(
        f"/testort/e/{kickoff.id}/").get_data(as_text=True)

    # Taking an event out again.
    submit(client, f"/testort/organise/processes/{process.id}/events", {f"step_{kickoff.id}": ""})
    db.session.expire_all()
    assert db.session.get(Event, kickoff.id).process_id is None


def test_steering_group_shows_only_consenting_members_and_public_minutes(people, client, db):
    process = make_process(people.municipality, rules="Wir hören einander zu.")
    log_in(client, people.organiser)
    url = f"/testort/organise/processes/{process.id}/steering"
    for name, consent in (("Aylin Kaya", "y"), ("Bernd Maier", "")):
        data = {"name": name, "organisation": "Freundeskreis Asyl", "role": "Sprecher"}
        if consent:
            data["public_consent"] = consent
        assert submit(client, url, data, post_url=f"{url[:-len('steering')]}members/new").status_code == 302
    submit(client, url, {"held_on": "2030-02-01", "minutes": "Öffentliches Protokoll", "public": "y"},
           post_url=f"{url[:-len('steering')]}meetings/new")
    submit(client, url, {"held_on": "2030-03-01", "minutes": "Internes Protokoll"},
           post_url=f"{url[:-len('steering')]}meetings/new")
    assert db.session.query(SteeringMember).count() == 2 and db.session.query(SteeringMeeting).count() == 2

    public = client.application.test_client().get(f"/testort/p/{process.id}/?lang=en").get_data(as_text=True)
    assert "Aylin Kaya" in public and "Bernd Maier" not in public
    assert "1 further member does not wish to be named." in public
    assert "Öffentliches Protokoll" in public and "Internes Protokoll" not in public
    assert "Wir hören einander zu." in public
    staff = client.get(f"/testort/p/{process.id}/").get_data(as_text=True)
    assert "Bernd Maier" in staff and "Internes Protokoll" in staff


def test_steering_forms_refuse_bad_input_and_edit_and_remove(people, client, db):
    process = make_process(people.municipality)
    log_in(client, people.organiser)
    base = f"/testort/organise/processes/{process.id}/"
    page = submit(client, base + "steering?lang=en", {"name": ""}, post_url=base + "members/new")
    assert page.status_code == 200 and "Please enter a name." in page.get_data(as_text=True)
    page = submit(client, base + "steering?lang=en", {"held_on": "kein Datum"}, post_url=base + "meetings/new")
    assert "error-summary" in page.get_data(as_text=True)
    assert db.session.query(SteeringMember).count() == 0 and db.session.query(SteeringMeeting).count() == 0

    submit(client, base + "steering", {"name": "Chris", "role": "Moderation"}, post_url=base + "members/new")
    member = db.session.scalars(db.select(SteeringMember)).one()
    submit(client, base + f"members/{member.id}", {"name": "Chris Weber", "public_consent": "y"})
    db.session.refresh(member)
    assert (member.name, member.public_consent) == ("Chris Weber", True)
    submit(client, base + "steering", {}, post_url=base + f"members/{member.id}/delete")
    assert db.session.query(SteeringMember).count() == 0


def test_roles_on_process_pages(people, client, make_app):
    process = make_process(people.municipality, published=False)
    urls = ["/testort/organise/processes/", "/testort/organise/processes/new",
            f"/testort/organise/processes/{process.id}/", f"/testort/organise/processes/{process.id}/events",
            f"/testort/organise/processes/{process.id}/steering"]
    assert all(client.get(url).status_code == 302 for url in urls)  # to the log-in
    for user, expected in ((people.participant, 403), (people.moderator, 403), (people.other_admin, 403),
                           (people.organiser, 200), (people.admin, 200)):
        fresh = client.application.test_client()
        log_in(fresh, user)
        assert [fresh.get(url).status_code for url in urls] == [expected] * len(urls), user.email
    other = client.application.test_client()
    log_in(other, people.other_admin)
    # Another municipality's process through one's own municipality's URL: not found.
    assert other.get(f"/anderswo/organise/processes/{process.id}/").status_code == 404
    assert other.get(f"/anderswo/p/{process.id}/").status_code == 404
    assert other.get(f"/testort/p/{process.id}/").status_code == 404  # unpublished


def test_migration_fills_the_funding_catalogue_once(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    with app.app_context():
        assert app.test_cli_runner().invoke(args=["init"]).exit_code == 0
        names = {p.name: (p.min_amount_eur, p.max_amount_eur) for p in funding.programmes()}
        assert names == {
            "Kommunale Flüchtlingsdialoge": (3000, 5000), "Qualifiziert.Engagiert": (None, 300),
            "Gut Beraten": (None, 4000), "Lokale Bündnisse für Flüchtlingshilfe": (15000, 50000),
            "Vielfalt gefällt": (None, 30000), "Leuchtturmwettbewerb": (500, 2500),
        }
        assert funding.ensure_catalogue() == 0  # idempotent


def test_instance_admin_edits_the_funding_catalogue(people, client, db):
    funding.ensure_catalogue()
    db.session.commit()
    assert client.get("/admin/funding/").status_code == 302
    log_in(client, people.admin)  # a municipality's admin is not the instance admin
    assert client.get("/admin/funding/").status_code == 403
    admin = client.application.test_client()
    log_in(admin, people.instance_admin)
    assert "Vielfalt gefällt" in admin.get("/admin/funding/").get_data(as_text=True)
    programme = next(p for p in funding.programmes() if p.key == "gut_beraten")
    url = f"/admin/funding/{programme.id}"
    page = submit(admin, url + "?lang=en", {"name": "Gut Beraten", "min_amount_eur": "5000", "max_amount_eur": "4000"},
                  post_url=url)
    assert "The highest amount must not be lower than the lowest." in page.get_data(as_text=True)
    submit(admin, url, {"name": "Gut Beraten!", "provider": "Allianz für Beteiligung", "max_amount_eur": "5000"})
    db.session.expire_all()
    programme = db.session.get(type(programme), programme.id)
    assert (programme.name, programme.max_amount_eur, programme.active) == ("Gut Beraten!", 5000, False)
    # A retired programme is no longer offered to new processes.
    log_in(client, people.organiser)
    assert "Gut Beraten!" not in client.get("/testort/organise/processes/new").get_data(as_text=True)
    submit(admin, "/admin/funding/new", {"name": "Stiftungsfonds Integration", "max_amount_eur": "2000", "active": "y"})
    assert "Stiftungsfonds Integration" in client.get("/testort/organise/processes/new").get_data(as_text=True)


def test_demo_gives_schwaebisch_gmuend_its_process(runner, db, client):
    from dialogplatform.models import Recommendation

    assert runner.invoke(args=["demo"]).exit_code == 0
    process = db.session.scalars(db.select(Process)).one()
    assert process.title["de"] == "Flüchtlingsdialog Schwäbisch Gmünd" and process.published
    assert [step.number for step in process.steps] == [1, 2, 3] and all(step.starts_on for step in process.steps)
    assert (len(process.members), sum(m.public_consent for m in process.members), len(process.meetings)) == (5, 3, 2)
    assert process.rules_of_participation
    assert (process.funding_programme.name, process.funding_amount_eur) == ("Kommunale Flüchtlingsdialoge", 4500)
    recommendations = db.session.scalars(db.select(Recommendation).where(Recommendation.process_id == process.id)).all()
    assert len(recommendations) == 4
    land = next(r for r in recommendations if r.addressee == "land")
    assert land.status == "answered" and "Polizei" in land.responsible_body
    assert any(update.answer for update in land.updates)
    linked = db.session.scalars(db.select(Event).where(Event.process_id == process.id)).all()
    formats = {event.format_key for event in linked}
    if "thementische" in formats:  # the format plugin made its event: the answer traces back to it
        assert land.event.format_key == "thementische" and land.source_ref
    # A second run adds nothing.
    counts = (db.session.query(Process).count(), db.session.query(Recommendation).count(),
              db.session.query(SteeringMember).count())
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert (db.session.query(Process).count(), db.session.query(Recommendation).count(),
            db.session.query(SteeringMember).count()) == counts
    html = client.get(f"/schwaebisch-gmuend/p/{process.id}/").get_data(as_text=True)
    assert "Claudia Berger" in html and "Martin Scholz" not in html
