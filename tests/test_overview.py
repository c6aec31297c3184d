"""The instance-wide overview across municipalities (Multiplikatoren)."""
from conftest import make_event, make_municipality
from process_helpers import QueryCounter, fill, make_process, make_recommendation


def test_overview_shows_each_municipality_at_a_glance(people, client):
    make_process(people.municipality, "Flüchtlingsdialog Testort", current_step=2)
    make_process(people.municipality, "Geheimer Entwurf", published=False)
    for _ in range(2):
        fill(make_event(people.municipality, "thementische", days=-10))
    make_event(people.municipality, "themenabend")
    make_event(people.municipality, "themenabend", status="draft")
    make_recommendation(people.municipality, status="answered", answer="Ja")
    make_recommendation(people.municipality)
    html = client.get("/overview?lang=en").get_data(as_text=True)
    row = html[html.index("Testort</a>"):]
    row = row[:row.index("</tr>")]
    assert "Flüchtlingsdialog Testort" in row and "step 2" in row and "Geheimer Entwurf" not in row
    cells = [cell.split(">", 1)[1] for cell in row.split("<td")[1:]]
    assert ": 2" in cells[1] and ": 1" in cells[1]  # two theme-table events, one themed evening
    assert cells[2].startswith("3<")  # published events only
    assert cells[3].startswith("8<") and cells[4].startswith("4<")  # registered, took part (checked in)
    assert cells[5].startswith("0<")  # contributions: no statements recorded
    assert "Answered: 1" in cells[6] and "Open: 1" in cells[6]
    assert "Anderswo" in html  # every municipality is listed


def test_overview_needs_the_same_number_of_queries_for_more_rows(people, client, db):
    def add(n, start):
        for i in range(start, start + n):
            municipality = make_municipality(f"ort-{i}", f"Ort {i}")
            db.session.commit()
            make_process(municipality, f"Dialog {i}")
            fill(make_event(municipality, "thementische"))
            make_recommendation(municipality, f"Empfehlung {i}")

    def queries():
        with QueryCounter(db.engine) as counter:
            assert client.get("/overview").status_code == 200
        return counter.count

    add(2, 0)
    few = queries()
    add(4, 2)
    assert queries() == few
