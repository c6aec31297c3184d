"""Language choice and direction."""


def test_language_from_query_is_remembered(client, people):
    html = client.get("/?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    # Remembered by cookie on the next page without ?lang.
    html = client.get("/testort/").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html


def test_accept_language_is_used_without_a_choice(client, people):
    html = client.get("/", headers={"Accept-Language": "tr-TR,tr;q=0.9"}).get_data(as_text=True)
    assert '<html lang="tr" dir="ltr">' in html


def test_municipality_default_applies_without_other_hints(client, people):
    people.municipality.default_language = "en"
    from dialogplatform.extensions import db

    db.session.commit()
    html = client.get("/testort/").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in html


def test_german_is_the_default(client, people):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="de" dir="ltr">' in html
    assert "Zum Inhalt springen" in html


def test_error_pages_are_translated_and_have_no_traceback(client, people):
    response = client.get("/does-not-exist/?lang=fa")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert 'dir="rtl"' in html
    assert "Traceback" not in html
