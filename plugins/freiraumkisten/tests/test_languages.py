"""The station question and topics in the residents' languages: entered per
language on the event form, shown in the reader's language (German fallback
marked with lang="de" dir="auto"), counted together in the evaluation."""
import re

from dialogplatform.plugin_api import db
from dialogplatform.testing import submit

from .helpers import base, feedback, posts, station_url

ARABIC_QUESTION = "ما الذي ينقص هذا المكان؟"


def _edit(client, event, **settings):
    """Send the campaign's event form with these settings fields (the rest as shown)."""
    page = client.get(f"/testort/organise/events/{event.id}").get_data(as_text=True)
    data = {"title_de": "Freiraum Innenstadt", "starts_at": "2030-06-01T09:00", "ends_at": "2030-06-14T19:00",
            "place_name": "Innenstadt", "address": "", "ext__freiraumkisten__hold_for_review": "y",
            "ext__freiraumkisten__question_de": "Was fehlt auf diesem Platz?",
            "ext__freiraumkisten__topics_de": "Sauberkeit\nBegegnung",
            **{f"ext__freiraumkisten__{key}": value for key, value in settings.items()}}
    assert "ext__freiraumkisten__question_ar" in page
    return submit(client, f"/testort/organise/events/{event.id}", data)


def test_staff_form_names_missing_languages_of_the_question(logged_in, campaign):
    client = logged_in(campaign.people.organiser)
    page = client.get(f"/testort/organise/events/{campaign.event.id}?lang=de").get_data(as_text=True)
    group = page[page.index('id="ext__freiraumkisten__question_de-group"'):]
    assert "Fehlt: Englisch und Arabisch" in group[:group.index("ext__freiraumkisten__question_ar")]
    assert 'value="Was fehlt auf diesem Platz?"' in page  # the old plain string counts as German


def test_arabic_question_and_topics_on_the_arabic_page(logged_in, client, campaign):
    organiser = logged_in(campaign.people.organiser)
    assert _edit(organiser, campaign.event, question_ar=ARABIC_QUESTION,
                 topics_ar="النظافة\nاللقاء").status_code == 302
    db.session.refresh(campaign.event)
    assert campaign.event.settings["question"] == {"de": "Was fehlt auf diesem Platz?", "ar": ARABIC_QUESTION}
    page = client.get(station_url(campaign.event, campaign.station) + "?lang=ar").get_data(as_text=True)
    assert re.search(r'<p class="lead" dir="auto">\s*' + ARABIC_QUESTION, page)
    assert '<option value="Sauberkeit">النظافة</option>' in page
    assert "Was fehlt auf diesem Platz?" not in page


def test_without_arabic_the_german_question_is_marked(client, campaign):
    page = client.get(station_url(campaign.event, campaign.station) + "?lang=ar").get_data(as_text=True)
    assert '<p class="lead" dir="auto" lang="de">Was fehlt auf diesem Platz?</p>' in page
    assert '<option dir="auto" lang="de" value="Sauberkeit">Sauberkeit</option>' in page


def test_topic_chosen_in_arabic_counts_with_the_german_one(logged_in, client, campaign):
    organiser = logged_in(campaign.people.organiser)
    _edit(organiser, campaign.event, topics_ar="النظافة\nاللقاء", hold_for_review="")
    visitor = client
    url = station_url(campaign.event, campaign.station)
    visitor.get(url + "?lang=ar")
    assert submit(visitor, url, feedback(topic="Sauberkeit", text="نظيف جداً")).status_code == 302
    visitor.get(url + "?lang=de")
    assert submit(visitor, url, feedback(topic="Sauberkeit", text="Sehr sauber.")).status_code == 302
    stored = posts()
    assert [(p.topic, p.language) for p in stored] == [("Sauberkeit", "ar"), ("Sauberkeit", "de")]
    html = organiser.get(f"/testort/e/{campaign.event.id}/evaluation?lang=de").get_data(as_text=True)
    row = re.search(r"<th scope=\"row\"><span dir=\"auto\">Sauberkeit</span></th>(.*?)</tr>", html, re.S)
    assert row and re.findall(r"<td>(\d+)</td>", row.group(1))[-1] == "2"  # one row, both posts
    assert '<span dir="auto">نظيف جداً</span>' in html  # what people wrote, in its own direction
    arabic = organiser.get(f"/testort/e/{campaign.event.id}/evaluation?lang=ar").get_data(as_text=True)
    assert '<th scope="row"><span dir="auto">النظافة</span></th>' in arabic


def test_poster_shows_each_languages_own_question(logged_in, campaign):
    organiser = logged_in(campaign.people.organiser)
    _edit(organiser, campaign.event, question_ar=ARABIC_QUESTION)
    html = organiser.get(f"{base(campaign.event)}/stations/{campaign.station.id}/poster?lang=de") \
        .get_data(as_text=True)
    arabic_block = html[html.index('<section class="fk-poster-language" lang="ar"'):]
    assert ARABIC_QUESTION in arabic_block[:arabic_block.index("</section>")]
    assert '<p class="fk-poster-question" dir="auto">Was fehlt auf diesem Platz?</p>' in html
