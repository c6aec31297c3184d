"""Structured event details (childcare with ages, interpreting, women only,
step-free access, hearing loop, accessible toilet): set on the event form,
shown as icon and text, usable as filters, exported."""
import re

from conftest import enable, log_in, make_event, submit
from test_query_counts import queries_for

from dialogplatform.models import Event

FORM = {
    "title_de": "Sprachcafé", "title_en": "", "title_ar": "",
    "description_de": "", "description_en": "", "description_ar": "",
    "starts_at": "2030-05-04T18:00", "ends_at": "2030-05-04T20:30",
    "place_name": "Bürgerhaus", "address": "Marktplatz 1", "capacity": "30",
    "languages": ["de"], "ext__sampleformat__motto": "Gemeinsam",
}
DETAILS = {"interpreters": ["ar", "fa"], "childcare": "y", "childcare_min_age": "3", "childcare_max_age": "10",
           "step_free": "y", "hearing_loop": "y", "accessible_toilet": "y"}
ALL_DETAILS = dict(childcare=True, childcare_min_age=3, childcare_max_age=10, interpreters=["ar", "fa"],
                   women_only=True, step_free=True, hearing_loop=True, accessible_toilet=True)


def details_shown(html: str) -> dict[str, str]:
    """{detail class: its text} of the details list; each item must carry a
    decorative (aria-hidden) icon before its text."""
    found = {}
    for item in re.findall(r'<li class="detail-([a-z-]+)">(.*?)</li>', html, re.S):
        name, body = item
        assert re.match(r'<svg class="detail-icon" aria-hidden="true" focusable="false"', body), body
        found[name] = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", body)).strip()
    return found


def card_of(html: str, title: str) -> str:
    start = html.index(title)
    return html[html.rindex("<li class=\"event-item\">", 0, start):html.index("</article>", start)]


def test_organiser_sets_details_on_the_form_and_the_public_sees_icon_and_text(people, sample_app, db):
    enable(people.municipality, "sampleformat")
    client = sample_app.test_client()
    log_in(client, people.organiser)
    form_page = client.get("/testort/organise/new/sampleformat").get_data(as_text=True)
    assert "<legend>Für wen und wie barrierefrei</legend>" in form_page
    assert submit(client, "/testort/organise/new/sampleformat", {**FORM, **DETAILS}).status_code == 302
    event = db.session.scalars(db.select(Event)).one()
    assert (event.childcare, event.childcare_min_age, event.childcare_max_age) == (True, 3, 10)
    assert event.interpreters == ["ar", "fa"]
    assert (event.women_only, event.step_free, event.hearing_loop, event.accessible_toilet) == (
        False, True, True, True)

    # The edit form shows what is stored; unticking the loop removes it.
    edit = f"/testort/organise/events/{event.id}"
    assert re.search(r'<input[^>]*checked[^>]*id="hearing_loop"|<input[^>]*id="hearing_loop"[^>]*checked',
                     client.get(edit).get_data(as_text=True))
    without_loop = {key: value for key, value in DETAILS.items() if key != "hearing_loop"}
    assert submit(client, edit, {**FORM, **without_loop}).status_code == 302
    submit(client, edit, {}, post_url=f"{edit}/publish")
    db.session.expire_all()
    assert db.session.get(Event, event.id).hearing_loop is False

    visitor = sample_app.test_client()
    german = details_shown(visitor.get(f"/testort/e/{event.id}/").get_data(as_text=True))
    assert german == {"childcare": "Kinderbetreuung (3–10 Jahre)", "interpreters": "Dolmetschung: Arabisch und Farsi",
                      "step-free": "Stufenloser Zugang", "accessible-toilet": "Barrierefreies WC"}
    arabic_page = visitor.get(f"/testort/e/{event.id}/?lang=ar").get_data(as_text=True)
    arabic = details_shown(arabic_page)
    assert arabic["childcare"] == "رعاية الأطفال (3–10 سنوات)"
    assert arabic["interpreters"] == "ترجمة فورية: العربية والفارسية"
    assert arabic["step-free"] == "مدخل بدون درجات" and arabic["accessible-toilet"] == "مرحاض مهيأ لذوي الإعاقة"
    assert 'dir="rtl"' in arabic_page


def test_cards_show_details_in_german_and_arabic(client, people):
    make_event(people.municipality, "themenabend", title="Frauencafé mit Kinderbetreuung", **ALL_DETAILS)
    make_event(people.municipality, "themenabend", title="Nur ab sechs", childcare=True, childcare_min_age=6)
    make_event(people.municipality, "themenabend", title="Rückblick", days=-5, step_free=True, hearing_loop=True)
    make_event(people.municipality, "themenabend", title="Ohne Angaben")
    html = client.get("/testort/").get_data(as_text=True)
    assert details_shown(card_of(html, "Frauencafé mit Kinderbetreuung")) == {
        "women-only": "Nur für Frauen", "childcare": "Kinderbetreuung (3–10 Jahre)",
        "interpreters": "Dolmetschung: Arabisch und Farsi", "step-free": "Stufenloser Zugang",
        "hearing-loop": "Induktionsschleife", "accessible-toilet": "Barrierefreies WC"}
    assert details_shown(card_of(html, "Nur ab sechs")) == {"childcare": "Kinderbetreuung (ab 6 Jahren)"}
    assert details_shown(card_of(html, "Rückblick")) == {"step-free": "Stufenloser Zugang",
                                                         "hearing-loop": "Induktionsschleife"}
    assert 'class="event-details"' not in card_of(html, "Ohne Angaben")
    arabic = client.get("/testort/?lang=ar").get_data(as_text=True)
    assert details_shown(card_of(arabic, "Frauencafé mit Kinderbetreuung"))["women-only"] == "للنساء فقط"
    assert details_shown(card_of(arabic, "Rückblick"))["hearing-loop"] == "حلقة سمعية"


def titles_in(html: str) -> set[str]:
    return set(re.findall(r'<h3 id="(?:event|past)-\d+-title"><a [^>]*>(?:<span [^>]*>)?([^<]+)<', html))


def test_filters_narrow_both_lists_by_details_and_interpreting(client, people):
    make_event(people.municipality, "themenabend", title="Kinder", childcare=True, step_free=True)
    make_event(people.municipality, "themenabend", title="Farsi", interpreters=["fa"], hearing_loop=True)
    make_event(people.municipality, "themenabend", title="Frauen", women_only=True, accessible_toilet=True,
               languages=["fa"])
    make_event(people.municipality, "themenabend", title="Alles", **ALL_DETAILS)
    make_event(people.municipality, "themenabend", title="Damals mit Kindern", days=-3, childcare=True)
    make_event(people.municipality, "themenabend", title="Damals ohne", days=-4)

    def shown(query):
        return titles_in(client.get(f"/testort/?{query}").get_data(as_text=True))

    assert shown("childcare=1") == {"Kinder", "Alles", "Damals mit Kindern"}
    assert shown("women_only=1") == {"Frauen", "Alles"}
    assert shown("step_free=1&hearing_loop=1") == {"Alles"}
    assert shown("accessible_toilet=1") == {"Frauen", "Alles"}
    # Interpreting into Farsi, not Farsi spoken.
    assert shown("interpreter=fa") == {"Farsi", "Alles"}
    assert shown("interpreter=fa&childcare=1") == {"Alles"}
    # The form keeps what was asked; nonsense is ignored.
    page = client.get("/testort/?childcare=1&interpreter=fa").get_data(as_text=True)
    assert re.search(r'<input type="checkbox" id="filter-childcare" name="childcare" value="1" checked>', page)
    assert '<option value="fa" selected>' in page.split('id="filter-interpreter"')[1].split("</select>")[0]
    assert shown("childcare=yes&interpreter=f%22a") == shown("")


def test_detail_filters_survive_paging(client, people):
    for number in range(22):
        make_event(people.municipality, "themenabend", title=f"Betreut {number:02d}", days=3 + number,
                   childcare=True)
    make_event(people.municipality, "themenabend", title="Ohne Betreuung", days=1)
    first = client.get("/testort/?childcare=1").get_data(as_text=True)
    assert "Ohne Betreuung" not in first
    later = re.search(r'<a href="([^"]+)" rel="next">', first).group(1).replace("&amp;", "&")
    assert "childcare=1" in later and "page=2" in later
    second = client.get(later).get_data(as_text=True)
    assert titles_in(second) == {"Betreut 20", "Betreut 21"}


def test_invalid_ages_give_a_translated_error_and_save_nothing(people, sample_app, db):
    enable(people.municipality, "sampleformat")
    client = sample_app.test_client()
    log_in(client, people.organiser)
    html = submit(client, "/testort/organise/new/sampleformat", {
        **FORM, **DETAILS, "childcare_min_age": "12", "childcare_max_age": "5"}).get_data(as_text=True)
    assert "Das höchste Alter darf nicht unter dem niedrigsten liegen." in html
    html = submit(client, "/testort/organise/new/sampleformat?lang=ar", {
        **FORM, **DETAILS, "childcare_max_age": "18"}).get_data(as_text=True)
    assert "يرجى إدخال عمر من 0 إلى 17." in html
    assert db.session.scalars(db.select(Event)).all() == []


def test_a_new_womens_dialogue_starts_women_only_through_its_format(people, sample_app):
    enable(people.municipality, "frauendialog")
    enable(people.municipality, "sampleformat")
    client = sample_app.test_client()
    log_in(client, people.organiser)
    women = client.get("/testort/organise/new/frauendialog").get_data(as_text=True)
    other = client.get("/testort/organise/new/sampleformat").get_data(as_text=True)
    checked = r'<input[^>]*checked[^>]*id="women_only"|<input[^>]*id="women_only"[^>]*checked'
    assert re.search(checked, women)
    assert 'id="women_only"' in other and not re.search(checked, other)


def test_municipality_page_queries_do_not_grow_with_detailed_events(client, app, people):
    for _ in range(2):
        make_event(people.municipality, "themenabend", **ALL_DETAILS)
        make_event(people.municipality, "themenabend", days=-2, **ALL_DETAILS)
    url = "/testort/?childcare=1&interpreter=ar&step_free=1"
    few = queries_for(client, app, url)
    for _ in range(10):
        make_event(people.municipality, "themenabend", **ALL_DETAILS)
        make_event(people.municipality, "themenabend", days=-2, **ALL_DETAILS)
    assert queries_for(client, app, url) == few


def test_open_data_lists_the_details(client, people):
    make_event(people.municipality, "themenabend", title="Mit allem", **ALL_DETAILS)
    make_event(people.municipality, "themenabend", title="Ohne")
    items = {item["title"]["de"]: item for item in client.get("/api/v1/events").get_json()["items"]}
    assert {key: items["Mit allem"][key] for key in ALL_DETAILS} == ALL_DETAILS
    assert items["Ohne"]["childcare"] is False and items["Ohne"]["childcare_min_age"] is None
