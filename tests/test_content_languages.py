"""Texts municipalities and organisers write, in the residents' languages:
entered per offered language, the staff form names the missing ones, the
public page falls back to the default language and marks it with lang and
dir="auto"."""
import re

from conftest import enable, log_in, make_event, submit

from dialogplatform.models import Event

EVENT = {
    "title_de": "Wie oft fährt der Bus?", "title_en": "", "title_ar": "",
    "description_de": "Wir sprechen über den Nahverkehr.", "description_en": "", "description_ar": "",
    "starts_at": "2030-05-04T18:00", "ends_at": "2030-05-04T20:30",
    "place_name": "Rathaus", "address": "Marktplatz 1", "capacity": "40",
}


def _element_with(html: str, text: str) -> str:
    """The opening tag of the innermost element that directly holds ``text``."""
    tags = [m.group(0) for m in re.finditer(r"<(\w+)([^<>]*)>\s*" + re.escape(text), html)
            if m.group(1) != "title"]
    assert tags, f"{text!r} not found"
    return tags[0]


def test_staff_form_names_the_missing_languages(people, client, db):
    enable(people.municipality, "themenabend")
    log_in(client, people.organiser)
    page = client.get("/testort/organise/new/themenabend").get_data(as_text=True)
    # Nothing entered yet: the German fields are open, the others collapsed, named in the summary.
    assert "Übersetzungen (fehlt: Englisch und Arabisch)" in page

    response = submit(client, "/testort/organise/new/themenabend", {**EVENT, "title_ar": "كم مرة يأتي الباص؟"})
    assert response.status_code == 302
    event = db.session.scalars(db.select(Event)).one()
    assert event.title == {"de": "Wie oft fährt der Bus?", "ar": "كم مرة يأتي الباص؟"}
    html = client.get(f"/testort/organise/events/{event.id}").get_data(as_text=True)
    assert "Übersetzungen (fehlt: Englisch)" in html  # the title has no English version
    assert "Übersetzungen (fehlt: Englisch und Arabisch)" in html  # the description has only German
    arabic_staff = client.get(f"/testort/organise/events/{event.id}?lang=ar").get_data(as_text=True)
    assert "(ناقصة: الإنجليزية)" in arabic_staff  # the note in the staff member's own language


def test_german_fallback_on_an_arabic_page_is_marked(people, client, db):
    event = make_event(people.municipality, "themenabend", title="Wie oft fährt der Bus?")
    page = client.get(f"/testort/e/{event.id}/?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in page
    heading = _element_with(page, "Wie oft fährt der Bus?")
    assert 'lang="de"' in heading and 'dir="auto"' in heading
    description = _element_with(page, "Ein Abend mit der Polizei.")
    assert 'lang="de"' in description and 'dir="auto"' in description
    # On the municipality's list too.
    listing = client.get("/testort/?lang=ar").get_data(as_text=True)
    assert 'lang="de"' in _element_with(listing, "Wie oft fährt der Bus?")
    # A German page needs no lang on its own language, only dir="auto".
    german = client.get(f"/testort/e/{event.id}/?lang=de").get_data(as_text=True)
    heading = _element_with(german, "Wie oft fährt der Bus?")
    assert 'dir="auto"' in heading and "lang=" not in heading


def test_arabic_title_is_shown_in_its_own_language(people, client, db):
    event = make_event(people.municipality, "themenabend", title="Wie oft fährt der Bus?")
    event.title = {**event.title, "ar": "كم مرة يأتي الباص؟"}
    db.session.commit()
    page = client.get(f"/testort/e/{event.id}/?lang=ar").get_data(as_text=True)
    heading = _element_with(page, "كم مرة يأتي الباص؟")
    assert 'dir="auto"' in heading and "lang=" not in heading
    assert "Wie oft fährt der Bus?" not in page


PROFILE = {"name": "Testort", "default_language": "de", "languages": ["de", "en", "ar"], "contact_email": "",
           "contact_phone": "", "contact_address": "", "colour": "#123456", "retention_days": "180",
           "imprint_de": "<p>Stadt Testort</p>", "imprint_en": "", "imprint_ar": "",
           "privacy_text_de": "<p>Datenschutz</p>", "privacy_text_en": "", "privacy_text_ar": ""}


def test_privacy_text_per_language_with_fallback_and_version(people, client, db):
    log_in(client, people.admin)
    page = client.get("/testort/admin/").get_data(as_text=True)
    assert page.count("Fehlt: Englisch und Arabisch") == 2  # imprint and privacy text

    # A translation added: the Arabic page shows it, nobody has to accept anew.
    response = submit(client, "/testort/admin/", {**PROFILE, "privacy_text_ar": "<p>حماية البيانات</p>"})
    assert response.status_code == 302
    db.session.refresh(people.municipality)
    assert people.municipality.privacy_text == {"de": "<p>Datenschutz</p>", "ar": "<p>حماية البيانات</p>"}
    assert people.municipality.privacy_version == 1
    arabic = client.get("/testort/privacy?lang=ar").get_data(as_text=True)
    assert "حماية البيانات" in arabic and "<p>Datenschutz</p>" not in arabic
    assert client.get("/testort/admin/?lang=de").get_data(as_text=True).count("Fehlt: Englisch") == 2

    # English has none: the German text, marked as German.
    english = client.get("/testort/privacy?lang=en").get_data(as_text=True)
    assert '<div dir="auto" lang="de"><p>Datenschutz</p></div>' in english
    imprint = client.get("/testort/imprint?lang=ar").get_data(as_text=True)
    assert '<div dir="auto" lang="de"><p>Stadt Testort</p></div>' in imprint

    # Changing what was agreed to is a new version.
    submit(client, "/testort/admin/?lang=de", {**PROFILE, "privacy_text_de": "<p>Neuer Datenschutz</p>",
                                               "privacy_text_ar": "<p>حماية البيانات</p>"})
    db.session.refresh(people.municipality)
    assert people.municipality.privacy_version == 2
    # HTML is still sanitised per language.
    submit(client, "/testort/admin/", {**PROFILE, "imprint_ar": "<p>بصمة</p><script>alert(1)</script>"})
    assert "<script>alert(1)" not in client.get("/testort/imprint?lang=ar").get_data(as_text=True)


def test_migration_turns_old_legal_texts_into_the_default_language(make_app, empty_database_url):
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    from dialogplatform.extensions import db as _db

    app = make_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade(revision="0013_a11y")
        with _db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO municipality (slug, name, default_language, languages, contact_email, contact_phone, "
                "contact_address, imprint, privacy_text, privacy_version, colour, retention_days, created_at) "
                "VALUES ('altstadt', 'Altstadt', 'en', '[\"en\", \"ar\"]', '', '', '', '<p>Imprint</p>', '', 3, "
                "'#1d4f91', 180, '2025-01-01 10:00:00')"))
        upgrade(revision="heads")
        client = app.test_client()
        assert "<p>Imprint</p>" in client.get("/altstadt/imprint?lang=ar").get_data(as_text=True)
        from dialogplatform.models import Municipality

        municipality = _db.session.scalars(_db.select(Municipality)).one()
        assert municipality.imprint == {"en": "<p>Imprint</p>"}
        assert municipality.privacy_text == {}
        assert municipality.privacy_version == 3
        _db.session.remove()
        downgrade(revision="0013_a11y")
        with _db.engine.connect() as connection:
            assert connection.execute(text("SELECT imprint FROM municipality")).scalar() == "<p>Imprint</p>"
        _db.session.remove()
        _db.engine.dispose()


PROCESS = {
    "title_de": "Flüchtlingsdialog Testort", "title_en": "", "title_ar": "",
    "description_de": "Wie leben wir zusammen?", "description_en": "", "description_ar": "",
    "step1_starts_on": "2030-01-15", "step1_ends_on": "", "step1_summary": "Themen- und Akteursanalyse",
    "step1_summary_en": "", "step1_summary_ar": "تحليل المواضيع والجهات الفاعلة",
    "step2_starts_on": "", "step2_ends_on": "", "step2_summary": "",
    "step3_starts_on": "", "step3_ends_on": "", "step3_summary": "",
    "rules_of_participation": "Alle kommen zu Wort.", "rules_of_participation_en": "Everyone has a say.",
    "rules_of_participation_ar": "", "funding_programme": "", "funding_amount_eur": "", "documentation_due": "",
    "published": "y",
}


def test_process_rules_and_step_summaries_per_language(people, client, db):
    from dialogplatform.models import Process

    log_in(client, people.organiser)
    form = client.get("/testort/organise/processes/new?lang=de").get_data(as_text=True)
    assert "rules_of_participation_ar" in form and "step1_summary_ar" in form
    assert submit(client, "/testort/organise/processes/new", PROCESS).status_code == 302
    process = db.session.scalars(db.select(Process)).one()
    assert process.rules_translations == {"en": "Everyone has a say."}
    edit = client.get(f"/testort/organise/processes/{process.id}/?lang=de").get_data(as_text=True)
    assert "Fehlt: Arabisch" in edit  # the rules have no Arabic version
    assert "Fehlt: Englisch" in edit  # step 1 has no English summary

    arabic = client.get(f"/testort/p/{process.id}/?lang=ar").get_data(as_text=True)
    assert re.search(r'<p dir="auto">\s*تحليل المواضيع والجهات الفاعلة', arabic)
    assert '<div class="description" dir="auto" lang="de">Alle kommen zu Wort.</div>' in arabic
    english = client.get(f"/testort/p/{process.id}/?lang=en").get_data(as_text=True)
    assert '<div class="description" dir="auto">Everyone has a say.</div>' in english
    assert '<p dir="auto" lang="de">Themen- und Akteursanalyse</p>' in english


def test_recommendation_text_per_language(people, client, db):
    from dialogplatform.models import Recommendation

    log_in(client, people.organiser)
    page = client.get("/testort/organise/recommendations/new?lang=de").get_data(as_text=True)
    assert "Fehlt: Deutsch, Englisch und Arabisch" in page
    response = submit(client, "/testort/organise/recommendations/new", {
        "text": "Mehr Sprachkurse am Abend", "text_en": "", "text_ar": "المزيد من دورات اللغة مساءً",
        "topic": "Bildung", "addressee": "municipality", "responsible_body": "", "contact": "", "process_id": ""})
    assert response.status_code == 302
    recommendation = db.session.scalars(db.select(Recommendation)).one()
    arabic = client.get(f"/testort/recommendations/{recommendation.id}?lang=ar").get_data(as_text=True)
    assert '<p class="lead" dir="auto">المزيد من دورات اللغة مساءً</p>' in arabic
    english = client.get(f"/testort/recommendations/{recommendation.id}?lang=en").get_data(as_text=True)
    assert '<p class="lead" dir="auto" lang="de">Mehr Sprachkurse am Abend</p>' in english


def test_arabic_sign_up_pages_and_mail_mark_the_german_title(people, client, db, smtp_server):
    """Sign-up form, "received" page, confirmation page, personal page and
    the mail: the German title sits in its own lang="de" dir="auto" element."""
    event = make_event(people.municipality, "themenabend", title="Wie oft fährt der Bus?", capacity=10)
    client.get("/?lang=ar")
    form = client.get(f"/testort/e/{event.id}/signup").get_data(as_text=True)
    marked = '<span dir="auto" lang="de">Wie oft fährt der Bus?</span>'
    assert marked in form
    response = submit(client, f"/testort/e/{event.id}/signup", {
        "name": "Amal", "email": "amal@example.org", "phone": "", "childcare_count": "0", "childcare_ages": "",
        "accessibility_other": "", "note": "", "consent": "y"})
    assert response.status_code == 302
    assert marked in client.get(response.headers["Location"]).get_data(as_text=True)
    [mail] = smtp_server.to("amal@example.org")
    assert marked in mail.get_body(preferencelist=("html",)).get_content()
    links = [link.replace("http://localhost", "").split("?")[0] for link in smtp_server.links_in(mail)]
    confirm = next(link for link in links if "/confirm/" in link)
    personal = next(link for link in links if "/r/" in link)
    assert marked in client.get(confirm).get_data(as_text=True)
    assert marked in client.get(personal).get_data(as_text=True)
