"""The organiser edits a measure of the action plan; removing one asks
first; another municipality's staff reach neither page."""
from datetime import date

from markupsafe import escape

from dialogplatform.plugin_api import db
from dialogplatform.testing import csrf_token_from, form_data_from
from dialogplatform_formats.zukunftswerkstatt import services
from dialogplatform_formats.zukunftswerkstatt.models import Measure

from .helpers import url


def _measure(workshop):
    theme = services.themes_of(workshop)[0]
    return services.add_measure(workshop, what="Sprachcafé im Rathaus", who="Integrationsbeauftragte",
                                due_on=date(2031, 3, 1), addressee="municipality", theme_id=theme.id)


def _measures():
    db.session.expire_all()
    return db.session.scalars(db.select(Measure)).all()


def test_organiser_edits_a_measure_from_the_plan(logged_in, workshop, people):
    measure = _measure(workshop)
    client = logged_in(people.organiser)
    edit = url(workshop, f"plan/{measure.id}/edit")
    assert f'href="{edit}"' in client.get(url(workshop, "plan")).get_data(as_text=True)
    form = client.get(edit).get_data(as_text=True)
    assert "Sprachcafé im Rathaus</textarea>" in form and 'value="2031-03-01"' in form  # prefilled
    data = {**form_data_from(form), "who": "Freundeskreis Asyl", "addressee": "land", "due_on": "2031-06-30"}
    assert client.post(edit, data=data).status_code == 302
    [saved] = _measures()
    assert (saved.what, saved.who, saved.addressee, saved.due_on) == (
        "Sprachcafé im Rathaus", "Freundeskreis Asyl", "land", date(2031, 6, 30))
    assert saved.theme_id == services.themes_of(workshop)[0].id
    response = client.post(edit, data={**data, "who": ""})
    assert response.status_code == 422 and "Bitte geben Sie an, wer es übernimmt." in response.get_data(as_text=True)
    assert _measures()[0].who == "Freundeskreis Asyl"
    assert "Freundeskreis Asyl" in client.get(url(workshop, "plan")).get_data(as_text=True)


def test_removing_a_measure_asks_first(logged_in, workshop, people):
    measure = _measure(workshop)
    client = logged_in(people.organiser)
    delete = url(workshop, f"plan/{measure.id}/delete")
    assert f'href="{delete}"' in client.get(url(workshop, "plan")).get_data(as_text=True)
    page = client.get(delete).get_data(as_text=True)
    assert "Sprachcafé im Rathaus" in page and "Niemand bekommt eine Mail." in page
    assert len(_measures()) == 1
    client.post(delete, data={"csrf_token": csrf_token_from(page)})
    assert _measures() == []


def test_moderators_and_other_municipalities_cannot_edit(logged_in, workshop, people):
    measure = _measure(workshop)
    moderator = logged_in(people.moderator)
    assert moderator.get(url(workshop, f"plan/{measure.id}/edit")).status_code == 403
    stranger = logged_in(people.other_admin)
    for path in (f"plan/{measure.id}/edit", f"plan/{measure.id}/delete"):
        assert stranger.get(url(workshop, path)).status_code in (403, 404)
        other = url(workshop, path).replace("/testort/", "/anderswo/")
        assert stranger.get(other).status_code == 404
        assert stranger.post(other, data={"what": "x"}).status_code in (400, 404)
    assert [m.who for m in _measures()] == ["Integrationsbeauftragte"]


def test_removing_a_theme_asks_first(logged_in, workshop, people):
    client = logged_in(people.organiser)
    theme = services.themes_of(workshop)[-1]
    delete = url(workshop, f"themes/{theme.id}/delete")
    assert f'href="{delete}"' in client.get(url(workshop, "manage/themes")).get_data(as_text=True)
    page = client.get(delete).get_data(as_text=True)
    assert "Nur ein Thema ohne Karten kann entfernt werden." in page and len(services.themes_of(workshop)) == 3
    client.post(delete, data={"csrf_token": csrf_token_from(page)})
    assert len(services.themes_of(workshop)) == 2
    stranger = logged_in(people.other_admin)
    other = url(workshop, f"themes/{services.themes_of(workshop)[0].id}/delete")
    assert stranger.get(other).status_code in (403, 404)
    assert stranger.get(other.replace("/testort/", "/anderswo/")).status_code == 404


def test_organiser_renames_a_theme(logged_in, workshop, people):
    client = logged_in(people.organiser)
    first, second = services.themes_of(workshop)[:2]
    edit = url(workshop, f"themes/{first.id}/edit")
    assert f'href="{edit}"' in client.get(url(workshop, "manage/themes")).get_data(as_text=True)
    form = client.get(edit).get_data(as_text=True)
    assert f'value="{escape(first.name)}"' in form
    response = client.post(edit, data={**form_data_from(form), "name": second.name})
    assert response.status_code == 422 and "Dieses Thema gibt es schon." in response.get_data(as_text=True)
    assert client.post(edit, data={**form_data_from(form), "name": "Wohnen im Quartier"}).status_code == 302
    db.session.expire_all()
    assert [t.name for t in services.themes_of(workshop)][0] == "Wohnen im Quartier"
    stranger = logged_in(people.other_admin)
    assert stranger.get(edit).status_code in (403, 404)
    assert stranger.get(edit.replace("/testort/", "/anderswo/")).status_code == 404
