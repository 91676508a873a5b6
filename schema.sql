CREATE TABLE refinery_schema_history(
             version int4 PRIMARY KEY,
             name VARCHAR(255),
             applied_on VARCHAR(255),
             checksum VARCHAR(255));
CREATE TABLE document (
    -- A source article the knowledge was extracted from.
    id      INTEGER PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE        -- file stem, e.g. 'calcinosis-cutis'
            CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
    path    TEXT NOT NULL,              -- as seeded, relative to the seed folder
    title   TEXT,                       -- first line of the document, verbatim
    sha256  TEXT NOT NULL               -- of body, to notice edited documents
            CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    body    TEXT NOT NULL               -- full text; quotes are byte ranges of it
);
CREATE TABLE quote (
    -- A verbatim span of a document. Offsets are bytes of the UTF-8 body, so
    -- substr(CAST(body AS BLOB), start_byte + 1, end_byte - start_byte) = text.
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    start_byte  INTEGER NOT NULL CHECK (start_byte >= 0),
    end_byte    INTEGER NOT NULL CHECK (end_byte > start_byte),
    line        INTEGER NOT NULL CHECK (line >= 1),  -- 1-based line of start_byte
    text        TEXT NOT NULL CHECK (length(CAST(text AS BLOB)) = end_byte - start_byte),
    UNIQUE (document_id, start_byte, end_byte),
    UNIQUE (id, document_id)            -- target of the fact tables' composite keys
);
CREATE TABLE condition (
    -- A medical condition, e.g. calcinosis cutis.
    id    INTEGER PRIMARY KEY,
    slug  TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name  TEXT NOT NULL CHECK (name <> '' AND name = trim(name))  -- canonical, lower case
);
CREATE TABLE condition_type (
    -- A type (form, subtype) of one condition, e.g. dystrophic calcinosis cutis.
    id            INTEGER PRIMARY KEY,
    condition_id  INTEGER NOT NULL REFERENCES condition(id) ON DELETE CASCADE,
    slug          TEXT NOT NULL CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name          TEXT NOT NULL CHECK (name <> '' AND name = trim(name)),
    UNIQUE (condition_id, slug)
);
CREATE INDEX condition_type_by_slug ON condition_type(slug);
CREATE TABLE cause (
    -- Anything that causes, triggers or is associated with a condition or type.
    -- Shared between conditions: one row for 'anxiety' whoever cites it.
    id    INTEGER PRIMARY KEY,
    slug  TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name  TEXT NOT NULL CHECK (name <> '' AND name = trim(name))
);
CREATE TABLE symptom (
    -- A sign or symptom; shared between conditions like causes are.
    id    INTEGER PRIMARY KEY,
    slug  TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name  TEXT NOT NULL CHECK (name <> '' AND name = trim(name))
);
CREATE TABLE treatment (
    -- A treatment; shared between conditions like causes are.
    id    INTEGER PRIMARY KEY,
    slug  TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name  TEXT NOT NULL CHECK (name <> '' AND name = trim(name)),
    kind  TEXT NOT NULL DEFAULT 'other'
          CHECK (kind IN ('medication', 'procedure', 'self-care', 'other'))
);
CREATE VIRTUAL TABLE name_search USING fts5(
    name,                 -- a canonical name or an alias
    kind UNINDEXED,       -- condition | type | cause | symptom | treatment
    entity_id UNINDEXED,  -- id in that kind's table
    alias_id UNINDEXED,   -- alias.id for aliases, NULL for canonical names
    tokenize = 'porter unicode61 remove_diacritics 2'
)
/* name_search(name,kind,entity_id,alias_id) */;
CREATE TABLE IF NOT EXISTS 'name_search_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'name_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'name_search_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3);
CREATE TABLE IF NOT EXISTS 'name_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'name_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TRIGGER condition_name_delete AFTER DELETE ON condition BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 0;
END;
CREATE TRIGGER condition_name_update AFTER UPDATE OF name ON condition BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 0;
END;
CREATE TRIGGER type_name_delete AFTER DELETE ON condition_type BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 1;
END;
CREATE TRIGGER type_name_update AFTER UPDATE OF name ON condition_type BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 1;
END;
CREATE TRIGGER cause_name_delete AFTER DELETE ON cause BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 2;
END;
CREATE TRIGGER cause_name_update AFTER UPDATE OF name ON cause BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 2;
END;
CREATE TRIGGER symptom_name_delete AFTER DELETE ON symptom BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 3;
END;
CREATE TRIGGER symptom_name_update AFTER UPDATE OF name ON symptom BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 3;
END;
CREATE TRIGGER treatment_name_delete AFTER DELETE ON treatment BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 4;
END;
CREATE TRIGGER treatment_name_update AFTER UPDATE OF name ON treatment BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 4;
END;
CREATE INDEX condition_by_name ON condition(name);
CREATE INDEX condition_type_by_name ON condition_type(name);
CREATE INDEX condition_type_to_condition ON condition_type(id, condition_id);
CREATE VIRTUAL TABLE quote_search USING fts5(
    text,
    content="quote",
    content_rowid="id",
    tokenize="porter unicode61 remove_diacritics 2"
)
/* quote_search(text) */;
CREATE TABLE IF NOT EXISTS 'quote_search_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'quote_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'quote_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'quote_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE VIRTUAL TABLE document_search USING fts5(
    body,
    content="document",
    content_rowid="id",
    tokenize="porter unicode61 remove_diacritics 2"
)
/* document_search(body) */;
CREATE TABLE IF NOT EXISTS 'document_search_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'document_search_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'document_search_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'document_search_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE condition_source (
    -- Document D describes condition C, naming it at quote Q.
    condition_id  INTEGER NOT NULL REFERENCES condition(id) ON DELETE CASCADE,
    document_id   INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    quote_id      INTEGER NOT NULL REFERENCES quote(id) ON DELETE CASCADE,
    PRIMARY KEY (condition_id, document_id),
    -- the quote is one of this document's
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
) WITHOUT ROWID;
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
CREATE INDEX alias_by_name ON alias(name);
CREATE INDEX alias_by_document ON alias(document_id);
CREATE UNIQUE INDEX alias_condition ON alias(condition_id, name, ifnull(document_id, 0)) WHERE condition_id IS NOT NULL;
CREATE UNIQUE INDEX alias_type ON alias(type_id, name, ifnull(document_id, 0)) WHERE type_id IS NOT NULL;
CREATE UNIQUE INDEX alias_cause ON alias(cause_id, name, ifnull(document_id, 0)) WHERE cause_id IS NOT NULL;
CREATE UNIQUE INDEX alias_symptom ON alias(symptom_id, name, ifnull(document_id, 0)) WHERE symptom_id IS NOT NULL;
CREATE UNIQUE INDEX alias_treatment ON alias(treatment_id, name, ifnull(document_id, 0)) WHERE treatment_id IS NOT NULL;
CREATE INDEX alias_by_quote ON alias(quote_id, document_id);
CREATE TRIGGER alias_name_delete AFTER DELETE ON alias BEGIN
    DELETE FROM name_search WHERE rowid = old.id * 8 + 5;
END;
CREATE TRIGGER alias_name_update AFTER UPDATE OF name ON alias BEGIN
    UPDATE name_search SET name = new.name WHERE rowid = old.id * 8 + 5;
END;
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
    JOIN quote q ON q.id = tc.quote_id
/* causes_by_type(condition,condition_name,type,type_name,cause,cause_name,document,quote,line,start_byte,end_byte) */;
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
    JOIN quote q ON q.id = cc.quote_id
/* condition_causes(condition,condition_name,type,type_name,cause,cause_name,document,quote,line,start_byte,end_byte) */;
CREATE VIEW condition_symptoms AS
    -- One row per (condition, symptom) statement, with its source.
    SELECT c.slug AS condition, c.name AS condition_name,
           s.slug AS symptom, s.name AS symptom_name,
           d.slug AS document, q.text AS quote, q.line, q.start_byte, q.end_byte
    FROM condition_symptom cs
    JOIN condition c ON c.id = cs.condition_id
    JOIN symptom s ON s.id = cs.symptom_id
    JOIN document d ON d.id = cs.document_id
    JOIN quote q ON q.id = cs.quote_id
/* condition_symptoms(condition,condition_name,symptom,symptom_name,document,quote,line,start_byte,end_byte) */;
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
    JOIN quote q ON q.id = ct.quote_id
/* condition_treatments(condition,condition_name,treatment,treatment_name,kind,notes,document,quote,line,start_byte,end_byte) */;
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
    LEFT JOIN treatment r ON r.id = a.treatment_id
/* names(kind,slug,name,canonical_name,origin) */;
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
    WHERE f.quote_id IS NOT NULL
/* facts(kind,condition,condition_name,type,type_name,slug,name,document_id,quote_id,note_kind,note) */;
CREATE VIEW fact_sources AS
    -- facts with the document and the verbatim quote spelled out.
    SELECT fs.kind, fs.condition, fs.condition_name, fs.type, fs.type_name, fs.slug, fs.name,
           d.slug AS document, q.text AS quote, q.line, q.start_byte, q.end_byte,
           fs.note_kind, fs.note
    -- (Aliased fs, not f: query plans then tell a walk of this view's rows
    -- from a scan of a fact table, which the views alias f.)
    FROM facts fs
    JOIN document d ON d.id = fs.document_id
    JOIN quote q ON q.id = fs.quote_id
/* fact_sources(kind,condition,condition_name,type,type_name,slug,name,document,quote,line,start_byte,end_byte,note_kind,note) */;
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
    HAVING count(DISTINCT t.id) > 1
/* shared_causes_across_types(condition,cause,cause_name,type_count,types,condition_name) */;
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
    GROUP BY c.slug, c.name, t.slug, t.name, x.slug, x.name
/* causes_unique_to_type(condition,type,type_name,cause,cause_name,condition_name) */;
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
    WHERE condition_count > 1
/* shared_causes(cause,cause_name,condition_count,conditions) */;
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
    WHERE condition_count > 1
/* shared_treatments(treatment,treatment_name,kind,condition_count,conditions) */;
CREATE TABLE code (
    -- A term of a code system: system 'HP' (code 'HP:0000989', label
    -- 'Pruritus'), or any system a reviewer uses ('ICD10', 'MONDO', ...).
    id       INTEGER PRIMARY KEY,
    system   TEXT NOT NULL CHECK (system <> '' AND system = upper(system)),
    code     TEXT NOT NULL CHECK (code <> '' AND code = trim(code)),
    label    TEXT NOT NULL CHECK (label = trim(label)),
    version  TEXT,                      -- release of the system, e.g. HPO '2025-01-16'
    UNIQUE (system, code)
);
CREATE TABLE symptom_code (
    -- Symptom S is the phenotype of code K. method says how the link was
    -- made: the symptom's name is the term's name ('name'), an exact
    -- synonym ('synonym'), a layperson synonym ('layperson'), or a reviewer
    -- pinned it ('reviewer'). matched is the lexicon entry's text.
    symptom_id  INTEGER NOT NULL REFERENCES symptom(id) ON DELETE CASCADE,
    code_id     INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,
    method      TEXT NOT NULL CHECK (method IN ('name', 'synonym', 'layperson', 'reviewer')),
    matched     TEXT NOT NULL, item TEXT CHECK (item IS NULL OR item <> ''),
    PRIMARY KEY (symptom_id, code_id)
) WITHOUT ROWID;
CREATE INDEX symptom_code_by_code ON symptom_code(code_id, symptom_id);
CREATE TABLE symptom_code_issue (
    -- A symptom left unmapped on purpose: its name names several terms
    -- ('ambiguous', candidates a JSON array of ids), or a reviewer forbade
    -- mapping it ('forbidden').
    symptom_id  INTEGER PRIMARY KEY REFERENCES symptom(id) ON DELETE CASCADE,
    issue       TEXT NOT NULL CHECK (issue IN ('ambiguous', 'forbidden')),
    candidates  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(candidates))
);
CREATE TABLE condition_code (
    -- Code K (ICD-10, Mondo, ...) names condition C, as a reviewer says.
    condition_id  INTEGER NOT NULL REFERENCES condition(id) ON DELETE CASCADE,
    code_id       INTEGER NOT NULL REFERENCES code(id) ON DELETE CASCADE,
    PRIMARY KEY (condition_id, code_id)
) WITHOUT ROWID;
CREATE INDEX condition_code_by_code ON condition_code(code_id, condition_id);
CREATE VIEW symptom_phenotypes AS
    -- One row per (condition, symptom, HPO term) statement with its quote:
    -- the condition-phenotype links, ready to join with HPO annotations.
    SELECT c.slug AS condition, c.name AS condition_name,
           s.slug AS symptom, s.name AS symptom_name,
           k.code AS hpo_id, k.label AS hpo_label, sc.method,
           d.slug AS document, q.text AS quote, q.line, q.start_byte, q.end_byte
    FROM condition_symptom cs
    JOIN condition c ON c.id = cs.condition_id
    JOIN symptom s ON s.id = cs.symptom_id
    JOIN symptom_code sc ON sc.symptom_id = s.id
    JOIN code k ON k.id = sc.code_id AND k.system = 'HP'
    JOIN document d ON d.id = cs.document_id
    JOIN quote q ON q.id = cs.quote_id
/* symptom_phenotypes(condition,condition_name,symptom,symptom_name,hpo_id,hpo_label,method,document,quote,line,start_byte,end_byte) */;
CREATE VIEW symptom_equivalent AS
    -- Pairs (of_symptom, symptom_id): the symptom itself and every symptom
    -- sharing an HPO code with it.
    SELECT s.id AS of_symptom, s.id AS symptom_id FROM symptom s
    UNION
    SELECT a.symptom_id, b.symptom_id
    FROM symptom_code a
    JOIN symptom_code b ON b.code_id = a.code_id
    JOIN code k ON k.id = a.code_id AND k.system = 'HP'
/* symptom_equivalent(of_symptom,symptom_id) */;
CREATE VIEW shared_symptoms AS
    -- Symptoms of two or more conditions. Symptoms sharing an HPO code are
    -- one symptom here: a row's conditions are those citing the symptom or
    -- any symptom with one of its codes ('itching' and 'itchy skin' both
    -- count for HP:0000989). codes is a JSON array of its HPO ids.
    SELECT symptom, symptom_name, condition_count, conditions, codes FROM (
        SELECT s.slug AS symptom, s.name AS symptom_name,
               (SELECT count(DISTINCT cs.condition_id) FROM condition_symptom cs
                 WHERE cs.symptom_id IN (SELECT e.symptom_id FROM symptom_equivalent e
                                          WHERE e.of_symptom = s.id)) AS condition_count,
               (SELECT json_group_array(name) FROM (
                    SELECT c.name FROM condition c WHERE c.id IN (
                        SELECT cs.condition_id FROM condition_symptom cs
                         WHERE cs.symptom_id IN (SELECT e.symptom_id FROM symptom_equivalent e
                                                  WHERE e.of_symptom = s.id))
                    ORDER BY c.name, c.slug)
               ) AS conditions,
               (SELECT json_group_array(code) FROM (
                    SELECT k.code FROM symptom_code sc JOIN code k ON k.id = sc.code_id
                     WHERE sc.symptom_id = s.id AND k.system = 'HP' ORDER BY k.code)
               ) AS codes
        FROM symptom s)
    WHERE condition_count > 1
/* shared_symptoms(symptom,symptom_name,condition_count,conditions,codes) */;
CREATE TABLE document_input (
    -- One row per document, written with its facts.
    document_id    INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE,
    -- The reviewed seed file the facts came from (its name in the seed
    -- folder), or NULL when the document was extracted.
    seed_file      TEXT CHECK (seed_file IS NULL OR seed_file <> ''),
    -- SHA-256 over everything the facts depend on: the document's bytes and
    -- name, the seed file's bytes and name, for an extracted document the
    -- vocabulary and rules files, and the build of kb's reader and extractor.
    inputs_sha256  TEXT NOT NULL
                   CHECK (length(inputs_sha256) = 64 AND inputs_sha256 NOT GLOB '*[^0-9a-f]*'),
    -- Notices the document gave when it was written (a JSON array of
    -- strings), repeated by every seed that skips it.
    notices        TEXT NOT NULL DEFAULT '[]'
, stat_sha256 TEXT
    CHECK (stat_sha256 IS NULL OR (length(stat_sha256) = 64 AND stat_sha256 NOT GLOB '*[^0-9a-f]*')));
CREATE INDEX document_input_by_seed_file ON document_input(seed_file);
CREATE TABLE seed_state (
    -- Settings of the last seed that apply to all documents, by name:
    -- 'vocabulary' is the SHA-256 of the vocabulary the aliases were derived
    -- from, so a reseed that changes no entity and no vocabulary need not
    -- derive them again.
    name   TEXT PRIMARY KEY CHECK (name <> ''),
    value  TEXT NOT NULL
);
CREATE TABLE item_conditions (
    -- Conditions citing an item, as bits: condition c cites item (kind,
    -- item_id) when bit (c & 63) of bits is set in the row with block =
    -- c >> 6. Bit 63 is the sign bit (bits is a signed 64-bit integer).
    kind     TEXT NOT NULL CHECK (kind IN ('cause', 'symptom', 'treatment')),
    item_id  INTEGER NOT NULL,          -- cause.id, symptom.id or treatment.id
    block    INTEGER NOT NULL,
    bits     INTEGER NOT NULL,
    PRIMARY KEY (kind, item_id, block)
) WITHOUT ROWID;
CREATE TRIGGER condition_symptom_bits_insert AFTER INSERT ON condition_symptom BEGIN
    -- keep item_conditions in step with condition_symptom
    INSERT INTO item_conditions (kind, item_id, block, bits)
    VALUES ('symptom', new.symptom_id, new.condition_id >> 6, 1 << (new.condition_id & 63))
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
END;
CREATE TRIGGER condition_symptom_bits_delete AFTER DELETE ON condition_symptom
WHEN NOT EXISTS (SELECT 1 FROM condition_symptom
                 WHERE condition_id = old.condition_id AND symptom_id = old.symptom_id) BEGIN
    UPDATE item_conditions SET bits = bits & ~(1 << (old.condition_id & 63))
    WHERE kind = 'symptom' AND item_id = old.symptom_id AND block = old.condition_id >> 6;
    DELETE FROM item_conditions
    WHERE kind = 'symptom' AND item_id = old.symptom_id AND block = old.condition_id >> 6 AND bits = 0;
END;
CREATE TRIGGER condition_symptom_bits_update AFTER UPDATE OF condition_id, symptom_id ON condition_symptom BEGIN
    UPDATE item_conditions SET bits = bits & ~(1 << (old.condition_id & 63))
    WHERE kind = 'symptom' AND item_id = old.symptom_id AND block = old.condition_id >> 6
      AND NOT EXISTS (SELECT 1 FROM condition_symptom
                      WHERE condition_id = old.condition_id AND symptom_id = old.symptom_id);
    DELETE FROM item_conditions
    WHERE kind = 'symptom' AND item_id = old.symptom_id AND block = old.condition_id >> 6 AND bits = 0;
    INSERT INTO item_conditions (kind, item_id, block, bits)
    VALUES ('symptom', new.symptom_id, new.condition_id >> 6, 1 << (new.condition_id & 63))
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
END;
CREATE TRIGGER condition_treatment_bits_insert AFTER INSERT ON condition_treatment BEGIN
    -- keep item_conditions in step with condition_treatment
    INSERT INTO item_conditions (kind, item_id, block, bits)
    VALUES ('treatment', new.treatment_id, new.condition_id >> 6, 1 << (new.condition_id & 63))
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
END;
CREATE TRIGGER condition_treatment_bits_delete AFTER DELETE ON condition_treatment
WHEN NOT EXISTS (SELECT 1 FROM condition_treatment
                 WHERE condition_id = old.condition_id AND treatment_id = old.treatment_id) BEGIN
    UPDATE item_conditions SET bits = bits & ~(1 << (old.condition_id & 63))
    WHERE kind = 'treatment' AND item_id = old.treatment_id AND block = old.condition_id >> 6;
    DELETE FROM item_conditions
    WHERE kind = 'treatment' AND item_id = old.treatment_id AND block = old.condition_id >> 6 AND bits = 0;
END;
CREATE TRIGGER condition_treatment_bits_update AFTER UPDATE OF condition_id, treatment_id ON condition_treatment BEGIN
    UPDATE item_conditions SET bits = bits & ~(1 << (old.condition_id & 63))
    WHERE kind = 'treatment' AND item_id = old.treatment_id AND block = old.condition_id >> 6
      AND NOT EXISTS (SELECT 1 FROM condition_treatment
                      WHERE condition_id = old.condition_id AND treatment_id = old.treatment_id);
    DELETE FROM item_conditions
    WHERE kind = 'treatment' AND item_id = old.treatment_id AND block = old.condition_id >> 6 AND bits = 0;
    INSERT INTO item_conditions (kind, item_id, block, bits)
    VALUES ('treatment', new.treatment_id, new.condition_id >> 6, 1 << (new.condition_id & 63))
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
END;
CREATE TRIGGER condition_cause_bits_insert AFTER INSERT ON condition_cause BEGIN
    -- keep item_conditions in step with condition_cause
    INSERT INTO item_conditions (kind, item_id, block, bits)
    VALUES ('cause', new.cause_id, new.condition_id >> 6, 1 << (new.condition_id & 63))
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
END;
CREATE TRIGGER condition_cause_bits_delete AFTER DELETE ON condition_cause
WHEN NOT EXISTS (SELECT 1 FROM condition_cause
                 WHERE condition_id = old.condition_id AND cause_id = old.cause_id)
 AND NOT EXISTS (SELECT 1 FROM condition_type t JOIN type_cause tc ON tc.type_id = t.id
                 WHERE t.condition_id = old.condition_id AND tc.cause_id = old.cause_id) BEGIN
    UPDATE item_conditions SET bits = bits & ~(1 << (old.condition_id & 63))
    WHERE kind = 'cause' AND item_id = old.cause_id AND block = old.condition_id >> 6;
    DELETE FROM item_conditions
    WHERE kind = 'cause' AND item_id = old.cause_id AND block = old.condition_id >> 6 AND bits = 0;
END;
CREATE TRIGGER condition_cause_bits_update AFTER UPDATE OF condition_id, cause_id ON condition_cause BEGIN
    UPDATE item_conditions SET bits = bits & ~(1 << (old.condition_id & 63))
    WHERE kind = 'cause' AND item_id = old.cause_id AND block = old.condition_id >> 6
      AND NOT EXISTS (SELECT 1 FROM condition_cause
                      WHERE condition_id = old.condition_id AND cause_id = old.cause_id)
      AND NOT EXISTS (SELECT 1 FROM condition_type t JOIN type_cause tc ON tc.type_id = t.id
                      WHERE t.condition_id = old.condition_id AND tc.cause_id = old.cause_id);
    DELETE FROM item_conditions
    WHERE kind = 'cause' AND item_id = old.cause_id AND block = old.condition_id >> 6 AND bits = 0;
    INSERT INTO item_conditions (kind, item_id, block, bits)
    VALUES ('cause', new.cause_id, new.condition_id >> 6, 1 << (new.condition_id & 63))
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
END;
CREATE TRIGGER type_cause_bits_insert AFTER INSERT ON type_cause BEGIN
    -- keep item_conditions in step with type_cause
    INSERT INTO item_conditions (kind, item_id, block, bits)
    SELECT 'cause', new.cause_id, t.condition_id >> 6, 1 << (t.condition_id & 63)
    FROM condition_type t WHERE t.id = new.type_id
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
END;
CREATE TRIGGER type_cause_bits_delete AFTER DELETE ON type_cause BEGIN
    UPDATE item_conditions SET bits = bits & ~(1 << (block_of.condition_id & 63))
    FROM (SELECT condition_id FROM condition_type WHERE id = old.type_id) AS block_of
    WHERE kind = 'cause' AND item_id = old.cause_id AND block = block_of.condition_id >> 6
      AND NOT EXISTS (SELECT 1 FROM condition_cause
                      WHERE condition_id = block_of.condition_id AND cause_id = old.cause_id)
      AND NOT EXISTS (SELECT 1 FROM condition_type t JOIN type_cause tc ON tc.type_id = t.id
                      WHERE t.condition_id = block_of.condition_id AND tc.cause_id = old.cause_id);
    DELETE FROM item_conditions
    WHERE kind = 'cause' AND item_id = old.cause_id AND bits = 0
      AND block = (SELECT condition_id >> 6 FROM condition_type WHERE id = old.type_id);
END;
CREATE TRIGGER type_cause_bits_update AFTER UPDATE OF type_id, cause_id ON type_cause BEGIN
    UPDATE item_conditions SET bits = bits & ~(1 << (block_of.condition_id & 63))
    FROM (SELECT condition_id FROM condition_type WHERE id = old.type_id) AS block_of
    WHERE kind = 'cause' AND item_id = old.cause_id AND block = block_of.condition_id >> 6
      AND NOT EXISTS (SELECT 1 FROM condition_cause
                      WHERE condition_id = block_of.condition_id AND cause_id = old.cause_id)
      AND NOT EXISTS (SELECT 1 FROM condition_type t JOIN type_cause tc ON tc.type_id = t.id
                      WHERE t.condition_id = block_of.condition_id AND tc.cause_id = old.cause_id);
    DELETE FROM item_conditions
    WHERE kind = 'cause' AND item_id = old.cause_id AND bits = 0
      AND block = (SELECT condition_id >> 6 FROM condition_type WHERE id = old.type_id);
    INSERT INTO item_conditions (kind, item_id, block, bits)
    SELECT 'cause', new.cause_id, t.condition_id >> 6, 1 << (t.condition_id & 63)
    FROM condition_type t WHERE t.id = new.type_id
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
END;
CREATE TRIGGER condition_type_bits_delete BEFORE DELETE ON condition_type BEGIN
    -- the type's causes, unless a general cause of the condition or
    -- another of its types still states them
    UPDATE item_conditions SET bits = bits & ~(1 << (old.condition_id & 63))
    WHERE kind = 'cause' AND block = old.condition_id >> 6
      AND item_id IN (SELECT cause_id FROM type_cause WHERE type_id = old.id)
      AND NOT EXISTS (SELECT 1 FROM condition_cause cc
                      WHERE cc.condition_id = old.condition_id AND cc.cause_id = item_conditions.item_id)
      AND NOT EXISTS (SELECT 1 FROM condition_type t JOIN type_cause tc ON tc.type_id = t.id
                      WHERE t.condition_id = old.condition_id AND t.id <> old.id
                        AND tc.cause_id = item_conditions.item_id);
    DELETE FROM item_conditions
    WHERE kind = 'cause' AND block = old.condition_id >> 6 AND bits = 0
      AND item_id IN (SELECT cause_id FROM type_cause WHERE type_id = old.id);
END;
CREATE TRIGGER condition_type_bits_update AFTER UPDATE OF condition_id ON condition_type BEGIN
    -- the type's causes move from the old condition to the new one
    UPDATE item_conditions SET bits = bits & ~(1 << (old.condition_id & 63))
    WHERE kind = 'cause' AND block = old.condition_id >> 6
      AND item_id IN (SELECT cause_id FROM type_cause WHERE type_id = old.id)
      AND NOT EXISTS (SELECT 1 FROM condition_cause cc
                      WHERE cc.condition_id = old.condition_id AND cc.cause_id = item_conditions.item_id)
      AND NOT EXISTS (SELECT 1 FROM condition_type t JOIN type_cause tc ON tc.type_id = t.id
                      WHERE t.condition_id = old.condition_id AND tc.cause_id = item_conditions.item_id);
    DELETE FROM item_conditions
    WHERE kind = 'cause' AND block = old.condition_id >> 6 AND bits = 0
      AND item_id IN (SELECT cause_id FROM type_cause WHERE type_id = old.id);
    INSERT INTO item_conditions (kind, item_id, block, bits)
    SELECT 'cause', cause_id, new.condition_id >> 6, 1 << (new.condition_id & 63)
    FROM type_cause WHERE type_id = new.id
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
END;
CREATE TABLE fts_deferred (
    -- A table whose full-text entries a running seed writes itself: rows
    -- with id >= from_id. Empty outside a seed's transaction.
    tbl      TEXT PRIMARY KEY CHECK (tbl IN ('document', 'quote', 'condition', 'condition_type',
                                             'cause', 'symptom', 'treatment', 'alias')),
    from_id  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TRIGGER condition_name_insert AFTER INSERT ON condition
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'condition' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 0, new.name, 'condition', new.id);
END;
CREATE TRIGGER type_name_insert AFTER INSERT ON condition_type
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'condition_type' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 1, new.name, 'type', new.id);
END;
CREATE TRIGGER cause_name_insert AFTER INSERT ON cause
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'cause' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 2, new.name, 'cause', new.id);
END;
CREATE TRIGGER symptom_name_insert AFTER INSERT ON symptom
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'symptom' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 3, new.name, 'symptom', new.id);
END;
CREATE TRIGGER treatment_name_insert AFTER INSERT ON treatment
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'treatment' AND new.id >= from_id) BEGIN
    INSERT INTO name_search(rowid, name, kind, entity_id) VALUES (new.id * 8 + 4, new.name, 'treatment', new.id);
END;
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
CREATE TRIGGER quote_search_insert AFTER INSERT ON quote
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'quote' AND new.id >= from_id) BEGIN
    -- keep quote_search in step with quote
    INSERT INTO quote_search(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quote_search_delete AFTER DELETE ON quote
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'quote' AND old.id >= from_id) BEGIN
    INSERT INTO quote_search(quote_search, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quote_search_update AFTER UPDATE OF text ON quote
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'quote' AND old.id >= from_id) BEGIN
    INSERT INTO quote_search(quote_search, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO quote_search(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER document_search_insert AFTER INSERT ON document
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'document' AND new.id >= from_id) BEGIN
    -- keep document_search in step with document
    INSERT INTO document_search(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER document_search_delete AFTER DELETE ON document
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'document' AND old.id >= from_id) BEGIN
    INSERT INTO document_search(document_search, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER document_search_update AFTER UPDATE OF body ON document
WHEN NOT EXISTS (SELECT 1 FROM fts_deferred WHERE tbl = 'document' AND old.id >= from_id) BEGIN
    INSERT INTO document_search(document_search, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO document_search(rowid, body) VALUES (new.id, new.body);
END;
CREATE TABLE symptom_code_gap (
    -- Item I of symptom S's list name maps to no HPO term ('no match') or
    -- to several ('ambiguous', candidates a JSON array of ids), while other
    -- items of the name are linked. kb rewrites these rows at every seed.
    symptom_id  INTEGER NOT NULL REFERENCES symptom(id) ON DELETE CASCADE,
    item        TEXT NOT NULL CHECK (item <> ''),
    issue       TEXT NOT NULL CHECK (issue IN ('no match', 'ambiguous')),
    candidates  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(candidates)),
    PRIMARY KEY (symptom_id, item)
) WITHOUT ROWID;
CREATE VIEW unmapped_symptoms AS
    -- Symptoms without an HPO code, with why when kb knows: 'ambiguous'
    -- (candidates listed), 'forbidden' by a reviewer, else 'no match'
    -- (item NULL); and the unmapped items of list names whose other items
    -- are linked (item set).
    SELECT s.slug AS symptom, s.name AS symptom_name,
           coalesce(i.issue, 'no match') AS issue,
           coalesce(i.candidates, '[]') AS candidates,
           NULL AS item
    FROM symptom s
    LEFT JOIN symptom_code_issue i ON i.symptom_id = s.id
    WHERE NOT EXISTS (SELECT 1 FROM symptom_code sc WHERE sc.symptom_id = s.id)
    UNION ALL
    SELECT s.slug, s.name, g.issue, g.candidates, g.item
    FROM symptom_code_gap g
    JOIN symptom s ON s.id = g.symptom_id
/* unmapped_symptoms(symptom,symptom_name,issue,candidates,item) */;
