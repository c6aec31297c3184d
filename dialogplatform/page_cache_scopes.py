"""Which municipalities' pages a commit makes stale.

A changed row belongs to a municipality through its ``municipality_id``, or
through its event's (``event_id``); a municipality is its own. Anything
else, or a statement that names no scope, makes every page stale. Code that
changes rows in bulk names the scope with the execution options
``page_cache_municipality_id`` or ``page_cache_event_id``::

    db.session.execute(update(Event).where(...).values(...),
                       execution_options={"page_cache_event_id": event.id})

Listeners on the platform's own session (``db.session``), never on
SQLAlchemy's Session class: a commit by any other session in the process (a
script's own database) says nothing about the platform's pages. The session
belongs to the current app context, so ``current_app`` is its app.
"""
from itertools import chain

from flask import current_app, has_app_context
from sqlalchemy import event as sa_event
from sqlalchemy import select
from sqlalchemy.orm.util import identity_key

from .models import Event, Municipality

EXTENSION = "dialogplatform.page_cache"
EVERYTHING = "*"
STALE = "pages_stale"  # in session.info: municipality ids, or EVERYTHING among them


def _scope_of(row, event_ids: set) -> int | str | None:
    """The row's municipality id; None when it hangs on an event (collected in ``event_ids``)."""
    loaded = row.__dict__  # never load anything in the middle of a flush
    if isinstance(row, Municipality):
        return loaded.get("id", EVERYTHING)
    if loaded.get("municipality_id") is not None:
        return loaded["municipality_id"]
    if loaded.get("event_id") is not None:
        event_ids.add(loaded["event_id"])
        return None
    return EVERYTHING


def _municipalities_of_events(session, event_ids: set) -> set:
    scopes, missing = set(), set()
    for event_id in event_ids:
        loaded = session.identity_map.get(identity_key(Event, event_id))
        if loaded is not None and "municipality_id" in loaded.__dict__:
            scopes.add(loaded.municipality_id)
        else:
            missing.add(event_id)
    if missing:  # one statement, on the flush's connection, past the ORM's hooks
        rows = session.connection().execute(select(Event.municipality_id).where(Event.id.in_(missing)))
        scopes.update(row[0] for row in rows)
    return scopes


def _rows_flushed(session, flush_context):
    stale = session.info.setdefault(STALE, set())
    event_ids = set()
    for row in chain(session.new, session.dirty, session.deleted):
        scope = _scope_of(row, event_ids)
        if scope is not None:
            stale.add(scope)
    if event_ids and EVERYTHING not in stale:
        stale.update(_municipalities_of_events(session, event_ids))


def _statement_executed(state):
    if state.is_select:
        return
    options = state.execution_options
    stale = state.session.info.setdefault(STALE, set())
    if options.get("page_cache_municipality_id") is not None:
        stale.add(options["page_cache_municipality_id"])
    elif options.get("page_cache_event_id") is not None:
        stale.update(_municipalities_of_events(state.session, {options["page_cache_event_id"]}))
    else:  # bulk UPDATE/DELETE/INSERT or raw SQL: no telling which pages
        stale.add(EVERYTHING)


def _committed(session):
    stale = session.info.pop(STALE, None)
    if stale:
        cache = current_app.extensions.get(EXTENSION) if has_app_context() else None
        if cache is not None:
            cache.invalidate(None if EVERYTHING in stale else stale)


def _rolled_back(session, previous_transaction):
    if not session.in_transaction():
        session.info.pop(STALE, None)


SESSION_LISTENERS = {"after_flush": _rows_flushed, "do_orm_execute": _statement_executed,
                     "after_commit": _committed, "after_soft_rollback": _rolled_back}


def watch(session) -> None:
    """Listen to ``session`` once, however many apps share it."""
    for name, listener in SESSION_LISTENERS.items():
        if not sa_event.contains(session, name, listener):
            sa_event.listen(session, name, listener)
