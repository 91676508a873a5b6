"""How long a reader waits while `kb seed` writes N articles, in a given
journal mode (docs/performance.md, "Readers during a seed").

Usage: python3 docs/reader-wait.py N delete|wal   (run from a scratch folder)

It seeds the built-in article, writes N renamed copies of it with their
reviewed seed files, starts `kb seed` on them, and meanwhile opens a fresh
read-only connection every 2 ms and counts the documents, timing each read
(30 s busy timeout). Uses the kb binary in target/debug unless $KB names one.
"""
import os, pathlib, sqlite3, subprocess, sys, time
ROOT=pathlib.Path(__file__).resolve().parent.parent
KB=os.environ.get('KB', str(ROOT/'target/debug/kb'))
seeds=str(ROOT/'seeds')
n=int(sys.argv[1]); mode=sys.argv[2]
big=f'big{n}'
if not os.path.isdir(big):
    os.makedirs(big)
    js=open(f'{seeds}/calcinosis-cutis.json').read(); tx=open(f'{seeds}/calcinosis-cutis.txt').read()
    for i in range(n):
        open(f'{big}/doc-{i:05}.txt','w').write(tx)
        open(f'{big}/doc-{i:05}.json','w').write(js.replace('"path": "calcinosis-cutis.txt"', f'"path": "doc-{i:05}.txt"',1))
db=f'kb-{mode}-{n}.sqlite3'
for suf in ['','-journal','-wal','-shm']:
    if os.path.exists(db+suf): os.remove(db+suf)
subprocess.run([KB,'--db',db,'init',seeds],check=True,capture_output=True)
c=sqlite3.connect(db); print(c.execute(f'PRAGMA journal_mode={mode}').fetchone()); c.close()
t0=time.time()
p=subprocess.Popen([KB,'--db',db,'seed',big],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE)
waits=[]; fails=0
while p.poll() is None:
    t=time.time()
    try:
        c=sqlite3.connect(f'file:{db}?mode=ro',uri=True,timeout=30)
        c.execute('SELECT count(*) FROM document').fetchone(); c.close()
    except Exception as e:
        fails+=1
    waits.append(time.time()-t)
    time.sleep(0.002)
p.wait(); total=time.time()-t0
waits.sort()
print(f'{mode} n={n}: seed {total:.1f}s rc={p.returncode}, {len(waits)} reads, failed {fails}, p50 {waits[len(waits)//2]*1000:.1f} ms, p99 {waits[int(len(waits)*.99)]*1000:.1f} ms, max {waits[-1]*1000:.1f} ms; files after: {sorted(f for f in os.listdir(".") if f.startswith(db))}')
