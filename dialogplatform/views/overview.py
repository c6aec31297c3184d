"""The instance-wide overview across municipalities (public)."""
from flask import Blueprint, render_template

from ..services import overview as service
from ..services.recommendations import STATUSES

bp = Blueprint("overview", __name__)


@bp.get("/overview")
def index():
    return render_template("overview.html", rows=service.overview(), statuses=STATUSES)
