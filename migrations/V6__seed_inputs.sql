-- What each document's rows were written from, so that a reseed can skip a
-- document whose inputs are all unchanged without reading it into the
-- document model, extracting it or diffing its facts.
--
-- kb writes these rows in the seed's own transaction, beside the facts they
-- stand for: a killed or failed seed leaves both as they were. They hold no
-- knowledge; deleting them only makes the next seed read every document.
--
-- Forward-only: V1..V5 are never edited.

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
);
CREATE INDEX document_input_by_seed_file ON document_input(seed_file);

CREATE TABLE seed_state (
    -- Settings of the last seed that apply to all documents, by name:
    -- 'vocabulary' is the SHA-256 of the vocabulary the aliases were derived
    -- from, so a reseed that changes no entity and no vocabulary need not
    -- derive them again.
    name   TEXT PRIMARY KEY CHECK (name <> ''),
    value  TEXT NOT NULL
);
