"""The testing kit works for a format outside this repository: a test file
in an empty folder gets the kit's fixtures and helpers from the installed
platform alone (no root conftest, no checkout paths)."""
import os
import subprocess
import sys

OUTSIDE_TEST = '''
from dialogplatform.testing import TEST_PASSWORD, make_event


def test_a_format_author_uses_the_kit(client, municipality_with, logged_in, people, smtp_server):
    event = make_event(municipality_with("themenabend"), "themenabend", title="Erster Abend")
    assert "Erster Abend" in client.get(f"/testort/e/{event.id}/").get_data(as_text=True)
    assert logged_in(people.organiser).get("/testort/organise/").status_code == 200
    assert smtp_server.messages == [] and TEST_PASSWORD
'''


def test_the_kit_serves_a_test_in_another_folder(tmp_path):
    (tmp_path / "test_outside.py").write_text(OUTSIDE_TEST)
    # A SQLite file of its own: on PostgreSQL the kit would rebuild the
    # schema this run is using.
    env = {name: value for name, value in os.environ.items() if name != "DIALOGPLATFORM_TEST_DATABASE_URL"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_outside.py"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert "1 passed" in result.stdout, result.stdout[-3000:] + result.stderr[-3000:]
