"""The evaluation of a workshop: ranked critique and visions per theme, the
distribution of dots, the action plan. Aggregates only: cards are anonymous
and hidden cards are left out. The CSV exports use the same numbers.
"""
from flask_babel import format_date
from flask_babel import gettext as _

from dialogplatform.plugin_api import LANGUAGE_LABELS, bar_chart
from dialogplatform.plugin_system import Section

from . import services


def _card_text(card) -> str:
    return f"{card.text} ({card.translation})" if card.translation else card.text


def _ranked_section(ranked, title) -> Section:
    rows = [[_("Theme"), _("Rank"), _("Card"), _("Dots")]]
    for theme, cards in ranked:
        for rank, (card, dots) in enumerate(cards, start=1):
            rows.append([theme.name, rank, _card_text(card), dots])
    if len(rows) == 1:
        return Section(title=title, text=_("No cards were written in this phase."))
    return Section(title=title, table=rows, text=_("Within each theme, the cards with the most dots come first."))


def format_day(value) -> str:
    return format_date(value, "medium") if value else ""


def sections(event) -> list[Section]:
    return sections_of([event])[event.id]


def sections_of(events) -> dict[int, list[Section]]:
    """The evaluation of many workshops (the process report) in the same
    few queries as of one."""
    return {event_id: _sections(results) for event_id, results in services.results_of(events).items()}


def _sections(results: services.Results) -> list[Section]:
    themes = results.themes
    critique, fantasy = results.rankings["critique"], results.rankings["fantasy"]
    result = [
        _ranked_section(critique, _("Critique: what bothers us")),
        _ranked_section(fantasy, _("Visions: what we wish for")),
    ]
    if themes:
        labels = [theme.name for theme in themes]
        critique_dots = [sum(dots for _card, dots in cards) for _theme, cards in critique]
        fantasy_dots = [sum(dots for _card, dots in cards) for _theme, cards in fantasy]
        counts = results.counts
        title = _("Distribution of the dots")
        result.append(Section(
            title=title,
            chart=bar_chart(title, labels, {_("Critique"): critique_dots, _("Visions"): fantasy_dots},
                      meanings=["bad", "good"]),
            table=[[_("Theme"), _("Dots on critique"), _("Dots on visions")],
                   *([label, c, f] for label, c, f in zip(labels, critique_dots, fantasy_dots))],
            text=_("%(critique)d critique cards, %(fantasy)d visions and %(realisation)d proposals were written.",
                   critique=counts["critique"], fantasy=counts["fantasy"], realisation=counts["realisation"]),
        ))
    measures = results.measures
    if measures:
        result.append(Section(title=_("Action plan"), table=[
            [_("What"), _("Who"), _("By when"), _("Addressed to"), _("Theme")],
            *([m.what, m.who, format_day(m.due_on), str(services.ADDRESSEE_LABELS[m.addressee]),
               m.theme.name if m.theme else ""] for m in measures)]))
    else:
        result.append(Section(title=_("Action plan"), text=_("The action plan has no measures yet.")))
    return result


def card_rows(event):
    """Every visible card with its dots, ranked per phase and theme."""
    header = [_("Phase"), _("Theme"), _("Rank"), _("Card"), _("Language"), _("Translation"), _("Dots")]
    rows = []
    themes = services.themes_of(event)
    for phase in services.PHASE_LABELS:
        for theme, cards in services.ranking(event, phase, themes=themes):
            for rank, (card, dots) in enumerate(cards, start=1):
                rows.append([str(services.PHASE_LABELS[phase]), theme.name, rank, card.text,
                             str(LANGUAGE_LABELS.get(card.language, card.language)), card.translation, dots])
    return header, rows


def plan_rows(event):
    header = [_("What"), _("Who"), _("By when"), _("Addressed to"), _("Theme")]
    rows = [[m.what, m.who, m.due_on.isoformat() if m.due_on else "",
             str(services.ADDRESSEE_LABELS[m.addressee]), m.theme.name if m.theme else ""]
            for m in services.measures_of(event)]
    return header, rows
