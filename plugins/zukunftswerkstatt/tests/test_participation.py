"""Participants join with the code, write cards in the current phase and
vote with a limited number of dots on the cards of the phase before."""
import threading

import pytest

from dialogplatform.plugin_api import db
from dialogplatform.testing import csrf_token_from, log_in, make_event, same_session
from dialogplatform_formats.zukunftswerkstatt import services, voting
from dialogplatform_formats.zukunftswerkstatt.models import Card, Vote

from .helpers import add_card, cards, csrf, join, theme, url, votes_on


def test_participant_page_needs_the_join_code(client, workshop):
    response = client.get(url(workshop))
    assert response.status_code == 302 and response.headers["Location"].endswith("/zukunftswerkstatt/join")
    wrong = client.get(url(workshop, "join?code=WRONG1"))
    assert wrong.status_code == 400
    assert "Dieser Beitrittscode stimmt nicht" in wrong.get_data(as_text=True)
    assert client.get(url(workshop)).status_code == 302  # still out

    join(client, workshop)
    page = client.get(url(workshop)).get_data(as_text=True)
    assert "Phase 1 von 3" in page and "Kritik" in page and "Was stört uns?" in page


def test_join_code_is_case_and_space_insensitive_and_a_new_code_locks_the_old_one_out(client, workshop, app):
    code = services.workshop_of(workshop).join_code
    spaced = f" {code[:3].lower()} {code[3:].lower()} "
    assert client.get(url(workshop, "join"), query_string={"code": spaced}).status_code == 302
    services.renew_join_code(workshop)
    other = app.test_client()
    assert other.get(url(workshop, f"join?code={code}")).status_code == 400
    assert client.get(url(workshop)).status_code == 200  # who joined stays in


def test_forged_cookie_does_not_count_as_joined(client, workshop):
    client.set_cookie(f"zw_{workshop.id}", "forged", path=f"/testort/e/{workshop.id}/")
    assert client.get(url(workshop)).status_code == 302


def test_draft_workshop_is_hidden_from_participants(client, enabled):
    draft = make_event(enabled.municipality, "zukunftswerkstatt", status="draft")
    assert client.get(url(draft, f"join?code={services.workshop_of(draft).join_code}")).status_code == 404


def test_phase_changes_are_visible_to_participants(client, app, workshop, people):
    join(client, workshop)
    organiser = app.test_client()
    log_in(organiser, people.organiser)
    token = csrf(organiser, workshop, "manage")
    assert organiser.post(url(workshop, "phase"), data={"csrf_token": token, "phase": "fantasy"}).status_code == 302
    page = client.get(url(workshop)).get_data(as_text=True)
    assert "Phase 2 von 3" in page and "Fantasie" in page and "Was wünschen wir uns?" in page
    assert 'name="phase" value="fantasy"' in page

    organiser.post(url(workshop, "phase"), data={"csrf_token": token, "phase": "critique"})  # back again
    assert "Phase 1 von 3" in client.get(url(workshop)).get_data(as_text=True)
    assert organiser.post(url(workshop, "phase"), data={"csrf_token": token, "phase": "party"}).status_code == 400
    assert services.workshop_of(workshop).phase == "critique"


def test_card_is_written_in_the_current_phase_and_chosen_theme_and_language(client, workshop):
    join(client, workshop)
    token = csrf(client, workshop)
    language = theme(workshop, "Sprache & Bildung")
    response = client.post(url(workshop, "cards"), data={
        "csrf_token": token, "theme": language.id, "phase": "critique", "language": "ar",
        "text": "لا توجد دورات لغة مع رعاية الأطفال."})
    assert response.status_code == 302
    [card] = cards()
    assert (card.phase, card.theme_id, card.language, card.created_by_id) == ("critique", language.id, "ar", None)
    assert card.participant_id  # the anonymous id, not an account
    page = client.get(url(workshop)).get_data(as_text=True)
    assert "لا توجد دورات لغة مع رعاية الأطفال." in page


def test_card_language_defaults_to_the_interface_language(client, workshop):
    join(client, workshop)
    page = client.get(url(workshop, "?lang=uk")).get_data(as_text=True)
    assert '<option selected value="uk">' in page


def test_card_typed_in_an_old_phase_is_refused_and_the_text_kept(client, workshop):
    join(client, workshop)
    token = csrf(client, workshop)
    services.set_phase(workshop, "fantasy")
    response = client.post(url(workshop, "cards"), data={
        "csrf_token": token, "theme": theme(workshop).id, "phase": "critique", "language": "de",
        "text": "Zu wenig Wohnungen"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "in die Phase „Fantasie“ weitergegangen" in html and "Zu wenig Wohnungen" in html
    assert cards() == []


@pytest.mark.parametrize("data,message", [
    ({"text": "   "}, "Bitte schreiben Sie Ihre Karte."),
    ({"text": "x" * 301}, "Bitte schreiben Sie höchstens 300 Zeichen."),
    ({"theme": "999999"}, "Bitte wählen Sie ein Thema."),
    ({"language": "xx"}, "Bitte wählen Sie eine Sprache."),
])
def test_bad_card_input_is_refused_and_nothing_saved(client, workshop, data, message):
    join(client, workshop)
    form = {"csrf_token": csrf(client, workshop), "theme": theme(workshop).id, "phase": "critique",
            "language": "de", "text": "Gute Karte", **data}
    response = client.post(url(workshop, "cards"), data=form)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert cards() == []


def test_theme_of_another_workshop_is_refused(client, workshop, enabled):
    other = make_event(enabled.municipality, "zukunftswerkstatt")
    services.add_theme(other, "Arbeit")
    foreign = theme(other, "Arbeit")
    join(client, workshop)
    response = client.post(url(workshop, "cards"), data={
        "csrf_token": csrf(client, workshop), "theme": foreign.id, "phase": "critique", "language": "de",
        "text": "Karte"})
    assert response.status_code == 400 and cards() == []


def test_staff_write_without_a_code_on_behalf_of_others(logged_in, workshop, people):
    client = logged_in(people.moderator)
    page = client.get(url(workshop))
    assert page.status_code == 200 and "im Namen von Menschen ohne Handy" in page.get_data(as_text=True)
    client.post(url(workshop, "cards"), data={
        "csrf_token": csrf_token_from(page.get_data(as_text=True)), "theme": theme(workshop).id,
        "phase": "critique", "language": "de", "text": "Die Wege zur Unterkunft sind nicht beleuchtet."})
    [card] = cards()
    assert card.created_by_id == people.moderator.id and card.participant_id is None


def test_cancelled_workshop_takes_no_cards(client, workshop):
    join(client, workshop)
    token = csrf(client, workshop)
    workshop.status = "cancelled"
    db.session.commit()
    response = client.post(url(workshop, "cards"), data={
        "csrf_token": token, "theme": theme(workshop).id, "phase": "critique", "language": "de", "text": "Karte"})
    assert response.status_code == 400 and cards() == []


# -- dots -----------------------------------------------------------------------
def _vote(client, event, card, action="vote"):
    return client.post(url(event, f"cards/{card.id}/{action}"), data={"csrf_token": csrf(client, event)})


def test_participant_spends_exactly_their_dots_and_can_take_one_back(client, workshop):
    first = add_card(workshop, "Zu wenig Wohnungen")
    second = add_card(workshop, "Lange Wartezeit auf Sprachkurse", theme_name="Sprache & Bildung")
    services.set_phase(workshop, "fantasy")
    join(client, workshop)
    assert "Sie haben noch 3 Punkte" in client.get(url(workshop)).get_data(as_text=True)
    _vote(client, workshop, first)
    _vote(client, workshop, first)  # several dots on one card are allowed
    _vote(client, workshop, second)
    refused = _vote(client, workshop, second)
    assert refused.status_code == 302
    page = client.get(url(workshop)).get_data(as_text=True)
    assert "Sie haben alle Ihre 3 Punkte vergeben." in page
    assert (votes_on(first), votes_on(second)) == (2, 1)

    _vote(client, workshop, first, "unvote")
    assert votes_on(first) == 1
    _vote(client, workshop, second)
    assert votes_on(second) == 2
    assert "Sie haben noch 0 Punkte" in client.get(url(workshop)).get_data(as_text=True)


def test_taking_back_a_dot_you_did_not_give_is_refused(client, app, workshop):
    card = add_card(workshop, "Zu wenig Wohnungen")
    services.set_phase(workshop, "fantasy")
    other = app.test_client()
    join(other, workshop)
    _vote(other, workshop, card)
    join(client, workshop)
    _vote(client, workshop, card, "unvote")
    assert votes_on(card) == 1


def test_every_participant_has_their_own_dots(client, app, workshop):
    card = add_card(workshop, "Zu wenig Wohnungen")
    services.set_phase(workshop, "fantasy")
    other = app.test_client()
    for participant in (client, other):
        join(participant, workshop)
        for _ in range(4):
            _vote(participant, workshop, card)
    assert votes_on(card) == 6


def test_votes_go_only_to_the_cards_of_the_previous_phase(client, workshop):
    critique = add_card(workshop, "Zu wenig Wohnungen")
    vision = add_card(workshop, "Eine Wohnungsbörse der Stadt", phase="fantasy")
    join(client, workshop)
    _vote(client, workshop, critique)  # critique phase: no voting yet
    assert votes_on(critique) == 0
    services.set_phase(workshop, "fantasy")
    _vote(client, workshop, vision)  # a card of the current phase
    _vote(client, workshop, critique)
    assert (votes_on(critique), votes_on(vision)) == (1, 0)
    services.set_phase(workshop, "realisation")
    _vote(client, workshop, critique)
    _vote(client, workshop, vision)
    assert (votes_on(critique), votes_on(vision)) == (1, 1)
    # A new round has a new budget of dots.
    assert "Sie haben noch 2 Punkte" in client.get(url(workshop)).get_data(as_text=True)


def test_hidden_card_cannot_get_dots(client, workshop):
    card = add_card(workshop, "Beleidigung")
    services.set_hidden(card, True)
    services.set_phase(workshop, "fantasy")
    join(client, workshop)
    _vote(client, workshop, card)
    assert votes_on(card) == 0


def test_voting_needs_the_join_code(client, workshop):
    card = add_card(workshop, "Zu wenig Wohnungen")
    services.set_phase(workshop, "fantasy")
    token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    response = client.post(url(workshop, f"cards/{card.id}/vote"), data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/join")
    assert votes_on(card) == 0


def test_simultaneous_dots_of_one_participant_never_exceed_the_budget(app, workshop):
    """Twelve clicks at the same moment (two tabs, a double tap) from one
    participant with 3 dots: exactly 3 are stored, the rest refused."""
    card = add_card(workshop, "Zu wenig Wohnungen")
    services.set_phase(workshop, "fantasy")
    event_id, card_id = workshop.id, card.id
    start = threading.Barrier(12)
    stored, refused, errors = [], [], []

    def click():
        with app.app_context(), app.test_request_context():
            try:
                start.wait()
                voting.cast_vote(event_id, card_id, "same-person")
                stored.append(1)
            except voting.VoteRejected:
                refused.append(1)
            except Exception as exc:  # nothing may fail in another way
                errors.append(repr(exc))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=click) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert (len(stored), len(refused)) == (3, 9)
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Vote.id)).filter_by(participant_id="same-person")) == 3


def test_cards_are_not_linked_to_accounts(client, workshop):
    join(client, workshop)
    client.post(url(workshop, "cards"), data={
        "csrf_token": csrf(client, workshop), "theme": theme(workshop).id, "phase": "critique", "language": "de",
        "text": "Anonyme Karte"})
    assert db.session.scalar(db.select(Card.created_by_id)) is None


def test_only_wrong_join_codes_count_against_the_limit(make_app, workshop):
    """A whole room may share one Wi-Fi address: right codes are never
    counted, wrong ones are (guessing the code stays slow)."""
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_ANONYMOUS_POST="3 per minute")
    with app.app_context():
        event = same_session(workshop)
        code = services.workshop_of(event).join_code
        for _ in range(5):
            assert app.test_client().get(url(event, f"join?code={code}")).status_code == 302
        guesser = app.test_client()
        statuses = [guesser.get(url(event, "join?code=AAAAAA")).status_code for _ in range(4)]
        assert statuses == [400, 400, 400, 429]


def test_event_page_shows_the_phase_and_the_way_in(client, workshop):
    html = client.get(f"/testort/e/{workshop.id}/").get_data(as_text=True)
    assert "Aktuelle Phase" in html and "Kritik" in html
    assert "Mit dem Beitrittscode mitmachen" in html
    assert services.workshop_of(workshop).join_code not in html  # the code is only shown in the room
    join(client, workshop)
    assert "Karten schreiben und abstimmen" in client.get(f"/testort/e/{workshop.id}/").get_data(as_text=True)
