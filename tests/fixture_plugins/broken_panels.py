"""A plugin that loads but raises while the event page renders."""
from dialogplatform.plugin_system import FormatInfo, hookimpl


@hookimpl
def format_info():
    return FormatInfo(key="brokenpanels", name="Broken panels", description="Raises in event_panels.")


@hookimpl
def event_panels(event, viewer):
    raise RuntimeError("deliberately broken")


@hookimpl
def navigation(municipality, viewer):
    raise RuntimeError("deliberately broken")


@hookimpl
def evaluation(event):
    raise RuntimeError("deliberately broken")


@hookimpl
def participation_figures(events):
    raise RuntimeError("deliberately broken")


@hookimpl
def duplicate_event(origin, copy):
    copy.place_name = "Half copied"  # the core must undo this: no half set-up on the copy
    raise RuntimeError("deliberately broken")
