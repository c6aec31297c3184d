"""Server-rendered SVG charts (pygal), shared by every format's evaluation.

A chart is embedded as an <img> with a data: URI: scripts never run in it,
its own styles stay inside it, it needs no extra request and it prints and
goes into PDF reports as it is. Screen readers get the numbers from the
table that every evaluation section shows beside its chart; the image's
alt text names the chart.
"""
import base64
import re

import pygal
from markupsafe import Markup, escape
from pygal.style import Style

# High contrast on white, distinguishable without colour vision.
PALETTE = ("#1d4f91", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#0e7490", "#be123c", "#4d7c0f")
STYLE = Style(
    background="white", plot_background="white", foreground="#1a1a1a", foreground_strong="#1a1a1a",
    foreground_subtle="#595959", colors=PALETTE, font_family="system-ui, 'Noto Sans', Arial, sans-serif",
    label_font_size=14, major_label_font_size=14, value_font_size=14, title_font_size=18,
    legend_font_size=14, tooltip_font_size=14,
)
_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _options(**extra):
    options = dict(js=[], disable_xml_declaration=True, style=STYLE, width=720, height=360, explicit_size=True,
                   print_values=True, print_values_position="top", show_y_guides=True, truncate_label=-1,
                   truncate_legend=-1, margin=16)
    options.update(extra)
    return options


def _as_img(chart, alt: str) -> Markup:
    return svg_as_img(_COMMENT.sub("", _SCRIPT.sub("", chart.render(is_unicode=True))), alt)


def svg_as_img(svg: str, alt: str) -> Markup:
    """Any server-made SVG (charts, the actor and topic maps) as an <img>."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="chart-image" src="data:image/svg+xml;base64,{}" alt="{}">').format(
        Markup(data), escape(alt))


def bar_chart(title: str, labels: list[str], series: dict[str, list[float]], *, horizontal=True,
              stacked=False) -> Markup:
    """A bar chart: one bar per label and series (``{series name: values}``)."""
    kind = {(True, False): pygal.HorizontalBar, (False, False): pygal.Bar,
            (True, True): pygal.HorizontalStackedBar, (False, True): pygal.StackedBar}[(horizontal, stacked)]
    height = max(240, 48 * len(labels) * (1 if stacked else max(1, len(series))) + 120) if horizontal else 360
    chart = kind(**_options(height=min(height, 1400), show_legend=len(series) > 1, legend_at_bottom=True))
    chart.title = title
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), list(values))
    return _as_img(chart, title)


def line_chart(title: str, labels: list[str], series: dict[str, list[float]]) -> Markup:
    """Values over time (``labels`` are the time steps)."""
    chart = pygal.Line(**_options(show_legend=len(series) > 1, legend_at_bottom=True, x_label_rotation=30,
                                  print_values=False, dots_size=4))
    chart.title = title
    chart.x_labels = [str(label) for label in labels]
    for name, values in series.items():
        chart.add(str(name), list(values))
    return _as_img(chart, title)
