-- Which conditions cite each cause, symptom and treatment, kept as bit sets
-- so that comparing one condition with all others reads a few hundred
-- short rows instead of every fact of its items.
--
-- `kb related` ranks the conditions sharing most with one condition. Read
-- from the fact tables, that is every (condition, item) fact of each of the
-- condition's items: about 26,000 index entries per call when items are
-- cited by thousands of conditions (the 10,000-article benchmark), 5 ms. In
-- item_conditions an item's conditions are 64 to a row (row `block` holds
-- conditions block * 64 .. block * 64 + 63, bit c & 63 for condition c), so
-- the same question reads about 2,000 rows. A condition's bit is set while
-- at least one fact says it cites the item: for a cause, a general cause
-- (condition_cause) or a cause of one of its types (type_cause).
--
-- Triggers keep the table in step with the fact tables (inserts, deletes,
-- including those cascading from documents, conditions and types, and
-- updates of key columns), so every writer keeps it current, kb seed or any
-- other client. Rows whose bits all clear are deleted.
--
-- Forward-only: V1..V5 are never edited.

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

-- Fill it from the facts already there (a fresh file has none).
INSERT INTO item_conditions (kind, item_id, block, bits)
    SELECT 'symptom', symptom_id, condition_id >> 6, 1 << (condition_id & 63)
    FROM condition_symptom WHERE true
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
INSERT INTO item_conditions (kind, item_id, block, bits)
    SELECT 'treatment', treatment_id, condition_id >> 6, 1 << (condition_id & 63)
    FROM condition_treatment WHERE true
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
INSERT INTO item_conditions (kind, item_id, block, bits)
    SELECT 'cause', cause_id, condition_id >> 6, 1 << (condition_id & 63)
    FROM condition_cause WHERE true
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;
INSERT INTO item_conditions (kind, item_id, block, bits)
    SELECT 'cause', tc.cause_id, t.condition_id >> 6, 1 << (t.condition_id & 63)
    FROM type_cause tc JOIN condition_type t ON t.id = tc.type_id WHERE true
    ON CONFLICT DO UPDATE SET bits = bits | excluded.bits;

-- Symptoms. Setting a bit is an upsert; clearing one happens only when no
-- other fact (another document's) still ties the condition to the symptom.

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

-- Treatments, the same way.

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

-- Causes: a condition cites a cause through condition_cause or through any
-- of its types (type_cause). A bit clears only when neither remains.

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

-- type_cause reaches its condition through condition_type. A type's
-- type_cause rows are deleted by cascade after the type itself, when the
-- condition can no longer be looked up: the type's BEFORE DELETE trigger
-- clears those bits first, and the cascade's triggers find no type.

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
