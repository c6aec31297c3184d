"""In a real browser: participant names are nowhere for the public and for
moderators who are not designated; the organiser sees them."""
from dialogplatform.testing import TEST_PASSWORD

from .helpers import NAMES, add_women, plugin_url


def _log_in(page, base, user):
    page.goto(f"{base}/auth/login")
    page.get_by_label("E-Mail-Adresse").fill(user.email)
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _visible_text(page, url):
    page.goto(url)
    return page.content()


def test_names_are_only_for_the_organiser(live_server, browser, page, dialogue, staff, enabled):
    add_women(dialogue)
    slug = dialogue.municipality.slug
    public_urls = [f"{live_server}/{slug}/", f"{live_server}/{slug}/e/{dialogue.id}/",
                   f"{live_server}/{slug}/feed.atom", f"{live_server}{plugin_url(dialogue, 'contribute')}"]
    for url in public_urls + [f"{live_server}{plugin_url(dialogue, 'participants')}"]:
        html = _visible_text(page, url)
        assert not any(name in html for name in NAMES), url

    moderator = browser.new_context(locale="de-DE")
    moderator_page = moderator.new_page()
    _log_in(moderator_page, live_server, staff["other_moderator"])
    for url in public_urls + [f"{live_server}{plugin_url(dialogue, path)}"
                              for path in ("participants", "contributions", "live")]:
        html = _visible_text(moderator_page, url)
        assert not any(name in html for name in NAMES), url
    moderator.close()

    organiser = browser.new_context(locale="de-DE")
    organiser_page = organiser.new_page()
    _log_in(organiser_page, live_server, enabled.organiser)
    organiser_page.goto(f"{live_server}/{slug}/e/{dialogue.id}/")
    organiser_page.get_by_role("link", name="Teilnehmerinnenliste").click()
    for name in NAMES:
        assert organiser_page.get_by_role("rowheader", name=name).is_visible()
    organiser.close()
