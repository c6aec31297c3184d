"""Server-rendered SVG charts (pygal), shared by every format's evaluation.

A chart is embedded as an <img> with a data: URI: scripts never run in it,
its own styles stay inside it, it needs no extra request and it prints and
goes into PDF reports as it is. Screen readers get the numbers from the
table that every evaluation section shows beside its chart; the image's
alt text names the chart.
"""
import base64
import math
import re

import pygal
from markupsafe import Markup, escape
from pygal.style import Style

# Categories (places, tables, questions): high contrast on white,
# distinguishable without colour vision.
PALETTE = ("#1d4f91", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#0e7490", "#be123c", "#4d7c0f")
# Series that mean something keep their colour whatever their order (the
# Okabe-Ito colours, safe for colour-blind readers): good is blue, bad is
# vermillion, partly is light grey, neutral is grey. Each series still has its
# name in the legend and its numbers in the table beside the chart.
GOOD, PARTLY, BAD, NEUTRAL = "good", "partly", "bad", "neutral"
MEANING_COLOURS = {GOOD: "#0072B2", PARTLY: "#A3A3A3", BAD: "#D55E00", NEUTRAL: "#737373"}
MANY_LABELS = 6  # more labels under a chart are turned so that they do not overlap
STYLE = Style(
    background="white", plot_background="white", foreground="#1a1a1a", foreground_strong="#1a1a1a",
    foreground_subtle="#595959", colors=PALETTE, font_family="system-ui, 'Noto Sans', Arial, sans-serif",
    label_font_size=14, major_label_font_size=14, value_font_size=14, title_font_size=18,
    legend_font_size=14, tooltip_font_size=14,
)
_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _options(series: dict, meanings, **extra):
    options = dict(js=[], disable_xml_declaration=True, style=_style(series, meanings), width=720, height=360,
                   explicit_size=True, print_values=True, print_values_position="top", show_y_guides=True,
                   truncate_label=-1, truncate_legend=-1, margin=16, print_zeroes=False)
    options.update(extra)
    return options


def _style(series: dict, meanings) -> Style:
    """The standard style; series with a meaning in their meaning's colour."""
    if not meanings:
        return STYLE
    colours, spare = [], iter(PALETTE[:1] + PALETTE[3:4] + PALETTE[5:6] + PALETTE)
    for index, name in enumerate(series):
        meaning = meanings.get(name) if isinstance(meanings, dict) else (
            meanings[index] if index < len(meanings) else None)
        colours.append(MEANING_COLOURS.get(meaning) or next(spare))
    return STYLE.__class__(**{**STYLE.__dict__, "colors": tuple(colours)})


def integer_steps(top: float, most: int = 8) -> list[int]:
    """Axis marks at whole numbers from 0 to at least ``top``, at most
    ``most`` + 1 of them, stepping by 1, 2, 5, 10, 20, 50, ... (counts of
    people or cards never step by 0.2)."""
    top = max(1, math.ceil(top))
    step = next(step for step in _steps() if top / step <= most)
    return list(range(0, math.ceil(top / step) * step + 1, step))


def _steps():
    base = 1
    while True:
        for factor in (1, 2, 5):
            yield base * factor
        base *= 10


def _value_axis(series: dict, stacked: bool) -> dict:
    columns = list(zip(*series.values())) if series else []
    numbers = [sum(v or 0 for v in column) for column in columns] if stacked else [
        v or 0 for values in series.values() for v in values]
    marks = integer_steps(max(numbers, default=0))
    return {"y_labels": marks, "range": (0, marks[-1]), "value_formatter": _whole}


def _whole(value) -> str:
    return f"{value:g}" if value is not None else ""


def _label_options(labels: list) -> dict:
    """Labels under the chart: turned when there are many, every second
    one only when there are very many (the table has them all)."""
    if len(labels) <= MANY_LABELS and max((len(str(label)) for label in labels), default=0) <= 14:
        return {}
    options = {"x_label_rotation": 35, "truncate_label": 28}
    if len(labels) > 16:
        options.update(show_minor_x_labels=False, x_labels_major_every=math.ceil(len(labels) / 12))
    return options


def _as_img(chart, alt: str) -> Markup:
    return svg_as_img(_COMMENT.sub("", _SCRIPT.sub("", chart.render(is_unicode=True))), alt)


def svg_as_img(svg: str, alt: str) -> Markup:
    """Any server-made SVG (charts, the actor and topic maps) as an <img>."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="chart-image" src="data:image/svg+xml;base64,{}" alt="{}">').format(
        Markup(data), escape(alt))


def bar_chart(title: str, labels: list[str], series: dict[str, list[float]], *, horizontal=True,
              stacked=False, meanings=None) -> Markup:
    """A bar chart: one bar per label and series (``{series name: values}``).
    ``meanings`` (``{series name: GOOD|PARTLY|BAD|NEUTRAL}`` or a list in
    the order of ``series``) gives those series their meaning's colour."""
    kind = {(True, False): pygal.HorizontalBar, (False, False): pygal.Bar,
            (True, True): pygal.HorizontalStackedBar, (False, True): pygal.StackedBar}[(horizontal, stacked)]
    height = max(240, 30 * len(labels) * (1 if stacked else max(1, len(series))) + 140) if horizontal else 360
    chart = kind(**_options(series, meanings, height=min(height, 1400), show_legend=len(series) > 1,
                            legend_at_bottom=True, **_value_axis(series, stacked),
                            **({} if horizontal else _label_options(labels))))
    chart.title = title
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), list(values))
    return _as_img(chart, title)


def line_chart(title: str, labels: list[str], series: dict[str, list[float]], *, meanings=None) -> Markup:
    """Values over time (``labels`` are the time steps); ``meanings`` as in
    ``bar_chart``."""
    chart = pygal.Line(**_options(series, meanings, show_legend=len(series) > 1, legend_at_bottom=True,
                                  print_values=False, dots_size=4, **_value_axis(series, False),
                                  **{"x_label_rotation": 30, **_label_options(labels)}))
    chart.title = title
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), list(values))
    return _as_img(chart, title)


SVG_NS = "http://www.w3.org/2000/svg"


def inline_styles(svg: str) -> str:
    """The chart with its stylesheet written into each element's ``style``
    attribute, for programs that draw SVG without CSS (LibreOffice and
    Word draw a pygal chart as a black box otherwise). Rules with a
    pseudo-class (``:hover``) are left out: print has no pointer."""
    from xml.etree import ElementTree

    import cssselect2
    import tinycss2

    ElementTree.register_namespace("", SVG_NS)
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ElementTree.fromstring(svg)
    styles = list(root.iter(f"{{{SVG_NS}}}style"))
    matcher = cssselect2.Matcher()
    css = "".join(element.text or "" for element in styles)
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True):
        if rule.type != "qualified-rule":
            continue
        declarations = [(item.lower_name, tinycss2.serialize(item.value).strip())
                        for item in tinycss2.parse_declaration_list(rule.content, skip_whitespace=True,
                                                                    skip_comments=True)
                        if item.type == "declaration"]
        try:
            selectors = cssselect2.compile_selector_list(rule.prelude)
        except cssselect2.SelectorError:
            continue
        for selector in selectors:
            matcher.add_selector(selector, declarations)
    for element in cssselect2.ElementWrapper.from_xml_root(root).iter_subtree():
        matches = sorted((match for match in matcher.match(element) or [] if match[2] is None),
                         key=lambda match: (match[0], match[1]))
        properties = {}
        for _specificity, _order, _pseudo, declarations in matches:
            properties.update(declarations)
        if properties:
            own = element.etree_element.get("style", "")
            inlined = "; ".join(f"{name}: {value.replace('!important', '').strip()}"
                                for name, value in properties.items())
            element.etree_element.set("style", f"{inlined}; {own}" if own else inlined)
    for parent in root.iter():
        for child in list(parent):
            if child in styles:
                parent.remove(child)
    return ElementTree.tostring(root, encoding="unicode")
