"""Hook implementations of the Themenabend; the core finds this module
through the ``dialogplatform.plugins`` entry point."""
from flask_babel import lazy_gettext as _l

from dialogplatform.plugin_system import FormatInfo, PluginBlueprint, hookimpl

from . import demo, forms, panels, services, views
from . import evaluation as results

KEY = "themenabend"


@hookimpl
def format_info():
    return FormatInfo(
        key=KEY,
        name=_l("Themed evening"),
        description=_l("An evening on one topic. Residents send questions and concerns beforehand; "
                       "they are grouped by theme and answered on the evening, e.g. by the police or "
                       "the job centre."),
        organise_endpoint="themenabend_organise.evenings",
        menu_label=_l("Themed evenings"),
    )


@hookimpl
def blueprints():
    return [PluginBlueprint(views.public, "event"), PluginBlueprint(views.manage, "event"),
            PluginBlueprint(views.organise, "organise")]


@hookimpl
def event_settings_form(format_key):
    return forms.SettingsForm


@hookimpl
def event_panels(event, viewer):
    return [panels.public_panel(event, viewer)]


evaluation = hookimpl(results.sections)
process_report_sections = hookimpl(results.process_sections)
recommendation_sources = hookimpl(results.recommendation_sources)
anonymise_event = hookimpl(services.anonymise)
demo_data = hookimpl(demo.load)
