"""A designated moderator corrects a contribution; the audit log keeps no
text; moderators who are not designated and other municipalities' staff
reach no edit page."""
from dialogplatform.plugin_api import AuditEntry, db
from dialogplatform.testing import form_data_from
from dialogplatform_formats.frauendialog.models import Contribution

from .helpers import add_contributions, designate, plugin_url
from .test_protection import five  # noqa: F401  (fixture)


def test_a_designated_moderator_edits_a_contribution(logged_in, five, staff):  # noqa: F811
    dialogue, handle = five
    client = logged_in(staff["designated"])
    edit = plugin_url(dialogue, f"contributions/{handle}/edit")
    assert f'href="{edit}"' in client.get(plugin_url(dialogue, "contributions")).get_data(as_text=True)
    form = client.get(edit).get_data(as_text=True)
    assert "Somalierin im Haus Lindenweg 4</textarea>" in form  # prefilled
    data = {**form_data_from(form), "text": "Ich wohne allein in einem großen Haus.", "kind": "issue"}
    response = client.post(edit, data=data)
    assert response.status_code == 302 and response.headers["Location"].endswith("/frauendialog/contributions")
    db.session.expire_all()
    texts = sorted(c.text for c in db.session.scalars(db.select(Contribution)))
    assert "Ich wohne allein in einem großen Haus." in texts and not any("Somalierin" in t for t in texts)
    edited = db.session.scalar(db.select(Contribution).where(Contribution.text.like("Ich wohne allein%")))
    assert (edited.kind, edited.topic) == ("issue", "Wohnen")
    [entry] = db.session.scalars(db.select(AuditEntry)).all()
    assert entry.action == "frauendialog.contribution_changed" and entry.target_id == dialogue.id
    assert "wohne" not in str(entry.details)
    # An empty text is refused and nothing changes.
    add_contributions(dialogue, "Wohnen", "issue", 4, text="Lärm")
    from dialogplatform.plugin_api import protection

    handle = protection.handle(dialogue, edited.id)
    edit = plugin_url(dialogue, f"contributions/{handle}/edit")
    assert client.post(edit, data={**data, "text": ""}).status_code == 422


def test_only_the_right_people_reach_the_edit_page(logged_in, client, five, staff, enabled, people):  # noqa: F811
    dialogue, handle = five
    edit = plugin_url(dialogue, f"contributions/{handle}/edit")
    for who in (staff["other_moderator"], staff["helper"], people.other_admin):
        other = logged_in(who)
        assert other.get(edit).status_code in (403, 404)
        assert other.get(plugin_url(dialogue, f"contributions/{handle}/edit", slug="anderswo")).status_code == 404
        assert other.post(plugin_url(dialogue, f"contributions/{handle}/edit", slug="anderswo"),
                          data={"text": "x", "kind": "issue"}).status_code == 404
    designate(dialogue, staff["other_moderator"])
    assert logged_in(staff["other_moderator"]).get(edit).status_code == 200
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count(Contribution.id)).where(Contribution.text == "x")) == 0
