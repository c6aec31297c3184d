"""The explanations of BITV 2.0 § 4 on a municipality's start page: Leichte
Sprache (German by nature) and Deutsche Gebärdensprache (a video), and the
accessibility statements (BITV 2.0 § 7) of a municipality and the instance."""
from flask import Blueprint, abort, current_app, g, render_template
from flask_babel import format_date

from .. import accessibility
from ..services import sign_language

bp = Blueprint("explanations", __name__)


def statement_context(municipality) -> dict:
    """What the statement template needs (``municipality`` None: the instance)."""
    has_video = municipality is not None and bool(
        municipality.sign_language_video_url or sign_language.has_upload(municipality))
    limitations = accessibility.limitations_for(municipality, has_sign_language_video=has_video)
    return {"limitations": limitations, "fully_compliant": accessibility.is_fully_compliant(limitations),
            "statement_date": format_date(accessibility.statement_date(municipality), "long"),
            "schlichtungsstelle": accessibility.SCHLICHTUNGSSTELLE,
            "federal_state_name": accessibility.FEDERAL_STATES.get(
                getattr(municipality, "federal_state", ""), ""),
            "instance_contact_email": current_app.config.get("INSTANCE_CONTACT_EMAIL")}


@bp.get("/leichte-sprache")
def easy_language():
    return render_template("public/easy_language.html",
                           paragraphs=accessibility.easy_language_paragraphs(g.municipality))


@bp.get("/gebaerdensprache")
def sign_language_page():
    return render_template("public/sign_language.html",
                           video_type=sign_language.upload_type(g.municipality))


@bp.get("/gebaerdensprache/video")
def sign_language_video():
    response = sign_language.response(g.municipality)
    if response is None:
        abort(404)
    return response
