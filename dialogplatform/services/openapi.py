"""The OpenAPI 3 document of the open-data API (``views/api.py``).

Kept by hand next to ``opendata.py``; tests/test_api.py checks every
response against it with schemathesis.
"""
from .recommendations import ADDRESSEES, STATUSES

TEXTS = {"type": "object", "additionalProperties": {"type": "string"},
         "description": "Text per language code, e.g. {\"de\": \"...\", \"en\": \"...\"}"}
STRING = {"type": "string"}
NULLABLE_STRING = {"type": "string", "nullable": True}
NULLABLE_INT = {"type": "integer", "nullable": True}
DATE_TIME = {"type": "string", "format": "date-time"}
BOOLEAN = {"type": "boolean"}


def _object(properties: dict, required=None) -> dict:
    return {"type": "object", "properties": properties, "required": required or list(properties)}


def _page_of(item: dict) -> dict:
    return _object({"items": {"type": "array", "items": item}, "page": {"type": "integer", "minimum": 1},
                    "per_page": {"type": "integer", "minimum": 1, "maximum": 100},
                    "total": {"type": "integer", "minimum": 0}, "next": NULLABLE_STRING})


MUNICIPALITY = _object({"slug": STRING, "name": STRING, "default_language": STRING,
                        "languages": {"type": "array", "items": STRING}})
PROCESS = _object({
    "id": {"type": "integer"}, "municipality": STRING, "title": TEXTS, "description": TEXTS,
    "current_step": {"type": "integer", "enum": [1, 2, 3]},
    "steps": {"type": "array", "items": _object({
        "number": {"type": "integer"}, "starts_on": {**NULLABLE_STRING, "format": "date"},
        "ends_on": {**NULLABLE_STRING, "format": "date"}, "summary": STRING})},
    "rules_of_participation": STRING, "steering_group_size": {"type": "integer", "minimum": 0},
    "funding": {**_object({"programme": STRING, "provider": STRING, "amount_eur": NULLABLE_INT}), "nullable": True},
})
COUNT = {"type": "integer", "minimum": 0}
PARTICIPATION = {**_object({
    "signed_up": {**COUNT, "description": "People signed up (confirmed or checked in), with their companions."},
    "attended": {**COUNT, "description": "People checked in, with their companions."},
    "walk_ins": {**COUNT, "description": "People who came without signing up, counted on the spot."},
    "anonymous_contributors": {**COUNT, "description": (
        "People or devices that contributed without signing up (e.g. phones at a workshop, feedback at a "
        "pop-up box); where the format cannot tell them apart, each contribution counts as one.")},
    "contributions": {**COUNT, "description": "Cards, posts, questions, statements, concerns and wishes."},
    "people": {**COUNT, "description": (
        "How many took part, at least: attended plus walk_ins or, if more, anonymous_contributors "
        "(not added: someone in the room may also have contributed anonymously).")},
}), "description": "Participation figures of the event (aggregates, no personal data)."}
EVENT = _object({
    "id": {"type": "integer"}, "municipality": STRING, "format": STRING, "title": TEXTS, "description": TEXTS,
    "starts_at": DATE_TIME, "ends_at": DATE_TIME, "online": {"type": "boolean"}, "place_name": STRING,
    "address": STRING, "district": STRING, "languages": {"type": "array", "items": STRING},
    "interpreters": {"type": "array", "items": STRING}, "process_id": NULLABLE_INT, "process_step": NULLABLE_INT,
    "childcare": BOOLEAN, "childcare_min_age": NULLABLE_INT, "childcare_max_age": NULLABLE_INT,
    "women_only": BOOLEAN, "step_free": BOOLEAN, "hearing_loop": BOOLEAN, "accessible_toilet": BOOLEAN,
    "evaluation_published": {"type": "boolean"}, "participation": PARTICIPATION,
})
SECTION = _object({"title": STRING, "text": STRING, "table": {
    "type": "array", "nullable": True, "items": {"type": "array", "items": {}},
    "description": "Rows; the first row is the header."}})
EVALUATION = _object({
    "municipality": STRING, "format": STRING, "sections": {"type": "array", "items": SECTION},
    "event_id": {"type": "integer"}, "title": TEXTS, "starts_at": DATE_TIME,
}, required=["municipality", "format", "sections"])
RECOMMENDATION = _object({
    "id": {"type": "integer"}, "municipality": STRING, "process_id": NULLABLE_INT,
    "origin": {**_object({"event_id": {"type": "integer"}, "format": STRING, "kind": STRING}), "nullable": True},
    "text": STRING, "topic": STRING, "addressee": {"type": "string", "enum": ADDRESSEES},
    "responsible_body": STRING, "status": {"type": "string", "enum": STATUSES}, "created_at": DATE_TIME,
    "history": {"type": "array", "items": _object({
        "date": {"type": "string", "format": "date"}, "status": {"type": "string", "enum": STATUSES},
        "text": STRING, "answer": STRING,
        "by_land": {**BOOLEAN, "description": "Written by the Land role."},
        "answered_by": {**STRING, "description": "The body that answered for the Land (never a person)."},
        "forwarded_to": {**STRING, "description": "The ministry or authority the Land forwarded it to."}})},
})
LAND_RECOMMENDATION = _object({
    **RECOMMENDATION["properties"],
    "days_to_first_answer": {**NULLABLE_INT, "minimum": 0,
                             "description": "Days from its creation to the first answer; null while unanswered."},
    "url": {**STRING, "description": "The recommendation on its municipality's tracker."},
})
LAND_SUMMARY = _object({
    "total": COUNT,
    "by_status": _object({status: COUNT for status in STATUSES}),
    "by_topic": {"type": "array", "items": _object({"topic": STRING, "count": COUNT})},
    "median_days_to_first_answer": {"type": "number", "minimum": 0, "nullable": True,
                                    "description": "Median over the answered recommendations; null if none is."},
})
ERROR = _object({"error": STRING})


def _parameter(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


PAGING = [
    _parameter("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "maximum": 999999999}),
    _parameter("per_page", "Items per page (at most 100).", {"type": "integer", "minimum": 1, "maximum": 100}),
]
MUNICIPALITY_FILTER = _parameter("municipality", "Only this municipality (its slug).", STRING)
PROCESS_FILTER = _parameter("process", "Only this process (its id).",
                            {"type": "integer", "minimum": 1, "maximum": 999999999})


def _list(summary: str, item: dict, parameters: list) -> dict:
    return {"get": {"summary": summary, "parameters": PAGING + parameters, "responses": {
        "200": {"description": "A page of items.", "content": {"application/json": {"schema": _page_of(item)}}},
        "400": {"description": "A parameter is invalid.", "content": {"application/json": {"schema": ERROR}}},
    }}}


def _land_list() -> dict:
    operation = _list("Recommendations to the Land from every municipality, with the figures of all of them",
                      LAND_RECOMMENDATION, [])
    page = operation["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    page["properties"]["summary"] = LAND_SUMMARY
    page["required"].append("summary")
    return operation


def document(server_url: str) -> dict:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Dialogplattform open data", "version": "1.0.0",
                 "description": "Published dialogue processes, events, evaluations (aggregates only) and "
                                "recommendations of the municipalities of this instance. No personal data."},
        "servers": [{"url": server_url}],
        "paths": {
            "/municipalities": _list("Municipalities", MUNICIPALITY, []),
            "/processes": _list("Published dialogue processes", PROCESS, [MUNICIPALITY_FILTER]),
            "/events": _list("Published events (women's dialogues are left out)", EVENT,
                             [MUNICIPALITY_FILTER, PROCESS_FILTER]),
            "/evaluations": _list("Published evaluations, aggregates only", EVALUATION, [MUNICIPALITY_FILTER]),
            "/recommendations": _list("Recommendations and their history", RECOMMENDATION, [
                MUNICIPALITY_FILTER, PROCESS_FILTER,
                _parameter("status", "Only this status.", {"type": "string", "enum": STATUSES})]),
            "/land-recommendations": _land_list(),
        },
    }
