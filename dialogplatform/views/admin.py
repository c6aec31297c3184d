"""The instance admin: municipalities and installed plugins."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from ..forms import MunicipalityCreateForm
from ..models import Municipality, Role
from ..plugin_system.enabling import plugin_manager
from ..services import accounts, audit, two_factor
from ..tenancy import instance_admin_required
from ..two_factor_forms import InstanceTwoFactorForm

bp = Blueprint("admin", __name__)


@bp.get("/")
@instance_admin_required
def index():
    municipalities = db.session.scalars(db.select(Municipality).order_by(Municipality.name)).all()
    manager = plugin_manager()
    return render_template(
        "admin/index.html", municipalities=municipalities,
        formats=manager.formats.values(), broken=manager.broken,
        two_factor_form=InstanceTwoFactorForm(required=two_factor.required_for_instance_admins()),
    )


@bp.post("/two-factor")
@instance_admin_required
def two_factor_policy():
    """Whether instance admins must sign in with a second factor."""
    form = InstanceTwoFactorForm()
    if form.validate_on_submit():
        two_factor.set_required_for_instance_admins(form.required.data)
        db.session.commit()
        flash(_("The setting for two-factor sign-in is saved."), "success")
    return redirect(url_for("admin.index"))


@bp.route("/municipalities/new", methods=["GET", "POST"])
@instance_admin_required
def new_municipality():
    form = MunicipalityCreateForm()
    if form.validate_on_submit():
        if db.session.scalar(db.select(Municipality).filter_by(slug=form.slug.data)):
            form.slug.errors.append(_("This address is taken."))
        else:
            municipality = Municipality(name=form.name.data.strip(), slug=form.slug.data,
                                        default_language="de", languages=["de"])
            db.session.add(municipality)
            db.session.flush()
            audit.record("municipality.created", municipality, municipality)
            accounts.invite(municipality, form.admin_email.data, Role.ADMIN, current_user, str(get_locale()))
            flash(_("%(name)s is created and the invitation is sent.", name=municipality.name), "success")
            return redirect(url_for("admin.index"))
    return render_template("admin/new_municipality.html", form=form)
