"""Results are public and easy to find: past dialogues on the municipality
page, results from the event page, the home page and the instance's legal pages."""
from conftest import make_event
from sqlalchemy import event as sa_event

from dialogplatform.extensions import db


def past_section(html):
    return html[html.index("Vergangene Dialoge und Ergebnisse"):]


def upcoming_section(html):
    return html[:html.index("Vergangene Dialoge und Ergebnisse")]


def test_municipality_page_lists_past_dialogues_newest_first(client, people):
    make_event(people.municipality, "themenabend", title="Kommender Abend", days=5)
    make_event(people.municipality, "themenabend", title="Alter Abend", days=-30)
    make_event(people.municipality, "themenabend", title="Neuer Abend", days=-3, evaluation_published=True)
    make_event(people.municipality, "themenabend", title="Entwurf von damals", days=-4, status="draft")
    make_event(people.municipality, "themenabend", title="Abgesagt von damals", days=-5, status="cancelled")
    make_event(people.other_municipality, "themenabend", title="Anderswo damals", days=-2)
    html = client.get("/testort/").get_data(as_text=True)
    assert "Kommende Dialoge" in html
    assert "Kommender Abend" in upcoming_section(html) and "Kommender Abend" not in past_section(html)
    past = past_section(html)
    assert past.index("Neuer Abend") < past.index("Alter Abend")
    for hidden in ("Entwurf von damals", "Abgesagt von damals", "Anderswo damals"):
        assert hidden not in html
    newer = past[past.index("Neuer Abend"):].split("</article>")[0]
    older = past[past.index("Alter Abend"):].split("</article>")[0]
    assert "Ergebnisse veröffentlicht" in newer and "/evaluation" in newer
    assert "Ergebnisse noch nicht veröffentlicht" in older


def test_past_dialogues_are_paged(client, people):
    for n in range(12):
        make_event(people.municipality, "themenabend", title=f"Damals Nr. {n:02d}", days=-1 - n)
    first = past_section(client.get("/testort/").get_data(as_text=True))
    assert "Damals Nr. 00" in first and "Damals Nr. 09" in first and "Damals Nr. 10" not in first
    assert "past_page=2" in first
    second = past_section(client.get("/testort/?past_page=2").get_data(as_text=True))
    assert "Damals Nr. 10" in second and "Damals Nr. 11" in second and "Damals Nr. 00" not in second
    assert "Neuere vergangene Dialoge" in second and "past_page=1" in second
    assert client.get("/testort/?past_page=kaputt").status_code == 200


def test_past_dialogues_follow_the_filters(client, people, municipality_with):
    municipality_with("themenabend")
    make_event(people.municipality, "themenabend", title="Themenabend damals", days=-3, interpreters=["ar"])
    make_event(people.municipality, "zukunftswerkstatt", title="Werkstatt damals", days=-4)
    html = past_section(client.get("/testort/?format=themenabend").get_data(as_text=True))
    assert "Themenabend damals" in html and "Werkstatt damals" not in html
    html = past_section(client.get("/testort/?language=ar").get_data(as_text=True))
    assert "Themenabend damals" in html and "Werkstatt damals" not in html


def count_queries(client, url):
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_past_section_queries_do_not_grow_with_past_events(client, people):
    for n in range(3):
        make_event(people.municipality, "themenabend", days=-1 - n, evaluation_published=bool(n % 2))
    few = count_queries(client, "/testort/")
    for n in range(27):
        make_event(people.municipality, "themenabend", days=-10 - n, evaluation_published=bool(n % 2))
    assert count_queries(client, "/testort/") == few
    assert count_queries(client, "/testort/?past_page=2") == few


def test_past_event_page_leads_to_its_results(client, people):
    done = make_event(people.municipality, "themenabend", days=-3, evaluation_published=True)
    waiting = make_event(people.municipality, "themenabend", days=-2)
    coming = make_event(people.municipality, "themenabend", days=4)
    html = client.get(f"/testort/e/{done.id}/").get_data(as_text=True)
    assert "Ergebnisse dieses Dialogs lesen" in html
    assert f'href="/testort/e/{done.id}/evaluation"' in html
    assert client.get(f"/testort/e/{done.id}/evaluation").status_code == 200
    html = client.get(f"/testort/e/{waiting.id}/").get_data(as_text=True)
    assert "Die Ergebnisse werden noch veröffentlicht" in html and "/evaluation" not in html
    html = client.get(f"/testort/e/{coming.id}/").get_data(as_text=True)
    assert "Die Ergebnisse werden noch veröffentlicht" not in html


def test_home_shows_next_dialogue_and_count(client, people):
    make_event(people.municipality, "themenabend", title="Bald in Testort", days=2)
    make_event(people.municipality, "themenabend", title="Später in Testort", days=9)
    make_event(people.municipality, "themenabend", title="Entwurf in Testort", days=1, status="draft")
    make_event(people.municipality, "themenabend", title="Vorbei in Testort", days=-1)
    html = client.get("/").get_data(as_text=True)
    card = html[html.index(">Testort<"):].split("</li>")[0]
    assert "Bald in Testort" in card and "Später in Testort" not in card
    assert "Kommende Dialoge: 2" in card
    other = html[html.index(">Anderswo<"):].split("</li>")[0]
    assert "keine kommenden Dialoge" in other or "no upcoming" in other


def test_home_queries_do_not_grow_with_municipalities(client, people):
    from dialogplatform.testing import make_municipality

    make_event(people.municipality, "themenabend", days=2)
    few = count_queries(client, "/")
    for n in range(10):
        place = make_municipality(f"ort{n}", f"Ort {n}")
        make_event(place, "themenabend", days=2 + n)
    assert count_queries(client, "/") == few


def test_home_search_by_place_name(client, people):
    from dialogplatform.testing import make_municipality

    make_municipality("weinheim", "Weinheim")
    db.session.commit()
    html = client.get("/?q=wein").get_data(as_text=True)
    assert ">Weinheim<" in html and ">Testort<" not in html
    html = client.get("/?q=xyz").get_data(as_text=True)
    assert "Keine Gemeinde passt zu „xyz“." in html and ">Weinheim<" not in html
    assert client.get("/?q=%25_").status_code == 200 and client.get("/?q=%00").status_code == 200


def test_instance_legal_pages_are_linked_in_every_footer(client, people, app):
    app.config["INSTANCE_IMPRINT"] = "<p>Betrieben vom Landkreis Beispiel</p>"
    for page in ("/", "/overview", "/testort/"):
        html = client.get(page).get_data(as_text=True)
        footer = html[html.index('<footer'):]
        for link in ("/imprint", "/privacy", "/accessibility"):
            assert f'href="{link}"' in footer, (page, link)
    assert "Landkreis Beispiel" in client.get("/imprint").get_data(as_text=True)
    assert "Datenschutz" in client.get("/privacy").get_data(as_text=True)
    assert client.get("/accessibility").status_code == 200
