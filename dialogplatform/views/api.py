"""The read-only open-data API (JSON, paginated) and its OpenAPI document.

GET only, no session needed: other sites aggregate dialogues and
recommendations from here. What is published is decided in
``services/opendata.py``.
"""
from flask import Blueprint, jsonify, request, url_for

from ..extensions import csrf
from ..inputs import id_from
from ..services import opendata
from ..services.recommendations import STATUSES

bp = Blueprint("api", __name__)
csrf.exempt(bp)


MAX_NUMBER = 999_999_999  # as the OpenAPI document says


class BadParameter(Exception):
    pass


@bp.errorhandler(BadParameter)
def _bad_parameter(error):
    return jsonify(error=str(error)), 400


@bp.after_request
def _open_to_all(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _int_arg(name: str, default=None, maximum=MAX_NUMBER):
    raw = request.args.get(name)
    if raw is None:
        return default
    value = id_from(raw)
    if value is None or value > maximum:
        raise BadParameter(f"{name} must be a whole number between 1 and {maximum}")
    return value


def _paging():
    return _int_arg("page", 1), _int_arg("per_page", 20, maximum=opendata.MAX_PER_PAGE)


def _page_response(result: opendata.Page, endpoint: str, **extra):
    args = request.args.to_dict()
    next_url = None
    if result.has_next:
        next_url = url_for(endpoint, **{**args, "page": result.page + 1}, _external=True)
    return jsonify(items=result.items, page=result.page, per_page=result.per_page, total=result.total, next=next_url,
                   **extra)


@bp.get("/")
def index():
    return jsonify(openapi=url_for("api.openapi", _external=True), collections={
        name: url_for(f"api.{name}", _external=True)
        for name in ("municipalities", "processes", "events", "evaluations", "recommendations",
                     "land_recommendations")})


@bp.get("/municipalities")
def municipalities():
    return _page_response(opendata.municipalities(*_paging()), "api.municipalities")


@bp.get("/processes")
def processes():
    return _page_response(opendata.processes(*_paging(), request.args.get("municipality")), "api.processes")


@bp.get("/events")
def events():
    result = opendata.events(*_paging(), request.args.get("municipality"), _int_arg("process"))
    return _page_response(result, "api.events")


@bp.get("/evaluations")
def evaluations():
    return _page_response(opendata.evaluations(*_paging(), request.args.get("municipality")), "api.evaluations")


@bp.get("/recommendations")
def recommendations():
    status = request.args.get("status")
    if status is not None and status not in STATUSES:
        raise BadParameter(f"status must be one of {', '.join(STATUSES)}")
    result = opendata.recommendations(*_paging(), request.args.get("municipality"), _int_arg("process"), status)
    return _page_response(result, "api.recommendations")


@bp.get("/land-recommendations")
def land_recommendations():
    """The recommendations to the Land, a page of them with the figures of all."""
    result, figures = opendata.land_recommendations(*_paging())
    return _page_response(result, "api.land_recommendations", summary=figures)


@bp.get("/openapi.json")
def openapi():
    from ..services.openapi import document

    return jsonify(document(url_for("api.index", _external=True).rstrip("/")))
