"""The process documentation report as an OpenDocument text (.odt, with
odfdo), so that a municipality can adapt it in LibreOffice or Word before
it goes to the council.

Same content and order as the PDF (templates/report/_process_body.html):
cover, key figures, introduction, steps with their notes, participation,
steering group, maps, evaluations with their charts and tables,
recommendations, funding, conclusion. Charts and maps go in as the same
SVG images; the logo as PNG. Text is set as text (never markup), so
nothing a resident wrote can become formatting or a link.
"""
import base64
import io
import re
import tempfile
from pathlib import Path

from flask import current_app
from flask_babel import format_date, ngettext, pgettext
from flask_babel import gettext as _
from odfdo import Document, Frame, Header, Paragraph, Style, Table

from ..clock import now
from ..locale_format import day_range, locale_list
from ..process_forms import ADDRESSEE_LABELS, STATUS_LABELS, STEP_LABELS
from ..templating import format_name, language_label, localized_title
from .charts import inline_styles
from .report_document import CouncilReport, report_cell, report_number, report_when

CONTENT_WIDTH_CM = 16.0
_SVG_DATA = re.compile(r'data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)')
_SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"', re.S)
# (name, paragraph properties, text properties)
_STYLES = (
    ("ReportCoverKind", {"fo:margin-top": "2cm"}, {"fo:font-size": "16pt", "fo:font-weight": "bold",
                                                   "fo:color": "#1d4f91"}),
    ("ReportCoverTitle", {"fo:margin-bottom": "1cm"}, {"fo:font-size": "24pt", "fo:font-weight": "bold"}),
    ("ReportPageBreak", {"fo:break-before": "page"}, {}),
    ("ReportImage", {"fo:margin-top": "0.2cm", "fo:margin-bottom": "0.4cm"}, {}),
    ("ReportFigure", {"fo:margin-top": "0.4cm"}, {"fo:font-size": "20pt", "fo:font-weight": "bold",
                                                  "fo:color": "#1d4f91"}),
    ("ReportSmall", {}, {"fo:font-size": "9pt"}),
    ("ReportTableHead", {}, {"fo:font-size": "9pt", "fo:font-weight": "bold"}),
)


def _style(name: str, paragraph: dict, text: dict) -> Style:
    style = Style("paragraph", name=name, parent_style="Text_20_body")
    if paragraph:
        style.set_properties(area="paragraph", **paragraph)
    if text:
        style.set_properties(area="text", **text)
    return style


class _Writer:
    def __init__(self):
        self.document = Document("text")
        self.body = self.document.body
        self.body.clear()
        for name, paragraph, text in _STYLES:
            self.document.insert_style(_style(name, paragraph, text), automatic=False)
        self.document.insert_style(Style("table-cell", name="ReportCell", border="0.5pt solid #888888",
                                         padding="0.1cm"), automatic=True)
        # Headings without numbers (odfdo's template numbers them 1., 1.1., ...).
        for level in self.document.get_part("styles.xml").get_elements("//text:outline-level-style"):
            level.set_attribute("style:num-format", "")
            for attribute in ("style:num-suffix", "loext:num-list-format"):
                if level.get_attribute(attribute) is not None:
                    level.del_attribute(attribute)
        self.tables = 0
        self.images = 0

    def heading(self, level: int, text: str) -> None:
        header = Header(level, str(text))
        header.style = f"Heading_20_{level}"  # (odfdo 3.27 does not take it in the constructor)
        self.body.append(header)

    def paragraph(self, text, style: str | None = None) -> Paragraph:
        paragraph = Paragraph(str(text or ""), style=style or "Text_20_body")
        self.body.append(paragraph)
        return paragraph

    def page_break(self) -> None:
        self.paragraph("", "ReportPageBreak")

    def facts(self, rows: list[tuple[str, str]]) -> None:
        for label, value in rows:
            self.paragraph(f"{label}: {value}")

    def table(self, rows: list[list], header: bool = True) -> None:
        if not rows:
            return
        self.tables += 1
        width = max(len(row) for row in rows)
        table = Table(f"Table{self.tables}", width=width, height=len(rows))
        for y, row in enumerate(rows):
            for x, value in enumerate(row):
                table.set_value((x, y), _cell_text(value))
        self.body.append(table)
        for y, table_row in enumerate(table.traverse()):
            for cell in table_row.traverse():
                cell.style = "ReportCell"  # borders and padding, as in the PDF
                for paragraph in cell.get_paragraphs():
                    paragraph.style = "ReportTableHead" if header and y == 0 else "ReportSmall"

    def image(self, data: bytes, name: str, width_px: float, height_px: float, description: str) -> None:
        self.images += 1
        # From a path, odfdo names the part after its suffix and records its
        # media type in the manifest (from bytes it would be octet-stream).
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            uri = self.document.add_file(path)
        width = min(CONTENT_WIDTH_CM, width_px / 96 * 2.54)
        height = width * height_px / width_px
        if height > 22:  # a very tall map: fit it on one page
            width, height = width * 22 / height, 22
        frame = Frame.image_frame(uri, name=f"Image{self.images}", size=(f"{width:.2f}cm", f"{height:.2f}cm"),
                                  anchor_type="as-char")
        frame.svg_title = frame.svg_description = str(description)  # the alternative text
        paragraph = Paragraph("", style="ReportImage")
        paragraph.append(frame)
        self.body.append(paragraph)

    def svg(self, markup, description: str) -> None:
        """A chart or map made for the page (an <img> with an SVG data: URI)."""
        match = _SVG_DATA.search(str(markup or ""))
        if not match:
            return
        # Styles written into the elements: LibreOffice and Word draw SVG
        # without its stylesheet (a pygal chart would be a black box).
        svg = inline_styles(base64.b64decode(match.group(1)).decode("utf-8")).encode("utf-8")
        size = _SVG_SIZE.search(svg[:2000].decode("utf-8", "replace"))
        width, height = (float(size.group(1)), float(size.group(2))) if size else (720.0, 360.0)
        self.image(svg, f"chart{self.images + 1}.svg", width, height, description)

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _cell_text(value) -> str:
    return str(report_cell(value))


def _period(days) -> str:
    return day_range(*days)


def council_report_odt(council: CouncilReport) -> bytes:
    """The report as .odt bytes (call inside the report's locale)."""
    writer = _Writer()
    process = council.process
    meta = writer.document.meta
    meta.set_title(f"{_('Documentation report')}: {process.title_in(process.municipality.default_language)}")
    meta.set_language(process.municipality.default_language)
    meta.set_creation_date(now())
    meta.set_generator("Dialogplattform")
    _cover(writer, council)
    _key_figures(writer, council)
    _steps(writer, council)
    _participation(writer, council)
    _steering(writer, council)
    _maps(writer, council)
    _evaluations(writer, council)
    _closing(writer, council)
    return writer.save()


def _cover(writer: _Writer, council: CouncilReport) -> None:
    process = council.process
    if council.logo:
        writer.image(council.logo.png, "logo.png", council.logo.width, council.logo.height,
                     _("Logo of %(name)s", name=process.municipality.name))
    writer.paragraph(process.municipality.name)
    writer.paragraph(_("Documentation report"), "ReportCoverKind")
    writer.paragraph(process.title_in(process.municipality.default_language), "ReportCoverTitle")
    rows = []
    if council.period[0]:
        rows.append((_("Period"), _period(council.period)))
    funding = council.funding
    programme = funding.programme if funding else None
    if programme:
        rows.append((_("Funding programme"), programme.name + (f" ({programme.provider})" if programme.provider
                                                                else "")))
        if funding.amount_eur is not None:
            rows.append((_("Amount granted (EUR)"), f"{report_number(funding.amount_eur)} EUR"))
        if funding.documentation_due:
            rows.append((_("Documentation due by"), format_date(funding.documentation_due, "long")))
    rows.append((_("Report of"), format_date(now(), "long")))
    writer.facts(rows)


def _key_figures(writer: _Writer, council: CouncilReport) -> None:
    figures, process = council.figures, council.process
    writer.page_break()
    writer.heading(1, _("Key figures"))
    for label, number in ((_("Events"), figures.events), (_("People reached"), figures.people),
                          (_("People signed up"), figures.signed_up), (_("Contributions"), figures.contributions),
                          (_("Recommendations"), figures.recommendations)):
        writer.paragraph(report_number(number), "ReportFigure")
        writer.paragraph(label)
    writer.paragraph(_("People reached: those counted at the events (checked in or come without signing up) or, "
                       "where there were more, the people and devices that contributed anonymously. Someone at "
                       "two events counts twice."), "ReportSmall")
    if figures.protected_events:
        writer.paragraph(ngettext(
            "%(num)d event of a protected format is counted as an event; to protect its participants, its "
            "numbers are not part of these sums.",
            "%(num)d events of protected formats are counted as events; to protect their participants, their "
            "numbers are not part of these sums.", figures.protected_events), "ReportSmall")
    if process.report_introduction:
        writer.heading(1, _("Introduction"))
        writer.paragraph(process.report_introduction)
    description = process.description_in(process.municipality.default_language)
    if description:
        writer.paragraph(description)


def _steps(writer: _Writer, council: CouncilReport) -> None:
    process, report = council.process, council.report
    writer.heading(1, _("Steps of the process"))
    for number in (1, 2, 3):
        step = process.step(number)
        current = f" ({_('current step')})" if number == process.current_step else ""
        writer.heading(2, f"{number}. {STEP_LABELS[number]}{current}")
        if step and (step.starts_on or step.ends_on):
            writer.paragraph(_period((step.starts_on or step.ends_on, step.ends_on)))
        for text in (step.summary, step.report_note) if step else ():
            if text:
                writer.paragraph(text)
        for item in report.by_step.get(number, []):
            writer.paragraph(f"– {localized_title(item.event)} – {report_when(item.event.starts_at)} "
                             f"({format_name(item.event.format_key)})")


NUMBERS = ("signed_up", "attended", "walk_ins", "anonymous_contributors", "contributions", "people")
_OWN_FIGURES = ("walk_ins", "anonymous_contributors", "contributions")  # "–" where the format's count failed


def _participation(writer: _Writer, council: CouncilReport) -> None:
    report = council.report
    writer.heading(1, _("Participation"))
    if not report.events:
        writer.paragraph(_("There are no events yet."))
        return
    rows = [[_("Event"), _("Date"), _("Format"), _("Registered"), _("Attended"), _("Walk-ins"),
             _("Anonymous contributors"), _("Contributions"), _("Took part (at least)")]]
    for item in report.events:
        shown = item.shown
        rows.append([localized_title(item.event), report_when(item.event.starts_at), format_name(item.event.format_key),
                     *("–" if item.figures.failed and name in _OWN_FIGURES else shown[name] for name in NUMBERS)])
    totals = report.figure_totals.as_dict()
    rows.append([_("Total"), "", "", *(totals[name] for name in NUMBERS)])
    writer.table(rows)
    writer.paragraph(_("Walk-ins came without signing up and were counted on the spot. Anonymous contributors took "
                       "part without signing up, e.g. with a phone or at a pop-up box (where they cannot be told "
                       "apart, each contribution counts as one). Took part: those checked in plus walk-ins or, if "
                       "there were more, the anonymous contributors; the two are not added, since someone in the "
                       "room may also have contributed anonymously."), "ReportSmall")
    if any(item.figures.failed for item in report.events):
        writer.paragraph(_("–: the format's own figures are not available at the moment."), "ReportSmall")
    if any(item.protected for item in report.events):
        writer.paragraph(_("To protect the participants of protected formats, their numbers are given in bands of "
                           "five (or as “fewer than %(num)d”) and are not part of the totals.",
                           num=current_app.config["PROTECTED_MIN_COUNT"]), "ReportSmall")
    open_reports = [item for item in report.events if not item.protected]
    if open_reports:
        writer.table([[_("Event"), _("Sign-ups by language"), _("Interpreting requested")]] + [
            [localized_title(item.event), _counter(item.languages.languages),
             _counter(item.languages.interpreters)] for item in open_reports])


def _counter(counter) -> str:
    return locale_list((f"{language_label(code)}: {number}" for code, number in counter.most_common())) or "–"


def _steering(writer: _Writer, council: CouncilReport) -> None:
    process = council.process
    writer.heading(1, _("Steering group"))
    if council.named_members:
        writer.table([[pgettext("person", "Name"), _("Organisation"), _("Role in the steering group")]]
                     + [[m.name, m.organisation, m.role] for m in council.named_members])
    if council.unnamed_members:
        writer.paragraph(ngettext("%(num)d further member does not wish to be named.",
                                  "%(num)d further members do not wish to be named.", council.unnamed_members))
    writer.paragraph(ngettext("%(num)d member", "%(num)d members", len(process.members)) + " · "
                     + ngettext("%(num)d meeting", "%(num)d meetings", len(process.meetings)))
    if process.rules_of_participation:
        writer.heading(2, _("Rules of participation"))
        writer.paragraph(process.rules_of_participation)


def _maps(writer: _Writer, council: CouncilReport) -> None:
    landscape = council.landscape
    if landscape is None:
        return
    from ..landscape_forms import ACTOR_KIND_LABELS, RELATION_KIND_LABELS

    writer.heading(1, _("Actor map"))
    if landscape.actors:
        writer.svg(council.actor_map, _("Actor map"))
        for kind, actors in landscape.actors_by_kind.items():
            writer.heading(2, ACTOR_KIND_LABELS.get(kind, kind))
            for actor in actors:  # names and relations only: an actor's contact is for staff
                writer.paragraph(actor.name)
                for relation in landscape.relations_of(actor):
                    writer.paragraph(f"– {relation.source.name} {RELATION_KIND_LABELS.get(relation.kind, '')} "
                                     f"{relation.target.name}")
    else:
        writer.paragraph(_("No actors have been recorded yet."))
    writer.heading(1, _("Topic map"))
    if landscape.topics:
        writer.svg(council.topic_map, _("Topic map"))
        for topic in landscape.topics:
            writer.heading(2, topic.name)
            if topic.concerns:
                writer.paragraph(f"{_('Concerns')}: {topic.concerns}")
            if topic.options:
                writer.paragraph(f"{_('Options for local action')}: {topic.options}")
            writer.paragraph(f"{_('Actors involved')}: "
                             + (locale_list(a.name for a in topic.actors) or _("none recorded")))
    else:
        writer.paragraph(_("No topics have been recorded yet."))


def _sections(writer: _Writer, sections, level: int) -> None:
    for section in sections:
        writer.heading(level, section.title)
        if section.text:
            writer.paragraph(section.text)
        if section.chart:
            writer.svg(section.chart, section.title)
        if section.table:
            writer.table(section.table)


def _evaluations(writer: _Writer, council: CouncilReport) -> None:
    report = council.report
    writer.page_break()
    writer.heading(1, _("Evaluations of the events"))
    for item in report.events:
        writer.heading(2, f"{localized_title(item.event)} – {report_when(item.event.starts_at)}")
        writer.paragraph(format_name(item.event.format_key)
                         + (f" · {item.event.place_name}" if item.event.place_name else ""))
        if item.failed:
            writer.paragraph(_("This part of the page is not available at the moment."))
        if item.sections:
            _sections(writer, item.sections, 3)
        elif not item.failed:
            writer.paragraph(_("There are no results yet."))
    if report.format_sections or report.failed_formats:
        writer.heading(1, _("Results across the process"))
        for key, items in report.format_sections:
            writer.heading(2, format_name(key))
            _sections(writer, items, 3)
        if report.failed_formats:
            writer.paragraph(_("This part of the page is not available at the moment."))


def _closing(writer: _Writer, council: CouncilReport) -> None:
    report, process = council.report, council.process
    writer.heading(1, _("Recommendations"))
    counts = [f"{STATUS_LABELS.get(status, status)}: {number}" for status, number in report.status_counts.items()
              if number]
    if counts:
        writer.paragraph(" · ".join(counts))
    if report.recommendations:
        writer.table([[_("Recommendation"), _("Topic"), _("Addressed to"), _("Status")]] + [
            [r.text, r.topic, str(ADDRESSEE_LABELS.get(r.addressee, r.addressee))
             + (f" – {r.responsible_body}" if r.responsible_body else ""), STATUS_LABELS.get(r.status, r.status)]
            for r in report.recommendations])
    else:
        writer.paragraph(_("There are no recommendations yet."))
    writer.heading(1, _("Funding"))
    funding = council.funding
    programme = funding.programme if funding else None
    if programme:
        rows = [(_("Funding programme"), programme.name)]
        if programme.provider:
            rows.append((_("Provider (where to apply)"), programme.provider))
        if funding.amount_eur is not None:
            rows.append((_("Amount granted (EUR)"), f"{report_number(funding.amount_eur)} EUR"))
        if funding.documentation_due:
            rows.append((_("Documentation due by"), format_date(funding.documentation_due, "medium")))
        writer.facts(rows)
    else:
        writer.paragraph(_("No funding is recorded."))
    if process.report_conclusion:
        writer.heading(1, _("Conclusion"))
        writer.paragraph(process.report_conclusion)
