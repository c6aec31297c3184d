"""Organisers run the workshop (phases, themes, join code, action plan),
moderators translate and hide cards; nobody else and no other municipality."""
import pytest

from dialogplatform.plugin_api import db
from dialogplatform.testing import csrf_token_from, disable, enable, log_in, make_event
from dialogplatform_formats.zukunftswerkstatt import services
from dialogplatform_formats.zukunftswerkstatt.models import Measure, Theme

from .helpers import add_card, csrf, url


def _themes(event):
    db.session.expire_all()
    return [t.name for t in db.session.scalars(db.select(Theme).filter_by(event_id=event.id).order_by(Theme.position))]


STAFF_PAGES = ["manage", "manage/themes", "manage/cards", "wall", "plan"]


@pytest.mark.parametrize("page", STAFF_PAGES)
def test_staff_pages_need_a_moderator_of_this_municipality(app, workshop, people, page):
    anonymous = app.test_client()
    assert anonymous.get(url(workshop, page)).status_code == 302  # to the log-in page
    for user, status in [(people.participant, 403), (people.other_admin, 403), (people.moderator, 200),
                         (people.organiser, 200)]:
        client = app.test_client()
        log_in(client, user)
        assert client.get(url(workshop, page)).status_code == status, user.email


def test_event_of_another_municipality_is_not_found_here(app, workshop, people):
    enable(people.other_municipality, "zukunftswerkstatt")
    client = app.test_client()
    log_in(client, people.other_admin)
    assert client.get(f"/anderswo/e/{workshop.id}/zukunftswerkstatt/manage").status_code == 404
    assert client.get(f"/anderswo/e/{workshop.id}/zukunftswerkstatt/join?code=X").status_code == 404


def test_format_switched_off_answers_404(app, workshop, people):
    disable(people.municipality, "zukunftswerkstatt")
    client = app.test_client()
    log_in(client, people.organiser)
    assert client.get(url(workshop, "manage")).status_code == 404


def test_moderator_cannot_change_phase_themes_code_or_plan(logged_in, workshop, people):
    client = logged_in(people.moderator)
    token = csrf(client, workshop, "manage")
    code = services.workshop_of(workshop).join_code
    for path, data in [("phase", {"phase": "fantasy"}), ("themes", {"name": "Arbeit"}), ("themes/defaults", {}),
                       ("join-code", {}), ("plan", {"what": "X", "who": "Y", "addressee": "land"})]:
        assert client.post(url(workshop, path), data={"csrf_token": token, **data}).status_code == 403, path
    assert services.workshop_of(workshop).phase == "critique"
    assert services.workshop_of(workshop).join_code == code
    assert "Arbeit" not in _themes(workshop)


def test_the_three_ostfildern_themes_in_one_click_and_no_duplicates(logged_in, enabled, people):
    event = make_event(enabled.municipality, "zukunftswerkstatt")
    client = logged_in(people.organiser)
    page = client.get(url(event, "manage/themes")).get_data(as_text=True)  # moved from "manage"
    assert "Noch keine Themen." in page
    token = csrf_token_from(page)
    client.post(url(event, "themes/defaults"), data={"csrf_token": token})
    client.post(url(event, "themes/defaults"), data={"csrf_token": token})
    assert _themes(event) == ["Bauen & Wohnen", "Sprache & Bildung", "Sorgen & Bedenken"]
    client.post(url(event, "themes"), data={"csrf_token": token, "name": "Arbeit"})
    duplicate = client.post(url(event, "themes"), data={"csrf_token": token, "name": "Arbeit"})
    assert duplicate.status_code == 400 and "Dieses Thema gibt es schon." in duplicate.get_data(as_text=True)
    empty = client.post(url(event, "themes"), data={"csrf_token": token, "name": "  "})
    assert "Bitte geben Sie ein Thema ein." in empty.get_data(as_text=True)
    assert _themes(event)[-1] == "Arbeit" and len(_themes(event)) == 4


def test_theme_with_cards_cannot_be_removed(logged_in, workshop, people):
    add_card(workshop, "Zu wenig Wohnungen")
    housing = db.session.scalars(db.select(Theme).filter_by(event_id=workshop.id, name="Bauen & Wohnen")).one()
    worries = db.session.scalars(db.select(Theme).filter_by(event_id=workshop.id, name="Sorgen & Bedenken")).one()
    client = logged_in(people.organiser)
    token = csrf(client, workshop, "manage")
    client.post(url(workshop, f"themes/{housing.id}/delete"), data={"csrf_token": token})
    client.post(url(workshop, f"themes/{worries.id}/delete"), data={"csrf_token": token})
    assert _themes(workshop) == ["Bauen & Wohnen", "Sprache & Bildung"]


def test_organiser_moves_through_the_phases_and_back(logged_in, workshop, people):
    client = logged_in(people.organiser)
    token = csrf(client, workshop, "manage")
    response = client.post(url(workshop, "phase"), data={"csrf_token": token, "phase": "realisation"},
                           follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Die Werkstatt ist jetzt in der Phase „Verwirklichung“." in html
    assert "Zurück zu „Fantasie“" in html and "Weiter zu" not in html


def test_moderator_translates_and_hides_cards(logged_in, app, workshop, people):
    card = add_card(workshop, "لا توجد شقق")
    client = logged_in(people.moderator)
    token = csrf(client, workshop, "manage")
    client.post(url(workshop, f"cards/{card.id}/translation"),
                data={"csrf_token": token, f"c{card.id}-translation": "Es gibt keine Wohnungen",
                      f"c{card.id}-language": "de"})
    wall = client.get(url(workshop, "wall")).get_data(as_text=True)
    assert "لا توجد شقق" in wall and "Übersetzung: Es gibt keine Wohnungen" in wall
    too_long = client.post(url(workshop, f"cards/{card.id}/translation"),
                           data={"csrf_token": token, f"c{card.id}-translation": "x" * 601})
    assert too_long.status_code == 400 and "höchstens 600 Zeichen" in too_long.get_data(as_text=True)

    client.post(url(workshop, f"cards/{card.id}/visibility"), data={"csrf_token": token})
    assert "لا توجد شقق" not in client.get(url(workshop, "wall")).get_data(as_text=True)
    assert "Ausgeblendet" in client.get(url(workshop, "manage/cards")).get_data(as_text=True)  # moved from "manage"


def test_wall_shows_phase_cards_by_theme_ranking_and_join_qr_code(logged_in, workshop, people):
    add_card(workshop, "Zu wenig Wohnungen")
    popular = add_card(workshop, "Lange Wartezeit auf Sprachkurse", theme_name="Sprache & Bildung")
    services.set_phase(workshop, "fantasy")
    from dialogplatform_formats.zukunftswerkstatt import voting

    voting.cast_vote(workshop.id, popular.id, "p1")
    voting.cast_vote(workshop.id, popular.id, "p1")
    add_card(workshop, "Eine Wohnungsbörse", phase="fantasy")
    html = logged_in(people.moderator).get(url(workshop, "wall")).get_data(as_text=True)
    code = services.workshop_of(workshop).join_code
    assert "Fantasie" in html and "Was wünschen wir uns?" in html
    assert "<svg" in html and code in html
    assert "Eine Wohnungsbörse" in html  # the cards of the current phase
    assert html.index("Lange Wartezeit auf Sprachkurse") < html.index("Zu wenig Wohnungen")  # ranked
    assert "2 Punkte" in html
    assert 'hx-trigger="every' in html  # refreshes itself


def test_action_plan_measure_from_a_card(logged_in, workshop, people):
    card = add_card(workshop, "Sprachkurse mit Kinderbetreuung", phase="fantasy", theme_name="Sprache & Bildung")
    client = logged_in(people.organiser)
    # The form moved from the plan to its own page; the old link leads there.
    page = client.get(url(workshop, f"plan?card={card.id}"), follow_redirects=True).get_data(as_text=True)
    assert "Sprachkurse mit Kinderbetreuung</textarea>" in page  # pre-filled from the card
    response = client.post(url(workshop, "plan"), data={
        "csrf_token": csrf_token_from(page), "what": "Sprachkurs mit Kinderbetreuung im Familienzentrum",
        "who": "Familienzentrum", "due_on": "2031-03-01", "addressee": "land", "theme": card.theme_id,
        "card_id": str(card.id)})
    assert response.status_code == 302
    measure = db.session.scalars(db.select(Measure)).one()
    assert (measure.card_id, measure.theme_id, measure.addressee, measure.due_on.isoformat()) == (
        card.id, card.theme_id, "land", "2031-03-01")
    plan = client.get(url(workshop, "plan")).get_data(as_text=True)
    assert "Familienzentrum" in plan and "Land" in plan


def test_free_measure_with_bad_input_is_refused_and_nothing_saved(logged_in, workshop, people):
    client = logged_in(people.organiser)
    token = csrf(client, workshop, "plan")
    response = client.post(url(workshop, "plan"), data={
        "csrf_token": token, "what": "", "who": "", "due_on": "morgen", "addressee": "bund", "theme": "0"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    for message in ("Bitte beschreiben Sie die Maßnahme.", "Bitte geben Sie an, wer es übernimmt.",
                    "Bitte wählen Sie, an wen sie sich richtet."):
        assert message in html
    assert db.session.scalar(db.select(db.func.count(Measure.id))) == 0


def test_dots_setting_on_the_event_form(logged_in, enabled, people):
    client = logged_in(people.organiser)
    html = client.get("/testort/organise/new/zukunftswerkstatt").get_data(as_text=True)
    assert "Punkte pro Person und Abstimmungsrunde" in html and 'value="5"' in html


def test_workshop_overview_lists_phase_and_cards(logged_in, workshop, people):
    add_card(workshop, "Zu wenig Wohnungen")
    html = logged_in(people.organiser).get("/testort/organise/zukunftswerkstatt/").get_data(as_text=True)
    assert "Zukunftswerkstatt Testort" in html and "Kritik" in html
    assert logged_in(people.moderator).get("/testort/organise/zukunftswerkstatt/").status_code == 403


def test_each_staff_page_shows_one_task_and_the_event_menu_leads_there(logged_in, workshop, people):
    """The control page holds the phase and the way in; the cards of one
    phase at a time are on the cards page, the themes on theirs."""
    add_card(workshop, "Zu wenig Wohnungen")
    vision = add_card(workshop, "Eine Wohnungsbörse", phase="fantasy")
    client = logged_in(people.moderator)
    hub = client.get(f"/testort/organise/e/{workshop.id}/").get_data(as_text=True)
    menu = hub.split('class="subnav event-menu"', 1)[1].split("</nav>", 1)[0]
    for path, label in (("manage", "Werkstatt steuern"), ("manage/themes", "Themen"), ("manage/cards", "Karten")):
        assert f'href="{url(workshop, path)}">{label}</a>' in menu
    control = client.get(url(workshop, "manage")).get_data(as_text=True)
    assert "Zu wenig Wohnungen" not in control and services.workshop_of(workshop).join_code in control
    critique = client.get(url(workshop, "manage/cards")).get_data(as_text=True)  # the current phase
    assert "Zu wenig Wohnungen" in critique and "Eine Wohnungsbörse" not in critique
    fantasy = client.get(url(workshop, "manage/cards?phase=fantasy")).get_data(as_text=True)
    assert "Eine Wohnungsbörse" in fantasy and "Zu wenig Wohnungen" not in fantasy
    token = csrf_token_from(fantasy)
    response = client.post(url(workshop, f"cards/{vision.id}/visibility"), data={"csrf_token": token})
    assert response.headers["Location"].endswith(f"manage/cards?phase=fantasy#card-{vision.id}")


def test_the_action_plan_lists_measures_and_a_new_one_has_its_own_page(logged_in, workshop, people):
    card = add_card(workshop, "Eine Wohnungsbörse", phase="fantasy")
    organiser = logged_in(people.organiser)
    plan = organiser.get(url(workshop, "plan")).get_data(as_text=True)
    assert f'href="{url(workshop, "plan/new")}"' in plan and "<textarea" not in plan
    new = organiser.get(url(workshop, "plan/new")).get_data(as_text=True)
    assert "<textarea" in new and f'href="{url(workshop, f"plan/new?card={card.id}")}#zw-new-measure"' in new
    moderator = logged_in(people.moderator)
    assert moderator.get(url(workshop, "plan/new")).status_code == 403
    assert url(workshop, "plan/new") not in moderator.get(url(workshop, "plan")).get_data(as_text=True)
