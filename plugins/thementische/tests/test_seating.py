"""Fair seating within table sizes: first choices, then second, then any room."""
from datetime import timedelta

from dialogplatform.plugin_api import db, utcnow
from dialogplatform.testing import submit
from dialogplatform_formats.thementische import services
from dialogplatform_formats.thementische.models import Assignment
from dialogplatform_formats.thementische.services import Seeker, seat

from .helpers import sign_up, url


def test_first_choices_in_sign_up_order_then_second_choices():
    # Table 1 has two seats; three people want it first, the third gets the second choice.
    placed = seat({1: 2, 2: 5}, [Seeker(10, 1, (1, 2)), Seeker(11, 1, (1, 2)), Seeker(12, 1, (1, 2))])
    assert placed == {10: 1, 11: 1, 12: 2}


def test_first_choices_win_over_earlier_second_choices():
    # 10 signed up first but only has table 1 as second choice; 11 wants it first.
    placed = seat({1: 1, 2: 0}, [Seeker(10, 1, (2, 1)), Seeker(11, 1, (1, 2))])
    assert placed[11] == 1 and 10 not in placed


def test_full_first_and_second_choice_sends_to_the_emptiest_table():
    placed = seat({1: 1, 2: 1, 3: 2, 4: 4}, [Seeker(10, 1, (1, 2)), Seeker(11, 1, (2, 1)), Seeker(12, 1, (1, 2))])
    assert placed == {10: 1, 11: 2, 12: 4}


def test_nobody_is_seated_over_a_tables_size_and_groups_stay_together():
    # A person with two companions (size 3) does not fit the two free seats.
    placed = seat({1: 2, 2: 2}, [Seeker(10, 3, (1, 2)), Seeker(11, 2, (1,)), Seeker(12, 1, (2,))])
    assert placed == {11: 1, 12: 2}
    assert 10 not in placed


def test_seating_is_deterministic():
    seekers = [Seeker(n, 1 + n % 2, ((n % 3) + 1, ((n + 1) % 3) + 1)) for n in range(40)]
    free = {1: 10, 2: 10, 3: 10}
    first = seat(free, seekers)
    assert all(seat(free, seekers) == first for _ in range(5))
    for table_id, seats in free.items():
        assert sum(s.size for s in seekers if first.get(s.key) == table_id) <= seats


def test_only_confirmed_registrations_are_seated_and_companions_count(dialogue):
    wohnen, ehrenamt = dialogue.tables[0], dialogue.tables[1]
    services.update_table(wohnen, wohnen.theme, 3, None, "")
    start = utcnow() - timedelta(days=3)
    group = sign_up(dialogue.event, "Familie Haddad", wohnen, ehrenamt, companions=1, created_at=start)
    late = sign_up(dialogue.event, "Peter Schmid", wohnen, ehrenamt, created_at=start + timedelta(hours=1))
    later = sign_up(dialogue.event, "Elke Bauer", wohnen, ehrenamt, created_at=start + timedelta(hours=2))
    sign_up(dialogue.event, "Auf der Warteliste", wohnen, None, status="waitlisted", created_at=start)
    assert services.assign_round(dialogue.event, 1) == []
    seats = services.assignments_of(dialogue.event, 1)
    assert seats == {(group.id, 1): wohnen.id, (late.id, 1): wohnen.id, (later.id, 1): ehrenamt.id}
    assert services.occupancy(dialogue.event, 1) == {wohnen.id: 3, ehrenamt.id: 1}


def test_round_two_sends_people_to_a_table_they_have_not_seen(dialogue):
    wohnen, arbeit = dialogue.tables[0], dialogue.tables[2]
    person = sign_up(dialogue.event, "Farid Ahmadi", wohnen, arbeit)
    services.assign_round(dialogue.event, 1)
    services.assign_round(dialogue.event, 2)
    seats = services.assignments_of(dialogue.event)
    assert (seats[(person.id, 1)], seats[(person.id, 2)]) == (wohnen.id, arbeit.id)


def test_organiser_seats_everyone_with_one_click(logged_in, people, dialogue):
    frauen = dialogue.tables[3]
    services.update_table(frauen, frauen.theme, 1, None, "ar")
    first = sign_up(dialogue.event, "Amal Haddad", frauen, dialogue.tables[4])
    second = sign_up(dialogue.event, "Samira Nouri", frauen, dialogue.tables[4])
    client = logged_in(people.organiser)
    response = submit(client, url(dialogue.event, "seating"), {}, post_url=url(dialogue.event, "seating/1/assign"),
                      follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Alle Bestätigten haben in Runde 1 einen Tisch." in html
    assert services.assignments_of(dialogue.event, 1) == {
        (first.id, 1): frauen.id, (second.id, 1): dialogue.tables[4].id}


def test_organiser_moves_one_person_by_hand_but_never_to_a_full_table(logged_in, people, dialogue):
    wohnen, arbeit = dialogue.tables[0], dialogue.tables[2]
    services.update_table(arbeit, arbeit.theme, 1, None, "")
    sitting = sign_up(dialogue.event, "Hassan Ali", arbeit, None)
    mover = sign_up(dialogue.event, "Klaus Hofmann", wohnen, None)
    services.assign_round(dialogue.event, 1)
    client = logged_in(people.organiser)
    page = url(dialogue.event, "seating")
    response = submit(client, page, {f"r{mover.id}-table": arbeit.id},
                      post_url=url(dialogue.event, f"seating/1/{mover.id}"), follow_redirects=True)
    assert "Der Tisch „Arbeit“ ist voll." in response.get_data(as_text=True)
    assert services.assignments_of(dialogue.event, 1)[(mover.id, 1)] == wohnen.id

    response = submit(client, page, {f"r{sitting.id}-table": wohnen.id},
                      post_url=url(dialogue.event, f"seating/1/{sitting.id}"), follow_redirects=True)
    assert "Der Platz von Hassan Ali ist gespeichert." in response.get_data(as_text=True)
    assert services.assignments_of(dialogue.event, 1)[(sitting.id, 1)] == wohnen.id


def test_moving_to_a_table_of_another_event_or_a_missing_round_is_refused(logged_in, people, dialogue):
    person = sign_up(dialogue.event, "Omid Sadeghi", dialogue.tables[0], None)
    client = logged_in(people.organiser)
    response = submit(client, url(dialogue.event, "seating"), {f"r{person.id}-table": 999999},
                      post_url=url(dialogue.event, f"seating/1/{person.id}"), follow_redirects=True)
    assert "Bitte wählen Sie einen der Tische." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Assignment.id))) == 0
    assert client.get(url(dialogue.event, "seating?round=3")).status_code == 404


def test_seating_page_is_for_organisers_only(logged_in, people, dialogue):
    client = logged_in(people.moderator)
    assert client.get(url(dialogue.event, "seating")).status_code == 403
