"""Duplicating a women's dialogue takes its topics (settings) and its
designated moderators along, only those still moderators there; the women's
sign-ups and contributions stay with the original."""
from dialogplatform.plugin_api import db
from dialogplatform.testing import duplicate_from_hub, form_data_from
from dialogplatform_formats.frauendialog.models import Contribution

from .helpers import NAMES, add_contributions, add_women, designate, plugin_url


def test_the_copy_has_the_topics_and_designations_but_no_women_or_contributions(logged_in, people, dialogue, staff):
    dialogue.settings = {"topics": {"de": "Wohnen im Quartier\nKinderbetreuung"}, "threshold": 5}
    db.session.commit()
    add_women(dialogue)
    add_contributions(dialogue, "Kinderbetreuung", "wish", 6)
    designate(dialogue, staff["designated"])
    designate(dialogue, staff["helper"])  # designated while a moderator, now a helper: no access on the copy
    client = logged_in(people.organiser)

    copy = duplicate_from_hub(client, dialogue)

    live = client.get(plugin_url(copy, "live")).get_data(as_text=True)  # the form moderators type into
    assert "Wohnen im Quartier" in live and "Kinderbetreuung" in live
    moderators = form_data_from(client.get(plugin_url(copy, "moderators")).get_data(as_text=True))
    assert moderators["moderators"] == str(staff["designated"].id)
    for page in ("participants", "contributions"):
        html = client.get(plugin_url(copy, page)).get_data(as_text=True)
        assert all(name not in html for name in NAMES) and "Mehr Kita-Plätze" not in html
    assert "Mehr Kita-Plätze" in client.get(plugin_url(dialogue, "contributions")).get_data(as_text=True)
    assert logged_in(staff["designated"]).get(plugin_url(copy, "participants")).status_code == 200
    assert logged_in(staff["helper"]).get(plugin_url(copy, "participants")).status_code == 403
    assert db.session.scalar(db.select(db.func.count(Contribution.id)).filter_by(event_id=copy.id)) == 0
