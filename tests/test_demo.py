"""`dialogplatform demo` creates the pilot municipalities, idempotently."""
import io

from PIL import Image

from dialogplatform.models import Event, Municipality, User
from dialogplatform.services import logos

PILOT_SLUGS = {"schwaebisch-gmuend", "ostfildern", "stuttgart", "loerrach", "weinheim"}


def _counts(db):
    return (db.session.query(Municipality).count(), db.session.query(User).count(), db.session.query(Event).count())


def test_demo_creates_pilots_and_prints_credentials_once(runner, db):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert {m.slug for m in db.session.scalars(db.select(Municipality))} == PILOT_SLUGS
    assert "organisation@weinheim.example" in first.output
    counts = _counts(db)
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    assert "organisation@weinheim.example" not in second.output
    assert _counts(db) == counts


def test_demo_if_empty_leaves_a_used_database_alone(runner, people, db):
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0
    assert db.session.query(Municipality).count() == 2


def test_demo_fills_weinheim_with_themed_evenings(runner, db, client):
    runner.invoke(args=["demo"])
    weinheim = db.session.scalars(db.select(Municipality).filter_by(slug="weinheim")).one()
    events = db.session.scalars(db.select(Event).filter_by(municipality_id=weinheim.id, format_key="themenabend")).all()
    assert len(events) >= 2
    assert client.get("/weinheim/").status_code == 200


def test_demo_organiser_can_log_in(runner, db, client):
    from conftest import submit

    result = runner.invoke(args=["demo"])
    line = next(line for line in result.output.splitlines() if "organisation@ostfildern.example" in line)
    password = line.split()[-1]
    response = submit(client, "/auth/login", {"email": "organisation@ostfildern.example", "password": password})
    assert response.status_code == 302
    assert client.get("/ostfildern/admin/formats").status_code == 200


def test_create_admin_asks_for_a_password(runner, db):
    result = runner.invoke(args=["create-admin", "Root@Example.org"],
                           input="lang genug passwort\nlang genug passwort\n")
    assert result.exit_code == 0, result.output
    user = db.session.scalars(db.select(User).filter_by(email="root@example.org")).one()
    assert user.is_instance_admin and user.confirmed



def test_demo_pilots_show_a_stand_in_logo_that_a_real_upload_replaces(runner, db, client):
    runner.invoke(args=["demo"])
    logo = client.get("/ostfildern/logo")
    assert logo.status_code == 200 and logo.mimetype == "image/png"
    assert 'src="/ostfildern/logo' in client.get("/ostfildern/").get_data(as_text=True)
    # Loading the demo again keeps a logo the municipality uploaded.
    own = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(own, format="JPEG")
    logos.save(db.session.scalars(db.select(Municipality).filter_by(slug="ostfildern")).one(), own.getvalue())
    runner.invoke(args=["demo"])
    assert client.get("/ostfildern/logo").mimetype == "image/jpeg"
