"""The Containerfile's steps, replayed in a Debian root, give an app that
starts on an empty /data volume as the app user.

There is no container engine on the development and CI machines and no
registry for base images, so this test stands in for `podman build`: it
bootstraps Debian bookworm (the base image's distribution) with Python 3.11,
then reads the Containerfile and carries out its instructions in a chroot:
RUN as root, COPY honouring .containerignore, WORKDIR, ENV, USER. It starts
the CMD as that user with a fresh, empty /data (what a new named volume gets
from the image), waits for /healthz, and runs the HEALTHCHECK command.

Runs as root (chroot, mounts) and takes a few minutes, so it is left out of
the default run; CI runs it once: `bash scripts/test.sh -m container
tests/container` (it uses SQLite in /data, not the suite's database).
"""
import fnmatch
import json
import os
import shlex
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from dialogplatform.testing.mail import free_port

pytestmark = pytest.mark.container

ROOT = Path(__file__).resolve().parents[2]
BASE_IMAGE = "python:3.11-slim-bookworm"
# What the base image brings that a minimal Debian root lacks.
BASE_PACKAGES = "python3,python3-pip,python3-venv,ca-certificates"
MIRROR = "http://deb.debian.org/debian"


def instructions(containerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, argument) pairs, continuation lines joined."""
    steps, current = [], ""
    for line in containerfile.read_text().splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.lstrip().startswith("#"):
            continue  # a comment inside a continued instruction
        current += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            keyword, _, argument = current.strip().partition(" ")
            steps.append((keyword.upper(), argument.strip()))
            current = ""
    return steps


def ignored(relative: str, patterns: list[str]) -> bool:
    parts = relative.split("/")
    for pattern in patterns:
        if pattern.startswith("**/"):
            if any(fnmatch.fnmatch(part, pattern[3:]) for part in parts):
                return True
            if fnmatch.fnmatch(relative, pattern):
                return True
        elif fnmatch.fnmatch(relative, pattern) or any(
                fnmatch.fnmatch("/".join(parts[:depth]), pattern) for depth in range(1, len(parts))):
            return True
    return False


def copy_context(target: Path) -> None:
    patterns = [line.strip() for line in (ROOT / ".containerignore").read_text().splitlines()
                if line.strip() and not line.startswith("#")]
    for folder, subfolders, files in os.walk(ROOT):
        here = Path(folder).relative_to(ROOT)
        subfolders[:] = [name for name in subfolders if not ignored((here / name).as_posix(), patterns)]
        for name in files:
            relative = (here / name).as_posix()
            if ignored(relative, patterns):
                continue
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / relative, destination, follow_symlinks=False)


def env_assignments(argument: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in shlex.split(argument))


class Root:
    """A Debian root with /proc, /dev and the host's name resolution."""

    def __init__(self, path: Path):
        self.path = path
        self.mounts = []

    def bootstrap(self) -> None:
        subprocess.run(["debootstrap", "--variant=minbase", f"--include={BASE_PACKAGES}", "bookworm",
                        str(self.path), MIRROR], check=True, capture_output=True, timeout=900)
        # Python packages come through the same registry access as the host's.
        shutil.copy("/etc/resolv.conf", self.path / "etc/resolv.conf")
        certificates = Path("/etc/ssl/certs/ca-certificates.crt")
        if certificates.exists():
            shutil.copy(certificates, self.path / "etc/ssl/certs/ca-certificates.crt")
        # The base image's Python is its own; Debian's refuses system-wide pip.
        (self.path / "etc/pip.conf").write_text("[global]\nbreak-system-packages = true\n")
        os.symlink("/usr/bin/python3", self.path / "usr/local/bin/python")
        for source, kind in (("/proc", "proc"), ("/dev", "bind")):
            target = self.path / source.lstrip("/")
            target.mkdir(exist_ok=True)
            options = ["-t", "proc", "proc"] if kind == "proc" else ["--bind", source]
            subprocess.run(["mount", *options, str(target)], check=True)
            self.mounts.append(target)

    def run(self, command: str, *, uid: int = 0, env=None, workdir="/", **kwargs):
        userspec = [f"--userspec={uid}:{uid}"] if uid else []
        shell = f"cd {shlex.quote(workdir)} && {command}"
        return subprocess.run(["chroot", *userspec, str(self.path), "/bin/sh", "-c", shell],
                              env=env, **kwargs)

    def close(self) -> None:
        for target in reversed(self.mounts):
            subprocess.run(["umount", "-l", str(target)], check=False)


@pytest.fixture(scope="module")
def image(tmp_path_factory):
    """The root after all build steps; yields (root, environment, user, cmd, healthcheck)."""
    if os.geteuid() != 0 or not shutil.which("debootstrap"):
        pytest.fail("the container replay needs root and debootstrap (.ci/run installs it)")
    root = Root(tmp_path_factory.mktemp("image") / "root")
    root.bootstrap()
    env = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root",
           "LANG": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive",
           "PIP_CERT": "/etc/ssl/certs/ca-certificates.crt", "PIP_DEFAULT_TIMEOUT": "180"}
    state = {"user": "root", "workdir": "/", "cmd": None, "healthcheck": None, "volumes": []}
    try:
        for keyword, argument in instructions(ROOT / "Containerfile"):
            if keyword == "FROM":
                assert argument == BASE_IMAGE, f"the replay stands in for {BASE_IMAGE}, not {argument}"
            elif keyword == "RUN":
                done = root.run(argument, env=env, workdir=state["workdir"], capture_output=True, text=True,
                                timeout=1200)
                assert done.returncode == 0, f"RUN {argument[:80]}…\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            elif keyword == "WORKDIR":
                state["workdir"] = argument
                (root.path / argument.lstrip("/")).mkdir(parents=True, exist_ok=True)
            elif keyword == "COPY":
                source, destination = argument.split()
                assert source == ".", "only the build context is copied"
                copy_context(root.path / destination.lstrip("/"))
            elif keyword == "USER":
                state["user"] = argument
            elif keyword == "ENV":
                env.update(env_assignments(argument))
            elif keyword == "VOLUME":
                state["volumes"].append(argument)
            elif keyword == "CMD":
                state["cmd"] = json.loads(argument)
            elif keyword == "HEALTHCHECK":
                state["healthcheck"] = json.loads(argument[argument.index("CMD ") + 4:])
            else:
                assert keyword in {"EXPOSE"}, f"the replay does not know {keyword}"
        yield root, env, state
    finally:
        root.close()


def test_the_build_context_leaves_out_git_environments_and_the_instance_secret(image):
    root, _env, _state = image
    app = root.path / "app"
    assert (app / "pyproject.toml").exists() and (app / "dialogplatform").is_dir()
    for left_out in (".git", ".venv", "instance"):
        assert not (app / left_out).exists(), f"{left_out} went into the image"


def test_the_app_starts_as_its_user_on_an_empty_data_volume(image):
    root, env, state = image
    assert state["volumes"] == ["/data"] and state["user"] == "dialog"
    data = root.path / "data"
    # What a new, empty named volume gets from the image: the folder, its
    # owner and mode; nothing in it but the backups folder the image made.
    stat = data.stat()
    assert (stat.st_uid, oct(stat.st_mode & 0o777)) == (1000, "0o700")
    assert [entry.name for entry in data.iterdir()] == ["backups"]

    port = free_port()
    run_env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "HOME": "/home/dialog",
               "DIALOGPLATFORM_BASE_URL": f"http://127.0.0.1:{port}"}
    command = " ".join(shlex.quote(part) for part in state["cmd"])
    server = subprocess.Popen(["chroot", "--userspec=1000:1000", str(root.path), "/bin/sh", "-c",
                               f"cd /app && exec {command}"], env=run_env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    pytest.fail("the app did not start:\n" + server.communicate()[0][-4000:])
                time.sleep(1)
        assert (data / "secret_key").exists(), "the app could not keep its secret key on /data"
        assert (data / "secret_key").stat().st_uid == 1000
        # The master (this process after its execs) forks GUNICORN_WORKERS, not one per host CPU.
        workers = subprocess.run(["pgrep", "-c", "-P", str(server.pid)], capture_output=True, text=True)
        assert int(workers.stdout.strip()) == int(env["GUNICORN_WORKERS"]) == 2
        health = " ".join(shlex.quote(part) for part in state["healthcheck"])
        check = root.run(health.replace("8000", str(port)), uid=1000, env=run_env, workdir="/app",
                         capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, check.stderr
    finally:
        server.terminate()
        server.wait(timeout=30)
