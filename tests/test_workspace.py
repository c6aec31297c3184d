"""The staff workspace over HTTP: the dashboard's figures from real sign-ups,
each event's hub with its menu (the format's tools included), breadcrumbs,
one "Verwaltung" link on public pages, and no way into another
municipality's dashboard or hubs."""
import re

import pytest
from conftest import enable, log_in, make_event, submit
from test_query_counts import counted

from dialogplatform.extensions import db
from dialogplatform.models import Municipality
from dialogplatform.services import signups


def register(app, event, answers=None, **person):
    with app.test_request_context():
        registration, _ = signups.register(event.id, signups.Person(**person), answers, source="assisted")
    return registration


def row_of(html, title):
    """The cells of the table row that names ``title``."""
    row = next(row for row in re.findall(r"<tr>(.*?)</tr>", html, re.S) if title in row)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)]


def section(html, section_id):
    return html.split(f'id="{section_id}"', 1)[1].split("</section>", 1)[0]


def main_menu(html):
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


def test_dashboard_counts_seats_waiting_lists_and_needs(client, app, people):
    event = make_event(people.municipality, "themenabend", title="Abend zur Sicherheit", capacity=3,
                       interpreters=["ar", "fa"], max_companions=2, days=3)
    register(app, event, name="A", email="a@example.org", interpreter_language="ar", childcare_count=2,
             childcare_ages="4 und 8")
    register(app, event, name="B", email="b@example.org", companions=1, interpreter_language="fa")
    register(app, event, name="C", email="c@example.org", interpreter_language="ar")  # waiting list: full
    gone = register(app, event, name="D", email="d@example.org", interpreter_language="ar", childcare_count=3)
    gone.status = "cancelled"  # who no longer comes needs nothing arranged
    db.session.commit()
    later = make_event(people.municipality, "themenabend", title="Abend zur Arbeit", capacity=10, days=9,
                       interpreters=["uk"])
    register(app, later, name="E", email="e@example.org", interpreter_language="uk", childcare_count=1)
    make_event(people.municipality, "themenabend", title="Vergangener Abend", days=-5)

    log_in(client, people.organiser)
    html = client.get("/testort/organise/").get_data(as_text=True)
    upcoming = section(html, "upcoming")
    assert "Vergangener Abend" not in upcoming
    assert upcoming.index("Abend zur Sicherheit") < upcoming.index("Abend zur Arbeit")  # soonest first
    # Title, when, status, seats taken, seats left, waiting list.
    assert row_of(upcoming, "Abend zur Sicherheit")[-3:] == ["3", "0", "1"]
    assert row_of(upcoming, "Abend zur Arbeit")[-3:] == ["1", "9", "0"]
    assert f'href="/testort/organise/e/{event.id}/"' in upcoming  # the title opens the hub

    needs = section(html, "needs")
    first = row_of(needs, "Abend zur Sicherheit")
    assert "Arabisch: 1" in first[1] and "Farsi: 1" in first[1]  # C waits: not yet to arrange
    assert first[2].startswith("2") and "3–5 Jahre: 1" in first[2] and "6–9 Jahre: 1" in first[2]
    total = row_of(needs, "Gesamt")
    assert "Ukrainisch: 1" in total[1] and "Arabisch: 1" in total[1]
    assert "Alter nicht angegeben: 1" in total[2]


def test_dashboard_shows_what_awaits_moderation_and_the_recommendations_due(client, app, people):
    enable(people.municipality, "themenabend")
    event = make_event(people.municipality, "themenabend", title="Abend mit Fragen")
    for text in ("Wann kommt der Bus?", "Wo ist das Amt?"):
        submit(client, f"/testort/e/{event.id}/", {"question_text": text, "author_name": ""},
               post_url=f"/testort/e/{event.id}/themenabend/questions/new")
    log_in(client, people.organiser)
    html = client.get("/testort/organise/").get_data(as_text=True)
    queue = section(html, "moderation")
    assert row_of(queue, "Abend mit Fragen")[-1] == "2"
    assert f'href="/testort/e/{event.id}/themenabend/manage"' in queue
    submit(client, "/testort/organise/recommendations/new", {"text": "Buslinie verlängern", "addressee": "municipality",
                                                            "process_id": ""})
    due = section(client.get("/testort/organise/").get_data(as_text=True), "recommendations-due")
    assert row_of(due, "Offen")[-1] == "1"


def test_dashboard_queries_do_not_grow_with_events_and_sign_ups(client, app, people):
    enable(people.municipality, "themenabend")

    def add(events, people_each):
        for n in range(events):
            event = make_event(people.municipality, "themenabend", capacity=50, days=n + 1)
            for k in range(people_each):
                register(app, event, name=f"P{n}-{k}", email=f"p{n}-{k}-{events}@example.org",
                         interpreter_language="ar", childcare_count=1, childcare_ages="5")

    add(2, 2)
    log_in(client, people.organiser)
    with counted(app) as few:
        assert client.get("/testort/organise/").status_code == 200
    add(8, 6)
    with counted(app) as many:
        assert client.get("/testort/organise/").status_code == 200
    assert len(many) == len(few)


def test_hub_has_one_menu_with_the_formats_tools_for_each_role(client, app, people):
    enable(people.municipality, "themenabend")
    event = make_event(people.municipality, "themenabend", title="Abend im Rathaus")
    log_in(client, people.organiser)
    html = client.get(f"/testort/organise/e/{event.id}/").get_data(as_text=True)
    menu = html.split('class="subnav event-menu"', 1)[1].split("</nav>", 1)[0]
    labels = re.findall(r">([^<>]+)</a>", menu)
    assert labels == ["Überblick", "Bearbeiten", "Anmeldungen", "Einlass", "Fragen ordnen und beantworten",
                      "Abend moderieren", "Ansicht für den Beamer", "Auswertung", "Bericht"]
    for url in re.findall(r'href="([^"]+)"', menu):
        assert client.get(url).status_code == 200, url
    assert 'aria-current="page">Überblick' in menu

    log_in(client, people.moderator)
    menu = client.get(f"/testort/organise/e/{event.id}/").get_data(as_text=True).split(
        'class="subnav event-menu"', 1)[1].split("</nav>", 1)[0]
    # No names, no organiser tools; the evening's questions are the moderators' work.
    assert re.findall(r">([^<>]+)</a>", menu) == ["Überblick", "Einlass", "Fragen ordnen und beantworten",
                                                  "Abend moderieren", "Ansicht für den Beamer"]


def test_staff_pages_of_an_event_show_its_menu_and_breadcrumbs(client, people):
    enable(people.municipality, "themenabend")
    event = make_event(people.municipality, "themenabend", title="Abend im Rathaus")
    log_in(client, people.organiser)
    hub = f"/testort/organise/e/{event.id}/"
    for url, page in [(f"/testort/organise/events/{event.id}/registrations", "Anmeldungen"),
                      (f"/testort/organise/events/{event.id}/check-in", "Einlass"),
                      (f"/testort/organise/events/{event.id}/assisted", "Jemanden anmelden"),
                      (f"/testort/e/{event.id}/themenabend/manage", "Fragen"),
                      (f"/testort/organise/events/{event.id}", "Veranstaltung bearbeiten")]:
        html = client.get(url).get_data(as_text=True)
        assert 'class="subnav event-menu"' in html, url
        crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
        steps = [re.sub(r"<[^>]+>", "", step).strip() for step in re.findall(r"<li[^>]*>(.*?)</li>", crumbs, re.S)]
        assert steps[:2] == ["Verwaltung", "Abend im Rathaus"], (url, steps)
        assert page in steps[2], (url, steps)
        assert f'href="{hub}"' in crumbs and 'href="/testort/organise/"' in crumbs
    # Pages of no event: Verwaltung › the page.
    html = client.get("/testort/organise/processes/").get_data(as_text=True)
    crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert "Verwaltung" in crumbs and 'aria-current="page"' in crumbs
    assert 'class="subnav event-menu"' not in html


def test_public_pages_carry_one_management_link_for_staff_and_none_for_residents(client, people):
    enable(people.municipality, "themenabend")
    event = make_event(people.municipality, "themenabend")
    staff_only = ["/organise/processes", "/organise/my-signups", "/testort/admin", "/admin/", "/organise/themenabend"]
    for user in (people.organiser, people.admin, people.moderator):
        log_in(client, user)
        for url in ("/testort/", f"/testort/e/{event.id}/", "/testort/p/"):
            header = main_menu(client.get(url).get_data(as_text=True))
            assert header.count('href="/testort/organise/"') == 1, (user, url)
            assert ">Verwaltung</a>" in header
            assert not [link for link in staff_only if link in header], (user, url, header)
    log_in(client, people.participant)
    header = main_menu(client.get("/testort/").get_data(as_text=True))
    assert "Verwaltung" not in header and "/organise/" not in header
    # Staff pages have their own navigation instead of the public menu.
    log_in(client, people.organiser)
    header = main_menu(client.get("/testort/organise/").get_data(as_text=True))
    assert 'aria-label="Menü für Mitarbeitende"' in header or "Staff menu" in header
    assert 'href="/testort/organise/processes/"' in header and 'href="/testort/"' in header


def test_another_municipalitys_staff_reach_neither_dashboard_nor_hub(client, people):
    event = make_event(people.municipality, "themenabend")
    theirs = make_event(people.other_municipality, "themenabend")
    log_in(client, people.other_admin)
    assert client.get("/testort/organise/").status_code == 403
    assert client.get(f"/testort/organise/e/{event.id}/").status_code == 403
    assert client.get(f"/anderswo/organise/e/{event.id}/").status_code == 404  # not an event of theirs
    assert client.get(f"/anderswo/organise/e/{theirs.id}/").status_code == 200
    log_in(client, people.organiser)
    assert client.get(f"/testort/organise/e/{theirs.id}/").status_code == 404
    assert client.get(f"/anderswo/organise/e/{theirs.id}/").status_code == 403
    log_in(client, people.participant)
    assert client.get("/testort/organise/").status_code == 403
    assert client.get(f"/testort/organise/e/{event.id}/").status_code == 403


def test_instance_admin_lands_on_the_instance_admin(client, people):
    response = log_in(client, people.instance_admin)
    assert response.headers["Location"].endswith("/admin/")
    response = log_in(client, people.organiser)
    assert response.headers["Location"].endswith("/account/")


def test_new_municipality_address_is_made_from_the_name(client, people, smtp_server):
    log_in(client, people.instance_admin)
    form = client.get("/admin/municipalities/new").get_data(as_text=True)
    assert 'data-slug-from="name"' in form  # the script previews it; the server decides
    response = submit(client, "/admin/municipalities/new", {
        "name": "Groß-Überlingen an der Möhne", "slug": "", "admin_email": "rathaus@example.org"})
    assert response.status_code == 302
    assert db.session.scalar(db.select(Municipality.slug).filter_by(name="Groß-Überlingen an der Möhne")) \
        == "gross-ueberlingen-an-der-moehne"
    assert client.get("/gross-ueberlingen-an-der-moehne/").status_code == 200
    # A typed address wins over the name.
    submit(client, "/admin/municipalities/new", {"name": "Weil der Stadt", "slug": "weil",
                                                 "admin_email": "weil@example.org"})
    assert db.session.scalar(db.select(Municipality.slug).filter_by(name="Weil der Stadt")) == "weil"


def test_invitation_offers_the_least_privilege_and_asks_password_first(client, people, smtp_server):
    log_in(client, people.admin)
    page = client.get("/testort/admin/members").get_data(as_text=True)
    page = page.split('<form method="post" novalidate class="stack">', 1)[1]  # the invitation form
    selected = re.findall(r'<option[^>]*selected[^>]*value="([^"]+)"|<option[^>]*value="([^"]+)"[^>]*selected', page)
    assert [a or b for a, b in selected] == ["helper"]
    submit(client, "/testort/admin/members", {"email": "neu@example.org"})  # role left as offered
    [mail] = smtp_server.to("neu@example.org")
    path = smtp_server.links_in(mail)[0].replace("http://localhost", "")
    fresh = client.application.test_client()
    form = fresh.get(path).get_data(as_text=True)
    assert form.index('name="password"') < form.index('name="password_repeat"')
    assert form.index(">Passwort") < form.index(">Passwort wiederholen")


@pytest.mark.parametrize("format_key", ["themenabend", "thementische", "zukunftswerkstatt", "freiraumkisten",
                                        "dezentrale_dialoge", "frauendialog"])
def test_every_formats_tools_are_in_its_hub_and_open(client, people, format_key):
    enable(people.municipality, format_key)
    event = make_event(people.municipality, format_key, title="Unser Termin")
    log_in(client, people.organiser)
    html = client.get(f"/testort/organise/e/{event.id}/").get_data(as_text=True)
    menu = html.split('class="subnav event-menu"', 1)[1].split("</nav>", 1)[0]
    tools = [url for url in re.findall(r'href="([^"]+)"', menu) if f"/{format_key}/" in url]
    assert tools, menu
    for url in tools:
        page = client.get(url)
        assert page.status_code == 200, url
        # A wall or projector view fills the projector and the phone page fits a phone: no menus there.
        if not url.endswith(("/wall", "/present", "/phone")):
            assert 'class="subnav event-menu"' in page.get_data(as_text=True), url  # the tool shows the menu


def test_all_events_is_a_compact_list_that_opens_each_hub(client, app, people):
    event = make_event(people.municipality, "themenabend", title="Abend am Markt", capacity=10, max_companions=2)
    register(app, event, name="A", email="a@example.org", companions=1)
    log_in(client, people.organiser)
    html = client.get("/testort/organise/events/").get_data(as_text=True)
    assert f'href="/testort/organise/e/{event.id}/"' in html
    assert row_of(html, "Abend am Markt")[-1] == "2"


def test_hub_queries_do_not_grow_with_sign_ups(client, app, people):
    enable(people.municipality, "themenabend")
    event = make_event(people.municipality, "themenabend", capacity=200)
    for n in range(3):
        register(app, event, name=f"P{n}", email=f"p{n}@example.org", interpreter_language="ar")
    log_in(client, people.organiser)
    url = f"/testort/organise/e/{event.id}/"
    with counted(app) as few:
        assert client.get(url).status_code == 200
    for n in range(3, 40):
        register(app, event, name=f"P{n}", email=f"p{n}@example.org", interpreter_language="fa", childcare_count=1)
    with counted(app) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_a_protected_formats_hub_keeps_who_and_how_many_to_its_organisers(client, app, people):
    enable(people.municipality, "frauendialog")
    event = make_event(people.municipality, "frauendialog", title="Frauenfrühstück", capacity=20)
    for n in range(2):
        register(app, event, {"frauendialog": {"is_woman": True}}, name=f"Frau {n}", email=f"f{n}@example.org")
    log_in(client, people.organiser)
    html = client.get(f"/testort/organise/e/{event.id}/").get_data(as_text=True)
    assert row_of(section(html, "hub-figures"), "Bestätigt")[-1] == "2"
    assert "/frauendialog/participants" in html
    log_in(client, people.instance_admin)  # reaches every municipality, sees no one's names
    html = client.get(f"/testort/organise/e/{event.id}/").get_data(as_text=True)
    assert row_of(section(html, "hub-figures"), "Bestätigt")[-1] == "weniger als 5"
    main = html.split("</header>", 1)[1]
    assert "/frauendialog/participants" not in main and "/check-in" not in main
    log_in(client, people.moderator)  # not designated for this dialogue
    html = client.get(f"/testort/organise/e/{event.id}/").get_data(as_text=True)
    assert "hub-figures" not in html and "/frauendialog/" not in html and "/check-in" not in html


def test_staff_find_their_dashboard_from_pages_of_no_municipality(client, people):
    log_in(client, people.moderator)
    header = main_menu(client.get("/").get_data(as_text=True))
    assert 'href="/testort/organise/">Verwaltung</a>' in header
    log_in(client, people.participant)
    assert "Verwaltung" not in main_menu(client.get("/").get_data(as_text=True))
