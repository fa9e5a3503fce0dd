"""Statements compiled once, executed on the request's own connection with no more than the
driver call: for the hottest paths (a phone's batch of logs, a 90-day trend).

SQLAlchemy's execution of an already cached statement still costs a cache-key walk, parameter
construction and a result wrapper: 0.05–0.1 ms a statement, a fifth of a trend request. A
Prepared statement is compiled once per dialect; a call converts each value with its column
type's own bind processor, executes on the DBAPI cursor of the session's connection (inside the
session's transaction, where SQLAlchemy would have sent it) and converts each row with the
result processors of the columns. So the values stored and read are exactly SQLAlchemy's.

What is kept of the framework: driver errors are raised as SQLAlchemy's (OperationalError and
the rest, so a busy database is still a 503), and before_cursor_execute listeners still see
every statement (query counts in tests, tracing).
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import bindparam, event, exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .extensions import db

#: session.info key of the session's Connection while a transaction is open. Asking
#: db.session.connection() walks the scoped session and its transaction on every call, a tenth
#: of a millisecond; a batch of logs runs four statements here.
_CONNECTION = "prepared.connection"


@event.listens_for(Session, "after_begin")
def _remember_connection(session, _transaction, connection) -> None:
    session.info[_CONNECTION] = connection


@event.listens_for(Session, "after_transaction_end")
def _forget_connection(session, transaction) -> None:
    if transaction.parent is None:  # the outermost one: its connection goes back to the pool
        session.info.pop(_CONNECTION, None)


def _connection():
    """The Connection of the session's transaction, beginning one if none is open."""
    session = db.session()
    connection = session.info.get(_CONNECTION)
    return connection if connection is not None else session.connection()


class Compiled:
    """A statement compiled for one dialect: its SQL, how to build its parameters and how to
    convert its rows. (The floor benchmark compiles its statements with it too.)"""

    def __init__(self, statement, dialect):
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self.positional = dialect.positional
        names = compiled.positiontup if self.positional else list(compiled.binds)
        # Each parameter: its name, its type's converter, and the value the statement itself
        # fixes, if any (a literal such as LIMIT 1).
        self.binds = [(name, compiled.binds[name].type._cached_bind_processor(dialect),
                       compiled.binds[name].value) for name in names]
        self.dialect = dialect
        self._types = [column[3] for column in compiled._result_columns]
        #: (column index, converter) of the columns that need converting (most are plain
        #: integers), worked out from the first result's cursor description: some converters
        #: depend on the type the driver reports (PostgreSQL numerics).
        self.results: list | None = None

    def params(self, values: dict):
        converted = []
        for name, convert, fixed in self.binds:
            value = values.get(name, fixed)
            converted.append(value if convert is None else convert(value))
        return tuple(converted) if self.positional else dict(zip(
            (name for name, _c, _f in self.binds), converted, strict=True))

    def rows(self, raw: list, description) -> list[tuple]:
        """The driver's rows (and its cursor.description) converted as SQLAlchemy would."""
        if self.results is None:
            processors = [type_._cached_result_processor(self.dialect, column[1])
                          for type_, column in zip(self._types, description, strict=True)]
            self.results = [(i, convert) for i, convert in enumerate(processors)
                            if convert is not None]
        if not self.results:
            return raw
        if len(self.results) == 1:
            i, convert = self.results[0]
            return [(*row[:i], convert(row[i]), *row[i + 1:]) for row in raw]
        converted = []
        for row in raw:
            row = list(row)
            for i, convert in self.results:
                row[i] = convert(row[i])
            converted.append(tuple(row))
        return converted


class Prepared:
    """A Core statement with bindparam()s, compiled on first use for each dialect."""

    def __init__(self, statement):
        self.statement = statement
        self._compiled: dict[str, Compiled] = {}

    def _for(self, dialect) -> Compiled:
        compiled = self._compiled.get(dialect.name)
        if compiled is None:
            compiled = self._compiled[dialect.name] = Compiled(self.statement, dialect)
        return compiled

    def rows(self, values: dict, connection=None) -> list[tuple]:
        """Execute with these values in the session's transaction; every row it returns."""
        if connection is None:
            connection = _connection()
        compiled = self._for(connection.dialect)
        params = compiled.params(values)
        for listener in connection.dispatch.before_cursor_execute:
            listener(connection, None, compiled.sql, params, None, False)
        cursor = connection.connection.driver_connection.cursor()
        try:
            cursor.execute(compiled.sql, params)
            description = cursor.description
            raw = cursor.fetchall() if description is not None else []
        except connection.dialect.loaded_dbapi.Error as error:
            raise exc.DBAPIError.instance(
                compiled.sql, params, error, connection.dialect.loaded_dbapi.Error,
                dialect=connection.dialect) from error
        finally:
            cursor.close()
        return compiled.rows(raw, description) if description is not None else []


def insert_rows(table, rows: list[dict], *, returning: tuple[str, ...] = (),
                skip_existing_ids: bool = False) -> list[tuple]:
    """Insert the rows in one multi-row INSERT, compiled once for each (table, columns, row
    count); with skip_existing_ids, ON CONFLICT (id) DO NOTHING. Returns the `returning` columns
    of the rows inserted, in no promised order.

    Every row must have the same keys (ValueError otherwise), and they must name every column
    that has a Python-side default: a default is not applied here (the statement is run as
    compiled), so leaving one out is refused when it is built."""
    connection = _connection()
    columns = tuple(rows[0])
    if any(row.keys() != rows[0].keys() for row in rows):
        raise ValueError(f"insert_rows into {table.name}: every row must have the same keys")
    prepared = _multi_row_insert(table, columns, len(rows), connection.dialect.name, returning,
                                 skip_existing_ids)
    return prepared.rows({f"{column}_{i}": row[column] for i, row in enumerate(rows)
                          for column in columns}, connection)


@lru_cache(maxsize=256)
def _multi_row_insert(table, columns: tuple[str, ...], count: int, dialect: str,
                      returning: tuple[str, ...], skip_existing_ids: bool) -> Prepared:
    defaulted = [c.name for c in table.c if c.default is not None and c.name not in columns]
    if defaulted:
        raise ValueError(f"insert_rows into {table.name} must give {', '.join(defaulted)}")
    insert = (postgresql if dialect == "postgresql" else sqlite).insert
    statement = insert(table).values([
        {column: bindparam(f"{column}_{i}", type_=table.c[column].type) for column in columns}
        for i in range(count)])
    if skip_existing_ids:
        statement = statement.on_conflict_do_nothing(index_elements=["id"])
    if returning:
        statement = statement.returning(*(table.c[name] for name in returning))
    return Prepared(statement)
