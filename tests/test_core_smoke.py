from conftest import make_event


def test_home_lists_municipalities(client, people):
    response = client.get("/")
    assert response.status_code == 200
    assert "Testort" in response.get_data(as_text=True)


def test_event_page_shows_published_event(client, people):
    event = make_event(people.municipality, "themenabend")
    response = client.get(f"/testort/e/{event.id}/")
    assert response.status_code == 200
    assert "Sicherheit und Nachbarschaft" in response.get_data(as_text=True)
