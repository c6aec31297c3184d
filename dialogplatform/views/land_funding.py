"""The Land role's pages on funding and quality (under /land/): all
municipalities' funding applications per programme and the Beirat's
quality table, also as CSV. Figures and states only, no participant data."""
from flask import Blueprint, render_template
from flask_babel import gettext as _

from ..models import STEP_NUMBERS
from ..process_forms import STEP_LABELS
from ..services import exports
from ..services import land_overview as service
from ..services.recommendations import today
from ..tenancy import land_required

bp = Blueprint("land_funding", __name__)


@bp.get("/")
@land_required
def index():
    return render_template("land/index.html")


@bp.get("/funding/")
@land_required
def funding():
    return render_template("land/funding.html", programmes=service.applications_by_programme())


@bp.get("/quality/")
@land_required
def quality():
    return render_template("land/quality.html", rows=service.quality_rows(today()), step_numbers=STEP_NUMBERS)


def _maps_labels() -> dict[str, str]:
    return {"published": _("published"), "internal": _("made, not published"), "none": _("not made")}


@bp.app_template_global()
def maps_state_label(state: str) -> str:
    return _maps_labels().get(state, state)


@bp.get("/quality.csv")
@land_required
def quality_csv():
    yes, no = _("yes"), _("no")
    header = [_("Municipality"), _("Dialogue processes"),
              *[_("Step %(number)d: %(label)s done", number=n, label=STEP_LABELS[n]) for n in STEP_NUMBERS],
              _("Actor and topic maps"), _("Steering group"), _("Open recommendations")]
    rows = [[row.municipality.name, row.processes, *[yes if row.step_done(n) else no for n in STEP_NUMBERS],
             maps_state_label(row.maps), yes if row.steering_group else no, row.open_recommendations]
            for row in service.quality_rows(today())]
    return exports.csv_response(f"quality-{today().isoformat()}.csv", header, rows)

