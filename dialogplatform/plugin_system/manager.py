"""Loading plugins and calling their hooks one at a time.

pluggy stops a whole hook call when one implementation raises, and its
entry-point loader has no try/except. A municipality's site must not go down
because one format is broken, so this manager loads each entry point inside
its own try and calls render-time hooks implementation by implementation
(like pretix's ``send_robust``).
"""
import importlib
import logging
import sys
import traceback
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

import pluggy
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from . import hookspecs
from .types import FormatInfo

ENTRY_POINT_GROUP = "dialogplatform.plugins"
log = logging.getLogger(__name__)


@dataclass
class HookFailure:
    """One implementation raised; the page shows a short notice instead."""

    format_key: str
    error: str


class RuleFailed(Exception):
    """A hook that decides (access, visibility, protection) gave no answer:
    it raised, or no loaded plugin serves the format. Callers answer "no"."""

    def __init__(self, format_key: str, hook_name: str):
        super().__init__(f"{format_key}: {hook_name}")
        self.format_key = format_key
        self.hook_name = hook_name


class BrokenPlugin(Exception):
    """Why a plugin cannot start: it collides with the core or another plugin
    (a blueprint name, URL rule, template, command or migration) or a
    start-up step failed. ``reason`` is shown to the instance admin in their
    language; the exception's text (English) is logged."""

    def __init__(self, reason):
        with force_locale("en"):
            super().__init__(str(reason))
        self.reason = reason


def owner(plugin_name: str | None):
    """"the core" or "the plugin <name>", for a reason naming who has it."""
    return _l("the core") if plugin_name is None else _l("the plugin %(name)s", name=plugin_name)


class PluginManager:
    def __init__(self, strict: bool = False):
        self.strict = strict
        self.pm = pluggy.PluginManager("dialogplatform")
        self.pm.add_hookspecs(hookspecs)
        self.formats: dict[str, FormatInfo] = {}
        self._plugin_by_key: dict[str, object] = {}
        self._key_by_plugin: dict[int, str] = {}
        # name -> reason, for the instance admin's plugin page.
        self.broken: dict[str, str] = {}

    # -- loading -----------------------------------------------------------
    def load(self, extra_modules=()):
        """Load the entry-point group, then any extra dotted module names."""
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            self._load_one(ep.name, ep.load)
        for dotted in extra_modules:
            self._load_one(dotted, lambda dotted=dotted: importlib.import_module(dotted))
        self.pm.check_pending()

    def _load_one(self, name, loader):
        try:
            plugin = loader()
            info = self._format_info_of(plugin)
            if info.key in self.formats:
                raise ValueError(f"format key {info.key!r} is already registered")
            self.pm.register(plugin, name=name)
        except Exception as exc:  # a broken plugin must not stop the site
            if self.strict:
                raise
            log.exception("plugin %s could not be loaded and is skipped", name)
            self.broken[name] = _l("It could not be loaded: %(error)s", error=f"{type(exc).__name__}: {exc}")
            return
        self.formats[info.key] = info
        self._plugin_by_key[info.key] = plugin
        self._key_by_plugin[id(plugin)] = info.key

    def skip(self, key: str, error: Exception) -> None:
        """Take format ``key``'s plugin out entirely after a failed start-up
        step (a collision, a raising ``register_cli``, a failed migration):
        none of its hooks is called again, its pages answer 404, the admin
        page lists it as broken. In strict mode the error is raised instead."""
        if self.strict:
            raise error
        plugin = self._plugin_by_key.pop(key)
        name = self.pm.get_name(plugin)
        log.error("plugin %s is broken and skipped: %s", name, error)
        self.pm.unregister(plugin)
        del self.formats[key], self._key_by_plugin[id(plugin)]
        self.broken[name] = error.reason if isinstance(error, BrokenPlugin) else _l(
            "It failed to start: %(error)s", error=f"{type(error).__name__}: {error}")

    def name_of(self, key: str) -> str:
        """The plugin's name as installed (entry-point or module name)."""
        return self.pm.get_name(self._plugin_by_key[key])

    def start_up_hook(self, key: str, hook_name: str, **kwargs) -> list:
        """Call format ``key``'s own implementation of a start-up hook
        (``blueprints``, ``register_cli``) and let an exception through: the
        caller skips the plugin with the reason."""
        plugin = self._plugin_by_key[key]
        impls = [impl for impl in getattr(self.pm.hook, hook_name).get_hookimpls() if impl.plugin is plugin]
        return [impl.function(*(kwargs[arg] for arg in impl.argnames)) for impl in impls]

    @staticmethod
    def _format_info_of(plugin) -> FormatInfo:
        impl = getattr(plugin, "format_info", None)
        if impl is None:
            raise TypeError("plugin has no format_info hook")
        info = impl()
        if not isinstance(info, FormatInfo) or not info.key.isidentifier():
            raise TypeError("format_info must return a FormatInfo with an identifier key")
        return info

    # -- calling -----------------------------------------------------------
    def call_each(self, hook_name: str, keys=None, **kwargs):
        """Call ``hook_name`` on each plugin whose format key is in ``keys``
        (all plugins when ``keys`` is None), isolating failures. A hook
        about one format (``hookspecs.for_one_format``) reaches that
        format's plugin only (and only if ``keys`` allows it).

        Returns ``(results, failures)``: results is a list of
        ``(format_key, value)`` for implementations that returned something
        other than None.
        """
        keys = self._addressed(hook_name, keys, kwargs)
        results, failures = [], []
        hook = getattr(self.pm.hook, hook_name)
        for impl in reversed(hook.get_hookimpls()):  # registration order
            key = self._key_by_plugin.get(id(impl.plugin))
            if key is None or (keys is not None and key not in keys):
                continue
            try:
                value = impl.function(*(kwargs[arg] for arg in impl.argnames))
            except Exception as exc:
                if self.strict:
                    raise
                # The frames, not the message: a message may quote the
                # person the hook was asked about.
                log.error("plugin %s failed in hook %s: %s\n%s", key, hook_name, type(exc).__name__,
                          "".join(traceback.format_tb(exc.__traceback__)).rstrip())
                failures.append(HookFailure(key, type(exc).__name__))
                continue
            if value is not None:
                results.append((key, value))
        return results, failures

    @staticmethod
    def _addressed(hook_name: str, keys, kwargs):
        """``keys`` narrowed to the format a per-format hook is about."""
        argument = hookspecs.format_argument(hook_name)
        if argument is None:
            return keys
        value = kwargs[argument]
        key = value if isinstance(value, str) else value.format_key
        return {key} if keys is None or key in keys else set()

    def call_one(self, key: str, hook_name: str, **kwargs):
        """The value of one plugin's implementation, or None."""
        results, _ = self.call_each(hook_name, keys={key}, **kwargs)
        return results[0][1] if results else None

    def decide(self, hook_name: str, key: str, **kwargs) -> list:
        """The answers of format ``key``'s plugin to a deciding hook. Fails
        closed: raises ``RuleFailed`` when the implementation raised or when
        no loaded plugin serves ``key`` (e.g. it failed to load)."""
        if key not in self.formats:
            log.error("no loaded plugin serves format %s for hook %s", key, hook_name)
            raise RuleFailed(key, hook_name)
        results, failures = self.call_each(hook_name, keys={key}, **kwargs)
        if failures:
            raise RuleFailed(key, hook_name)
        return [value for _key, value in results]

    def package_directories(self, name: str) -> list[str]:
        """Existing ``<plugin package>/<name>`` folders, e.g. translations."""
        return [folder for key in self._plugin_by_key if (folder := self.package_directory(key, name))]

    def package_directory(self, key: str, name: str) -> str | None:
        """Format ``key``'s ``<plugin package>/<name>`` folder, if it exists."""
        plugin = self._plugin_by_key[key]
        module = sys.modules.get(plugin.__name__.rpartition(".")[0]) if hasattr(plugin, "__name__") else None
        base = Path(getattr(module, "__file__", None) or getattr(plugin, "__file__", "")).parent
        return str(base / name) if (base / name).is_dir() else None

    def migration_directories(self) -> list[str]:
        return self.package_directories("migrations")

    def info(self, format_key: str) -> FormatInfo | None:
        return self.formats.get(format_key)
