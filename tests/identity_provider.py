"""A real OpenID Connect provider for the single sign-on tests:
panva's node-oidc-provider (OpenID certified), in tests/oidc_provider, with
its development log-in pages: any password, the user name picks the account.
`npm ci --prefix tests/oidc_provider` installs it (scripts/test.sh does).
"""
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import free_port

HERE = Path(__file__).resolve().parent / "oidc_provider"
CLIENT_ID = "dialogplattform"
CLIENT_SECRET = "test-client-secret-not-used-anywhere-else"


@dataclass
class IdentityProvider:
    process: subprocess.Popen
    issuer: str

    def settings(self, **more) -> dict:
        """The platform's settings for this provider (names without prefix)."""
        return {"OIDC_ISSUER": self.issuer, "OIDC_CLIENT_ID": CLIENT_ID, "OIDC_CLIENT_SECRET": CLIENT_SECRET, **more}

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def start_provider(redirect_uri: str, accounts: dict) -> IdentityProvider:
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "oidc-provider").is_dir():
        message = "Node.js and `npm ci --prefix tests/oidc_provider` are needed for the sign-on tests"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    env = {**os.environ, "PORT": str(port), "ACCOUNTS": json.dumps(accounts),
           "CLIENT": json.dumps({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                                 "redirect_uris": [redirect_uri]})}
    process = subprocess.Popen([node, str(HERE / "provider.mjs")], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    provider = IdentityProvider(process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(provider.issuer + "/.well-known/openid-configuration", timeout=2)
            return provider
        except OSError as error:
            if process.poll() is not None or time.monotonic() > deadline:
                provider.stop()
                raise RuntimeError("the identity provider did not start: " + process.stdout.read()[-2000:]) from error
            time.sleep(0.3)


def form_action_and_fields(html: str) -> tuple[str, dict]:
    """The first form of a provider page: its action and hidden fields."""
    action = re.search(r'<form[^>]*action="([^"]+)"', html).group(1)
    fields = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    return action, fields
