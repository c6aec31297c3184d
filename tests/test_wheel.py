"""The wheel works without a checkout: an operator who installs it gets a
German site with every format, and no package named just ``plugins``.

The wheel is built with ``python -m build`` from a copy of the checkout's
files (tracked and new, never ignored ones such as compiled ``.mo`` files or
a stale ``build/``), so it must compile its catalogs itself, and concurrent
runs never share a build folder. It is installed with ``--no-deps`` into a
fresh venv that borrows the test venv's dependencies through a ``.pth`` line
(installing them all again would take minutes); the checkout's editable
install is not active there, and every command runs outside the checkout.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from dialogplatform.languages import SHIPPED

ROOT = Path(__file__).resolve().parent.parent


def run(command, *, cwd, env=None, timeout=120) -> str:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result.stdout


def checkout_files() -> list[str]:
    listing = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT)
    return [name for name in listing.split("\0") if name and (ROOT / name).is_file()]


def clean_environment(**settings) -> dict:
    """No setting of the test run (instance path, database) and no path into the checkout."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("DIALOGPLATFORM_") and name not in ("PYTHONPATH", "PYTHONHOME")}
    env.update({f"DIALOGPLATFORM_{name}": value for name, value in settings.items()})
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in checkout_files():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    dist = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(source)],
        cwd=source, env=clean_environment(), timeout=300)
    [built] = dist.glob("dialogplatform-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel; dependencies come from the test venv."""
    home = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", str(home)], cwd=home)
    python = home / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
         str(wheel)], cwd=home, env=clean_environment())
    site_packages = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=home)
    # A plain path line: the test venv's own .pth files (the editable
    # install's finder among them) are not run, so only its packages count.
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site_packages.strip()) / "test_dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    return home


def test_the_wheel_holds_both_packages_and_every_compiled_catalog(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {
        "dialogplatform", "dialogplatform_formats", wheel.name.split("-py3")[0] + ".dist-info"}
    formats = sorted(path.name for path in (ROOT / "plugins").iterdir() if (path / "plugin.py").is_file())
    assert formats, "no built-in format found in plugins/"
    for language in SHIPPED:
        assert f"dialogplatform/translations/{language}/LC_MESSAGES/messages.mo" in names
        for key in formats:
            assert f"dialogplatform_formats/{key}/translations/{language}/LC_MESSAGES/messages.mo" in names


INSTALLED = """
import importlib.util
import dialogplatform, dialogplatform_formats
from dialogplatform import create_app

app = create_app()
with app.test_request_context("/?lang=de"):
    name = app.extensions["dialogplatform.plugins"].info("themenabend").name
    print(dialogplatform.__file__, dialogplatform_formats.__file__, importlib.util.find_spec("plugins"), name)
"""


def test_the_installed_wheel_serves_german_pages_outside_the_checkout(venv, tmp_path):
    python = venv / "bin" / "python"
    env = clean_environment(BASE_URL="http://127.0.0.1", SECRET_KEY="wheel-test",
                            INSTANCE_PATH=str(tmp_path / "instance"),
                            SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'wheel.sqlite'}")
    installed = run([str(python), "-c", INSTALLED], cwd=tmp_path, env=env)
    core, formats, plugins, name = installed.split()
    assert Path(core).is_relative_to(venv) and Path(formats).is_relative_to(venv), installed
    assert plugins == "None"  # no top-level package named "plugins"
    assert name == "Themenabend"  # "Themed evening" in the format's own German catalog

    run([str(venv / "bin" / "dialogplatform"), "init"], cwd=tmp_path, env=env)  # core and format migrations
    port = free_port()
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(python), "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "dialogplatform:create_app()"],
            cwd=tmp_path, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        login = get_when_up(f"http://127.0.0.1:{port}/auth/login", server, log)
        assert re.search(r"<title>\s*Einloggen – Dialogplattform\s*</title>", login), login[:2000]
    finally:
        server.terminate()
        server.wait(timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> str:
    request = urllib.request.Request(url, headers={"Accept-Language": "de"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def get_when_up(url: str, server: subprocess.Popen, log: Path, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        if server.poll() is not None:
            pytest.fail(f"gunicorn ended with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            return get(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
