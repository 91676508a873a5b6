-- kb core schema.
--
-- Layout: entity tables (condition, condition_type, cause, symptom, treatment)
-- hold one row per thing, keyed by a slug; fact tables (type_cause,
-- condition_cause, condition_symptom, condition_treatment, ...) say how they
-- relate, and every fact row points at the document and the verbatim quote
-- that states it. Comments inside each CREATE statement are kept by SQLite,
-- so `.schema` in any client shows them.
--
-- Forward-only: never edit this file once applied; add V2__..., V3__... instead.

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

-- Fact tables. Each row is one statement of one document; the same fact stated
-- by two documents is two rows. (quote_id, document_id) must name a quote of
-- that same document, which the composite foreign key enforces.

CREATE TABLE condition_source (
    -- Document D describes condition C, naming it at quote Q.
    condition_id  INTEGER NOT NULL REFERENCES condition(id) ON DELETE CASCADE,
    document_id   INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    quote_id      INTEGER NOT NULL,
    PRIMARY KEY (condition_id, document_id),
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX condition_source_by_document ON condition_source(document_id);
CREATE INDEX condition_source_by_quote ON condition_source(quote_id, document_id);

CREATE TABLE type_source (
    -- Document D describes type T, naming it at quote Q.
    type_id      INTEGER NOT NULL REFERENCES condition_type(id) ON DELETE CASCADE,
    document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    quote_id     INTEGER NOT NULL,
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
    quote_id     INTEGER NOT NULL,
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
    quote_id      INTEGER NOT NULL,
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
    quote_id      INTEGER NOT NULL,
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
    quote_id      INTEGER NOT NULL,
    PRIMARY KEY (condition_id, treatment_id, document_id),
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX condition_treatment_by_treatment ON condition_treatment(treatment_id, condition_id);
CREATE INDEX condition_treatment_by_document ON condition_treatment(document_id);
CREATE INDEX condition_treatment_by_quote ON condition_treatment(quote_id, document_id);

CREATE TABLE treatment_note (
    -- An indication, caution or note on using treatment R for condition C,
    -- e.g. surgical excision 'when lesions become very painful'.
    id            INTEGER PRIMARY KEY,
    condition_id  INTEGER NOT NULL,
    treatment_id  INTEGER NOT NULL,
    document_id   INTEGER NOT NULL,
    quote_id      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('indication', 'caution', 'note')),
    text          TEXT NOT NULL CHECK (text <> ''),   -- normalised wording
    UNIQUE (condition_id, treatment_id, document_id, kind, text),
    FOREIGN KEY (condition_id, treatment_id, document_id)
        REFERENCES condition_treatment(condition_id, treatment_id, document_id) ON DELETE CASCADE,
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
);
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
    document_id   INTEGER,                -- set when origin = 'document'
    quote_id      INTEGER,
    CHECK ((condition_id IS NOT NULL) + (type_id IS NOT NULL) + (cause_id IS NOT NULL)
           + (symptom_id IS NOT NULL) + (treatment_id IS NOT NULL) = 1),
    CHECK ((origin = 'document') = (quote_id IS NOT NULL AND document_id IS NOT NULL)),
    FOREIGN KEY (quote_id, document_id) REFERENCES quote(id, document_id) ON DELETE CASCADE
);
-- One alias per entity and name from each document, and once from the
-- vocabulary (document_id NULL).
CREATE INDEX alias_by_name ON alias(name);
CREATE INDEX alias_by_document ON alias(document_id);
CREATE UNIQUE INDEX alias_condition ON alias(condition_id, name, ifnull(document_id, 0)) WHERE condition_id IS NOT NULL;
CREATE UNIQUE INDEX alias_type ON alias(type_id, name, ifnull(document_id, 0)) WHERE type_id IS NOT NULL;
CREATE UNIQUE INDEX alias_cause ON alias(cause_id, name, ifnull(document_id, 0)) WHERE cause_id IS NOT NULL;
CREATE UNIQUE INDEX alias_symptom ON alias(symptom_id, name, ifnull(document_id, 0)) WHERE symptom_id IS NOT NULL;
CREATE UNIQUE INDEX alias_treatment ON alias(treatment_id, name, ifnull(document_id, 0)) WHERE treatment_id IS NOT NULL;
CREATE INDEX alias_by_quote ON alias(quote_id, document_id);

-- Views: readable names instead of ids, for ad-hoc SQL in any client.

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
    -- One row per (condition, treatment) statement; notes are joined as one
    -- '; '-separated 'kind: text' list for quick reading.
    SELECT c.slug AS condition, c.name AS condition_name,
           r.slug AS treatment, r.name AS treatment_name, r.kind,
           (SELECT group_concat(n.kind || ': ' || n.text, '; ')
              FROM treatment_note n
             WHERE n.condition_id = ct.condition_id AND n.treatment_id = ct.treatment_id
               AND n.document_id = ct.document_id) AS notes,
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
