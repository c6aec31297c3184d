"""The evaluation's charts as a reader sees them: moods keep the colour of
their meaning (bad is never green), axes count in whole numbers."""
import base64
import re

from dialogplatform.plugin_api import db

from .helpers import post

GOOD, PARTLY, BAD = "#0072B2", "#A3A3A3", "#D55E00"  # blue, grey, vermillion (colour-blind safe)


def _charts(html: str) -> list[str]:
    return [base64.b64decode(data).decode("utf-8")
            for data in re.findall(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', html)]


def _colour(svg: str, index: int) -> str:
    return re.search(rf"\.color-{index}[^{{]*\{{[^}}]*?(#[0-9A-Fa-f]{{6}})", svg).group(1).upper()


def test_moods_have_the_colour_of_their_meaning_and_axes_count_whole_numbers(client, campaign):
    event, market, station = campaign.event, campaign.station, campaign.other
    for mood in ("bad", "bad", "good", "mixed"):
        post(event, market, "Text", mood, "Sauberkeit")
    post(event, station, "Text", "good", "")
    event.evaluation_published = True
    db.session.commit()
    charts = _charts(client.get(f"/testort/e/{event.id}/evaluation").get_data(as_text=True))
    mood_charts = [svg for svg in charts if "Schlecht" in svg and "Teils" in svg]
    assert len(mood_charts) == 3  # by place, by topic, per day
    for svg in mood_charts:
        legend = re.findall(r'<text[^>]*class="[^"]*legend[^"]*"[^>]*>([^<]+)</text>', svg) or ["Gut", "Teils",
                                                                                               "Schlecht"]
        order = [name for name in legend if name in ("Gut", "Teils", "Schlecht")]
        colours = {name: _colour(svg, index) for index, name in enumerate(order)}
        assert colours == {"Gut": GOOD, "Teils": PARTLY, "Schlecht": BAD}
        labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
        assert not [label for label in labels if re.fullmatch(r"\d+[.,]\d+", label.strip())]  # no 0.5 steps
