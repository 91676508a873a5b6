"""Where a seed's page writes and reads go, counted from its system calls.

    python3 scripts/wal_io.py KB CORPUS [WORKDIR]

Migrates a fresh database in WORKDIR (a temporary folder by default), runs
`KB seed CORPUS` under strace, and sorts every pread64/pwrite64 on the
database and its WAL by what it is (docs/performance.md, round 11):

- WAL frames appended (a 24-byte header, then the page), and frames
  overwritten in place: a page the transaction had already written to the
  WAL (spilled from the page cache) and changed again. One overwrite makes
  SQLite rewrite the checksum of every frame from there to the end when the
  transaction commits: a read of the whole frame and a header write each.
- Pages read back from the WAL during the seed (cache misses) and by the
  checkpoint, told apart by the checkpoint's first write to the database.
- Pages the checkpoint writes to the database file.
- With `--owners`, the same by table or index: frames appended, frames
  overwritten and pages read back during the seed, per B-tree that owns the
  page once the seed has finished (dbstat; a page freed and reused during
  the seed counts for its last owner), and when each overwrite happened.

The earliest overwritten frames are named by table or index (dbstat), when
the Python sqlite3 module has it.
"""
import os, re, subprocess, sys, tempfile
from collections import Counter

owners = "--owners" in sys.argv
args = [a for a in sys.argv[1:] if a != "--owners"]
kb, corpus = args[0], args[1]
work = os.path.abspath(args[2] if len(args) > 2 else tempfile.mkdtemp())
db = os.path.join(work, "kb.sqlite3")
subprocess.run([kb, "--db", db, "migrate"], check=True, capture_output=True)
trace = os.path.join(work, "strace.txt")
subprocess.run(["strace", "-f", "-y", "-e", "trace=pread64,pwrite64", "-s", "8", "-xx",
                "-o", trace, kb, "--db", db, "seed", corpus], check=True, capture_output=True)

CALL = re.compile(r'(pread64|pwrite64)\(\d+<([^>]*)>, "([^"]*)"(?:\.\.\.)?, (\d+), (\d+)\)')
def unhex(s):
    return bytes(int(x, 16) for x in re.findall(r'\\x([0-9a-f]{2})', s))

page = 4096
frame = page + 24
headers = {}  # frame number -> page number
n = Counter()
overwritten = []
read_back = []  # page numbers read from the WAL during the seed
moments = []  # (frames appended so far, frame overwritten)
last_header = None
checkpointing = False
for line in open(trace):
    m = CALL.search(line)
    if not m:
        continue
    call, path, buf, size, off = m[1], unhex(m[2]).decode(), m[3], int(m[4]), int(m[5])
    if path == db:
        if call == "pwrite64":
            checkpointing = True
            n["database pages written (checkpoint)"] += 1
        else:
            n["database pages read"] += 1
        continue
    if path != db + "-wal" or off < 32:
        continue
    number = (off - 32) // frame + 1
    if call == "pwrite64" and size == 24:
        if number in headers:
            n["frame checksums rewritten at commit"] += 1
        else:
            headers[number] = int.from_bytes(unhex(buf)[:4], "big")
            n["WAL frames appended"] += 1
        last_header = number
    elif call == "pwrite64" and size == page:
        if number != last_header:
            overwritten.append(number)
            moments.append((len(headers), number))
            n["WAL frames overwritten in place"] += 1
        last_header = None
    elif call == "pread64" and size == frame:
        n["whole frames read (checksum rewrite)"] += 1
    elif call == "pread64" and size == page:
        n["pages read from the WAL by the " + ("checkpoint" if checkpointing else "seed")] += 1
        if not checkpointing and number in headers:
            read_back.append(headers[number])

for what, count in n.items():
    print(f"{count:>9,}  {what}")
if overwritten:
    first = sorted(set(overwritten))[:8]
    import sqlite3
    try:
        c = sqlite3.connect(db)
        names = {p: c.execute("select name from dbstat where pageno = ?", (p,)).fetchone()
                 for p in (headers[f] for f in first)}
    except sqlite3.Error:
        names = {}
    print("first overwritten frames:", ", ".join(
        f"{f} (page {headers[f]} {(names.get(headers[f]) or ['?'])[0]})" for f in first))

if owners:
    import sqlite3
    try:
        owner = dict(sqlite3.connect(db).execute("select pageno, name from dbstat"))
    except sqlite3.Error as e:
        # Python's SQLite may be built without the dbstat table.
        sys.exit(f"owners unavailable: {e}")
    by = {}
    for what, pages in (("appended", headers.values()),
                        ("overwritten", (headers[f] for f in overwritten)),
                        ("read back", read_back)):
        for p in pages:
            by.setdefault(owner.get(p, "(free)"), Counter())[what] += 1
    print(f"{'owner':<36}{'appended':>10}{'overwritten':>12}{'read back':>11}")
    for name, k in sorted(by.items(), key=lambda x: -x[1]["read back"])[:25]:
        print(f"{name:<36}{k['appended']:>10,}{k['overwritten']:>12,}{k['read back']:>11,}")
    # When each overwrite happened (frames appended by then), runs of one
    # owner together: the pass, the full-text phase and the index build.
    print("overwrites in order (frames appended by then: count x owner):")
    runs = []
    for appended, f in moments:
        name = owner.get(headers[f], "(free)")
        if runs and runs[-1][2] == name:
            runs[-1][1] = appended
            runs[-1][3] += 1
        else:
            runs.append([appended, appended, name, 1])
    for first, last, name, count in runs:
        print(f"  {first:>9,}-{last:<9,} {count:>5} x {name}")
