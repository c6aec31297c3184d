"""Actor map and topic map of a process: forms, SVG diagram, list view,
publishing, contacts kept internal, demo."""
import base64
import re

from conftest import log_in, submit
from process_helpers import make_process

from dialogplatform.extensions import db as _db
from dialogplatform.models import Process, ProcessActor, ProcessActorRelation, ProcessTopic
from dialogplatform.services import landscape

SCRIPT_NAME = "<script>x</script> Verein"


def _page(process):
    return f"/testort/organise/processes/{process.id}/landscape"


def _add_actor(client, process, name, kind="volunteers", contact=""):
    return submit(client, _page(process), {"kind": kind, "name": name, "contact": contact},
                  post_url=f"/testort/organise/processes/{process.id}/actors/new")


def _actor(name):
    return _db.session.scalars(_db.select(ProcessActor).filter_by(name=name)).one()


def _svgs(html):
    return [base64.b64decode(data).decode("utf-8")
            for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)]


def _filled(people, client, *, published=True):
    """A process with three actors, two relations and a topic, made through the forms."""
    process = make_process(people.municipality)
    log_in(client, people.organiser)
    _add_actor(client, process, "Freundeskreis Asyl", "volunteers", "ute@example.org")
    _add_actor(client, process, "Stadtverwaltung", "administration", "Tel. 07171 603-0")
    _add_actor(client, process, SCRIPT_NAME, "clubs")
    helpers, town, club = _actor("Freundeskreis Asyl"), _actor("Stadtverwaltung"), _actor(SCRIPT_NAME)
    relations = f"/testort/organise/processes/{process.id}/relations/new"
    assert submit(client, _page(process), {"source": town.id, "kind": "funds", "target": helpers.id},
                  post_url=relations).status_code == 302
    assert submit(client, _page(process), {"source": club.id, "kind": "cooperates", "target": helpers.id},
                  post_url=relations).status_code == 302
    response = submit(client, _page(process), {
        "name": "Wohnen", "concerns": "Die Unterkunft ist voll.", "options": "Städtische Wohnungen reservieren.",
        "actors": [str(town.id), str(helpers.id)]}, post_url=f"/testort/organise/processes/{process.id}/topics/new")
    assert response.status_code == 302
    if published:
        submit(client, _page(process), {"analysis_published": "y"},
               post_url=f"/testort/organise/processes/{process.id}/landscape/publish")
    _db.session.expire_all()
    return _db.session.get(Process, process.id)


def test_organiser_builds_both_maps_through_the_forms(people, client, db):
    process = _filled(people, client)
    assert process.analysis_published
    topic = db.session.scalars(db.select(ProcessTopic)).one()
    assert (topic.name, topic.concerns, topic.options) == ("Wohnen", "Die Unterkunft ist voll.",
                                                            "Städtische Wohnungen reservieren.")
    assert {a.name for a in topic.actors} == {"Freundeskreis Asyl", "Stadtverwaltung"}
    html = client.get(_page(process)).get_data(as_text=True)
    assert "Akteurslandkarte" in html and "Themenlandkarte" in html
    assert "Stadtverwaltung fördert Freundeskreis Asyl" in html  # the list view: relation as text
    assert "Tel. 07171 603-0" in html  # organisers see contacts
    assert "Handlungsoptionen" in html and "Städtische Wohnungen reservieren." in html


def test_svg_and_list_show_every_actor_escaped(people, client, db):
    process = _filled(people, client)
    html = client.application.test_client().get(f"/testort/p/{process.id}/").get_data(as_text=True)
    assert "<script>x" not in html
    assert "&lt;script&gt;x&lt;/script&gt; Verein" in html
    actor_svg, topic_svg = _svgs(html)
    assert "<script" not in actor_svg and "<script" not in topic_svg
    for name in ("Freundeskreis Asyl", "Stadtverwaltung", "&lt;script&gt;x&lt;/script&gt; Verein"):
        assert name in actor_svg
        assert html.count(name) >= 2  # diagram alt aside, the list names each actor
    # The relation type is written on the edge, the kind in the box: not by colour alone.
    assert "fördert" in actor_svg and "kooperiert mit" in actor_svg and "Ehrenamt" in actor_svg
    assert "Wohnen" in topic_svg and "Stadtverwaltung" in topic_svg
    assert 'alt="' in html and 'font-size="11"' not in actor_svg
    # The accessible list: actors grouped by kind with their relations; topics with options.
    assert "Verwaltung" in html and "Stadtverwaltung fördert Freundeskreis Asyl" in html
    assert "Die Unterkunft ist voll." in html and "Städtische Wohnungen reservieren." in html


def test_actor_map_svg_is_well_formed_for_a_single_actor(people, db):
    from xml.etree import ElementTree

    process = make_process(people.municipality)
    db.session.add(ProcessActor(process_id=process.id, kind="police", name="Polizeirevier & Co"))
    db.session.commit()
    with db.session.no_autoflush:
        svg = landscape.actor_map_svg(landscape.landscape_of(process))
    texts = [el.text for el in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert "Polizeirevier & Co" in texts


def test_invalid_input_gives_german_messages_and_saves_nothing(people, client, db):
    process = _filled(people, client)
    counts = (db.session.query(ProcessActor).count(), db.session.query(ProcessActorRelation).count(),
              db.session.query(ProcessTopic).count())
    page = _add_actor(client, process, "   ")
    assert page.status_code == 200 and "Bitte geben Sie einen Namen ein." in page.get_data(as_text=True)
    town, helpers = _actor("Stadtverwaltung"), _actor("Freundeskreis Asyl")
    relations = f"/testort/organise/processes/{process.id}/relations/new"
    same = submit(client, _page(process), {"source": town.id, "kind": "informs", "target": town.id}, post_url=relations)
    assert "Bitte wählen Sie zwei verschiedene Akteur:innen." in same.get_data(as_text=True)
    twice = submit(client, _page(process), {"source": town.id, "kind": "funds", "target": helpers.id},
                   post_url=relations)
    assert "Diese Beziehung ist bereits eingetragen." in twice.get_data(as_text=True)
    unknown = submit(client, _page(process), {"source": "999", "kind": "informs", "target": "abc"}, post_url=relations)
    assert unknown.status_code == 200 and "error-summary" in unknown.get_data(as_text=True)
    topic = submit(client, _page(process), {"name": "", "concerns": "Viel zu tun", "actors": [str(town.id)]},
                   post_url=f"/testort/organise/processes/{process.id}/topics/new")
    assert "Bitte geben Sie ein Thema ein." in topic.get_data(as_text=True)
    assert (db.session.query(ProcessActor).count(), db.session.query(ProcessActorRelation).count(),
            db.session.query(ProcessTopic).count()) == counts


def test_removing_an_actor_removes_its_relations_and_links(people, client, db):
    process = _filled(people, client)
    helpers = _actor("Freundeskreis Asyl")
    response = submit(client, _page(process), {},
                      post_url=f"/testort/organise/processes/{process.id}/actors/{helpers.id}/delete")
    assert response.status_code == 302
    db.session.expire_all()
    assert {a.name for a in db.session.scalars(db.select(ProcessActor))} == {"Stadtverwaltung", SCRIPT_NAME}
    assert db.session.query(ProcessActorRelation).count() == 0
    assert [a.name for a in db.session.scalars(db.select(ProcessTopic)).one().actors] == ["Stadtverwaltung"]
    topic = db.session.scalars(db.select(ProcessTopic)).one()
    submit(client, _page(process), {}, post_url=f"/testort/organise/processes/{process.id}/topics/{topic.id}/delete")
    assert db.session.query(ProcessTopic).count() == 0


def test_unpublished_maps_are_internal_and_contacts_never_public(people, client, db):
    process = _filled(people, client, published=False)
    public = client.application.test_client()
    html = public.get(f"/testort/p/{process.id}/").get_data(as_text=True)
    assert "Akteurslandkarte" not in html and "Freundeskreis Asyl" not in html and "<img" not in html
    staff = client.get(f"/testort/p/{process.id}/").get_data(as_text=True)
    assert "Freundeskreis Asyl" in staff and "intern" in staff
    assert "ute@example.org" not in staff  # contacts not even on the public page for staff
    submit(client, _page(process), {"analysis_published": "y"},
           post_url=f"/testort/organise/processes/{process.id}/landscape/publish")
    html = public.get(f"/testort/p/{process.id}/").get_data(as_text=True)
    assert "Akteurslandkarte" in html and "Freundeskreis Asyl" in html
    assert "ute@example.org" not in html and "07171" not in html
    assert all("ute@example.org" not in svg for svg in _svgs(html))


def test_other_municipalities_and_non_organisers_are_kept_out(people, client, db):
    process = _filled(people, client)
    helpers = _actor("Freundeskreis Asyl")
    assert client.application.test_client().get(f"/anderswo/p/{process.id}/").status_code == 404
    other = client.application.test_client()
    log_in(other, people.other_admin)
    assert other.get(_page(process)).status_code == 403
    assert other.get(f"/anderswo/organise/processes/{process.id}/landscape").status_code == 404
    moderator = client.application.test_client()
    log_in(moderator, people.moderator)
    assert moderator.get(_page(process)).status_code == 403
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"',
                      other.get("/anderswo/organise/processes/").get_data(as_text=True)).group(1)
    response = other.post(f"/anderswo/organise/processes/{process.id}/actors/{helpers.id}/delete",
                          data={"csrf_token": token})
    assert response.status_code == 404
    assert db.session.query(ProcessActor).count() == 3
    hidden = make_process(people.municipality, "Entwurf", published=False)
    assert client.application.test_client().get(f"/testort/p/{hidden.id}/").status_code == 404


def test_demo_maps_are_published_and_idempotent(runner, db, client):
    from dialogplatform.demo_processes import TITLE

    assert runner.invoke(args=["demo"]).exit_code == 0
    counts = (db.session.query(ProcessActor).count(), db.session.query(ProcessActorRelation).count(),
              db.session.query(ProcessTopic).count())
    assert counts[0] >= 10 and counts[1] >= 10 and counts[2] == 5
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert (db.session.query(ProcessActor).count(), db.session.query(ProcessActorRelation).count(),
            db.session.query(ProcessTopic).count()) == counts
    process = db.session.scalars(db.select(Process).where(Process.title["de"].as_string() == TITLE)).one()
    assert process.analysis_published
    html = client.get(f"/schwaebisch-gmuend/p/{process.id}/").get_data(as_text=True)
    actor_svg, topic_svg = _svgs(html)
    for name in ("Stadtverwaltung", "Moschee-Verein", "Polizeirevier", "Jobcenter"):
        assert name in actor_svg and name in html
    for topic in ("Wohnen", "Sprache", "Arbeit", "Sicherheit", "Begegnung"):
        assert topic in topic_svg
    assert "07171" not in html  # contacts stay internal
