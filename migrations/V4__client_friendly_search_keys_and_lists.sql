-- Make the schema legible to generic SQLite tools (Datasette, sqlite-utils):
--
-- 1. The FTS5 tables are declared again as content="quote" and
--    content="document". Both tools find a table's full-text index by
--    matching that exact spelling in sqlite_schema (content='quote', with
--    spaces or single quotes, is not recognised), so `?_search=` in
--    Datasette and `sqlite-utils search` work on quote and document.
-- 2. Every fact table (and alias) gains a single-column foreign key
--    quote_id -> quote(id) beside the composite (quote_id, document_id) one.
--    Tools follow only single-column keys; the composite one still
--    guarantees the quote belongs to the fact's document.
-- 3. List columns in views (types, conditions, notes) become JSON arrays in
--    a fixed order (by name): names may contain commas, so comma-joined
--    lists could not be split back, and group_concat has no fixed order.
--
-- SQLite cannot add a constraint to an existing table, so each fact table is
-- rebuilt: renamed aside, created again with the same columns, copied, and
-- the old copy dropped. Views name these tables, so all views are dropped
-- first and created again at the end (they hold no data). This runs with
-- foreign keys on: dropping a table deletes its rows first, which would
-- cascade into tables that reference it, so treatment_note (the only table
-- referencing a fact table) is moved aside before condition_treatment.
--
-- Forward-only: V1..V3 are never edited.

DROP VIEW fact_sources;   -- depends on facts
DROP VIEW facts;
DROP VIEW condition_causes;   -- depends on causes_by_type
DROP VIEW causes_by_type;
DROP VIEW condition_symptoms;
DROP VIEW condition_treatments;
DROP VIEW names;
DROP VIEW shared_causes_across_types;
DROP VIEW causes_unique_to_type;
DROP VIEW shared_causes;
DROP VIEW shared_symptoms;
DROP VIEW shared_treatments;

-- 1. Full-text tables, same columns and tokenizer, recognisable declaration.

DROP TRIGGER quote_search_insert;
DROP TRIGGER quote_search_delete;
DROP TRIGGER quote_search_update;
DROP TABLE quote_search;
CREATE VIRTUAL TABLE quote_search USING fts5(
    text,
    content="quote",
    content_rowid="id",
    tokenize="porter unicode61 remove_diacritics 2"
);
INSERT INTO quote_search(quote_search) VALUES ('rebuild');
CREATE TRIGGER quote_search_insert AFTER INSERT ON quote BEGIN
    -- keep quote_search in step with quote
    INSERT INTO quote_search(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quote_search_delete AFTER DELETE ON quote BEGIN
    INSERT INTO quote_search(quote_search, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quote_search_update AFTER UPDATE OF text ON quote BEGIN
    INSERT INTO quote_search(quote_search, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quote_search(rowid, text) VALUES (new.id, new.text);
END;

DROP TRIGGER document_search_insert;
DROP TRIGGER document_search_delete;
DROP TRIGGER document_search_update;
DROP TABLE document_search;
CREATE VIRTUAL TABLE document_search USING fts5(
    body,
    content="document",
    content_rowid="id",
    tokenize="porter unicode61 remove_diacritics 2"
);
INSERT INTO document_search(document_search) VALUES ('rebuild');
CREATE TRIGGER document_search_insert AFTER INSERT ON document BEGIN
    -- keep document_search in step with document
    INSERT INTO document_search(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER document_search_delete AFTER DELETE ON document BEGIN
    INSERT INTO document_search(document_search, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER document_search_update AFTER UPDATE OF body ON document BEGIN
    INSERT INTO document_search(document_search, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO document_search(rowid, body) VALUES (new.id, new.body);
END;

-- 2. Fact tables with a followable quote_id. Renaming a table takes its
-- indexes and triggers along; they go when the old copy is dropped and are
-- created again on the new table.

ALTER TABLE treatment_note RENAME TO treatment_note_v3;
ALTER TABLE condition_treatment RENAME TO condition_treatment_v3;
ALTER TABLE condition_source RENAME TO condition_source_v3;
ALTER TABLE type_source RENAME TO type_source_v3;
ALTER TABLE type_cause RENAME TO type_cause_v3;
ALTER TABLE condition_cause RENAME TO condition_cause_v3;
ALTER TABLE condition_symptom RENAME TO condition_symptom_v3;
ALTER TABLE alias RENAME TO alias_v3;

CREATE TABLE condition_source (
    -- Document D describes condition C, naming it at quote Q.
    condition_id  INTEGER NOT NULL REFERENCES condition(id) ON DELETE CASCADE,
    document_id   INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    quote_id      INTEGER NOT NULL REFERENCES quote(id) ON DELETE CASCADE,
    PRIMARY KEY (condition_id, document_id),
    -- the quote is one of this document's
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO condition_source SELECT * FROM condition_source_v3;
DROP TABLE condition_source_v3;
CREATE INDEX condition_source_by_document ON condition_source(document_id);
CREATE INDEX condition_source_by_quote ON condition_source(quote_id, document_id);

CREATE TABLE type_source (
    -- Document D describes type T, naming it at quote Q.
    type_id      INTEGER NOT NULL REFERENCES condition_type(id) ON DELETE CASCADE,
    document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    quote_id     INTEGER NOT NULL REFERENCES quote(id) ON DELETE CASCADE,
    PRIMARY KEY (type_id, document_id),
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO type_source SELECT * FROM type_source_v3;
DROP TABLE type_source_v3;
CREATE INDEX type_source_by_document ON type_source(document_id);
CREATE INDEX type_source_by_quote ON type_source(quote_id, document_id);

CREATE TABLE type_cause (
    -- Cause X belongs to type T (of some condition).
    type_id      INTEGER NOT NULL REFERENCES condition_type(id) ON DELETE CASCADE,
    cause_id     INTEGER NOT NULL REFERENCES cause(id) ON DELETE CASCADE,
    document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    quote_id     INTEGER NOT NULL REFERENCES quote(id) ON DELETE CASCADE,
    PRIMARY KEY (type_id, cause_id, document_id),
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO type_cause SELECT * FROM type_cause_v3;
DROP TABLE type_cause_v3;
CREATE INDEX type_cause_by_cause ON type_cause(cause_id, type_id);
CREATE INDEX type_cause_by_document ON type_cause(document_id);
CREATE INDEX type_cause_by_quote ON type_cause(quote_id, document_id);

CREATE TABLE condition_cause (
    -- Cause X of condition C that the document does not tie to one type.
    condition_id  INTEGER NOT NULL REFERENCES condition(id) ON DELETE CASCADE,
    cause_id      INTEGER NOT NULL REFERENCES cause(id) ON DELETE CASCADE,
    document_id   INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    quote_id      INTEGER NOT NULL REFERENCES quote(id) ON DELETE CASCADE,
    PRIMARY KEY (condition_id, cause_id, document_id),
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO condition_cause SELECT * FROM condition_cause_v3;
DROP TABLE condition_cause_v3;
CREATE INDEX condition_cause_by_cause ON condition_cause(cause_id, condition_id);
CREATE INDEX condition_cause_by_document ON condition_cause(document_id);
CREATE INDEX condition_cause_by_quote ON condition_cause(quote_id, document_id);

CREATE TABLE condition_symptom (
    -- Symptom S is a sign of condition C.
    condition_id  INTEGER NOT NULL REFERENCES condition(id) ON DELETE CASCADE,
    symptom_id    INTEGER NOT NULL REFERENCES symptom(id) ON DELETE CASCADE,
    document_id   INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    quote_id      INTEGER NOT NULL REFERENCES quote(id) ON DELETE CASCADE,
    PRIMARY KEY (condition_id, symptom_id, document_id),
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO condition_symptom SELECT * FROM condition_symptom_v3;
DROP TABLE condition_symptom_v3;
CREATE INDEX condition_symptom_by_symptom ON condition_symptom(symptom_id, condition_id);
CREATE INDEX condition_symptom_by_document ON condition_symptom(document_id);
CREATE INDEX condition_symptom_by_quote ON condition_symptom(quote_id, document_id);

CREATE TABLE condition_treatment (
    -- Treatment R is used for condition C.
    condition_id  INTEGER NOT NULL REFERENCES condition(id) ON DELETE CASCADE,
    treatment_id  INTEGER NOT NULL REFERENCES treatment(id) ON DELETE CASCADE,
    document_id   INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    quote_id      INTEGER NOT NULL REFERENCES quote(id) ON DELETE CASCADE,
    PRIMARY KEY (condition_id, treatment_id, document_id),
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO condition_treatment SELECT * FROM condition_treatment_v3;

CREATE TABLE treatment_note (
    -- An indication, caution or note on using treatment R for condition C,
    -- e.g. surgical excision 'when lesions become very painful'.
    id            INTEGER PRIMARY KEY,
    condition_id  INTEGER NOT NULL,
    treatment_id  INTEGER NOT NULL,
    document_id   INTEGER NOT NULL,
    quote_id      INTEGER NOT NULL REFERENCES quote(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('indication', 'caution', 'note')),
    text          TEXT NOT NULL CHECK (text <> ''),   -- normalised wording
    UNIQUE (condition_id, treatment_id, document_id, kind, text),
    FOREIGN KEY (condition_id, treatment_id, document_id)
        REFERENCES condition_treatment(condition_id, treatment_id, document_id) ON DELETE CASCADE,
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
);
INSERT INTO treatment_note SELECT * FROM treatment_note_v3;
-- Children first: nothing references treatment_note_v3, and once it is
-- gone nothing references condition_treatment_v3 either.
DROP TABLE treatment_note_v3;
DROP TABLE condition_treatment_v3;
CREATE INDEX condition_treatment_by_treatment ON condition_treatment(treatment_id, condition_id);
CREATE INDEX condition_treatment_by_document ON condition_treatment(document_id);
CREATE INDEX condition_treatment_by_quote ON condition_treatment(quote_id, document_id);
CREATE INDEX treatment_note_by_treatment ON treatment_note(treatment_id, condition_id);
CREATE INDEX treatment_note_by_document ON treatment_note(document_id);
CREATE INDEX treatment_note_by_quote ON treatment_note(quote_id, document_id);

CREATE TABLE alias (
    -- Another name for exactly one entity: one the document gives ('acne
    -- vulgaris'), or one derived from the vocabulary: a synonym ('hives') or
    -- a known misspelling ('latrogenic calcinosis cutis'), kept so searches
    -- with it still find the entity.
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL CHECK (name <> '' AND name = lower(trim(name))),
    condition_id  INTEGER REFERENCES condition(id) ON DELETE CASCADE,
    type_id       INTEGER REFERENCES condition_type(id) ON DELETE CASCADE,
    cause_id      INTEGER REFERENCES cause(id) ON DELETE CASCADE,
    symptom_id    INTEGER REFERENCES symptom(id) ON DELETE CASCADE,
    treatment_id  INTEGER REFERENCES treatment(id) ON DELETE CASCADE,
    origin        TEXT NOT NULL CHECK (origin IN ('document', 'synonym', 'misspelling')),
    document_id   INTEGER REFERENCES document(id) ON DELETE CASCADE,  -- set when origin = 'document'
    quote_id      INTEGER REFERENCES quote(id) ON DELETE CASCADE,
    CHECK ((condition_id IS NOT NULL) + (type_id IS NOT NULL) + (cause_id IS NOT NULL)
           + (symptom_id IS NOT NULL) + (treatment_id IS NOT NULL) = 1),
    CHECK ((origin = 'document') = (quote_id IS NOT NULL AND document_id IS NOT NULL)),
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
);
-- (The copy does not fire the name_search triggers: they stay on alias_v3,
-- and name_search already holds these aliases.)
INSERT INTO alias SELECT * FROM alias_v3;
DROP TABLE alias_v3;
CREATE INDEX alias_by_name ON alias(name);
CREATE INDEX alias_by_document ON alias(document_id);
CREATE UNIQUE INDEX alias_condition ON alias(condition_id, name, ifnull(document_id, 0)) WHERE condition_id IS NOT NULL;
CREATE UNIQUE INDEX alias_type ON alias(type_id, name, ifnull(document_id, 0)) WHERE type_id IS NOT NULL;
CREATE UNIQUE INDEX alias_cause ON alias(cause_id, name, ifnull(document_id, 0)) WHERE cause_id IS NOT NULL;
CREATE UNIQUE INDEX alias_symptom ON alias(symptom_id, name, ifnull(document_id, 0)) WHERE symptom_id IS NOT NULL;
CREATE UNIQUE INDEX alias_treatment ON alias(treatment_id, name, ifnull(document_id, 0)) WHERE treatment_id IS NOT NULL;
CREATE INDEX alias_by_quote ON alias(quote_id, document_id);

CREATE TRIGGER alias_name_insert AFTER INSERT ON alias BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id, alias_id) VALUES (
        new.id * 8 + 5, new.name,
        CASE WHEN new.condition_id IS NOT NULL THEN 'condition' WHEN new.type_id IS NOT NULL THEN 'type'
             WHEN new.cause_id IS NOT NULL THEN 'cause' WHEN new.symptom_id IS NOT NULL THEN 'symptom'
             ELSE 'treatment' END,
        coalesce(new.condition_id, new.type_id, new.cause_id, new.symptom_id, new.treatment_id),
        new.id);
END;
CREATE TRIGGER alias_name_delete AFTER DELETE ON alias BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 5;
END;
CREATE TRIGGER alias_name_update AFTER UPDATE OF name ON alias BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 5;
END;

-- 3. Views, as in V1..V3 except for the list columns.

CREATE VIEW causes_by_type AS
    -- One row per (condition, type, cause) statement, with its source.
    SELECT c.slug AS condition, c.name AS condition_name,
           t.slug AS type, t.name AS type_name,
           x.slug AS cause, x.name AS cause_name,
           d.slug AS document, q.text AS quote, q.line, q.start_byte, q.end_byte
    FROM type_cause tc
    JOIN condition_type t ON t.id = tc.type_id
    JOIN condition c ON c.id = t.condition_id
    JOIN cause x ON x.id = tc.cause_id
    JOIN document d ON d.id = tc.document_id
    JOIN quote q ON q.id = tc.quote_id;

CREATE VIEW condition_causes AS
    -- Every cause of every condition: type-specific ones (type set) and
    -- general ones (type NULL).
    SELECT condition, condition_name, type, type_name, cause, cause_name,
           document, quote, line, start_byte, end_byte
    FROM causes_by_type
    UNION ALL
    SELECT c.slug, c.name, NULL, NULL, x.slug, x.name,
           d.slug, q.text, q.line, q.start_byte, q.end_byte
    FROM condition_cause cc
    JOIN condition c ON c.id = cc.condition_id
    JOIN cause x ON x.id = cc.cause_id
    JOIN document d ON d.id = cc.document_id
    JOIN quote q ON q.id = cc.quote_id;

CREATE VIEW condition_symptoms AS
    -- One row per (condition, symptom) statement, with its source.
    SELECT c.slug AS condition, c.name AS condition_name,
           s.slug AS symptom, s.name AS symptom_name,
           d.slug AS document, q.text AS quote, q.line, q.start_byte, q.end_byte
    FROM condition_symptom cs
    JOIN condition c ON c.id = cs.condition_id
    JOIN symptom s ON s.id = cs.symptom_id
    JOIN document d ON d.id = cs.document_id
    JOIN quote q ON q.id = cs.quote_id;

CREATE VIEW condition_treatments AS
    -- One row per (condition, treatment) statement. notes is a JSON array
    -- of {"kind", "text"} objects, by kind then text ('[]' when none).
    SELECT c.slug AS condition, c.name AS condition_name,
           r.slug AS treatment, r.name AS treatment_name, r.kind,
           (SELECT json_group_array(json_object('kind', kind, 'text', text)) FROM (
                SELECT n.kind, n.text FROM treatment_note n
                 WHERE n.condition_id = ct.condition_id AND n.treatment_id = ct.treatment_id
                   AND n.document_id = ct.document_id
                 ORDER BY n.kind, n.text)) AS notes,
           d.slug AS document, q.text AS quote, q.line, q.start_byte, q.end_byte
    FROM condition_treatment ct
    JOIN condition c ON c.id = ct.condition_id
    JOIN treatment r ON r.id = ct.treatment_id
    JOIN document d ON d.id = ct.document_id
    JOIN quote q ON q.id = ct.quote_id;

CREATE VIEW names AS
    -- Every name and alias of every entity, for lookups such as
    -- SELECT * FROM names WHERE name = 'latrogenic calcinosis cutis'.
    SELECT 'condition' AS kind, slug, name, name AS canonical_name, 'canonical' AS origin FROM condition
    UNION ALL SELECT 'type', slug, name, name, 'canonical' FROM condition_type
    UNION ALL SELECT 'cause', slug, name, name, 'canonical' FROM cause
    UNION ALL SELECT 'symptom', slug, name, name, 'canonical' FROM symptom
    UNION ALL SELECT 'treatment', slug, name, name, 'canonical' FROM treatment
    UNION ALL
    SELECT CASE WHEN a.condition_id IS NOT NULL THEN 'condition'
                WHEN a.type_id IS NOT NULL THEN 'type'
                WHEN a.cause_id IS NOT NULL THEN 'cause'
                WHEN a.symptom_id IS NOT NULL THEN 'symptom'
                ELSE 'treatment' END,
           coalesce(c.slug, t.slug, x.slug, s.slug, r.slug),
           a.name,
           coalesce(c.name, t.name, x.name, s.name, r.name),
           a.origin
    FROM alias a
    LEFT JOIN condition c ON c.id = a.condition_id
    LEFT JOIN condition_type t ON t.id = a.type_id
    LEFT JOIN cause x ON x.id = a.cause_id
    LEFT JOIN symptom s ON s.id = a.symptom_id
    LEFT JOIN treatment r ON r.id = a.treatment_id;

CREATE VIEW facts AS
    -- Every fact of every kind with its source, one row per statement:
    -- kind is condition | type | type-cause | cause | symptom | treatment |
    -- treatment-note | alias ('cause' = a general cause of the condition,
    -- not tied to a type; 'treatment-note' = an indication, caution or note
    -- on treatment `name`, in note_kind and note; 'alias' = another name,
    -- `name`, the document gives the condition or type). Every quote is
    -- reachable from here.
    SELECT 'condition' AS kind, c.slug AS condition, c.name AS condition_name,
           NULL AS type, NULL AS type_name, c.slug AS slug, c.name AS name,
           f.document_id, f.quote_id, NULL AS note_kind, NULL AS note
    FROM condition_source f JOIN condition c ON c.id = f.condition_id
    UNION ALL
    SELECT 'type', c.slug, c.name, t.slug, t.name, t.slug, t.name, f.document_id, f.quote_id, NULL, NULL
    FROM type_source f JOIN condition_type t ON t.id = f.type_id JOIN condition c ON c.id = t.condition_id
    UNION ALL
    SELECT 'type-cause', c.slug, c.name, t.slug, t.name, x.slug, x.name, f.document_id, f.quote_id, NULL, NULL
    FROM type_cause f JOIN condition_type t ON t.id = f.type_id JOIN condition c ON c.id = t.condition_id
    JOIN cause x ON x.id = f.cause_id
    UNION ALL
    SELECT 'cause', c.slug, c.name, NULL, NULL, x.slug, x.name, f.document_id, f.quote_id, NULL, NULL
    FROM condition_cause f JOIN condition c ON c.id = f.condition_id JOIN cause x ON x.id = f.cause_id
    UNION ALL
    SELECT 'symptom', c.slug, c.name, NULL, NULL, s.slug, s.name, f.document_id, f.quote_id, NULL, NULL
    FROM condition_symptom f JOIN condition c ON c.id = f.condition_id JOIN symptom s ON s.id = f.symptom_id
    UNION ALL
    SELECT 'treatment', c.slug, c.name, NULL, NULL, r.slug, r.name, f.document_id, f.quote_id, NULL, NULL
    FROM condition_treatment f JOIN condition c ON c.id = f.condition_id JOIN treatment r ON r.id = f.treatment_id
    UNION ALL
    SELECT 'treatment-note', c.slug, c.name, NULL, NULL, r.slug, r.name, f.document_id, f.quote_id, f.kind, f.text
    FROM treatment_note f JOIN condition c ON c.id = f.condition_id JOIN treatment r ON r.id = f.treatment_id
    UNION ALL
    -- Names a document gives a condition or type ('also known as ...');
    -- only conditions and types get document aliases.
    SELECT 'alias', c.slug, c.name, NULL, NULL, c.slug, f.name, f.document_id, f.quote_id, NULL, NULL
    FROM alias f JOIN condition c ON c.id = f.condition_id WHERE f.quote_id IS NOT NULL
    UNION ALL
    SELECT 'alias', c.slug, c.name, t.slug, t.name, t.slug, f.name, f.document_id, f.quote_id, NULL, NULL
    FROM alias f JOIN condition_type t ON t.id = f.type_id JOIN condition c ON c.id = t.condition_id
    WHERE f.quote_id IS NOT NULL;

CREATE VIEW fact_sources AS
    -- facts with the document and the verbatim quote spelled out.
    SELECT fs.kind, fs.condition, fs.condition_name, fs.type, fs.type_name, fs.slug, fs.name,
           d.slug AS document, q.text AS quote, q.line, q.start_byte, q.end_byte,
           fs.note_kind, fs.note
    -- (Aliased fs, not f: query plans then tell a walk of this view's rows
    -- from a scan of a fact table, which the views alias f.)
    FROM facts fs
    JOIN document d ON d.id = fs.document_id
    JOIN quote q ON q.id = fs.quote_id;

-- The aggregate views keep V3's shape (every readable column a GROUP BY
-- term, so an outer WHERE on them is pushed down); their lists are now
-- JSON arrays built by a subquery that orders them.

CREATE VIEW shared_causes_across_types AS
    -- Causes that belong to two or more types of the same condition; types
    -- is a JSON array of the type names, alphabetical.
    SELECT c.slug AS condition, x.slug AS cause, x.name AS cause_name,
           count(DISTINCT t.id) AS type_count,
           -- (from the condition's few types, each checked by primary
           -- key: a common cause's type_cause entries across all
           -- conditions are never walked)
           (SELECT json_group_array(name) FROM (
                SELECT DISTINCT t2.name FROM condition_type t2
                WHERE t2.condition_id = c.id AND EXISTS (
                    SELECT 1 FROM type_cause tc2 WHERE tc2.type_id = t2.id AND tc2.cause_id = x.id)
                ORDER BY t2.name)) AS types,
           c.name AS condition_name
    FROM condition c
    JOIN condition_type t ON t.condition_id = c.id
    JOIN type_cause tc ON tc.type_id = t.id
    JOIN cause x ON x.id = tc.cause_id
    GROUP BY c.slug, c.name, x.slug, x.name
    HAVING count(DISTINCT t.id) > 1;

CREATE VIEW causes_unique_to_type AS
    -- Causes that belong to exactly one type of their condition.
    SELECT c.slug AS condition, t.slug AS type, t.name AS type_name,
           x.slug AS cause, x.name AS cause_name, c.name AS condition_name
    FROM condition c
    JOIN condition_type t ON t.condition_id = c.id
    JOIN type_cause tc ON tc.type_id = t.id
    JOIN cause x ON x.id = tc.cause_id
    WHERE NOT EXISTS (
        SELECT 1 FROM condition_type t2
        JOIN type_cause tc2 ON tc2.type_id = t2.id
        WHERE t2.condition_id = c.id AND t2.id <> t.id AND tc2.cause_id = x.id)
    GROUP BY c.slug, c.name, t.slug, t.name, x.slug, x.name;

-- conditions in the shared_* views: a JSON array of condition names,
-- alphabetical (then by slug).

CREATE VIEW shared_causes AS
    -- Causes cited for two or more conditions (by type or in general).
    SELECT cause, cause_name, condition_count, conditions FROM (
        SELECT x.slug AS cause, x.name AS cause_name,
               (SELECT count(*) FROM (
                    SELECT t.condition_id FROM type_cause tc
                    JOIN condition_type t ON t.id = tc.type_id WHERE tc.cause_id = x.id
                    UNION SELECT cc.condition_id FROM condition_cause cc WHERE cc.cause_id = x.id)
               ) AS condition_count,
               (SELECT json_group_array(name) FROM (
                    SELECT c.name FROM condition c WHERE c.id IN (
                        SELECT t.condition_id FROM type_cause tc
                        JOIN condition_type t ON t.id = tc.type_id WHERE tc.cause_id = x.id
                        UNION SELECT cc.condition_id FROM condition_cause cc WHERE cc.cause_id = x.id)
                    ORDER BY c.name, c.slug)
               ) AS conditions
        FROM cause x)
    WHERE condition_count > 1;

CREATE VIEW shared_symptoms AS
    -- Symptoms of two or more conditions.
    SELECT symptom, symptom_name, condition_count, conditions FROM (
        SELECT s.slug AS symptom, s.name AS symptom_name,
               (SELECT count(DISTINCT cs.condition_id) FROM condition_symptom cs
                 WHERE cs.symptom_id = s.id) AS condition_count,
               (SELECT json_group_array(name) FROM (
                    SELECT c.name FROM condition c WHERE c.id IN (
                        SELECT cs.condition_id FROM condition_symptom cs WHERE cs.symptom_id = s.id)
                    ORDER BY c.name, c.slug)
               ) AS conditions
        FROM symptom s)
    WHERE condition_count > 1;

CREATE VIEW shared_treatments AS
    -- Treatments used for two or more conditions.
    SELECT treatment, treatment_name, kind, condition_count, conditions FROM (
        SELECT r.slug AS treatment, r.name AS treatment_name, r.kind,
               (SELECT count(DISTINCT ct.condition_id) FROM condition_treatment ct
                 WHERE ct.treatment_id = r.id) AS condition_count,
               (SELECT json_group_array(name) FROM (
                    SELECT c.name FROM condition c WHERE c.id IN (
                        SELECT ct.condition_id FROM condition_treatment ct WHERE ct.treatment_id = r.id)
                    ORDER BY c.name, c.slug)
               ) AS conditions
        FROM treatment r)
    WHERE condition_count > 1;
