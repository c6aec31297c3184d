"""Serialising writes on one event, on PostgreSQL and on SQLite.

A sign-up must decide confirm / waitlist inside one transaction that no
other sign-up for the same event can interleave with. PostgreSQL: a row lock
on the event (SELECT ... FOR UPDATE). SQLite: BEGIN IMMEDIATE takes the
database's write lock before we read the counts (WAL keeps readers going;
the busy timeout makes writers queue instead of failing).
"""
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Event


def lock_event(event_id: int) -> Event:
    """Start a fresh transaction holding the event's lock; return the event
    re-read inside it. The caller commits (or rolls back) to release it."""
    db.session.rollback()
    # The municipality comes along: mails need it, and a lazy load would
    # cost one more round trip while every other sign-up waits.
    query = db.select(Event).filter_by(id=event_id).options(joinedload(Event.municipality))
    if db.engine.dialect.name == "sqlite":
        db.session.connection().exec_driver_sql("BEGIN IMMEDIATE")
    else:
        query = query.with_for_update(of=Event)
    return db.session.scalars(query.execution_options(populate_existing=True)).one()


def lock_loaded_event(event: Event, attributes: tuple[str, ...]) -> Event:
    """``lock_event`` for an event this request has read already: the lock
    is taken inside the request's transaction with one narrow read of
    ``attributes`` (no municipality, no texts), so that a sign-up holds it
    for less time. Nothing is rolled back, so what the request loaded and
    wrote stays: under PostgreSQL's READ COMMITTED the locked row and every
    later statement see what other sign-ups committed before the lock was
    granted. It serialises sign-ups among themselves and with every
    ``lock_event`` (FOR UPDATE). On SQLite (pysqlite) a read begins no transaction: BEGIN
    IMMEDIATE takes the database's write lock now, unless a write began the
    transaction and took it already."""
    if db.engine.dialect.name == "sqlite":
        connection = db.session.connection()
        if not connection.connection.dbapi_connection.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        db.session.refresh(event, attributes)
    else:
        # FOR NO KEY UPDATE: the sign-up's own rows hold FOR KEY SHARE on the
        # event (their foreign key); FOR UPDATE would wait for them, and two
        # sign-ups would each wait for the other.
        db.session.refresh(event, attributes, with_for_update={"key_share": True})
    return event
