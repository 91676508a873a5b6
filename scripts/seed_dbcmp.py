"""Compare two kb databases table by table (every row, in rowid/key order).
Build-dependent fingerprints (document_input hashes, seed_state values) and
migration timestamps are left out; everything else must be equal."""
import sqlite3, sys, hashlib
def digest(path):
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out = {}
    for (name,) in c.execute("select name from sqlite_schema where type='table' order by name"):
        if name == 'refinery_schema_history':
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
    return out
a, b = digest(sys.argv[1]), digest(sys.argv[2])
bad = [t for t in sorted(set(a) | set(b)) if a.get(t) != b.get(t)]
for t in sorted(a):
    print(f"{t:32} {a[t]} {'OK' if t not in bad else 'DIFF ' + str(b.get(t))}")
print("IDENTICAL" if not bad else f"DIFFERENT: {bad}")
sys.exit(1 if bad else 0)
