"""The instance admin's catalogue of funding programmes."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ..extensions import db
from ..models import FundingProgramme
from ..process_forms import FundingProgrammeForm
from ..services import funding as service
from ..tenancy import instance_admin_required

bp = Blueprint("admin_funding", __name__)


@bp.get("/")
@instance_admin_required
def index():
    return render_template("admin/funding/index.html", programmes=service.programmes())


@bp.route("/new", methods=["GET", "POST"])
@instance_admin_required
def new():
    return _form(FundingProgramme(), _("The funding programme is added."))


@bp.route("/<int:programme_id>", methods=["GET", "POST"])
@instance_admin_required
def edit(programme_id):
    programme = db.session.get(FundingProgramme, programme_id)
    if programme is None:
        abort(404)
    return _form(programme, _("The funding programme is saved."))


def _form(programme, message):
    form = FundingProgrammeForm(obj=programme)
    if form.validate_on_submit():
        service.save(programme, form.data)
        flash(message, "success")
        return redirect(url_for("admin_funding.index"))
    return render_template("admin/funding/form.html", form=form, programme=programme)
