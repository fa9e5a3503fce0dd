"""Server-side sign-in sessions.

The cookie carries a random token; the database keeps only its SHA-256. Logging out deletes the
row, so a copy of the cookie kept elsewhere stops working at once (ASVS 7.4.1). A session ends
after SESSION_IDLE_MINUTES without use, and SESSION_MAX_DAYS after sign-in whatever happens.

Who is asking is looked up once and then reused for SIGN_IN_CACHE_SECONDS in this process, so a
request spends no SQL on it. An ended session (logout, a password change, an erased account)
stops working at once in the process that ended it, and within SIGN_IN_CACHE_SECONDS in every
other process (each re-reads the database when its copy is that old). A change to the user (name,
time zone) is seen at once here and within the same seconds elsewhere. Expiry and the idle limit
are checked on every request, cached or not.

The check never writes: the lookup commits nothing and leaves the request's transaction alone,
so a view's single commit holds exactly the view's own changes. last_seen_at (the idle clock) is
moved after the response is made (teardown), once the request's own transaction has ended and its
connection is back in the pool, in a short transaction of its own: by a writing request at most
once a minute, by a read only when it is older than a quarter of the idle limit (a week's limit:
once in 42 hours), so someone who only reads is never signed out for being idle. A request thus
never holds two connections at once, and never waits on its own lock (SQLite's one writer).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import weakref
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import Flask, current_app, g, request
from flask.sessions import NullSession, SessionInterface
from sqlalchemy import delete, event, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..models import AuthSession, User, utcnow

log = logging.getLogger(__name__)

#: How long this process reuses a sign-in it has looked up.
SIGN_IN_CACHE_SECONDS = 5
#: A writing request moves last_seen_at at most this often.
_TOUCH_EVERY = timedelta(minutes=1)
_READS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class _SignIn:
    user: User  # detached, fully loaded: merged into each request's session without SQL
    expires_at: datetime
    last_seen_at: datetime
    looked_up_at: datetime


class SignInCache:
    """This process's recent sign-ins, by token hash (one per app)."""

    def __init__(self):
        self._by_token: dict[str, _SignIn] = {}
        self._lock = threading.Lock()

    def get(self, digest: str, now: datetime) -> _SignIn | None:
        found = self._by_token.get(digest)
        if found is None or not (
                found.looked_up_at <= now < found.looked_up_at
                + timedelta(seconds=SIGN_IN_CACHE_SECONDS)):
            return None
        return found

    def put(self, digest: str, entry: _SignIn) -> None:
        with self._lock:
            if len(self._by_token) > 10_000:  # a bound; entries are only seconds old anyway
                self._by_token.clear()
            self._by_token[digest] = entry

    def forget_token(self, digest: str) -> None:
        with self._lock:
            self._by_token.pop(digest, None)

    def forget_user(self, user_id: int) -> None:
        with self._lock:
            for digest in [d for d, e in self._by_token.items() if e.user.id == user_id]:
                del self._by_token[digest]


def _cache() -> SignInCache:
    return current_app.extensions["sign_in_cache"]


def cookie_name() -> str:
    # The __Host- prefix pins the cookie to this host, path / and HTTPS; browsers refuse it
    # over plain http, so the prefix is used exactly when the cookie is Secure.
    return "__Host-cc_session" if current_app.config["SESSION_COOKIE_SECURE"] else "cc_session"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def begin_session(user: User) -> None:
    """Sign the user in: a fresh token every time (no session fixation). The session the
    request's cookie names, if any, ends: a sign-out queued offline that never reached us
    leaves no live session behind once the person signs in again."""
    presented = request.cookies.get(cookie_name())
    if presented:
        digest = token_hash(presented)
        db.session.execute(delete(AuthSession).where(AuthSession.token_hash == digest))
        _cache().forget_token(digest)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    # Sign-ins of this user that have ended by age or idleness go now (a read never deletes).
    idle_limit = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    db.session.execute(delete(AuthSession).where(
        AuthSession.user_id == user.id,
        (AuthSession.expires_at <= now) | (AuthSession.last_seen_at <= now - idle_limit)))
    db.session.add(AuthSession(
        token_hash=token_hash(token), user_id=user.id, created_at=now, last_seen_at=now,
        expires_at=now + timedelta(days=current_app.config["SESSION_MAX_DAYS"]),
    ))
    g.current_user = g.signed_in_copy = user
    g.set_session_token = token


def end_session() -> None:
    token = request.cookies.get(cookie_name())
    if token:
        digest = token_hash(token)
        db.session.execute(delete(AuthSession).where(AuthSession.token_hash == digest))
        _cache().forget_token(digest)
    g.current_user = g.signed_in_copy = None
    g.set_session_token = ""


def end_all_sessions(user_id: int) -> None:
    db.session.execute(delete(AuthSession).where(AuthSession.user_id == user_id))
    _cache().forget_user(user_id)


def end_other_sessions(user: User) -> None:
    """Every sign-in of the user but this request's (after a password change or reset: a phone
    someone else holds is signed out)."""
    keep = g.get("set_session_token") or request.cookies.get(cookie_name())
    statement = delete(AuthSession).where(AuthSession.user_id == user.id)
    if keep:
        statement = statement.where(AuthSession.token_hash != token_hash(keep))
    db.session.execute(statement)
    _cache().forget_user(user.id)  # this request's sign-in is looked up afresh: it is still there


def signed_in_copy() -> User | None:
    """Who is asking, as this process's cached copy of the user, or None (no cookie, unknown,
    expired or idle). The copy is detached and shared by this process's requests: read its
    columns, never change it (load_signed_in_user gives the user to change)."""
    if "signed_in_copy" in g:
        return g.signed_in_copy
    g.signed_in_copy = None
    token = request.cookies.get(cookie_name())
    if not token:
        return None
    digest = token_hash(token)
    now = utcnow()
    cache = _cache()
    found = cache.get(digest, now)
    if found is None:
        row = db.session.execute(
            select(AuthSession.expires_at, AuthSession.last_seen_at, User)
            .join(User, User.id == AuthSession.user_id)
            .where(AuthSession.token_hash == digest)
        ).first()
        if row is None:
            return None
        expires_at, last_seen_at, user = row
        db.session.expunge(user)  # a clean, fully loaded copy for the cache
        found = _SignIn(user, expires_at, last_seen_at, now)
        cache.put(digest, found)
    idle_limit = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    if now >= found.expires_at or now - found.last_seen_at >= idle_limit:
        cache.forget_token(digest)
        return None  # the expired row is left for a write (sign-in) to delete: a read never writes
    _keep_idle_clock(digest, found, now, idle_limit)
    g.signed_in_copy = found.user
    return found.user


def load_signed_in_user() -> User | None:
    """The user behind this request's cookie, in the request's session (a view may change it),
    or None. Attached on first asking only: the access check and views that only read who is
    asking use signed_in_copy, and spare the merge (and its expiry at commit)."""
    if "current_user" in g:
        return g.current_user
    copy = signed_in_copy()
    g.current_user = None if copy is None else db.session.merge(copy, load=False)
    return g.current_user


def _keep_idle_clock(digest: str, found: _SignIn, now: datetime, idle_limit: timedelta) -> None:
    """Ask for the idle clock to move once this request is over (touch_after_response)."""
    since = now - found.last_seen_at
    if since >= (_TOUCH_EVERY if request.method not in _READS else idle_limit / 4):
        g.touch_sign_in = (digest, now)
        found.last_seen_at = now  # other requests of this process need not ask again


def touch_after_response(_error=None) -> None:
    """Move last_seen_at, if this request asked, in a transaction of its own. The request's
    session is closed first (its transaction is over: committed by the view or to be rolled
    back), so its connection is free before the touch takes one."""
    asked = g.pop("touch_sign_in", None)
    if asked is None:
        return
    digest, now = asked
    db.session.close()
    try:
        with db.engine.begin() as connection:
            connection.execute(update(AuthSession).where(AuthSession.token_hash == digest)
                               .values(last_seen_at=now))
    except SQLAlchemyError:  # the next request asks again; a missed touch signs nobody out
        log.warning("could not move a session's idle clock", exc_info=True)


#: Every app's cache in this process, for the listeners below.
_CACHES: weakref.WeakSet[SignInCache] = weakref.WeakSet()


@event.listens_for(User, "after_update")
@event.listens_for(User, "after_delete")
def _forget_changed_user(_mapper, _connection, user: User) -> None:
    """A user changed or removed in this process is looked up afresh on their next request."""
    for cache in list(_CACHES):
        cache.forget_user(user.id)


class _UnusedSession(NullSession):
    def _fail(self, *args, **kwargs):
        raise RuntimeError("flask.session is not used here: sign-in is server/security/sessions")

    __setitem__ = __delitem__ = clear = pop = popitem = update = setdefault = _fail


class NoCookieSession(SessionInterface):
    """Flask's own signed-cookie session is never used (sign-in is this module's server-side
    session), so none is opened: no signing serializer is built for every request, and anything
    that wrote to flask.session would fail at once instead of sending data in a cookie."""

    null_session_class = _UnusedSession

    def open_session(self, app: Flask, request) -> NullSession:
        return self.make_null_session(app)

    def save_session(self, app: Flask, session, response) -> None:
        return None


def init_app(app: Flask) -> None:
    app.session_interface = NoCookieSession()
    app.extensions["sign_in_cache"] = cache = SignInCache()
    _CACHES.add(cache)
    app.teardown_request(touch_after_response)

    @app.after_request
    def write_session_cookie(response):
        token = g.pop("set_session_token", None)
        if token is None:
            return response
        secure = current_app.config["SESSION_COOKIE_SECURE"]
        if token == "":
            response.delete_cookie(cookie_name(), path="/", secure=secure, httponly=True,
                                   samesite="Lax")
        else:
            response.set_cookie(
                cookie_name(), token, path="/", secure=secure, httponly=True, samesite="Lax",
                max_age=int(timedelta(days=current_app.config["SESSION_MAX_DAYS"]).total_seconds()),
            )
        return response
