"""Women's-dialogue topics in the residents' languages: entered per language,
offered in the reader's language, counted as one topic in the evaluation."""
import csv
import io

from dialogplatform.plugin_api import db
from dialogplatform.testing import submit
from dialogplatform_formats.frauendialog.models import Contribution

from .helpers import event_url, plugin_url

GERMAN = "Kinderbetreuung\nWohnen"
ARABIC = "رعاية الأطفال\nالسكن"


def test_new_event_form_fills_only_the_default_language_and_names_the_others(logged_in, enabled):
    page = logged_in(enabled.organiser).get("/testort/organise/new/frauendialog").get_data(as_text=True)
    assert "Kinderbetreuung" in page.split('name="ext__frauendialog__topics_de"')[1].split("</textarea>")[0]
    assert "Kinderbetreuung" not in page.split('name="ext__frauendialog__topics_ar"')[1].split("</textarea>")[0]
    group = page[page.index('id="ext__frauendialog__topics_de-group"'):]
    assert "Fehlt: Englisch und Arabisch" in group[:group.index('name="ext__frauendialog__topics_de"')]


def test_topic_chosen_in_arabic_counts_with_the_german_one(client, dialogue, logged_in, enabled):
    dialogue.settings = {"topics": {"de": GERMAN, "ar": ARABIC}, "threshold": 5}
    db.session.commit()
    arabic = client.get(event_url(dialogue) + "?lang=ar").get_data(as_text=True)
    assert '<option value="Kinderbetreuung">رعاية الأطفال</option>' in arabic
    for number in range(3):
        assert submit(client, event_url(dialogue) + "?lang=ar", {
            "kind": "wish", "topic": "Kinderbetreuung", "text": f"نص {number}"},
            post_url=plugin_url(dialogue, "contribute")).status_code == 302
    german = client.get(event_url(dialogue) + "?lang=de").get_data(as_text=True)
    assert '<option value="Kinderbetreuung">Kinderbetreuung</option>' in german
    for number in range(2):
        submit(client, event_url(dialogue), {"kind": "wish", "topic": "Kinderbetreuung", "text": f"Text {number}"},
               post_url=plugin_url(dialogue, "contribute"))
    assert {c.topic for c in db.session.scalars(db.select(Contribution))} == {"Kinderbetreuung"}
    dialogue.evaluation_published = True
    db.session.commit()
    rows = list(csv.reader(io.StringIO(client.get(plugin_url(dialogue, "evaluation.csv") + "?lang=de")
                                       .get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert ["Kinderbetreuung", "Wunsch", "5–9"] in rows  # 3 Arabic + 2 German: one group that passes


def test_untranslated_topic_is_marked_as_german(client, dialogue):
    dialogue.settings = {"topics": {"de": GERMAN, "ar": "رعاية الأطفال"}}
    db.session.commit()
    arabic = client.get(event_url(dialogue) + "?lang=ar").get_data(as_text=True)
    assert '<option dir="auto" lang="de" value="Wohnen">Wohnen</option>' in arabic
