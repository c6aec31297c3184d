"""The Land role's pages (its inbox of recommendations from every
municipality and its answer to one) and the public page of all
recommendations to the Land."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from ..land_forms import LandAnswerForm
from ..services import land as service
from ..services.recommendations import STATUSES
from ..tenancy import land_required

bp = Blueprint("land", __name__)
public_bp = Blueprint("land_public", __name__)


@bp.get("/recommendations/")
@land_required
def inbox():
    filters = service.InboxFilters.from_args(request.args)
    rows = service.inbox(filters)
    return render_template("land/inbox.html", recommendations=rows, answered=service.answered_ids(rows),
                           filters=filters, counts=service.counts_by_status(), statuses=STATUSES,
                           topics=service.topics(), municipalities=service.municipalities(), ages=service.AGES)


@bp.route("/recommendations/<int:recommendation_id>", methods=["GET", "POST"])
@land_required
def answer(recommendation_id):
    recommendation = service.get(recommendation_id)
    if recommendation is None:
        abort(404)
    form = LandAnswerForm(answered_by=current_user.land_body)
    if form.validate_on_submit():
        service.answer(recommendation, form.data, current_user)
        flash(_("The answer is published on the tracker of %(name)s, and its staff get a mail.",
                name=recommendation.municipality.name), "success")
        return redirect(url_for("land.answer", recommendation_id=recommendation.id))
    return render_template("land/answer.html", recommendation=recommendation, form=form), 422 if form.errors else 200


@public_bp.get("/recommendations/")
def overview():
    figures = service.summary()
    return render_template("land/public.html", recommendations=service.public_list(), statuses=STATUSES,
                           format_decimal=format_decimal, **figures)
