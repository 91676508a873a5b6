-- Standard codes: symptoms linked to Human Phenotype Ontology terms, and
-- conditions to codes a reviewer gives them (ICD-10, Mondo, ...), so kb's
-- data joins with HPO annotations, Monarch and phenopackets.
--
-- kb fills symptom_code at every seed run, in the seed's transaction, from
-- the HPO lexicon built into it (names and exact synonyms) and the
-- reviewer's codes.toml; a symptom whose name matches no term, or more than
-- one, has no link and is listed in symptom_code_issue instead.
--
-- Forward-only: V1..V4 are never edited.

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
    matched     TEXT NOT NULL,
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
    JOIN quote q ON q.id = cs.quote_id;

CREATE VIEW unmapped_symptoms AS
    -- Symptoms without an HPO code, with why when kb knows: 'ambiguous'
    -- (candidates listed), 'forbidden' by a reviewer, else 'no match'.
    SELECT s.slug AS symptom, s.name AS symptom_name,
           coalesce(i.issue, 'no match') AS issue,
           coalesce(i.candidates, '[]') AS candidates
    FROM symptom s
    LEFT JOIN symptom_code_issue i ON i.symptom_id = s.id
    WHERE NOT EXISTS (SELECT 1 FROM symptom_code sc WHERE sc.symptom_id = s.id);

CREATE VIEW symptom_equivalent AS
    -- Pairs (of_symptom, symptom_id): the symptom itself and every symptom
    -- sharing an HPO code with it.
    SELECT s.id AS of_symptom, s.id AS symptom_id FROM symptom s
    UNION
    SELECT a.symptom_id, b.symptom_id
    FROM symptom_code a
    JOIN symptom_code b ON b.code_id = a.code_id
    JOIN code k ON k.id = a.code_id AND k.system = 'HP';

DROP VIEW shared_symptoms;
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
    WHERE condition_count > 1;
