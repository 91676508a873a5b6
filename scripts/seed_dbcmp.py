"""Compare two kb databases table by table (every row, in rowid/key order).
Build-dependent fingerprints (document_input hashes, seed_state values) and
migration timestamps are left out; everything else must be equal.

With --fts-entries, the full-text indexes' segment tables (*_data, *_idx)
are compared by what they hold instead of how it is laid out in segments:
every (term, row, column, offset) entry, read through fts5vocab, and FTS5's
integrity-check run on each. For builds that index the same rows in other
steps (docs/performance.md, round 10)."""
import sqlite3, sys, hashlib
ENTRIES = "--fts-entries" in sys.argv
FTS = ("document_search", "quote_search", "name_search")
def entries(c, path, index):
    # integrity-check is a write command to FTS5 (it writes nothing).
    w = sqlite3.connect(path)
    w.execute(f"insert into {index}({index}) values ('integrity-check')")
    w.rollback(); w.close()
    c.execute(f"create virtual table temp.v_{index} using fts5vocab(main, '{index}', 'instance')")
    return f"select term, doc, col, offset from v_{index} order by term, doc, col, offset"
def digest(path):
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    for (name,) in c.execute("select name from sqlite_schema where type='table' order by name"):
        index = name.rsplit("_", 1)[0]
        if ENTRIES and index in FTS and name.endswith("_idx"):
            continue
        if ENTRIES and index in FTS and name.endswith("_data"):
            q = entries(c, path, index)
        elif name == 'refinery_schema_history':
            q = "select version, name, checksum from refinery_schema_history order by version"
        elif name == 'document_input':
            q = "select document_id, seed_file, notices from document_input order by document_id"
        elif name == 'seed_state':
            q = "select name from seed_state order by name"
        else:
            cols = [r[1] for r in c.execute(f"pragma table_info('{name}')")]
            pk = [r[1] for r in sorted(c.execute(f"pragma table_info('{name}')"), key=lambda r: r[5]) if r[5] > 0]
            wr = c.execute("select sql like '%WITHOUT ROWID%' from sqlite_schema where name=?", (name,)).fetchone()[0]
            order = ", ".join(pk) if (wr or not pk) and pk else "rowid"
            q = f"select * from '{name}' order by {order}"
        h = hashlib.sha256(); n = 0
        for row in c.execute(q):
            h.update(repr(row).encode()); n += 1
        out[name] = (n, h.hexdigest()[:16])
        if ENTRIES and index in FTS and name.endswith("_data"):
            # The index's totals (rows and tokens), kept in its record 1.
            out[name + " totals"] = c.execute(f"select block from {name} where id = 1").fetchone()
    return out
paths = [p for p in sys.argv[1:] if not p.startswith('--')]
a, b = digest(paths[0]), digest(paths[1])
bad = [t for t in sorted(set(a) | set(b)) if a.get(t) != b.get(t)]
for t in sorted(a):
    print(f"{t:32} {a[t]} {'OK' if t not in bad else 'DIFF ' + str(b.get(t))}")
print("IDENTICAL" if not bad else f"DIFFERENT: {bad}")
sys.exit(1 if bad else 0)
