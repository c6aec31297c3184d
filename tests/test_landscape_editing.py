"""Actors and topics of the maps can be edited; removing one asks first and
says what goes with it; another municipality's staff reach none of it."""
from conftest import csrf_token_from, log_in
from test_landscape import _actor, _filled, _page

from dialogplatform.extensions import db as _db
from dialogplatform.models import ProcessActor, ProcessActorRelation, ProcessTopic
from dialogplatform.testing import form_data_from


def test_organiser_edits_an_actor_and_a_topic_from_the_map_page(people, client, db):
    process = _filled(people, client)
    helpers, town = _actor("Freundeskreis Asyl"), _actor("Stadtverwaltung")
    topic = _db.session.scalars(_db.select(ProcessTopic)).one()
    page = client.get(_page(process)).get_data(as_text=True)
    edit_actor = f"/testort/organise/processes/{process.id}/actors/{helpers.id}/edit"
    edit_topic = f"/testort/organise/processes/{process.id}/topics/{topic.id}/edit"
    assert f'href="{edit_actor}"' in page and f'href="{edit_topic}"' in page
    form = client.get(edit_actor).get_data(as_text=True)
    assert 'value="Freundeskreis Asyl"' in form and "ute@example.org" in form  # prefilled
    data = {**form_data_from(form), "name": "Freundeskreis Asyl Testort"}
    assert client.post(edit_actor, data=data).status_code == 302
    # Invalid: the errors, nothing saved.
    response = client.post(edit_actor, data={**data, "name": ""})
    assert response.status_code == 422 and "Bitte geben Sie einen Namen ein." in response.get_data(as_text=True)
    data = {**form_data_from(client.get(edit_topic).get_data(as_text=True)), "options": "Wohnungen tauschen.",
            "actors": [str(town.id)]}
    assert client.post(edit_topic, data=data).status_code == 302
    page = client.get(_page(process)).get_data(as_text=True)
    assert "Freundeskreis Asyl Testort" in page and "Wohnungen tauschen." in page
    _db.session.expire_all()
    topic = _db.session.get(ProcessTopic, topic.id)
    assert [actor.name for actor in topic.actors] == ["Stadtverwaltung"]
    assert _db.session.get(ProcessActor, helpers.id).contact == "ute@example.org"


def test_removing_an_actor_asks_first_and_says_what_goes_with_it(people, client, db):
    process = _filled(people, client)
    helpers = _actor("Freundeskreis Asyl")
    url = f"/testort/organise/processes/{process.id}/actors/{helpers.id}/delete"
    assert f'href="{url}"' in client.get(_page(process)).get_data(as_text=True)
    page = client.get(url).get_data(as_text=True)
    assert "Freundeskreis Asyl" in page and "Beziehungen (2)" in page and "Themen (1)" in page
    assert "Niemand bekommt eine Mail." in page
    assert _db.session.get(ProcessActor, helpers.id) is not None
    client.post(url, data={"csrf_token": csrf_token_from(page)})
    assert _db.session.scalars(_db.select(ProcessActor.name).order_by(ProcessActor.name)).all() == [
        "<script>x</script> Verein", "Stadtverwaltung"]
    assert _db.session.scalars(_db.select(ProcessActorRelation)).all() == []


def test_another_municipalitys_staff_cannot_edit_or_remove(people, client, db, app):
    process = _filled(people, client)
    helpers = _actor("Freundeskreis Asyl")
    topic = _db.session.scalars(_db.select(ProcessTopic)).one()
    relation = _db.session.scalars(_db.select(ProcessActorRelation)).first()
    other = app.test_client()
    log_in(other, people.other_admin)
    token = csrf_token_from(other.get("/anderswo/organise/processes/").get_data(as_text=True))
    for path in (f"actors/{helpers.id}/edit", f"topics/{topic.id}/edit", f"actors/{helpers.id}/delete",
                 f"topics/{topic.id}/delete", f"relations/{relation.id}/delete"):
        assert other.get(f"/testort/organise/processes/{process.id}/{path}").status_code in (403, 404), path
        assert other.get(f"/anderswo/organise/processes/{process.id}/{path}").status_code == 404, path
        response = other.post(f"/anderswo/organise/processes/{process.id}/{path}",
                              data={"csrf_token": token, "name": "X", "kind": "police"})
        assert response.status_code == 404, path
    _db.session.expire_all()
    assert _db.session.get(ProcessActor, helpers.id).name == "Freundeskreis Asyl"
    assert _db.session.get(ProcessTopic, topic.id) is not None
