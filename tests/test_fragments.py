"""Layout parts rendered once per process (dialogplatform/fragments.py):
each combination of language, municipality and roles gets its own, and
nothing personal is shared."""
from conftest import csrf_token_from, log_in

from dialogplatform.extensions import db

DASHBOARD = "/testort/organise/"


def _menu(html: str) -> str:
    start = html.index('<ul class="menu">')
    return html[start:html.index("</ul>", start)]


def _footer(html: str) -> str:
    return html[html.index("<footer"):]


def test_staff_menu_is_each_roles_own_and_the_log_out_token_each_persons(app, people):
    admin, organiser = app.test_client(), app.test_client()
    log_in(admin, people.admin)
    log_in(organiser, people.organiser)
    settings = 'href="/testort/admin/"'
    for _ in range(2):  # the second round comes from the stored menus
        admin_menu, organiser_menu = (_menu(client.get(DASHBOARD).get_data(as_text=True))
                                      for client in (admin, organiser))
        assert settings in admin_menu and settings not in organiser_menu
        assert csrf_token_from(admin_menu) != csrf_token_from(organiser_menu)
    for client, menu in ((admin, admin_menu), (organiser, organiser_menu)):
        response = client.post("/auth/logout", data={"csrf_token": csrf_token_from(menu)})
        assert response.status_code == 302
        assert client.get(DASHBOARD).status_code == 302  # to the login page: logged out


def test_footer_follows_the_language_and_a_renamed_municipality(client, people):
    log_in(client, people.organiser)
    assert "Imprint of the platform" in _footer(client.get(DASHBOARD + "?lang=en").get_data(as_text=True))
    assert "Impressum der Plattform" in _footer(client.get(DASHBOARD + "?lang=de").get_data(as_text=True))
    assert 'aria-label="Testort"' in _footer(client.get(DASHBOARD).get_data(as_text=True))
    people.municipality.name = "Neuort"
    db.session.commit()
    footer = _footer(client.get(DASHBOARD).get_data(as_text=True))
    assert 'aria-label="Neuort"' in footer and "Testort" not in footer
