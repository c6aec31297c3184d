"""/healthz tells a load balancer or monitor whether the database answers."""

# A port where nothing listens: the database is "down".
UNREACHABLE_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:1/none"


def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.is_json
    assert response.get_json()["status"] == "ok"


def test_healthz_is_503_when_the_database_does_not_answer(make_app):
    # Building the app must not touch the database, or a site whose database
    # is briefly down could not even start.
    app = make_app(SQLALCHEMY_DATABASE_URI=UNREACHABLE_DATABASE)

    response = app.test_client().get("/healthz")

    assert response.status_code == 503
    assert response.is_json
    assert response.get_json()["status"] != "ok"
