#!/usr/bin/env python3
"""Draw the sample of symptom -> HPO links that docs/hpo-precision.md judges.

Seeds the shared corpus's 23 articles and kb's own seed folder into one
fresh database with the given kb binary and reads every symptom -> HPO link
kb made there (the extractor's symptom names). Seeding gives fewer than 50,
so the links of the corpus's gold symptom names (the MAPPED lines of the
hpo_coverage example's output) join the population. Prints 50 distinct
(symptom, term) links drawn with a fixed seed, as Markdown table rows to be
judged by hand.

    cargo build --examples
    cargo run --example hpo_coverage -- ../shared/corpus/gold > /tmp/coverage.txt
    python3 scripts/hpo_precision_sample.py target/debug/kb ../shared /tmp/coverage.txt [SEED]

SEED (default 12, the first rounds' draws) draws another sample. Links made
from one item of a list name (the PARTLY lines too) say which item.
"""
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SAMPLE = 50
SEED = 12  # fixed: the sample must be reproducible


def main():
    kb, shared = sys.argv[1], Path(sys.argv[2])
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp, "articles")
        articles.mkdir()
        for src in sorted((shared / "corpus" / "documents").iterdir()) + sorted((repo / "seeds").iterdir()):
            shutil.copy(src, articles / src.name)
        db = str(Path(tmp, "kb.sqlite3"))
        subprocess.run([kb, "-q", "--db", db, "init", str(articles)], check=True, stdout=subprocess.DEVNULL)
        out = subprocess.run(
            [kb, "--db", db, "sql", "--format", "json",
             "SELECT s.name AS symptom, k.code AS hpo, k.label AS label, sc.method AS method, "
             "sc.matched AS matched, sc.item AS item, (SELECT group_concat(name, '; ') FROM (SELECT DISTINCT c.name FROM "
             "condition_symptom cs JOIN condition c ON c.id = cs.condition_id WHERE cs.symptom_id = s.id "
             "ORDER BY 1)) AS conditions "
             "FROM symptom_code sc JOIN symptom s ON s.id = sc.symptom_id JOIN code k ON k.id = sc.code_id "
             "WHERE k.system = 'HP' ORDER BY 1, 2"],
            check=True, capture_output=True, text=True).stdout
    links = json.loads(out)
    for r in links:
        r["source"] = "seeded"
    seen = {(r["symptom"], r["hpo"]) for r in links}
    seeded = len(links)
    for line in open(sys.argv[3], encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] not in ("MAPPED", "PARTLY"):
            continue
        for link in f[3].split("; "):
            # HP:0000989 Pruritus (layperson "Itching"), or with
            # ' from item "itchy"' before the closing parenthesis
            hpo, rest = link.split(" ", 1)
            label, how = rest.rsplit(" (", 1)
            how, _, item = how.rstrip(")").partition(" from item ")
            method, matched = how.split(" ", 1)
            if (f[2], hpo) not in seen:
                seen.add((f[2], hpo))
                links.append({"symptom": f[2], "hpo": hpo, "label": label, "method": method,
                              "matched": matched.strip('"'), "item": item.strip('"') or None,
                              "conditions": "gold: " + f[1], "source": "gold"})
    print(f"<!-- {seeded} links in the seeded database, {len(links) - seeded} more from gold names; "
          f"a sample of {SAMPLE}, random seed {int(sys.argv[4]) if len(sys.argv) > 4 else SEED} -->")
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else SEED
    sample = random.Random(seed).sample(links, min(SAMPLE, len(links)))
    print("| # | symptom (its conditions) | HPO term | how (entry matched) | right? |")
    print("| --- | --- | --- | --- | --- |")
    for i, r in enumerate(sorted(sample, key=lambda r: (r["symptom"], r["hpo"])), 1):
        item = f", item \"{r['item']}\"" if r.get("item") else ""
        print(f"| {i} | {r['symptom']} ({r['conditions']}) | {r['hpo']} {r['label']} "
              f"| {r['method']} ({r['matched']}{item}) |  |")


if __name__ == "__main__":
    main()
