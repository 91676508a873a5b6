-- Two things for seeding at scale (issue 13).
--
-- 1. Full-text indexing a seed can defer to its end, so that one seed writes
-- its full-text entries in one pass instead of one tiny index segment per
-- row.
--
-- Why: every statement that fires a trigger opens a statement journal, and
-- FTS5 writes its pending entries to disk as a new segment at every such
-- savepoint. Seeding 100,000 articles through the row triggers made one
-- small segment per quote, document and name, and FTS5's merges of those
-- segments grew faster than the corpus (and, with statement journals in
-- memory, held every page a large merge rewrote: 552 MiB peak).
--
-- How: while fts_deferred has a row for a table, that table's rows with
-- id >= from_id are left to the writer that put the row there: the
-- triggers below neither index them when they are inserted nor unindex
-- them when they change or go. Before it commits, that writer indexes
-- every such row still there, in one INSERT ... SELECT per index, and
-- deletes its fts_deferred rows, in the same transaction. At rest the
-- table is empty and the triggers behave exactly as before for every
-- client. A writer killed midway leaves nothing: its transaction, the
-- fts_deferred rows with it, is rolled back.
--
-- Rows with id < from_id (rows that were there when the writer started,
-- or new rows given a lower id after the highest were deleted) are indexed
-- and unindexed by the triggers as always, so the index never holds a row
-- twice or misses one.
--
-- Forward-only: V1..V7 are never edited; the triggers are replaced.

CREATE TABLE fts_deferred (
    -- A table whose full-text entries a running seed writes itself: rows
    -- with id >= from_id. Empty outside a seed's transaction.
    tbl      TEXT PRIMARY KEY CHECK (tbl IN ('document', 'quote', 'condition', 'condition_type',
                                             'cause', 'symptom', 'treatment', 'alias')),
    from_id  INTEGER NOT NULL
) WITHOUT ROWID;

-- Names (name_search keeps its own copy of each name: deleting or updating
-- a row that is not indexed is harmless, so only inserts are deferred).

DROP TRIGGER condition_name_insert;
CREATE TRIGGER condition_name_insert AFTER INSERT ON condition
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'condition' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 0, new.name, 'condition', new.id);
END;

DROP TRIGGER type_name_insert;
CREATE TRIGGER type_name_insert AFTER INSERT ON condition_type
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'condition_type' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 1, new.name, 'type', new.id);
END;

DROP TRIGGER cause_name_insert;
CREATE TRIGGER cause_name_insert AFTER INSERT ON cause
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'cause' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 2, new.name, 'cause', new.id);
END;

DROP TRIGGER symptom_name_insert;
CREATE TRIGGER symptom_name_insert AFTER INSERT ON symptom
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'symptom' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 3, new.name, 'symptom', new.id);
END;

DROP TRIGGER treatment_name_insert;
CREATE TRIGGER treatment_name_insert AFTER INSERT ON treatment
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'treatment' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 4, new.name, 'treatment', new.id);
END;

DROP TRIGGER alias_name_insert;
CREATE TRIGGER alias_name_insert AFTER INSERT ON alias
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'alias' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id, alias_id) VALUES (
        new.id * 8 + 5, new.name,
        CASE WHEN new.condition_id IS NOT NULL THEN 'condition' WHEN new.type_id IS NOT NULL THEN 'type'
             WHEN new.cause_id IS NOT NULL THEN 'cause' WHEN new.symptom_id IS NOT NULL THEN 'symptom'
             ELSE 'treatment' END,
        coalesce(new.condition_id, new.type_id, new.cause_id, new.symptom_id, new.treatment_id),
        new.id);
END;

-- Quotes and document bodies (external-content indexes: a 'delete' must
-- name exactly what was indexed, so a row not yet indexed is never
-- unindexed either).

DROP TRIGGER quote_search_insert;
CREATE TRIGGER quote_search_insert AFTER INSERT ON quote
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'quote' AND new.id >= from_id) BEGIN
    -- keep quote_search in step with quote
    INSERT INTO quote_search(rowid, text) VALUES (new.id, new.text);
END;

DROP TRIGGER quote_search_delete;
CREATE TRIGGER quote_search_delete AFTER DELETE ON quote
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'quote' AND old.id >= from_id) BEGIN
    INSERT INTO quote_search(quote_search, rowid, text) VALUES ('delete', old.id, old.text);
END;

DROP TRIGGER quote_search_update;
CREATE TRIGGER quote_search_update AFTER UPDATE OF text ON quote
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'quote' AND old.id >= from_id) BEGIN
    INSERT INTO quote_search(quote_search, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quote_search(rowid, text) VALUES (new.id, new.text);
END;

DROP TRIGGER document_search_insert;
CREATE TRIGGER document_search_insert AFTER INSERT ON document
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'document' AND new.id >= from_id) BEGIN
    -- keep document_search in step with document
    INSERT INTO document_search(rowid, body) VALUES (new.id, new.body);
END;

DROP TRIGGER document_search_delete;
CREATE TRIGGER document_search_delete AFTER DELETE ON document
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'document' AND old.id >= from_id) BEGIN
    INSERT INTO document_search(document_search, rowid, body) VALUES ('delete', old.id, old.body);
END;

DROP TRIGGER document_search_update;
CREATE TRIGGER document_search_update AFTER UPDATE OF body ON document
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'document' AND old.id >= from_id) BEGIN
    INSERT INTO document_search(document_search, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO document_search(rowid, body) VALUES (new.id, new.body);
END;

-- 2. What a reseed needs to skip an unchanged document without reading it,
-- the way git's index avoids reading unchanged files: the files' metadata.
-- stat_sha256 is a SHA-256 over everything inputs_sha256 covers, but with
-- each file's size, modification and change times (nanoseconds), inode
-- and device in place of its bytes. When a reseed finds the same value,
-- the files are taken as unchanged; otherwise they are read and hashed as
-- before. NULL when it cannot be trusted: a file changed so shortly before
-- it was read that a second change within the file system's timestamp
-- granularity could leave all of it equal (git's "racily clean" entries),
-- or a source that is not a plain folder.
ALTER TABLE document_input ADD COLUMN stat_sha256 TEXT
    CHECK (stat_sha256 IS NULL OR (length(stat_sha256) = 64 AND stat_sha256 NOT GLOB '*[^0-9a-f]*'));
