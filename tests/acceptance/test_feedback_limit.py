"""The pop-up box's feedback limit holds over HTTP: a visitor who changes
their browser's User-Agent between posts is refused like anyone else."""
from conftest import enable
from live_http import Visitor

from dialogplatform_formats.freiraumkisten.tests.conftest import make_campaign, open_station
from dialogplatform_formats.freiraumkisten.tests.helpers import feedback, posts, station_url

SOMEONE = "198.51.100.23"


def test_changing_the_user_agent_does_not_get_round_the_limit(app, people, start_server):
    enable(people.municipality, "freiraumkisten")
    event = make_campaign(people.municipality)
    url = station_url(event, open_station(event))
    server = start_server(PROXY_FIX=True, RATELIMIT_ENABLED=True, RATELIMIT_ANONYMOUS_POST="2 per minute",
                          RATELIMIT_STORAGE_URI=app.config["PAGE_CACHE_URL"])

    def send(user_agent, address=SOMEONE, text="Mehr Schatten"):
        visitor = Visitor(server.url, headers={"User-Agent": user_agent, "X-Forwarded-For": address})
        return visitor.submit(url, feedback(text=text)).status

    assert [send(f"Browser {n}", text=f"Karte {n}") for n in range(2)] == [302, 302]
    refused = send("Yet another browser", text="Dritte Karte")
    assert refused == 429
    assert "Dritte Karte" not in [post.text for post in posts()]
    assert send("Browser 0", address="198.51.100.99") == 302  # someone else at the box
