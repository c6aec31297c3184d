"""The public surface a format plugin may use, and nothing else.

A format imports from here, from ``dialogplatform.plugin_system`` (hookimpl
and the types hooks return) and, in its tests, from ``dialogplatform.testing``.
Everything else in ``dialogplatform`` may change without notice; an import
contract in CI (``lint-imports``) keeps the built-in formats to this list.

Groups:

* database: ``db`` (Flask-SQLAlchemy), ``UTCDateTime`` (column type),
  ``utcnow`` (the platform's one clock, timezone-aware UTC);
* models: ``Event``, ``EventStatus``, ``Registration``, ``RegistrationStatus``,
  ``Role``, ``Membership``, ``User``, ``Municipality``, ``Process``,
  ``AuditEntry``;
* access: ``can``, ``require``, ``role_required``, ``event_or_404``;
* services: ``events`` (create, apply_form, create_follow_up …), ``signups``,
  ``audit``, ``protection``, ``tokens``, ``exports``/``csv_response``,
  ``qr``, ``charts`` (``bar_chart``, ``line_chart``), ``lock_event``,
  ``sections_for_viewer``, ``grant_role``, ``find_user``;
* forms and input: ``ConfirmForm``, ``MultiCheckboxField``,
  ``select_choices``, ``event_form_class``, ``names_no_person``, ``id_from``,
  ``LANGUAGE_LABELS``;
* requests: ``limiter`` (Flask-Limiter, for per-view limits).
"""
from dialogplatform.extensions import db, limiter
from dialogplatform.forms import ConfirmForm, MultiCheckboxField, event_form_class, select_choices
from dialogplatform.i18n import LANGUAGE_LABELS
from dialogplatform.inputs import id_from
from dialogplatform.models import (
    AuditEntry,
    Event,
    EventStatus,
    Membership,
    Municipality,
    Process,
    Registration,
    RegistrationStatus,
    Role,
    User,
)
from dialogplatform.models.types import UTCDateTime, utcnow
from dialogplatform.process_forms import names_no_person
from dialogplatform.services import audit, events, exports, protection, qr, signups, tokens
from dialogplatform.services.accounts import find_user, grant_role
from dialogplatform.services.charts import bar_chart, line_chart
from dialogplatform.services.exports import csv_response
from dialogplatform.services.locking import lock_event
from dialogplatform.services.publication import sections_for_viewer
from dialogplatform.tenancy import can, event_or_404, require, role_required

__all__ = [
    "db", "limiter", "UTCDateTime", "utcnow",
    "AuditEntry", "Event", "EventStatus", "Membership", "Municipality", "Process", "Registration",
    "RegistrationStatus", "Role", "User",
    "can", "require", "role_required", "event_or_404",
    "audit", "events", "exports", "protection", "qr", "signups", "tokens",
    "csv_response", "bar_chart", "line_chart", "lock_event", "sections_for_viewer", "grant_role", "find_user",
    "ConfirmForm", "MultiCheckboxField", "select_choices", "event_form_class", "names_no_person", "id_from",
    "LANGUAGE_LABELS",
]
