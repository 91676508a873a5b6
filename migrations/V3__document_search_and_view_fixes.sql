-- Full-text search over whole documents, facts that include treatment notes,
-- readable condition names in every view, and views that answer per-row
-- questions from indexes.
--
-- Forward-only: V1 and V2 are never edited; views they made are replaced
-- here with DROP VIEW + CREATE VIEW (views hold no data, so this is safe).

-- document_search: every document body, one FTS5 row per document
-- (rowid = document.id). quote_search only holds the quotes of facts, so
-- words in sentences that state no fact could never be found. Passages and
-- their byte offsets are worked out at query time from highlight() (kb) or
-- snippet() (other clients); splitting text into sentences is impractical
-- in SQL, and a row per document keeps the triggers trivial.
CREATE VIRTUAL TABLE document_search USING fts5(
    body,
    content = 'document',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
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

-- Lookups by readable name (WHERE condition_name = 'calcinosis cutis',
-- WHERE type_name = ...) would otherwise scan the entity table and then
-- drive the join from the fact tables.
CREATE INDEX condition_by_name ON condition(name);
CREATE INDEX condition_type_by_name ON condition_type(name);

-- type id -> condition id as a narrow covering index. related_conditions
-- maps every type citing a shared cause (thousands on a large corpus) to its
-- condition; through this index the lookups stay in a few cached pages
-- instead of reading condition_type's wide rows (measured 2x faster).
CREATE INDEX condition_type_to_condition ON condition_type(id, condition_id);

DROP VIEW fact_sources;   -- depends on facts, so it goes first
DROP VIEW facts;
DROP VIEW shared_causes_across_types;
DROP VIEW causes_unique_to_type;
DROP VIEW shared_causes;
DROP VIEW shared_symptoms;
DROP VIEW shared_treatments;

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

-- In the aggregate views below every readable column is a GROUP BY term (the
-- slugs are unique, so grouping by them groups by entity): SQLite only
-- pushes an outer WHERE (condition = 'acne') into an aggregate view when it
-- names GROUP BY columns, and without that push-down it aggregates the whole
-- fact table first. New columns go last so positional readers keep working.

CREATE VIEW shared_causes_across_types AS
    -- Causes that belong to two or more types of the same condition.
    SELECT c.slug AS condition, x.slug AS cause, x.name AS cause_name,
           count(DISTINCT t.id) AS type_count,
           group_concat(DISTINCT t.name) AS types,
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

-- The shared_* views start from the item (cause, symptom, treatment) and
-- count its conditions through the by-item indexes, so asking about one
-- item (WHERE cause = 'stress') is a handful of index searches. Listing
-- them all still visits every item's index entries once: that is the size
-- of the answer, not a scan of a fact table.

CREATE VIEW shared_causes AS
    -- Causes cited for two or more conditions (by type or in general).
    SELECT cause, cause_name, condition_count, conditions FROM (
        SELECT x.slug AS cause, x.name AS cause_name,
               (SELECT count(*) FROM (
                    SELECT t.condition_id FROM type_cause tc
                    JOIN condition_type t ON t.id = tc.type_id WHERE tc.cause_id = x.id
                    UNION SELECT cc.condition_id FROM condition_cause cc WHERE cc.cause_id = x.id)
               ) AS condition_count,
               (SELECT group_concat(c.name) FROM condition c WHERE c.id IN (
                    SELECT t.condition_id FROM type_cause tc
                    JOIN condition_type t ON t.id = tc.type_id WHERE tc.cause_id = x.id
                    UNION SELECT cc.condition_id FROM condition_cause cc WHERE cc.cause_id = x.id)
               ) AS conditions
        FROM cause x)
    WHERE condition_count > 1;

CREATE VIEW shared_symptoms AS
    -- Symptoms of two or more conditions.
    SELECT symptom, symptom_name, condition_count, conditions FROM (
        SELECT s.slug AS symptom, s.name AS symptom_name,
               (SELECT count(DISTINCT cs.condition_id) FROM condition_symptom cs
                 WHERE cs.symptom_id = s.id) AS condition_count,
               (SELECT group_concat(c.name) FROM condition c WHERE c.id IN (
                    SELECT cs.condition_id FROM condition_symptom cs WHERE cs.symptom_id = s.id)
               ) AS conditions
        FROM symptom s)
    WHERE condition_count > 1;

CREATE VIEW shared_treatments AS
    -- Treatments used for two or more conditions.
    SELECT treatment, treatment_name, kind, condition_count, conditions FROM (
        SELECT r.slug AS treatment, r.name AS treatment_name, r.kind,
               (SELECT count(DISTINCT ct.condition_id) FROM condition_treatment ct
                 WHERE ct.treatment_id = r.id) AS condition_count,
               (SELECT group_concat(c.name) FROM condition c WHERE c.id IN (
                    SELECT ct.condition_id FROM condition_treatment ct WHERE ct.treatment_id = r.id)
               ) AS conditions
        FROM treatment r)
    WHERE condition_count > 1;
