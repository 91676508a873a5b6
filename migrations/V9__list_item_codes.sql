-- Symptoms named as lists ("fever and chills", "itchy or sore skin") linked
-- item by item, and the items that map to nothing listed.
--
-- Until now a list name was linked only when every item mapped exactly, so
-- "irritability or low mood" had no code at all. Now each item that maps
-- exactly is linked, and symptom_code.item says which item of the name the
-- link came from; each item that maps to no term, or to several, is kept in
-- symptom_code_gap and listed by unmapped_symptoms, so a partly mapped list
-- is never passed off as mapped whole. Nothing is guessed: an item maps on
-- the same exact lookups as a whole name.
--
-- Forward-only: V1..V8 are never edited; unmapped_symptoms is replaced by a
-- view with the same columns and one more at the end.

-- The item of the symptom's list name this link came from ('chills' of
-- 'fever and chills'); NULL when the name as a whole matched or a reviewer
-- pinned it. method still says how the item matched.
ALTER TABLE symptom_code ADD COLUMN item TEXT CHECK (item IS NULL OR item <> '');

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

DROP VIEW unmapped_symptoms;

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
    JOIN symptom s ON s.id = g.symptom_id;
