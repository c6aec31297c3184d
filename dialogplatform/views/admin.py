"""The instance admin: municipalities, installed plugins, the Land's accounts."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..confirmation import confirm_page
from ..extensions import db
from ..forms import MunicipalityCreateForm
from ..land_forms import LandInviteForm
from ..models import LAND_ROLE, Invitation, Municipality, Role, User
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


# -- the Land role ---------------------------------------------------------
@bp.route("/land", methods=["GET", "POST"])
@instance_admin_required
def land_accounts():
    """Who holds the Land role, open invitations to it, and a new invitation."""
    form = LandInviteForm()
    if form.validate_on_submit():
        audit.record("land.invited")
        accounts.invite_to_land(form.email.data, form.body.data, current_user, str(get_locale()))
        flash(_("The invitation to %(email)s is sent.", email=form.email.data), "success")
        return redirect(url_for("admin.land_accounts"))
    return render_template("admin/land.html", form=form, people=accounts.land_accounts(),
                           pending=accounts.pending_land_invitations())


@bp.route("/land/<int:user_id>/revoke", methods=["GET", "POST"])
@instance_admin_required
def revoke_land(user_id):
    """Asks first; the POST takes the Land role away."""
    user = db.session.get(User, user_id)
    if user is None or not user.is_land_staff:
        abort(404)

    def revoke():
        audit.record("land.revoked", target=user)
        accounts.revoke_land_role(user)
        flash(_("%(email)s no longer holds the Land role.", email=user.email), "success")

    return confirm_page(title=_("Take the Land role from %(email)s?", email=user.email),
                        consequences=[_("The person can no longer see or answer recommendations to the Land."),
                                      _("Their answers stay in the history, under the body they answered for."),
                                      _("Nobody gets a mail.")],
                        button=_("Yes, take the role away"), back=url_for("admin.land_accounts"), action=revoke)


@bp.route("/land/invitations/<int:invitation_id>/withdraw", methods=["GET", "POST"])
@instance_admin_required
def withdraw_land_invitation(invitation_id):
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.role != LAND_ROLE or invitation.accepted_at is not None:
        abort(404)
    email = invitation.email

    def withdraw():
        audit.record("land.invitation_withdrawn", target=invitation)
        accounts.withdraw_invitation(invitation)
        flash(_("The invitation to %(email)s is withdrawn.", email=email), "success")

    return confirm_page(title=_("Withdraw the invitation to %(email)s?", email=email),
                        consequences=[_("The link in the invitation mail stops working."), _("Nobody gets a mail.")],
                        button=_("Yes, withdraw"), back=url_for("admin.land_accounts"), action=withdraw)
