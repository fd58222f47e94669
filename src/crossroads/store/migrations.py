"""The database schema as ordered migrations, one SQL script per backend and version.

A store records the versions it has applied in ``schema_version``; opening an older store
applies the missing scripts in one transaction. Add a change as a new version at the end;
never edit a released one.

Version 1 holds documents and their full-text index (ingest); version 2 the knowledge read
from them (entities, mentions, relations, events, quotes), every row keyed to its document so
an extraction can be dropped and rewritten; version 3 the source grades analysts set in the
web UI (the CROSSROADS_SOURCES file's [authors] and [publishers], kept in the store);
version 4 per-entity counts (``entity_counts``) that every write keeps up to date, so a
profile's first page and entity lists never count over the whole store; version 5 the
near-duplicate bands and ingested files; version 6 one summary row per fact key; version 9
each entity event's shape, so a timeline day's events are counted by shape from an index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from crossroads.exc import StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sqlite: str
    postgres: str
    backfill: Callable[[Any, str], None] | None = None
    """Run after the scripts with (connection, placeholder): fills what SQL alone cannot."""


DOCUMENTS = Migration(
    1,
    "documents and full-text index",
    sqlite="""
CREATE TABLE documents (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,   -- ingest order; rowid of the FTS index
    id           TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    title        TEXT,
    author       TEXT,
    published    TEXT,                                -- ISO date at its own precision
    parent       TEXT REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
    kind         TEXT NOT NULL DEFAULT 'article' CHECK (kind IN ('article', 'page')),
    content_hash TEXT NOT NULL DEFAULT '',
    duplicate_of TEXT REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
    text         TEXT NOT NULL,                       -- never changes: offsets point into it
    footnotes    TEXT NOT NULL DEFAULT '[]',          -- JSON list of {marker, text, anchor}
    meta         TEXT NOT NULL DEFAULT '{}',          -- JSON object
    minhash      BLOB                                 -- MinHash signature of an article
);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_parent ON documents(parent);
CREATE INDEX documents_content_hash ON documents(content_hash);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='seq',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents WHEN new.kind = 'article' BEGIN
    INSERT INTO documents_fts(rowid, title, text)
    VALUES (new.seq, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents WHEN old.kind = 'article' BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
END;
""",
    postgres="""
-- English stemming, plus accent folding when the unaccent extension can be had
-- (postgresql-contrib); without it search still works, only "Faryab" stops matching "Fāryāb".
DO $$
DECLARE ext_schema text;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS unaccent;
    EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'crossroads: unaccent extension unavailable, search will not fold accents';
    END;
    CREATE TEXT SEARCH CONFIGURATION crossroads (COPY = pg_catalog.english);
    SELECT n.nspname INTO ext_schema FROM pg_extension e
      JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent';
    IF ext_schema IS NOT NULL THEN
        EXECUTE format('ALTER TEXT SEARCH CONFIGURATION crossroads '
                       'ALTER MAPPING FOR hword, hword_part, word WITH %I.unaccent, english_stem',
                       ext_schema);
    END IF;
END $$;

CREATE TABLE documents (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,   -- ingest order
    id           TEXT COLLATE "C" PRIMARY KEY,
    source       TEXT NOT NULL,
    title        TEXT,
    author       TEXT,
    published    TEXT COLLATE "C",                             -- ISO date at its own precision
    parent       TEXT COLLATE "C" REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
    kind         TEXT NOT NULL DEFAULT 'article' CHECK (kind IN ('article', 'page')),
    content_hash TEXT NOT NULL DEFAULT '',
    duplicate_of TEXT COLLATE "C" REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
    text         TEXT NOT NULL,                                -- never changes
    footnotes    JSONB NOT NULL DEFAULT '[]',
    meta         JSONB NOT NULL DEFAULT '{}',
    minhash      BYTEA,
    search       TSVECTOR GENERATED ALWAYS AS (
        CASE WHEN kind = 'article' THEN
            setweight(to_tsvector('crossroads', coalesce(title, '')), 'A') ||
            setweight(to_tsvector('crossroads', text), 'B')
        END) STORED
);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_parent ON documents(parent);
CREATE INDEX documents_content_hash ON documents(content_hash);
CREATE INDEX documents_search ON documents USING GIN (search);
""",
)

KNOWLEDGE = Migration(
    2,
    "entities, mentions, relations, events, quotes",
    sqlite="""
CREATE TABLE entities (
    id      TEXT PRIMARY KEY,
    type    TEXT NOT NULL,
    name    TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',       -- JSON list
    data    TEXT NOT NULL DEFAULT '{}'        -- JSON object (pack data)
);
CREATE INDEX entities_type ON entities(type);
CREATE TABLE entity_names (                   -- fold()ed name and aliases, for find_entities
    entity TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    name   TEXT NOT NULL,
    PRIMARY KEY (name, entity)
);
CREATE INDEX entity_names_entity ON entity_names(entity);

CREATE TABLE mentions (
    id         INTEGER PRIMARY KEY,
    entity     TEXT NOT NULL REFERENCES entities(id),
    doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'name'
);
CREATE INDEX mentions_entity ON mentions(entity);
CREATE INDEX mentions_doc ON mentions(doc, span_start);

CREATE TABLE relations (
    id            INTEGER PRIMARY KEY,
    doc           TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,   -- evidence
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    subject       TEXT NOT NULL,
    predicate     TEXT NOT NULL,
    object        TEXT,
    start_date    TEXT,
    end_date      TEXT,
    negated       INTEGER NOT NULL DEFAULT 0,
    attributed_to TEXT,
    qualifiers    TEXT NOT NULL DEFAULT '{}',
    origin        TEXT NOT NULL DEFAULT 'extract'
);
CREATE INDEX relations_doc ON relations(doc, span_start);
CREATE INDEX relations_subject ON relations(subject);
CREATE INDEX relations_object ON relations(object);
CREATE INDEX relations_attributed_to ON relations(attributed_to);
CREATE INDEX relations_predicate ON relations(predicate);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    doc          TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    type         TEXT NOT NULL,
    actors       TEXT NOT NULL DEFAULT '[]',
    targets      TEXT NOT NULL DEFAULT '[]',
    date         TEXT,
    place        TEXT,
    negated      INTEGER NOT NULL DEFAULT 0,
    mode         TEXT NOT NULL DEFAULT 'asserted',
    trigger_word TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_doc ON events(doc, span_start);
CREATE INDEX events_date ON events(date);
CREATE TABLE event_entities (                 -- who an event involves, for events(entity=...)
    event  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity TEXT NOT NULL,
    role   TEXT NOT NULL CHECK (role IN ('actor', 'target', 'place'))
);
CREATE INDEX event_entities_entity ON event_entities(entity);
CREATE INDEX event_entities_event ON event_entities(event);

CREATE TABLE quotes (
    id         INTEGER PRIMARY KEY,
    doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    speaker    TEXT,
    text       TEXT NOT NULL,
    cue        TEXT NOT NULL DEFAULT '',
    date       TEXT,
    about      TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX quotes_doc ON quotes(doc, span_start);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE TABLE quote_about (
    quote  INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    entity TEXT NOT NULL
);
CREATE INDEX quote_about_entity ON quote_about(entity);
CREATE INDEX quote_about_quote ON quote_about(quote);
""",
    postgres="""
CREATE TABLE entities (
    id      TEXT COLLATE "C" PRIMARY KEY,
    type    TEXT NOT NULL,
    name    TEXT NOT NULL,
    aliases JSONB NOT NULL DEFAULT '[]',
    data    JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX entities_type ON entities(type);
CREATE TABLE entity_names (
    entity TEXT COLLATE "C" NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    name   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (name, entity)
);
CREATE INDEX entity_names_entity ON entity_names(entity);

CREATE TABLE mentions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity     TEXT COLLATE "C" NOT NULL REFERENCES entities(id),
    doc        TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT 'name'
);
CREATE INDEX mentions_entity ON mentions(entity);
CREATE INDEX mentions_doc ON mentions(doc, span_start);

CREATE TABLE relations (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc           TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    subject       TEXT COLLATE "C" NOT NULL,
    predicate     TEXT NOT NULL,
    object        TEXT COLLATE "C",
    start_date    TEXT COLLATE "C",
    end_date      TEXT COLLATE "C",
    negated       BOOLEAN NOT NULL DEFAULT FALSE,
    attributed_to TEXT COLLATE "C",
    qualifiers    JSONB NOT NULL DEFAULT '{}',
    origin        TEXT NOT NULL DEFAULT 'extract'
);
CREATE INDEX relations_doc ON relations(doc, span_start);
CREATE INDEX relations_subject ON relations(subject);
CREATE INDEX relations_object ON relations(object);
CREATE INDEX relations_attributed_to ON relations(attributed_to);
CREATE INDEX relations_predicate ON relations(predicate);

CREATE TABLE events (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc          TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    type         TEXT NOT NULL,
    actors       JSONB NOT NULL DEFAULT '[]',
    targets      JSONB NOT NULL DEFAULT '[]',
    date         TEXT COLLATE "C",             -- "C": ISO prefixes compare byte-wise
    place        TEXT COLLATE "C",
    negated      BOOLEAN NOT NULL DEFAULT FALSE,
    mode         TEXT NOT NULL DEFAULT 'asserted',
    trigger_word TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_doc ON events(doc, span_start);
CREATE INDEX events_date ON events(date);
CREATE TABLE event_entities (
    event  BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity TEXT COLLATE "C" NOT NULL,
    role   TEXT NOT NULL CHECK (role IN ('actor', 'target', 'place'))
);
CREATE INDEX event_entities_entity ON event_entities(entity);
CREATE INDEX event_entities_event ON event_entities(event);

CREATE TABLE quotes (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc        TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    speaker    TEXT COLLATE "C",
    text       TEXT NOT NULL,
    cue        TEXT NOT NULL DEFAULT '',
    date       TEXT COLLATE "C",
    about      JSONB NOT NULL DEFAULT '[]'
);
CREATE INDEX quotes_doc ON quotes(doc, span_start);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE TABLE quote_about (
    quote  BIGINT NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
    entity TEXT COLLATE "C" NOT NULL
);
CREATE INDEX quote_about_entity ON quote_about(entity);
CREATE INDEX quote_about_quote ON quote_about(quote);
""",
)

SOURCE_GRADES = Migration(
    3,
    "source grades set by analysts",
    sqlite="""
CREATE TABLE source_grades (
    kind  TEXT NOT NULL CHECK (kind IN ('author', 'publisher')),
    name  TEXT NOT NULL,                               -- as the analyst wrote it
    grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F')),
    PRIMARY KEY (kind, name)
);
""",
    postgres="""
CREATE TABLE source_grades (
    kind  TEXT NOT NULL CHECK (kind IN ('author', 'publisher')),
    name  TEXT NOT NULL,
    grade TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D', 'E', 'F')),
    PRIMARY KEY (kind, name)
);
""",
)

_COUNTS_BACKFILL = """
INSERT INTO entity_counts (entity, kind, key, n)
    SELECT entity, 'mentions', '', count(*) FROM mentions GROUP BY entity;
INSERT INTO entity_counts (entity, kind, key, n)
    SELECT entity, 'documents', '', count(DISTINCT doc) FROM mentions GROUP BY entity;
INSERT INTO entity_counts (entity, kind, key, n)
    SELECT ent, 'relations', predicate, count(*) FROM (
        SELECT id, predicate, subject AS ent FROM relations
        UNION SELECT id, predicate, object FROM relations WHERE object IS NOT NULL
        UNION SELECT id, predicate, attributed_to FROM relations WHERE attributed_to IS NOT NULL
    ) r GROUP BY ent, predicate;
INSERT INTO entity_counts (entity, kind, key, n)
    SELECT x.entity, 'events', e.type, count(DISTINCT e.id)
    FROM event_entities x JOIN events e ON e.id = x.event GROUP BY x.entity, e.type;
INSERT INTO entity_counts (entity, kind, key, n)
    SELECT speaker, 'quotes_by', '', count(*) FROM quotes WHERE speaker IS NOT NULL
    GROUP BY speaker;
INSERT INTO entity_counts (entity, kind, key, n)
    SELECT entity, 'quotes_about', '', count(DISTINCT quote) FROM quote_about GROUP BY entity;
"""

SUMMARIES = Migration(
    4,
    "per-entity counts kept at ingest, and read-path indexes",
    sqlite="""
CREATE TABLE entity_counts (            -- what a profile's first page and entity lists count
    entity TEXT NOT NULL,
    kind   TEXT NOT NULL,               -- mentions, documents, relations, events, quotes_by...
    key    TEXT NOT NULL DEFAULT '',    -- the predicate or event type ('' for the others)
    n      INTEGER NOT NULL,
    PRIMARY KEY (entity, kind, key)
);
CREATE INDEX entity_counts_rank ON entity_counts(kind, key, n);
CREATE INDEX mentions_entity_doc ON mentions(entity, doc);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
"""
    + _COUNTS_BACKFILL,
    postgres="""
CREATE TABLE entity_counts (
    entity TEXT COLLATE "C" NOT NULL,
    kind   TEXT NOT NULL,
    key    TEXT NOT NULL DEFAULT '',
    n      BIGINT NOT NULL,
    PRIMARY KEY (entity, kind, key)
);
CREATE INDEX entity_counts_rank ON entity_counts(kind, key, n);
CREATE INDEX mentions_entity_doc ON mentions(entity, doc);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
"""
    + _COUNTS_BACKFILL,
)


# Version 5 (4 is the read paths'): what lets an ingest start without loading the store.
# minhash_bands holds each article signature cut in 20 bands of 6 values (48 bytes, the
# layout of crossroads.store.near_duplicates); two articles sharing a band are candidates
# for a near-duplicate check, found by index. ingested_files remembers the SHA1 of each
# input file's bytes once stored, so re-reading an unchanged file is one lookup. (No index
# on minhash_bands.doc: it would double the table's 1.3 KB per article, and documents are
# never deleted.)
_BANDS_OF_STORED = """
WITH RECURSIVE n(band) AS (SELECT 0 UNION ALL SELECT band + 1 FROM n WHERE band < 19)
INSERT INTO minhash_bands (band, key, doc)
SELECT n.band, substr(d.minhash, n.band * 48 + 1, 48), d.seq FROM documents d CROSS JOIN n
WHERE d.kind = 'article' AND d.minhash IS NOT NULL AND length(d.minhash) = 1024;
"""
INGEST_INDEX = Migration(
    5,
    "near-duplicate bands and ingested files",
    sqlite="""
CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    key  BLOB NOT NULL,
    doc  INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    PRIMARY KEY (band, key, doc)
) WITHOUT ROWID;
CREATE TABLE ingested_files (
    hash TEXT PRIMARY KEY,
    doc  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX ingested_files_doc ON ingested_files(doc);
"""
    + _BANDS_OF_STORED,
    postgres="""
CREATE TABLE minhash_bands (
    band SMALLINT NOT NULL,
    key  BYTEA NOT NULL,
    doc  BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    PRIMARY KEY (band, key, doc)
);
CREATE TABLE ingested_files (
    hash TEXT COLLATE "C" PRIMARY KEY,
    doc  TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX ingested_files_doc ON ingested_files(doc);
"""
    + _BANDS_OF_STORED,
)

# Version 6: one row per fact key (crossroads.store.fact_summary), kept up to date by every
# write, so facts, profiles, networks and the analyses read a row per fact instead of every
# reading. Backfilled in Python: the key (symmetric predicates in order, the resource out of
# the qualifiers' JSON) and the independent-source count are the model's, not SQL's.
_FACT_SUMMARY = """
CREATE TABLE fact_summary (
    id         TEXT{collate} PRIMARY KEY,      -- fact_summary.summary_id(key)
    subject    TEXT{collate} NOT NULL,
    predicate  TEXT NOT NULL,
    object     TEXT{collate},
    resource   TEXT,
    negated    INTEGER NOT NULL,
    readings   INTEGER NOT NULL,                -- relation rows
    spans      INTEGER NOT NULL,                -- distinct sentences
    documents  INTEGER NOT NULL,
    sources    INTEGER NOT NULL,                -- independent documents
    first_seen TEXT,                            -- earliest / latest report date
    last_seen  TEXT,
    start_date TEXT,                            -- earliest start / latest end the text states
    end_date   TEXT,
    data       TEXT NOT NULL DEFAULT '{{}}'     -- JSON: first citations, documents, qualifiers
);
CREATE INDEX fact_summary_subject ON fact_summary(subject, predicate);
CREATE INDEX fact_summary_object ON fact_summary(object, predicate);
CREATE INDEX fact_summary_predicate ON fact_summary(predicate);
CREATE INDEX relations_subject_predicate ON relations(subject, predicate);
CREATE TABLE entity_documents (                 -- a profile's documents, most mentions first
    entity TEXT{collate} NOT NULL,
    n      INTEGER NOT NULL,                     -- the entity's mentions in the document
    seq    BIGINT NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
    PRIMARY KEY (entity, seq)
);
CREATE INDEX entity_documents_rank ON entity_documents(entity, n DESC, seq);
INSERT INTO entity_documents (entity, n, seq)
SELECT m.entity, count(*), d.seq FROM mentions m JOIN documents d ON d.id = m.doc
GROUP BY m.entity, d.seq;
CREATE TABLE entity_events (                    -- a profile's events in date order, by index
    entity   TEXT{collate} NOT NULL,
    date_key TEXT{collate} NOT NULL,             -- the event's date, '~' (after any) for none
    seq      BIGINT NOT NULL,                    -- its document's
    start    INTEGER NOT NULL,
    event    BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (entity, event)
);
CREATE INDEX entity_events_order ON entity_events(entity, date_key, seq, start, event);
CREATE INDEX entity_events_event ON entity_events(event);
INSERT INTO entity_events (entity, date_key, seq, start, event)
SELECT DISTINCT x.entity, coalesce(k.date, '~'), d.seq, k.span_start, k.id
FROM event_entities x JOIN events k ON k.id = x.event JOIN documents d ON d.id = k.doc;
CREATE TABLE store_counts (                     -- what stats() shows, kept by every write
    name TEXT PRIMARY KEY,
    n    BIGINT NOT NULL
);
INSERT INTO store_counts (name, n)
          SELECT 'documents', count(*) FROM documents
UNION ALL SELECT 'articles', count(*) FROM documents WHERE kind = 'article'
UNION ALL SELECT 'entities', count(*) FROM entities
UNION ALL SELECT 'mentions', count(*) FROM mentions
UNION ALL SELECT 'relations', count(*) FROM relations
UNION ALL SELECT 'events', count(*) FROM events
UNION ALL SELECT 'quotes', count(*) FROM quotes;
"""


def _backfill_facts(conn: Any, mark: str) -> None:
    from crossroads.store import fact_summary

    fact_summary.backfill(conn, mark)


FACTS = Migration(
    6,
    "per-fact summaries and store counts",
    sqlite=_FACT_SUMMARY.format(collate=""),
    postgres=_FACT_SUMMARY.format(collate=' COLLATE "C"'),
    backfill=_backfill_facts,
)

_TIMELINE_DAYS = """
ALTER TABLE entity_events ADD COLUMN day TEXT{collate};  -- the timeline's date: the event's,
                                                        -- else its report's; NULL when none
                                                        -- or a near-duplicate's event
CREATE INDEX entity_events_day ON entity_events(entity, day, date_key, seq, start, event);
CREATE INDEX relations_dated_subject ON relations(subject)   -- a timeline's relations: the
    WHERE start_date IS NOT NULL OR end_date IS NOT NULL;    -- few readings that state a date
CREATE INDEX relations_dated_object ON relations(object)
    WHERE start_date IS NOT NULL OR end_date IS NOT NULL;
CREATE TABLE stance_events (                   -- REJECT events whose sentence speaks of
    event BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE   -- forces (basing)
);
CREATE TABLE stance_quotes (                   -- quotes of a speaker that speak of forces
    quote BIGINT PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE
);
UPDATE entity_events SET day = (
    SELECT coalesce(k.date, d.published) FROM events k JOIN documents d ON d.id = k.doc
    WHERE k.id = entity_events.event AND d.duplicate_of IS NULL
);
"""


def _backfill_stances(conn: Any, mark: str) -> None:
    from crossroads.store import stances

    stances.backfill(conn, mark, shaped=False)


TIMELINE_DAYS = Migration(
    7,
    "timeline days of entity events, dated relations by index, basing's stances",
    sqlite=_TIMELINE_DAYS.format(collate=""),
    postgres=_TIMELINE_DAYS.format(collate=' COLLATE "C"'),
    backfill=_backfill_stances,
)

_STANCE_SHAPES = """
DROP TABLE stance_events;
DROP TABLE stance_quotes;
CREATE TABLE stance_events (                   -- REJECT events whose sentence speaks of forces
    event    BIGINT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    shape    TEXT{collate} NOT NULL,           -- stances.event_shape: alike give one reason
    date_key TEXT{collate} NOT NULL,           -- basing's order: the event's date ('~': none),
    seq      BIGINT NOT NULL,                  -- its document's ingest order, its offsets
    start    INTEGER NOT NULL,
    stop     INTEGER NOT NULL
);
CREATE INDEX stance_events_shape ON stance_events(shape, date_key, seq, start, event);
CREATE TABLE stance_quotes (                   -- quotes of a speaker that speak of forces
    quote BIGINT PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    shape TEXT{collate} NOT NULL,              -- stances.quote_shape
    seq   BIGINT NOT NULL,
    start INTEGER NOT NULL,
    stop  INTEGER NOT NULL
);
CREATE INDEX stance_quotes_shape ON stance_quotes(shape, seq, start, quote);
CREATE INDEX relations_object_predicate     -- who each document lists as members of one
    ON relations(object, predicate, negated, subject, doc);   -- body (conflicts' omissions)
DROP INDEX IF EXISTS relations_dated_subject;       -- (migration 7's: these cover them)
DROP INDEX IF EXISTS relations_dated_object;
CREATE INDEX relations_dated_subject_shape  -- a timeline's relations counted in groups
    ON relations(subject, predicate, object, negated, start_date, end_date, doc)
    WHERE start_date IS NOT NULL OR end_date IS NOT NULL;     -- from the index alone
CREATE INDEX relations_dated_object_shape
    ON relations(object, subject, predicate, negated, start_date, end_date, doc)
    WHERE start_date IS NOT NULL OR end_date IS NOT NULL;
"""


def _backfill_shapes(conn: Any, mark: str) -> None:
    from crossroads.store import fact_summary, stances

    stances.backfill(conn, mark, shaped=True)
    fact_summary.backfill_undated(conn, mark)


STANCE_SHAPES = Migration(
    8,
    "basing's stances by shape (the first sentences of each by index), undated readings per fact",
    sqlite=_STANCE_SHAPES.format(collate=""),
    postgres=_STANCE_SHAPES.format(collate=' COLLATE "C"'),
    backfill=_backfill_shapes,
)

EVENT_SHAPE = {
    "sqlite": "k.type || char(31) || k.actors || char(31) || k.targets || char(31) "
    "|| k.negated || char(31) || k.mode",
    "postgres": "k.type || chr(31) || CAST(k.actors AS TEXT) || chr(31) "
    "|| CAST(k.targets AS TEXT) || chr(31) || CAST(CAST(k.negated AS INTEGER) AS TEXT) "
    "|| chr(31) || k.mode",
}
"""An event's timeline shape in SQL, as rows.event_shape() writes it: type, actors, targets,
polarity and mode, the columns a timeline summary shows."""

_DAY_SHAPES = """
ALTER TABLE entity_events ADD COLUMN shape TEXT{collate};  -- rows.event_shape of its event
UPDATE entity_events SET shape = (SELECT {shape} FROM events k WHERE k.id = entity_events.event);
DROP INDEX entity_events_day;           -- a day's events by shape, counted from the index and
CREATE INDEX entity_events_day          -- read in timeline order, a page's alone
    ON entity_events(entity, day, date_key, seq, start, event, shape);
"""

DAY_SHAPES = Migration(
    9,
    "a timeline day's events counted by shape from one index",
    sqlite=_DAY_SHAPES.format(collate="", shape=EVENT_SHAPE["sqlite"]),
    postgres=_DAY_SHAPES.format(collate=' COLLATE "C"', shape=EVENT_SHAPE["postgres"]),
)

MIGRATIONS: tuple[Migration, ...] = (
    DOCUMENTS,
    KNOWLEDGE,
    SOURCE_GRADES,
    SUMMARIES,
    INGEST_INDEX,
    FACTS,
    TIMELINE_DAYS,
    STANCE_SHAPES,
    DAY_SHAPES,
)
LATEST = MIGRATIONS[-1].version

_VERSION_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL)"
)
_PG_LOCK = 0x63726F73  # advisory lock id ("cros"): concurrent openers migrate one at a time


def migrate(conn: Any, backend: str, upto: int | None = None) -> int:
    """Bring a connection's schema up to ``upto`` (default: latest); returns the version.

    ``conn`` is an autocommit sqlite3 connection or psycopg connection; ``backend`` is
    'sqlite' or 'postgres'. Runs in one transaction: a failed migration changes nothing.
    """
    target = LATEST if upto is None else upto
    if backend == "sqlite":
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = _apply(conn, "sqlite", target, _sqlite_statements)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return version
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_LOCK,))
        return _apply(conn, "postgres", target, lambda script: [script])


def _apply(conn: Any, backend: str, target: int, split: Callable[[str], list[str]]) -> int:
    conn.execute(_VERSION_TABLE)
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    current = row[0] or 0
    if current > LATEST:
        raise StoreError(
            f"database schema version {current} is newer than this crossroads "
            f"knows ({LATEST}); upgrade crossroads to open it"
        )
    for m in MIGRATIONS:
        if current < m.version <= target:
            for statement in split(getattr(m, backend)):
                conn.execute(statement)
            mark = "?" if backend == "sqlite" else "%s"
            if m.backfill is not None:
                m.backfill(conn, mark)
            conn.execute(
                f"INSERT INTO schema_version (version, name) VALUES ({mark}, {mark})",
                (m.version, m.name),
            )
            current = m.version
    return current


def _sqlite_statements(script: str) -> list[str]:
    """Split a script into statements (triggers hold ';' inside BEGIN..END).

    sqlite3's executescript() would commit the open transaction, so statements run one by one.
    """
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements


def schema_version(conn: Any) -> int:
    """The version a connection's store is at (0 for an empty database)."""
    found = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = "
        "'schema_version' AND table_schema = current_schema()"
        if not _is_sqlite(conn)
        else "SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'"
    )
    if not found.fetchone()[0]:
        return 0
    return conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0


def ensure(conn: Any, backend: str) -> int:
    """Migrate a store opened by an older crossroads; refuse one made by a newer one.

    A store already at the latest version is not written to (so read-only files open).
    """
    version = schema_version(conn)
    if version > LATEST:
        raise StoreError(
            f"database schema version {version} is newer than this crossroads "
            f"knows ({LATEST}); upgrade crossroads to open it"
        )
    return version if version == LATEST else migrate(conn, backend)


def _is_sqlite(conn: Any) -> bool:
    return isinstance(conn, sqlite3.Connection)
