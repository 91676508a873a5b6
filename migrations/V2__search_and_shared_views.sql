-- Full-text search and the relational views users ask for most.
--
-- Two FTS5 indexes, kept in sync by triggers so they stay right whatever
-- writes the tables (kb seed, or `kb sql --write`):
--   quote_search  the verbatim source text of every quote;
--   name_search   every entity name and alias.
-- The porter stemmer lets 'infection' find 'infections'.

CREATE VIRTUAL TABLE quote_search USING fts5(
    text,
    content = 'quote',
    content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
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

-- name_search rowids encode their source so triggers can find a row without
-- scanning: rowid = id * 8 + k, with k = 0 condition, 1 type, 2 cause,
-- 3 symptom, 4 treatment (canonical names) and 5 for alias.id.
CREATE VIRTUAL TABLE name_search USING fts5(
    name,                 -- a canonical name or an alias
    kind UNINDEXED,       -- condition | type | cause | symptom | treatment
    entity_id UNINDEXED,  -- id in that kind's table
    alias_id UNINDEXED,   -- alias.id for aliases, NULL for canonical names
    tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO name_search(rowid, name, kind, entity_id, alias_id)
    SELECT id * 8 + 0, name, 'condition', id, NULL FROM condition
    UNION ALL SELECT id * 8 + 1, name, 'type', id, NULL FROM condition_type
    UNION ALL SELECT id * 8 + 2, name, 'cause', id, NULL FROM cause
    UNION ALL SELECT id * 8 + 3, name, 'symptom', id, NULL FROM symptom
    UNION ALL SELECT id * 8 + 4, name, 'treatment', id, NULL FROM treatment;

CREATE TRIGGER condition_name_insert AFTER INSERT ON condition BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 0, new.name, 'condition', new.id);
END;
CREATE TRIGGER condition_name_delete AFTER DELETE ON condition BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 0;
END;
CREATE TRIGGER condition_name_update AFTER UPDATE OF name ON condition BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 0;
END;

CREATE TRIGGER type_name_insert AFTER INSERT ON condition_type BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 1, new.name, 'type', new.id);
END;
CREATE TRIGGER type_name_delete AFTER DELETE ON condition_type BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 1;
END;
CREATE TRIGGER type_name_update AFTER UPDATE OF name ON condition_type BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 1;
END;

CREATE TRIGGER cause_name_insert AFTER INSERT ON cause BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 2, new.name, 'cause', new.id);
END;
CREATE TRIGGER cause_name_delete AFTER DELETE ON cause BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 2;
END;
CREATE TRIGGER cause_name_update AFTER UPDATE OF name ON cause BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 2;
END;

CREATE TRIGGER symptom_name_insert AFTER INSERT ON symptom BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 3, new.name, 'symptom', new.id);
END;
CREATE TRIGGER symptom_name_delete AFTER DELETE ON symptom BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 3;
END;
CREATE TRIGGER symptom_name_update AFTER UPDATE OF name ON symptom BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 3;
END;

CREATE TRIGGER treatment_name_insert AFTER INSERT ON treatment BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 4, new.name, 'treatment', new.id);
END;
CREATE TRIGGER treatment_name_delete AFTER DELETE ON treatment BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 4;
END;
CREATE TRIGGER treatment_name_update AFTER UPDATE OF name ON treatment BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 4;
END;

INSERT INTO name_search(rowid, name, kind, entity_id, alias_id)
    SELECT id * 8 + 5, name,
           CASE WHEN condition_id IS NOT NULL THEN 'condition' WHEN type_id IS NOT NULL THEN 'type'
                WHEN cause_id IS NOT NULL THEN 'cause' WHEN symptom_id IS NOT NULL THEN 'symptom'
                ELSE 'treatment' END,
           coalesce(condition_id, type_id, cause_id, symptom_id, treatment_id), id
    FROM alias;

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

CREATE VIEW shared_causes_across_types AS
    -- Causes that belong to two or more types of the same condition.
    SELECT c.slug AS condition, x.slug AS cause, x.name AS cause_name,
           count(DISTINCT t.id) AS type_count,
           group_concat(DISTINCT t.name) AS types
    FROM condition c
    JOIN condition_type t ON t.condition_id = c.id
    JOIN type_cause tc ON tc.type_id = t.id
    JOIN cause x ON x.id = tc.cause_id
    GROUP BY c.id, x.id
    HAVING count(DISTINCT t.id) > 1;

CREATE VIEW causes_unique_to_type AS
    -- Causes that belong to exactly one type of their condition.
    SELECT c.slug AS condition, t.slug AS type, t.name AS type_name,
           x.slug AS cause, x.name AS cause_name
    FROM condition c
    JOIN condition_type t ON t.condition_id = c.id
    JOIN type_cause tc ON tc.type_id = t.id
    JOIN cause x ON x.id = tc.cause_id
    WHERE NOT EXISTS (
        SELECT 1 FROM condition_type t2
        JOIN type_cause tc2 ON tc2.type_id = t2.id
        WHERE t2.condition_id = c.id AND t2.id <> t.id AND tc2.cause_id = x.id)
    GROUP BY c.id, t.id, x.id;

CREATE VIEW shared_causes AS
    -- Causes cited for two or more conditions (by type or in general).
    SELECT x.slug AS cause, x.name AS cause_name,
           count(DISTINCT l.condition_id) AS condition_count,
           group_concat(DISTINCT c.name) AS conditions
    FROM (SELECT t.condition_id, tc.cause_id FROM type_cause tc JOIN condition_type t ON t.id = tc.type_id
          UNION SELECT condition_id, cause_id FROM condition_cause) l
    JOIN cause x ON x.id = l.cause_id
    JOIN condition c ON c.id = l.condition_id
    GROUP BY x.id
    HAVING count(DISTINCT l.condition_id) > 1;

CREATE VIEW shared_symptoms AS
    -- Symptoms of two or more conditions.
    SELECT s.slug AS symptom, s.name AS symptom_name,
           count(DISTINCT cs.condition_id) AS condition_count,
           group_concat(DISTINCT c.name) AS conditions
    FROM condition_symptom cs
    JOIN symptom s ON s.id = cs.symptom_id
    JOIN condition c ON c.id = cs.condition_id
    GROUP BY s.id
    HAVING count(DISTINCT cs.condition_id) > 1;

CREATE VIEW shared_treatments AS
    -- Treatments used for two or more conditions.
    SELECT r.slug AS treatment, r.name AS treatment_name, r.kind,
           count(DISTINCT ct.condition_id) AS condition_count,
           group_concat(DISTINCT c.name) AS conditions
    FROM condition_treatment ct
    JOIN treatment r ON r.id = ct.treatment_id
    JOIN condition c ON c.id = ct.condition_id
    GROUP BY r.id
    HAVING count(DISTINCT ct.condition_id) > 1;

CREATE VIEW facts AS
    -- Every fact of every kind with its source, one row per statement:
    -- kind is condition | type | type-cause | cause | symptom | treatment
    -- ('cause' = a general cause of the condition, not tied to a type).
    SELECT 'condition' AS kind, c.slug AS condition, c.name AS condition_name,
           NULL AS type, NULL AS type_name, c.slug AS slug, c.name AS name,
           f.document_id, f.quote_id
    FROM condition_source f JOIN condition c ON c.id = f.condition_id
    UNION ALL
    SELECT 'type', c.slug, c.name, t.slug, t.name, t.slug, t.name, f.document_id, f.quote_id
    FROM type_source f JOIN condition_type t ON t.id = f.type_id JOIN condition c ON c.id = t.condition_id
    UNION ALL
    SELECT 'type-cause', c.slug, c.name, t.slug, t.name, x.slug, x.name, f.document_id, f.quote_id
    FROM type_cause f JOIN condition_type t ON t.id = f.type_id JOIN condition c ON c.id = t.condition_id
    JOIN cause x ON x.id = f.cause_id
    UNION ALL
    SELECT 'cause', c.slug, c.name, NULL, NULL, x.slug, x.name, f.document_id, f.quote_id
    FROM condition_cause f JOIN condition c ON c.id = f.condition_id JOIN cause x ON x.id = f.cause_id
    UNION ALL
    SELECT 'symptom', c.slug, c.name, NULL, NULL, s.slug, s.name, f.document_id, f.quote_id
    FROM condition_symptom f JOIN condition c ON c.id = f.condition_id JOIN symptom s ON s.id = f.symptom_id
    UNION ALL
    SELECT 'treatment', c.slug, c.name, NULL, NULL, r.slug, r.name, f.document_id, f.quote_id
    FROM condition_treatment f JOIN condition c ON c.id = f.condition_id JOIN treatment r ON r.id = f.treatment_id;

CREATE VIEW fact_sources AS
    -- facts with the document and the verbatim quote spelled out.
    SELECT f.kind, f.condition, f.condition_name, f.type, f.type_name, f.slug, f.name,
           d.slug AS document, q.text AS quote, q.line, q.start_byte, q.end_byte
    FROM facts f
    JOIN document d ON d.id = f.document_id
    JOIN quote q ON q.id = f.quote_id;
