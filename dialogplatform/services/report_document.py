"""The process documentation report as a document for the council: a cover
(logo, title, period, funding programme with the amount), a page of key
figures, the staff's own texts, the maps and the steering group, around the
documentation of ``services.reports``.

The same ``CouncilReport`` feeds the web page, the PDF and the OpenDocument
text, so the three show the same content. Only what may be published goes
in: members of the steering group who agreed to be named, the maps once
staff published them, aggregate figures (protected formats left out of the
totals, as everywhere), never a participant's name or contact.
"""
import base64
import io
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date, format_time, to_user_timezone

from ..locale_format import date_and_time, number
from ..models import Process, SteeringMember
from . import landscape as landscape_service
from . import logos
from . import processes as process_service
from .funding_applications import ReportFunding, report_funding
from .participation import total
from .reports import ProcessReport, process_report

LOGO_MAX_PIXELS = 800  # enough for 60 mm in print


def report_when(value) -> str:
    """Date and time without seconds in the locale; the date alone where
    the time is midnight (a day-long campaign), never "00:00:00"."""
    if value is None:
        return ""
    if to_user_timezone(value).time() == datetime.min.time():
        return format_date(value, "medium")
    return date_and_time(format_date(value, "medium"), format_time(value, "short"), "medium")


report_number = number


def report_cell(value):
    """A cell of a format's table: dates and times in the locale."""
    if isinstance(value, datetime):
        return report_when(value)
    if isinstance(value, date):
        return format_date(value, "medium")
    return "" if value is None else value


@dataclass
class Logo:
    png: bytes
    width: int
    height: int

    @property
    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class KeyFigures:
    events: int
    signed_up: int
    people: int
    contributions: int
    recommendations: int
    # Events of protected formats: counted as events, left out of the sums.
    protected_events: int


@dataclass
class CouncilReport:
    report: ProcessReport
    logo: Logo | None
    period: tuple[date | None, date | None]
    figures: KeyFigures
    named_members: list[SteeringMember]
    unnamed_members: int
    landscape: object | None  # services.landscape.Landscape, None while the maps are internal
    actor_map: str | None
    topic_map: str | None
    # The programme and amount the cover names (a granted application first).
    funding: ReportFunding | None

    @property
    def process(self) -> Process:
        return self.report.process


def logo_of(municipality) -> Logo | None:
    """The municipality's logo as PNG (any stored type; PNG opens
    everywhere, in WeasyPrint, LibreOffice and Word alike)."""
    from PIL import Image

    path = logos.path_for(municipality)
    if path is None:
        return None
    with Image.open(path) as image:
        image = image.convert("RGBA")
        image.thumbnail((LOGO_MAX_PIXELS, LOGO_MAX_PIXELS))
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        return Logo(buffer.getvalue(), *image.size)


def _local_day(value) -> date:
    return to_user_timezone(value).date()


def period_of(process: Process, report: ProcessReport) -> tuple[date | None, date | None]:
    """From the first step's start (or the first event) to the last step's
    end (or the last event)."""
    starts = [step.starts_on for step in process.steps if step.starts_on]
    ends = [step.ends_on or step.starts_on for step in process.steps if step.ends_on or step.starts_on]
    days = [_local_day(item.event.starts_at) for item in report.events if item.event.starts_at]
    first = min(starts + days, default=None)
    last = max(ends + days, default=None)
    return first, last


def key_figures(report: ProcessReport) -> KeyFigures:
    """The numbers of the key-figures page, from the participation figures
    of the report's events (protected formats left out of the sums). People
    reached: the sum of each event's ``Figures.people`` (those counted in
    the room or, where more, the anonymous contributors)."""
    counted = [item.figures for item in report.events if not item.protected]
    summed = total(counted)
    return KeyFigures(
        events=len(report.events), signed_up=summed.signed_up, people=sum(item.people for item in counted),
        contributions=summed.contributions, recommendations=len(report.recommendations),
        protected_events=len(report.events) - len(counted))


def council_report(process: Process) -> CouncilReport:
    report = process_report(process)
    named = process_service.public_members(process)
    landscape = actor_map = topic_map = None
    if process.analysis_published:
        landscape = landscape_service.landscape_of(process)
        actor_map = landscape_service.actor_map(landscape)
        topic_map = landscape_service.topic_map(landscape)
    return CouncilReport(
        report=report, logo=logo_of(process.municipality), period=period_of(process, report),
        figures=key_figures(report), named_members=named, unnamed_members=len(process.members) - len(named),
        landscape=landscape, actor_map=actor_map, topic_map=topic_map, funding=report_funding(process))


def save_texts(process: Process, data: dict) -> None:
    """The report's introduction, conclusion and step notes (the caller's
    form has validated them). Does not commit."""
    process.report_introduction = (data.get("report_introduction") or "").strip()
    process.report_conclusion = (data.get("report_conclusion") or "").strip()
    process_service.ensure_steps(process)
    for step in process.steps:
        step.report_note = (data.get(f"step{step.number}_note") or "").strip()


def texts_of(process: Process) -> dict:
    values = {"report_introduction": process.report_introduction, "report_conclusion": process.report_conclusion}
    for step in process.steps:
        values[f"step{step.number}_note"] = step.report_note
    return values
