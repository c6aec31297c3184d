"""A municipality's admin: profile and legal texts, formats, staff."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from ..accessibility import easy_language_default
from ..accessibility_forms import AccessibilitySettingsForm
from ..confirmation import confirm_page
from ..extensions import db
from ..forms import ConfirmForm, InviteForm, RoleForm, profile_form_class
from ..language_forms import language_values
from ..links import external_url
from ..models import AuditEntry, Invitation, Membership, MunicipalitySignOn, Role
from ..plugin_system.enabling import enabled_format_keys, plugin_manager, set_enabled
from ..services import accounts, audit, logos, municipalities, sign_language, two_factor
from ..services.uploads import InvalidUpload
from ..sign_on_forms import MunicipalitySignOnForm
from ..tenancy import can, role_required
from ..two_factor_forms import TwoFactorPolicyForm

bp = Blueprint("municipality_admin", __name__)


@bp.route("/", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def profile():
    municipality = g.municipality
    languages, default = municipality.content_languages, municipality.default_language
    form = profile_form_class(municipality)(
        obj=municipality, **language_values(municipality.imprint, "imprint", languages, default),
        **language_values(municipality.privacy_text, "privacy_text", languages, default))
    if form.validate_on_submit() and _logo_accepted(form):
        audit.record("municipality.profile_changed", municipality, municipality)
        municipalities.update_profile(municipality, form.data)
        flash(_("The profile is saved."), "success")
        return redirect(url_for("municipality_admin.profile"))
    return render_template("municipality_admin/profile.html", form=form)


def _logo_accepted(form) -> bool:
    """Store or remove the logo; an invalid file gets a message next to the field."""
    upload = form.logo.data
    if form.remove_logo.data:
        logos.remove(g.municipality)
    elif upload and getattr(upload, "filename", ""):
        try:
            logos.save(g.municipality, upload.read(logos.MAX_BYTES + 1))
        except logos.InvalidLogo:
            form.logo.errors.append(_("Please choose a PNG, JPEG or WebP image of at most 512 KB and "
                                      "2000 × 2000 pixels."))
            return False
    return True


@bp.url_value_preprocessor
def _allow_a_sign_language_video(endpoint, values):
    """The one form that takes more than MAX_CONTENT_LENGTH; set before the
    CSRF check reads the body (value preprocessors run before it)."""
    if endpoint == "municipality_admin.accessibility" and request.method == "POST" and can(Role.ADMIN):
        request.max_content_length = sign_language.max_bytes() + sign_language.FORM_OVERHEAD


@bp.route("/sign-on", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def sign_on():
    """The municipality's own staff directory (OpenID Connect)."""
    settings = db.session.scalar(db.select(MunicipalitySignOn).filter_by(municipality_id=g.municipality.id))
    form = MunicipalitySignOnForm(obj=settings)
    if form.validate_on_submit():
        if settings is None:
            settings = MunicipalitySignOn(municipality_id=g.municipality.id)
            db.session.add(settings)
        secret = form.client_secret.data or settings.client_secret or ""
        form.populate_obj(settings)
        settings.client_secret = secret
        audit.record("municipality.sign_on_changed", g.municipality, g.municipality, enabled=settings.enabled)
        db.session.commit()
        flash(_("The sign-in settings are saved."), "success")
        return redirect(url_for("municipality_admin.sign_on"))
    return render_template("municipality_admin/sign_on.html", form=form,
                           callback=external_url("sso.municipality_callback", slug=g.municipality.slug),
                           has_secret=bool(settings and settings.client_secret))


@bp.route("/accessibility", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def accessibility():
    """Own known limitations, Leichte Sprache text and DGS video (BITV 2.0 §§ 4, 7)."""
    municipality = g.municipality
    form = AccessibilitySettingsForm(obj=municipality)
    has_video = sign_language.has_upload(municipality)
    if not has_video:
        del form.remove_sign_language_video
    form.sign_language_video.description = _("At most %(size)d MB.", size=sign_language.max_bytes() // (1024 * 1024))
    if not form.is_submitted() and not municipality.easy_language_text:
        form.easy_language_text.data = easy_language_default(municipality)  # the text to start editing from
    if form.validate_on_submit() and _video_accepted(form):
        audit.record("municipality.accessibility_changed", municipality, municipality)
        municipalities.update_accessibility(municipality, form.data)
        flash(_("The accessibility settings are saved."), "success")
        return redirect(url_for("municipality_admin.accessibility"))
    return render_template("municipality_admin/accessibility.html", form=form, has_video=has_video)


def _video_accepted(form) -> bool:
    """Store or remove the uploaded video; a refused file gets a message next to the field."""
    upload = form.sign_language_video.data
    if "remove_sign_language_video" in form and form.remove_sign_language_video.data:
        sign_language.remove(g.municipality)
    elif upload and getattr(upload, "filename", ""):
        try:
            sign_language.save(g.municipality, upload)
        except InvalidUpload:
            form.sign_language_video.errors.append(
                _("Please choose an MP4 or WebM video of at most %(size)d MB.",
                  size=sign_language.max_bytes() // (1024 * 1024)))
            return False
    return True


@bp.get("/formats")
@role_required(Role.ADMIN)
def formats():
    return render_template(
        "municipality_admin/formats.html", formats=plugin_manager().formats.values(),
        enabled=enabled_format_keys(g.municipality), form=ConfirmForm(),
    )


@bp.post("/formats/<format_key>")
@role_required(Role.ADMIN)
def toggle_format(format_key):
    form = ConfirmForm()
    if format_key not in plugin_manager().formats:
        abort(404)
    if form.validate_on_submit():
        enable = format_key not in enabled_format_keys(g.municipality)
        set_enabled(g.municipality, format_key, enable)
        audit.record("format.enabled" if enable else "format.disabled", g.municipality, format=format_key)
        db.session.commit()
        name = plugin_manager().info(format_key).name
        flash(_("%(name)s is enabled.", name=name) if enable else _("%(name)s is disabled.", name=name), "success")
    return redirect(url_for("municipality_admin.formats"))


@bp.route("/members", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def members():
    form = InviteForm()
    if form.validate_on_submit():
        audit.record("member.invited", g.municipality, role=form.role.data)
        accounts.invite(g.municipality, form.email.data, Role(form.role.data), current_user, str(get_locale()))
        flash(_("The invitation to %(email)s is sent.", email=form.email.data), "success")
        return redirect(url_for("municipality_admin.members"))
    memberships = db.session.scalars(
        db.select(Membership).filter_by(municipality_id=g.municipality.id)
        .options(selectinload(Membership.user)).order_by(Membership.id)
    ).all()
    pending = db.session.scalars(
        db.select(Invitation).filter_by(municipality_id=g.municipality.id, accepted_at=None).order_by(Invitation.id)
    ).all()
    return render_template("municipality_admin/members.html", form=form, memberships=memberships,
                           pending=pending, remove_form=ConfirmForm(),
                           policy_form=TwoFactorPolicyForm(required_role=g.municipality.two_factor_role or ""))


@bp.post("/members/two-factor")
@role_required(Role.ADMIN)
def two_factor_policy():
    """Which staff roles here must sign in with a second factor."""
    form = TwoFactorPolicyForm()
    if form.validate_on_submit():
        two_factor.set_required_role(g.municipality, Role(form.required_role.data) if form.required_role.data else None)
        db.session.commit()
        flash(_("The setting for two-factor sign-in is saved."), "success")
    return redirect(url_for("municipality_admin.members"))


def _membership_or_404(membership_id) -> Membership:
    membership = db.session.scalar(
        db.select(Membership).filter_by(id=membership_id, municipality_id=g.municipality.id))
    if membership is None:
        abort(404)
    return membership


@bp.post("/members/<int:membership_id>/role")
@role_required(Role.ADMIN)
def change_role(membership_id):
    membership = _membership_or_404(membership_id)
    form = RoleForm()
    if form.validate_on_submit():
        if membership.user_id == current_user.id and form.role.data != Role.ADMIN:
            flash(_("You cannot take away your own administrator role."), "error")
        else:
            audit.record("member.role_changed", g.municipality, membership.user, old=membership.role,
                         new=form.role.data)
            membership.role = form.role.data
            db.session.commit()
            flash(_("The role is changed."), "success")
    return redirect(url_for("municipality_admin.members"))


@bp.route("/members/<int:membership_id>/remove", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def remove_member(membership_id):
    """Asks first; the POST takes the role away."""
    membership = _membership_or_404(membership_id)
    back = url_for("municipality_admin.members")
    if membership.user_id == current_user.id:
        flash(_("You cannot take away your own administrator role."), "error")
        return redirect(back)

    def remove():
        audit.record("member.removed", g.municipality, membership.user, role=membership.role)
        db.session.delete(membership)
        db.session.commit()
        flash(_("The person no longer has a role here."), "success")

    return confirm_page(title=_("Remove “%(name)s”?", name=membership.user.display_name),
                        consequences=[_("The person no longer has a role here."), _("Nobody gets a mail.")],
                        button=_("Yes, remove"), back=back, action=remove)


@bp.get("/audit")
@role_required(Role.ADMIN)
def audit_log():
    entries = db.session.scalars(
        db.select(AuditEntry).filter_by(municipality_id=g.municipality.id)
        .options(selectinload(AuditEntry.actor)).order_by(AuditEntry.id.desc()).limit(500)).all()
    return render_template("municipality_admin/audit.html", entries=entries)
