"""Parts of the layout rendered once per process for each combination of
the few values they show.

Every staff page carries the same footer and staff menu, some thirty
translated texts and links that cost several milliseconds per request.
``{% call fragment(name, value, ...) %}...{% endcall %}`` keeps the rendered
HTML under a key of everything the part reads (the language and the
application root are always part of it): a renamed municipality or another
role is another key, never a stale entry, so nothing needs invalidating on
any number of processes. A fragment holds nothing personal (no CSRF token,
no name): everyone with the same values shares it.
"""
import threading
from collections import OrderedDict

from flask import current_app, g, request
from flask_babel import get_locale
from markupsafe import Markup

MAX_ENTRIES = 4000  # e.g. 12 languages x 100 municipalities x 3 role sets


class Fragments:
    """The Jinja global ``fragment``: a bounded least-recently-used store."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._entries: OrderedDict[tuple, Markup] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, name: str, *values, caller) -> Markup:
        if current_app.debug:  # templates may change while the process runs
            return caller()
        key = (name, str(get_locale()), g.get("message_context"), request.script_root, *values)
        with self._lock:
            html = self._entries.get(key)
            if html is not None:
                self._entries.move_to_end(key)
                return html
        html = caller()
        with self._lock:
            self._entries[key] = html
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return html
