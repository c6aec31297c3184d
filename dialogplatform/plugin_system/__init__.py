"""The plugin contract (hookspecs), loading and per-municipality enabling."""
import pluggy

hookimpl = pluggy.HookimplMarker("dialogplatform")

from .types import FormatFigures, FormatInfo, Panel, PluginBlueprint, RecommendationSource, Section  # noqa: E402

__all__ = ["hookimpl", "FormatFigures", "FormatInfo", "Panel", "PluginBlueprint", "RecommendationSource", "Section"]
