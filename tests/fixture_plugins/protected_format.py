"""A third-party protected format the core has never seen (never installed).

It does nothing to protect anyone by itself: its evaluation gives the exact
number of sign-ups per language, with a chart of them, and its process
report section the exact total. Only ``FormatInfo.protected`` says that it is
a protected space; the core must protect every output of it from that alone.
"""
from dialogplatform.extensions import db
from dialogplatform.models import Registration, RegistrationStatus
from dialogplatform.plugin_system import FormatInfo, Section, hookimpl
from dialogplatform.services.charts import bar_chart

KEY = "sheltered"


@hookimpl
def format_info():
    return FormatInfo(key=KEY, name="Sheltered circle", description="A protected test format.", protected=True)


def _signups_by_language(event_ids) -> list[list]:
    rows = db.session.execute(
        db.select(Registration.language, db.func.count()).where(
            Registration.event_id.in_(event_ids), Registration.status == RegistrationStatus.CONFIRMED)
        .group_by(Registration.language).order_by(Registration.language))
    return [[language, number] for language, number in rows]


@hookimpl
def evaluation(event):
    rows = _signups_by_language([event.id])
    chart = bar_chart("Sign-ups", [row[0] for row in rows], {"Sign-ups": [row[1] for row in rows]})
    return [Section(title="Sign-ups by language", table=[["Language", "Sign-ups"], *rows], chart=chart)]


@hookimpl
def process_report_sections(process):
    from dialogplatform.models import Event

    ids = list(db.session.scalars(db.select(Event.id).where(Event.process_id == process.id, Event.format_key == KEY)))
    return [Section(title="Sheltered circles", table=[["Language", "Sign-ups"], *_signups_by_language(ids)])]
