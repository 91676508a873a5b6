//! The query commands end to end: `show`, `shared-causes`, `related`,
//! `match`, `search` and `list`, run as the real `kb` binary on real database
//! files in temp folders.
//!
//! Expectations are computed here from the seed files that were seeded (the
//! built-in `seeds/`, `tests/fixtures/shared/` and `tests/fixtures/queries/`),
//! never copied from kb's output, and the same answers are checked through
//! the SQL views with `kb sql`. The last test seeds the shared corpus
//! articles (extracted at seed time) and checks relational invariants only,
//! since the extractor's exact output changes as it improves.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{crate_dir, kb, run, shared, sql};

type Set = BTreeSet<String>;
/// What a condition cites of one kind (causes, symptoms or treatments).
type Items = fn(&Cond) -> Set;

/// `kb ARGS... --format json`, parsed.
fn json(db: &Path, args: &[&str]) -> Value {
    let out = run(db, &[args, &["--format", "json"]].concat());
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("kb {args:?}: {e}\n{out}"))
}

fn csv(db: &Path, args: &[&str]) -> Vec<Vec<String>> {
    parse_csv(&run(db, &[args, &["--format", "csv"]].concat()))
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

fn s(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_owned()
}

/// The strings of a JSON array (or the `key` field of each of its objects).
fn strs(v: &Value, key: Option<&str>) -> Vec<String> {
    arr(v).iter().map(|i| s(key.map_or(i, |k| &i[k]))).collect()
}

fn set<I: IntoIterator<Item = S>, S: Into<String>>(items: I) -> Set {
    items.into_iter().map(Into::into).collect()
}

/// A small RFC 4180 reader: quoted fields, doubled quotes, embedded newlines.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') | (false, '"') => quoted = !quoted,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (_, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && row.is_empty(),
        "CSV must end with a full record"
    );
    rows
}

/// A temp dir holding a database seeded with the built-in seeds (`kb init`
/// outside the crate, so nothing but the built-in files is read) and then
/// with copies of the files in `dirs` (`kb seed`).
struct Db {
    _dir: TempDir,
    path: PathBuf,
}

fn seeded(dirs: &[PathBuf]) -> Db {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("kb.sqlite3");
    kb(&path).current_dir(dir.path()).arg("init").assert().success();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for d in dirs {
        for entry in std::fs::read_dir(d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_file() {
                std::fs::copy(&p, articles.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    kb(&path).arg("seed").arg(&articles).assert().success();
    Db { _dir: dir, path }
}

fn fixture_dirs() -> Vec<PathBuf> {
    ["tests/fixtures/shared", "tests/fixtures/queries"]
        .iter()
        .map(|d| crate_dir().join(d))
        .collect()
}

/// What one seed file says about one condition.
#[derive(Debug)]
struct Cond {
    name: String,
    aliases: Vec<String>,
    /// (type, its aliases, its causes), in document order.
    types: Vec<(String, Vec<String>, Vec<String>)>,
    general: Vec<String>,
    symptoms: Vec<String>,
    /// (treatment, kind)
    treatments: Vec<(String, String)>,
}

impl Cond {
    fn causes(&self) -> Set {
        let typed = self.types.iter().flat_map(|t| t.2.iter().cloned());
        typed.chain(self.general.iter().cloned()).collect()
    }

    fn symptom_set(&self) -> Set {
        set(self.symptoms.iter().cloned())
    }

    fn treatment_set(&self) -> Set {
        set(self.treatments.iter().map(|t| t.0.clone()))
    }

    /// cause -> the types citing it.
    fn types_by_cause(&self) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (ty, _, causes) in &self.types {
            for c in causes {
                let types = out.entry(c.clone()).or_default();
                if !types.contains(ty) {
                    types.push(ty.clone());
                }
            }
        }
        out
    }
}

/// Every condition of the seed files kb was seeded with in [`seeded`].
fn model() -> Vec<Cond> {
    let mut files = vec![crate_dir().join("seeds/calcinosis-cutis.json")];
    for d in fixture_dirs() {
        for entry in std::fs::read_dir(d).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "json") {
                files.push(p);
            }
        }
    }
    let out = conditions_of(&files);
    assert_eq!(out.len(), 4, "calcinosis cutis and three fixtures");
    out
}

fn conditions_of(files: &[PathBuf]) -> Vec<Cond> {
    let mut out = Vec::new();
    for f in files {
        let seed: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        for c in arr(&seed["conditions"]) {
            out.push(Cond {
                name: s(&c["name"]),
                aliases: strs(&c["aliases"], Some("name")),
                types: arr(&c["types"])
                    .iter()
                    .map(|t| {
                        let aliases = strs(&t["aliases"], Some("name"));
                        (s(&t["name"]), aliases, strs(&t["causes"], Some("name")))
                    })
                    .collect(),
                general: strs(&c["general_causes"], Some("name")),
                symptoms: strs(&c["symptoms"], Some("name")),
                treatments: arr(&c["treatments"])
                    .iter()
                    .map(|t| (s(&t["name"]), s(&t["kind"])))
                    .collect(),
            });
        }
    }
    out
}

/// item -> conditions citing it, for items cited by two or more conditions.
fn shared_by(model: &[Cond], items: impl Fn(&Cond) -> Set) -> BTreeMap<String, Set> {
    let mut by: BTreeMap<String, Set> = BTreeMap::new();
    for c in model {
        for i in items(c) {
            by.entry(i).or_default().insert(c.name.clone());
        }
    }
    by.retain(|_, conditions| conditions.len() > 1);
    by
}

/// A `group_concat` column of a view, as a set.
/// A list column of a view: a JSON array of names, in order.
fn split(v: &Value) -> Set {
    let list: Vec<String> = serde_json::from_str(&s(v)).expect("a JSON array of names");
    let mut sorted = list.clone();
    sorted.sort();
    assert_eq!(list, sorted, "view lists are alphabetical");
    set(list)
}

#[test]
fn show_finds_a_condition_by_name_slug_alias_and_type_name() {
    let db = seeded(&fixture_dirs());
    for c in model() {
        let record = json(&db.path, &["show", &c.name]);
        assert_eq!(record["condition"], c.name.as_str());
        assert_eq!(
            set(strs(&record["aliases"], None)),
            set(c.aliases.clone()),
            "{}",
            c.name
        );
        let types = arr(&record["types"]);
        let got: Vec<String> = types.iter().map(|t| s(&t["name"])).collect();
        let want: Vec<String> = c.types.iter().map(|t| t.0.clone()).collect();
        assert_eq!(got, want, "types of {} in document order", c.name);
        for (t, (_, aliases, causes)) in types.iter().zip(&c.types) {
            assert_eq!(
                strs(&t["causes"], Some("name")),
                *causes,
                "causes of {}",
                t["name"]
            );
            assert_eq!(set(strs(&t["aliases"], None)), set(aliases.clone()));
        }
        assert_eq!(strs(&record["general_causes"], Some("name")), c.general);
        assert_eq!(strs(&record["symptoms"], Some("name")), c.symptoms);
        let treatments: Vec<(String, String)> = arr(&record["treatments"])
            .iter()
            .map(|t| (s(&t["name"]), s(&t["kind"])))
            .collect();
        assert_eq!(treatments, c.treatments, "treatments of {}", c.name);

        // Every other way of naming it finds the same record.
        let slug = s(&record["slug"]);
        let mut names = vec![slug, c.name.to_uppercase()];
        names.extend(c.aliases.iter().cloned());
        for (ty, aliases, _) in &c.types {
            names.push(ty.clone());
            names.push(ty.replace(' ', "-"));
            names.extend(aliases.iter().cloned());
        }
        for name in names {
            assert_eq!(json(&db.path, &["show", &name]), record, "kb show {name:?}");
        }
    }
    // A misspelling alias in slug form, as in the README.
    let r = json(&db.path, &["show", "latrogenic-calcinosis-cutis"]);
    assert_eq!(r["condition"], "calcinosis cutis");
}

#[test]
fn show_of_an_unknown_condition_is_a_user_error_with_a_suggestion() {
    let db = seeded(&fixture_dirs());
    for (typo, meant) in [
        ("swet rash", "sweat rash"),
        ("sweat rashes", "sweat rash"),
        ("intertrgo", "sweat rash"),
        ("calcinosis cutiss", "calcinosis cutis"),
    ] {
        let out = kb(&db.path)
            .args(["show", typo, "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(65), "kb show {typo:?}");
        assert!(out.stdout.is_empty(), "no record for {typo:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(typo), "{err}");
        assert!(
            err.contains("did you mean") && err.contains(&format!("'{meant}'")),
            "{err}"
        );
    }
    let out = kb(&db.path).args(["show", "qqqqzzzz"]).output().unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown condition") && !err.contains("did you mean"),
        "{err}"
    );
}

#[test]
fn show_as_csv_and_table_has_every_fact() {
    let db = seeded(&fixture_dirs());
    let model = model();
    let c = model.iter().find(|c| c.name == "sweat rash").unwrap();
    let rows = csv(&db.path, &["show", "intertrigo"]);
    assert_eq!(rows[0], ["section", "type", "name", "detail", "source"]);
    let of = |section: &str| -> Vec<(String, String)> {
        let rows = rows[1..].iter().filter(|r| r[0] == section);
        rows.map(|r| (r[1].clone(), r[2].clone())).collect()
    };
    assert_eq!(of("condition"), [(String::new(), c.name.clone())]);
    let mut causes: Vec<(String, String)> = Vec::new();
    for (ty, _, tc) in &c.types {
        causes.extend(tc.iter().map(|x| (ty.clone(), x.clone())));
    }
    causes.extend(c.general.iter().map(|x| ("(any)".to_owned(), x.clone())));
    assert_eq!(of("cause"), causes);
    let bare = |names: &[String]| -> Vec<(String, String)> {
        names.iter().map(|n| (String::new(), n.clone())).collect()
    };
    assert_eq!(of("symptom"), bare(&c.symptoms));
    let names: Vec<String> = c.treatments.iter().map(|t| t.0.clone()).collect();
    assert_eq!(of("treatment"), bare(&names));
    // Every row cites its quote in the CSV, e.g. `sweat-rash:17 "friction"`.
    for r in &rows[1..] {
        assert!(r[4].starts_with("sweat-rash:") && r[4].contains('"'), "{r:?}");
    }
    // CSV quotes are the stored text exactly, odd white space included (the
    // built-in article has no-break spaces inside quotes).
    let odd: Vec<String> = sql(
        &db.path,
        "SELECT DISTINCT q.text FROM quote q JOIN facts f ON f.quote_id = q.id \
         WHERE instr(q.text, char(160)) > 0 AND f.condition = 'calcinosis-cutis' \
         AND f.kind NOT IN ('treatment-note', 'alias')",
    )
    .iter()
    .map(|r| s(&r["text"]))
    .collect();
    assert!(
        !odd.is_empty(),
        "the built-in article has quotes with no-break spaces"
    );
    let cited: String = csv(&db.path, &["show", "calcinosis cutis"])
        .iter()
        .map(|r| r[4].clone())
        .collect();
    for quote in &odd {
        assert!(
            cited.contains(&format!("\"{quote}\"")),
            "{quote:?} not verbatim in the CSV"
        );
    }

    let table = run(&db.path, &["show", "sweat-rash"]);
    for (ty, _, tc) in &c.types {
        assert!(
            table.contains(&format!("type {ty}: {}", tc.join("; "))),
            "{table}"
        );
    }
    // Symptoms in order, each maybe followed by its HPO ids ("itching [HP:0000989]").
    let line = table
        .lines()
        .find(|l| l.trim_start().starts_with("symptoms: "))
        .unwrap();
    let mut rest = line;
    for symptom in &c.symptoms {
        let at = rest
            .find(symptom.as_str())
            .unwrap_or_else(|| panic!("{symptom} in {line}"));
        rest = &rest[at + symptom.len()..];
    }
}

#[test]
fn shared_causes_of_a_condition_agree_with_the_seed_files_and_the_views() {
    let db = seeded(&fixture_dirs());
    let model = model();
    let view = |q: &str| -> Vec<Value> { sql(&db.path, q) };
    let across = view(
        "SELECT c.name AS condition, s.cause_name, s.type_count, s.types FROM shared_causes_across_types s \
         JOIN condition c ON c.slug = s.condition",
    );
    let unique = view(
        "SELECT c.name AS condition, u.cause_name, u.type_name FROM causes_unique_to_type u \
         JOIN condition c ON c.slug = u.condition",
    );
    let mut shared_somewhere = 0;
    for c in &model {
        let by_cause = c.types_by_cause();
        let want: Vec<(String, Vec<String>)> = by_cause
            .iter()
            .filter(|(_, t)| t.len() > 1)
            .map(|(c, t)| (c.clone(), t.clone()))
            .collect();
        shared_somewhere += want.len();
        let got = json(&db.path, &["shared-causes", &c.name]);
        let mut got: Vec<(String, Vec<String>)> = arr(&got)
            .iter()
            .map(|r| (s(&r["cause"]), strs(&r["types"], None)))
            .collect();
        got.sort();
        assert_eq!(got, want, "causes shared across the types of {}", c.name);

        let mut from_view: Vec<(String, Vec<String>)> = across
            .iter()
            .filter(|r| r["condition"] == c.name.as_str())
            .map(|r| {
                assert_eq!(r["type_count"].as_i64(), Some(split(&r["types"]).len() as i64));
                (s(&r["cause_name"]), split(&r["types"]).into_iter().collect())
            })
            .collect();
        from_view.sort();
        let want_sets: Vec<(String, Vec<String>)> = want
            .iter()
            .map(|(c, t)| (c.clone(), set(t.clone()).into_iter().collect()))
            .collect();
        assert_eq!(from_view, want_sets, "shared_causes_across_types for {}", c.name);

        let want: Set = by_cause
            .iter()
            .filter(|(_, t)| t.len() == 1)
            .map(|(cause, t)| format!("{cause} <- {}", t[0]))
            .collect();
        let got = json(&db.path, &["shared-causes", &c.name, "--unique"]);
        let got: Set = arr(&got)
            .iter()
            .map(|r| {
                assert_eq!(arr(&r["types"]).len(), 1, "{r}");
                format!("{} <- {}", s(&r["cause"]), s(&r["types"][0]))
            })
            .collect();
        assert_eq!(got, want, "causes unique to one type of {}", c.name);
        let from_view: Set = unique
            .iter()
            .filter(|r| r["condition"] == c.name.as_str())
            .map(|r| format!("{} <- {}", s(&r["cause_name"]), s(&r["type_name"])))
            .collect();
        assert_eq!(from_view, want, "causes_unique_to_type for {}", c.name);
    }
    assert!(shared_somewhere >= 3, "the fixtures share causes across types");

    let table = run(&db.path, &["shared-causes", "fold sweat rash"]);
    assert!(
        table.contains("friction") && table.contains("fold sweat rash; sport sweat rash"),
        "{table}"
    );
    let rows = csv(&db.path, &["shared-causes", "sweat rash", "--unique"]);
    assert_eq!(rows[0], ["cause", "types"]);
    assert!(rows.contains(&vec!["wet nappies".to_owned(), "nappy sweat rash".to_owned()]));

    // --unique needs a condition: a usage error.
    kb(&db.path).args(["shared-causes", "--unique"]).assert().code(2);
}

#[test]
fn shared_causes_across_conditions_agree_with_the_seed_files_and_the_view() {
    let db = seeded(&fixture_dirs());
    let want = shared_by(&model(), Cond::causes);
    assert!(want.len() >= 3, "{want:?}");
    let got = json(&db.path, &["shared-causes"]);
    let got: BTreeMap<String, Set> = arr(&got)
        .iter()
        .map(|r| {
            let conditions = strs(&r["conditions"], None);
            let mut sorted = conditions.clone();
            sorted.sort();
            assert_eq!(conditions, sorted, "conditions are alphabetical");
            (s(&r["name"]), set(conditions))
        })
        .collect();
    assert_eq!(got, want);

    let view = sql(
        &db.path,
        "SELECT cause_name, condition_count, conditions FROM shared_causes",
    );
    let from_view: BTreeMap<String, Set> = view
        .iter()
        .map(|r| {
            assert_eq!(
                r["condition_count"].as_i64(),
                Some(split(&r["conditions"]).len() as i64)
            );
            (s(&r["cause_name"]), split(&r["conditions"]))
        })
        .collect();
    assert_eq!(from_view, want, "the shared_causes view");

    let rows = csv(&db.path, &["shared-causes"]);
    assert_eq!(rows[0], ["name", "conditions"]);
    let from_csv: BTreeMap<String, Set> = rows[1..]
        .iter()
        .map(|r| (r[0].clone(), set(r[1].split("; ").map(str::to_owned))))
        .collect();
    assert_eq!(from_csv, want);
}

/// What `c` shares with `d`: (causes, symptoms, treatments).
fn in_common(c: &Cond, d: &Cond) -> (Set, Set, Set) {
    (
        &c.causes() & &d.causes(),
        &c.symptom_set() & &d.symptom_set(),
        &c.treatment_set() & &d.treatment_set(),
    )
}

#[test]
fn related_lists_what_a_condition_shares_with_each_other_one() {
    let db = seeded(&fixture_dirs());
    let model = model();
    let mut answers: BTreeMap<String, BTreeMap<String, (Set, Set, Set)>> = BTreeMap::new();
    for c in &model {
        let want: BTreeMap<String, (Set, Set, Set)> = model
            .iter()
            .filter(|d| d.name != c.name)
            .map(|d| (d.name.clone(), in_common(c, d)))
            .filter(|(_, (x, y, z))| !(x.is_empty() && y.is_empty() && z.is_empty()))
            .collect();
        let got = json(&db.path, &["related", &c.name]);
        let sizes: Vec<usize> = arr(&got)
            .iter()
            .map(|r| arr(&r["causes"]).len() + arr(&r["symptoms"]).len() + arr(&r["treatments"]).len())
            .collect();
        assert!(
            sizes.windows(2).all(|w| w[0] >= w[1]),
            "most in common first: {sizes:?}"
        );
        let got: BTreeMap<String, (Set, Set, Set)> = arr(&got)
            .iter()
            .map(|r| {
                let f = |k: &str| set(strs(&r[k], None));
                (s(&r["condition"]), (f("causes"), f("symptoms"), f("treatments")))
            })
            .collect();
        assert_eq!(got, want, "kb related {:?}", c.name);
        answers.insert(c.name.clone(), got);
    }
    assert!(answers["sweat rash"].len() >= 2, "{answers:?}");
    // Symmetric: what c shares with d, d shares with c.
    for (c, related) in &answers {
        for (d, shared) in related {
            assert_eq!(answers[d].get(c), Some(shared), "{c} / {d}");
        }
    }
    let table = run(&db.path, &["related", "prickle rash"]);
    assert!(
        table.contains("causes") && table.contains("sweat rash"),
        "{table}"
    );
}

#[test]
fn related_without_a_condition_lists_everything_shared() {
    let db = seeded(&fixture_dirs());
    let model = model();
    let kinds: [(&str, Items, &str); 3] = [
        (
            "cause",
            Cond::causes,
            "SELECT cause_name AS name, conditions FROM shared_causes",
        ),
        (
            "symptom",
            Cond::symptom_set,
            "SELECT symptom_name AS name, conditions FROM shared_symptoms",
        ),
        (
            "treatment",
            Cond::treatment_set,
            "SELECT treatment_name AS name, conditions FROM shared_treatments",
        ),
    ];
    let got = json(&db.path, &["related"]);
    let rows = csv(&db.path, &["related"]);
    assert_eq!(rows[0], ["kind", "name", "conditions"]);
    for (kind, items, view) in kinds {
        let want = shared_by(&model, items);
        assert!(!want.is_empty(), "the fixtures share a {kind}");
        let of_kind: BTreeMap<String, Set> = arr(&got)
            .iter()
            .filter(|r| r["kind"] == kind)
            .map(|r| (s(&r["name"]), set(strs(&r["conditions"], None))))
            .collect();
        assert_eq!(of_kind, want, "shared {kind}s");
        let from_view: BTreeMap<String, Set> = sql(&db.path, view)
            .iter()
            .map(|r| (s(&r["name"]), split(&r["conditions"])))
            .collect();
        assert_eq!(from_view, want, "{view}");
        let from_csv: BTreeMap<String, Set> = rows[1..]
            .iter()
            .filter(|r| r[0] == kind)
            .map(|r| (r[1].clone(), set(r[2].split("; ").map(str::to_owned))))
            .collect();
        assert_eq!(from_csv, want, "CSV {kind}s");
    }
    assert_eq!(arr(&got).len(), rows.len() - 1);
}

/// Words of a name, lower case, with a plural `s` dropped: enough of a
/// stemmer for the fixture's symptom names.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            w.strip_suffix('s')
                .filter(|r| r.len() > 2)
                .map_or(w.clone(), str::to_owned)
        })
        .collect()
}

/// A term matches a symptom when every word of the term is a word of it.
fn term_matches(term: &str, symptom: &str) -> bool {
    let symptom = words(symptom);
    words(term).iter().all(|w| symptom.contains(w))
}

#[test]
fn match_ranks_by_matched_terms_then_symptom_coverage() {
    let db = seeded(&fixture_dirs());
    let model = model();
    let queries: [&[&str]; 6] = [
        &["itching", "redness"],
        &["itching"],
        &["blisters", "burning", "lesions", "xyzzy"],
        &["small blisters"],
        &["Redness", "tender lesions", "ulceration"],
        &["xyzzy"],
    ];
    let mut nonempty = 0;
    for terms in queries {
        // (matched terms / terms, matched symptoms / its symptoms, name), best first.
        let mut want: Vec<(f64, f64, String, Set, Set)> = Vec::new();
        for c in &model {
            let terms_hit: Set = terms
                .iter()
                .filter(|t| c.symptoms.iter().any(|s| term_matches(t, s)))
                .map(|t| t.to_string())
                .collect();
            let symptoms_hit: Set = c
                .symptoms
                .iter()
                .filter(|s| terms.iter().any(|t| term_matches(t, s)))
                .cloned()
                .collect();
            if !terms_hit.is_empty() {
                let by_terms = terms_hit.len() as f64 / terms.len() as f64;
                let coverage = symptoms_hit.len() as f64 / c.symptoms.len() as f64;
                want.push((by_terms, coverage, c.name.clone(), terms_hit, symptoms_hit));
            }
        }
        want.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));

        let got = json(&db.path, &[&["match"], terms].concat());
        let got = arr(&got);
        let names: Vec<String> = got.iter().map(|m| s(&m["condition"])).collect();
        let want_names: Vec<String> = want.iter().map(|w| w.2.clone()).collect();
        assert_eq!(names, want_names, "kb match {terms:?}");
        for (m, (by_terms, coverage, name, terms_hit, symptoms_hit)) in got.iter().zip(&want) {
            assert_eq!(set(strs(&m["matched_terms"], None)), *terms_hit, "{name}");
            assert_eq!(set(strs(&m["matched_symptoms"], None)), *symptoms_hit, "{name}");
            let c = model.iter().find(|c| &c.name == name).unwrap();
            assert_eq!(m["total_symptoms"].as_u64(), Some(c.symptoms.len() as u64));
            let score = m["score"].as_f64().unwrap();
            assert!(
                score >= *by_terms && score <= by_terms + 0.01,
                "{name}: {score} for {coverage}"
            );
        }
        // Scores order the ranking: strictly lower where the keys are lower.
        for (a, b) in got
            .iter()
            .zip(got.iter().skip(1))
            .zip(want.iter().zip(want.iter().skip(1)))
        {
            let (sa, sb) = (a.0["score"].as_f64().unwrap(), a.1["score"].as_f64().unwrap());
            let tie = (b.0 .0, b.0 .1) == (b.1 .0, b.1 .1);
            assert!(if tie { sa == sb } else { sa > sb }, "{terms:?}: {a:?}");
        }
        nonempty += usize::from(!got.is_empty());
    }
    assert_eq!(nonempty, queries.len() - 1);

    // Stemmed: "blister" finds "small blisters".
    let got = json(&db.path, &["match", "blister"]);
    assert_eq!(
        set(strs(&got, Some("condition"))),
        set(["heat bumps", "sweat rash"])
    );

    // Symptom counts agree with the condition_symptoms view.
    let view = sql(
        &db.path,
        "SELECT condition_name, count(DISTINCT symptom) AS n FROM condition_symptoms GROUP BY condition",
    );
    for r in view {
        let c = model
            .iter()
            .find(|c| r["condition_name"] == c.name.as_str())
            .unwrap();
        assert_eq!(r["n"].as_u64(), Some(c.symptoms.len() as u64));
    }

    let table = run(&db.path, &["match", "itching", "redness"]);
    let first = table
        .lines()
        .find(|l| l.contains("rash") || l.contains("bumps"))
        .unwrap();
    assert!(
        first.contains("contact rash") && first.contains("itching; redness"),
        "{table}"
    );
    kb(&db.path).arg("match").assert().code(2);
}

/// document slug -> body, as stored.
fn bodies(db: &Path) -> BTreeMap<String, String> {
    let rows = sql(db, "SELECT slug, body FROM document");
    rows.iter().map(|r| (s(&r["slug"]), s(&r["body"]))).collect()
}

/// Every hit's quote is the stored document's text at its byte offsets.
fn assert_hits_verbatim(hits: &Value, bodies: &BTreeMap<String, String>) {
    for h in arr(hits) {
        let src = &h["source"];
        let body = bodies[&s(&src["document"])].as_bytes();
        let (start, end) = (
            src["start_byte"].as_u64().unwrap(),
            src["end_byte"].as_u64().unwrap(),
        );
        let quote = s(&src["quote"]);
        assert_eq!(
            body.get(start as usize..end as usize),
            Some(quote.as_bytes()),
            "{h}"
        );
        let line = 1 + body[..start as usize].iter().filter(|b| **b == b'\n').count();
        assert_eq!(src["line"].as_u64(), Some(line as u64), "{h}");
    }
}

#[test]
fn search_finds_facts_by_name_alias_and_source_text_with_verbatim_quotes() {
    let db = seeded(&fixture_dirs());
    let model = model();
    let bodies = bodies(&db.path);

    // Every statement of a cause named with the word, by condition and type.
    let hits = json(&db.path, &["search", "friction"]);
    let mut want = Set::new();
    for c in &model {
        for (ty, _, causes) in &c.types {
            for x in causes
                .iter()
                .filter(|x| words(x).contains(&"friction".to_owned()))
            {
                want.insert(format!("type-cause|{}|{ty}|{x}", c.name));
            }
        }
    }
    assert!(want.len() >= 4, "{want:?}");
    let got: Set = arr(&hits)
        .iter()
        .map(|h| {
            let ty = h["type"].as_str().unwrap_or("");
            format!("{}|{}|{ty}|{}", s(&h["kind"]), s(&h["condition"]), s(&h["name"]))
        })
        .collect();
    assert_eq!(got, want);
    assert_hits_verbatim(&hits, &bodies);

    // By alias: a document alias of a condition, a misspelling of a type.
    let hits = json(&db.path, &["search", "prickle"]);
    assert!(
        arr(&hits)
            .iter()
            .any(|h| h["kind"] == "condition" && h["name"] == "heat bumps"),
        "{hits}"
    );
    assert_hits_verbatim(&hits, &bodies);
    let hits = json(&db.path, &["search", "latrogenic"]);
    assert!(
        arr(&hits)
            .iter()
            .any(|h| h["kind"] == "type" && h["name"] == "iatrogenic calcinosis cutis"),
        "{hits}"
    );
    assert_hits_verbatim(&hits, &bodies);

    // Stemmed, all words required, and limited.
    let hits = json(&db.path, &["search", "blister"]);
    let got: Set = arr(&hits).iter().map(|h| s(&h["condition"])).collect();
    assert_eq!(got, set(["heat bumps", "sweat rash"]));
    assert!(arr(&hits).iter().all(|h| h["name"] == "small blisters"));
    assert_hits_verbatim(&hits, &bodies);
    assert_eq!(
        json(&db.path, &["search", "friction", "xyzzy"]),
        Value::Array(vec![])
    );
    assert_eq!(
        json(&db.path, &["search", "--limit", "2", "friction"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(json(&db.path, &["search", "!!!"]), Value::Array(vec![]));

    let rows = csv(&db.path, &["search", "hot", "weather"]);
    assert_eq!(rows[0], ["kind", "condition", "name", "matched", "source"]);
    let hot_weather = model.iter().flat_map(|c| &c.types).flat_map(|t| &t.2);
    assert_eq!(
        rows.len() - 1,
        hot_weather.filter(|x| *x == "hot weather").count()
    );
    let table = run(&db.path, &["search", "nickel"]);
    assert!(table.contains("nickel (allergic contact rash)"), "{table}");
}

#[test]
fn list_gives_every_entity_with_the_conditions_citing_it() {
    let db = seeded(&fixture_dirs());
    let model = model();
    let count = |items: fn(&Cond) -> Set| -> BTreeMap<String, i64> {
        let mut n: BTreeMap<String, i64> = BTreeMap::new();
        for c in &model {
            for i in items(c) {
                *n.entry(i).or_default() += 1;
            }
        }
        n
    };
    let listed = |what: &str| -> BTreeMap<String, i64> {
        let rows = json(&db.path, &["list", what]);
        let names = strs(&rows, Some("name"));
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "kb list {what} is alphabetical");
        arr(&rows)
            .iter()
            .map(|r| {
                // A condition is listed by slug and name alone.
                let n = if what == "conditions" {
                    assert!(r.get("conditions").is_none() && r.get("kind").is_none(), "{r}");
                    1
                } else {
                    r["conditions"].as_i64().unwrap()
                };
                (s(&r["name"]), n)
            })
            .collect()
    };
    let conditions: BTreeMap<String, i64> = model.iter().map(|c| (c.name.clone(), 1)).collect();
    assert_eq!(listed("conditions"), conditions);
    assert_eq!(listed("causes"), count(Cond::causes));
    assert_eq!(listed("symptoms"), count(Cond::symptom_set));
    assert_eq!(listed("treatments"), count(Cond::treatment_set));

    let kinds: BTreeMap<String, String> = model.iter().flat_map(|c| c.treatments.iter().cloned()).collect();
    let rows = json(&db.path, &["list", "treatments"]);
    let got: BTreeMap<String, String> = arr(&rows)
        .iter()
        .map(|r| (s(&r["name"]), s(&r["kind"])))
        .collect();
    assert_eq!(got, kinds);
    assert!(arr(&json(&db.path, &["list", "causes"]))
        .iter()
        .all(|r| r.get("kind").is_none()));

    let rows = csv(&db.path, &["list", "causes"]);
    // Causes have no kind: no empty kind column (the JSON has no such key).
    assert_eq!(rows[0], ["slug", "name", "conditions"]);
    let from_csv: BTreeMap<String, i64> = rows[1..]
        .iter()
        .map(|r| (r[1].clone(), r[2].parse().unwrap()))
        .collect();
    assert_eq!(from_csv, count(Cond::causes));
    let table = run(&db.path, &["list", "conditions"]);
    assert!(model.iter().all(|c| table.contains(&c.name)), "{table}");
    kb(&db.path).args(["list", "diseases"]).assert().code(2);
}

/// The sweat rash article edited to put a new first type before the others
/// (`tests/fixtures/queries/reordered/`), seeded over the original.
fn reseeded() -> (Db, Cond) {
    let db = seeded(&fixture_dirs());
    let edited = crate_dir().join("tests/fixtures/queries/reordered");
    kb(&db.path).arg("seed").arg(&edited).assert().success();
    let mut model = conditions_of(&[edited.join("sweat-rash.json")]);
    (db, model.remove(0))
}

#[test]
fn reseeding_an_edited_article_updates_every_query() {
    let (db, c) = reseeded();
    let record = json(&db.path, &["show", "sweat rash"]);
    let types: Vec<(String, Vec<String>)> = arr(&record["types"])
        .iter()
        .map(|t| (s(&t["name"]), strs(&t["causes"], Some("name"))))
        .collect();
    let want: Vec<(String, Vec<String>)> = c.types.iter().map(|t| (t.0.clone(), t.2.clone())).collect();
    assert_eq!(types, want, "show gives the edited article's types in its order");

    let want: BTreeMap<String, Set> = c
        .types_by_cause()
        .into_iter()
        .filter(|(_, t)| t.len() > 1)
        .map(|(x, t)| (x, set(t)))
        .collect();
    assert_eq!(want["friction"].len(), 3, "{want:?}");
    let got = json(&db.path, &["shared-causes", "sweat rash"]);
    let got: BTreeMap<String, Set> = arr(&got)
        .iter()
        .map(|r| (s(&r["cause"]), set(strs(&r["types"], None))))
        .collect();
    assert_eq!(got, want);
    let view = sql(
        &db.path,
        "SELECT cause_name, types FROM shared_causes_across_types WHERE condition = 'sweat-rash'",
    );
    let from_view: BTreeMap<String, Set> = view
        .iter()
        .map(|r| (s(&r["cause_name"]), split(&r["types"])))
        .collect();
    assert_eq!(from_view, want);
    let listed = json(&db.path, &["list", "conditions"]);
    assert_eq!(
        arr(&listed).len(),
        4,
        "the edit replaced the article, it did not add one"
    );
}

/// `CauseTypes::types` is documented as "Type names, in the condition's
/// order", which `kb show` gives as the document order; a re-seed that adds
/// a type before the others must not leave shared-causes in row-id order.
#[test]
fn shared_causes_list_types_in_the_order_show_gives_after_a_reseed() {
    let (db, _) = reseeded();
    let record = json(&db.path, &["show", "sweat rash"]);
    let order: Vec<String> = strs(&record["types"], Some("name"));
    for args in [
        &["shared-causes", "sweat rash"][..],
        &["shared-causes", "sweat rash", "--unique"],
    ] {
        let rows = json(&db.path, args);
        for r in arr(&rows) {
            let types = strs(&r["types"], None);
            let mut in_order = types.clone();
            in_order.sort_by_key(|t| order.iter().position(|o| o == t));
            assert_eq!(
                types,
                in_order,
                "kb {args:?}: {} (show order {order:?})",
                s(&r["cause"])
            );
        }
        if args.len() == 3 {
            // One row per unique cause: rows follow the condition's type order.
            let firsts: Vec<String> = arr(&rows).iter().map(|r| s(&r["types"][0])).collect();
            let mut in_order = firsts.clone();
            in_order.sort_by_key(|t| order.iter().position(|o| o == t));
            assert_eq!(firsts, in_order, "kb {args:?}");
        }
    }
}

#[test]
fn corpus_articles_keep_the_relational_invariants() {
    let corpus = shared("corpus/documents");
    let dir = TempDir::new().unwrap();
    let docs = dir.path().join("corpus");
    std::fs::create_dir(&docs).unwrap();
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "txt") {
            std::fs::copy(&p, docs.join(p.file_name().unwrap())).unwrap();
        }
    }
    let db = seeded(&[docs.clone(), crate_dir().join("tests/fixtures/shared")]);
    let conditions = strs(&json(&db.path, &["list", "conditions"]), Some("name"));
    assert!(conditions.len() >= 5, "{conditions:?}");

    // condition -> its record, and what it cites.
    let records: BTreeMap<String, Value> = conditions
        .iter()
        .map(|c| (c.clone(), json(&db.path, &["show", c])))
        .collect();
    let cites = |r: &Value, what: &str| -> Set {
        match what {
            "causes" => {
                let typed = arr(&r["types"])
                    .iter()
                    .flat_map(|t| strs(&t["causes"], Some("name")));
                typed.chain(strs(&r["general_causes"], Some("name"))).collect()
            }
            _ => set(strs(&r[what], Some("name"))),
        }
    };

    let across = sql(
        &db.path,
        "SELECT c.name AS condition, s.cause_name, s.types FROM shared_causes_across_types s \
         JOIN condition c ON c.slug = s.condition",
    );
    for (c, r) in &records {
        let mut types_by_cause: BTreeMap<String, Set> = BTreeMap::new();
        for t in arr(&r["types"]) {
            for x in strs(&t["causes"], Some("name")) {
                types_by_cause.entry(x).or_default().insert(s(&t["name"]));
            }
        }
        let want: BTreeMap<String, Set> = types_by_cause
            .clone()
            .into_iter()
            .filter(|(_, t)| t.len() > 1)
            .collect();
        let got = json(&db.path, &["shared-causes", c]);
        let got: BTreeMap<String, Set> = arr(&got)
            .iter()
            .map(|x| (s(&x["cause"]), set(strs(&x["types"], None))))
            .collect();
        assert_eq!(got, want, "shared-causes {c:?} against show");
        let from_view: BTreeMap<String, Set> = across
            .iter()
            .filter(|x| x["condition"] == c.as_str())
            .map(|x| (s(&x["cause_name"]), split(&x["types"])))
            .collect();
        assert_eq!(from_view, want, "shared_causes_across_types for {c:?}");
        let unique = json(&db.path, &["shared-causes", c, "--unique"]);
        let unique: BTreeMap<String, Set> = arr(&unique)
            .iter()
            .map(|x| (s(&x["cause"]), set(strs(&x["types"], None))))
            .collect();
        let want: BTreeMap<String, Set> = types_by_cause.into_iter().filter(|(_, t)| t.len() == 1).collect();
        assert_eq!(unique, want, "shared-causes {c:?} --unique against show");
    }

    // Every alias, type name and type alias claimed by one condition finds it.
    let mut claims: BTreeMap<String, Set> = BTreeMap::new();
    for (c, r) in &records {
        let types = arr(&r["types"]);
        let mut names = strs(&r["aliases"], None);
        names.extend(types.iter().map(|t| s(&t["name"])));
        names.extend(types.iter().flat_map(|t| strs(&t["aliases"], None)));
        for n in names {
            claims.entry(n).or_default().insert(c.clone());
        }
    }
    for (name, by) in claims.iter().filter(|(_, by)| by.len() == 1) {
        let c = by.first().unwrap();
        assert_eq!(
            json(&db.path, &["show", name])["condition"],
            c.as_str(),
            "kb show {name:?}"
        );
    }

    // related: what show says two conditions have in common, both ways.
    let mut related: BTreeMap<(String, String), Vec<Set>> = BTreeMap::new();
    for c in &conditions {
        for r in arr(&json(&db.path, &["related", c])) {
            let kinds = ["causes", "symptoms", "treatments"];
            let shared: Vec<Set> = kinds.iter().map(|k| set(strs(&r[k], None))).collect();
            let d = s(&r["condition"]);
            let mut want: Vec<Set> = kinds
                .iter()
                .map(|k| &cites(&records[c], k) & &cites(&records[&d], k))
                .collect();
            // Symptoms with one HPO code count as one (listed under the
            // first of c's names with that code); the others by name.
            want[1] = shared_symptoms(&records[c], &records[&d]);
            assert_eq!(shared, want, "related {c:?}: {d:?}");
            related.insert((c.clone(), d), shared);
        }
    }
    for ((c, d), shared) in &related {
        // Symptom names differ by side when they share a code, not their number.
        let other = related.get(&(d.clone(), c.clone()));
        let sizes = |v: &Vec<Set>| v.iter().map(Set::len).collect::<Vec<_>>();
        assert_eq!(
            other.map(sizes),
            Some(sizes(shared)),
            "related {c:?} / {d:?} symmetric"
        );
        assert_eq!((&other.unwrap()[0], &other.unwrap()[2]), (&shared[0], &shared[2]));
    }
    for c in &conditions {
        for d in conditions.iter().filter(|d| *d != c) {
            let any = ["causes", "treatments"]
                .iter()
                .any(|k| !(&cites(&records[c], k) & &cites(&records[d], k)).is_empty())
                || !shared_symptoms(&records[c], &records[d]).is_empty();
            assert_eq!(
                related.contains_key(&(c.clone(), d.clone())),
                any,
                "{c:?} / {d:?}"
            );
        }
    }

    // related without a condition: items cited by two or more conditions,
    // as show and the shared_* views give them.
    let everything = json(&db.path, &["related"]);
    for (kind, key, view) in [
        (
            "cause",
            "causes",
            "SELECT cause_name AS name, conditions FROM shared_causes",
        ),
        (
            "symptom",
            "symptoms",
            "SELECT symptom_name AS name, conditions FROM shared_symptoms",
        ),
        (
            "treatment",
            "treatments",
            "SELECT treatment_name AS name, conditions FROM shared_treatments",
        ),
    ] {
        let mut want: BTreeMap<String, Set> = BTreeMap::new();
        for (c, r) in &records {
            for x in cites(r, key) {
                want.entry(x).or_default().insert(c.clone());
            }
        }
        want.retain(|_, by| by.len() > 1);
        let got: BTreeMap<String, Set> = arr(&everything)
            .iter()
            .filter(|r| r["kind"] == kind)
            .map(|r| (s(&r["name"]), set(strs(&r["conditions"], None))))
            .collect();
        assert_eq!(got, want, "kb related: shared {key}");
        let from_view: BTreeMap<String, Set> = sql(&db.path, view)
            .iter()
            .map(|r| (s(&r["name"]), split(&r["conditions"])))
            .collect();
        if kind == "symptom" {
            // The view counts symptoms sharing an HPO code as one symptom.
            assert_eq!(from_view, symptoms_by_code(&records), "{view}");
        } else {
            assert_eq!(from_view, want, "{view}");
        }
    }

    // list: citing conditions per item, counted from show.
    for what in ["causes", "symptoms", "treatments"] {
        let mut want: BTreeMap<String, i64> = BTreeMap::new();
        for r in records.values() {
            for x in cites(r, what) {
                *want.entry(x).or_default() += 1;
            }
        }
        let got = json(&db.path, &["list", what]);
        let got: BTreeMap<String, i64> = arr(&got)
            .iter()
            .map(|e| (s(&e["name"]), e["conditions"].as_i64().unwrap()))
            .collect();
        assert_eq!(got, want, "kb list {what}");
    }

    // match: a condition's own symptom names rank it first (or tied first).
    let mut matched = 0;
    for (c, r) in &records {
        let symptoms = strs(&r["symptoms"], Some("name"));
        if symptoms.is_empty() {
            continue;
        }
        let args: Vec<&str> = std::iter::once("match")
            .chain(symptoms.iter().map(String::as_str))
            .collect();
        let ranked = json(&db.path, &args);
        let ranked = arr(&ranked);
        let mine = ranked
            .iter()
            .find(|m| m["condition"] == c.as_str())
            .unwrap_or_else(|| panic!("{c:?} not matched by its own symptoms"));
        assert_eq!(
            set(strs(&mine["matched_terms"], None)),
            set(symptoms.clone()),
            "{c:?}"
        );
        assert_eq!(
            ranked[0]["score"], mine["score"],
            "{c:?} ranks first for its own symptoms"
        );
        matched += 1;
    }
    assert!(matched >= 4);

    // search: every hit quotes its stored document verbatim.
    let bodies = bodies(&db.path);
    let mut searched = 0;
    for (c, r) in &records {
        let mut terms = vec![c.clone()];
        terms.extend(cites(r, "causes").into_iter().take(2));
        terms.extend(strs(&r["symptoms"], Some("name")).into_iter().take(1));
        for t in terms {
            let hits = json(&db.path, &["search", &t]);
            for h in arr(&hits) {
                assert!(bodies[&s(&h["source"]["document"])].contains(&s(&h["source"]["quote"])));
            }
            assert_hits_verbatim(&hits, &bodies);
            searched += arr(&hits).len();
        }
    }
    assert!(searched > 0);
}

/// What `kb related` lists as the symptoms `c` shares with `d`, from their
/// `kb show` records: an uncoded symptom both cite, by name, and for each
/// HPO code both have, the first (by name) of `c`'s symptoms with it.
fn shared_symptoms(c: &Value, d: &Value) -> Set {
    let codes = |r: &Value| -> BTreeMap<String, Set> {
        let mut by_code: BTreeMap<String, Set> = BTreeMap::new();
        for sym in arr(&r["symptoms"]) {
            for k in arr(&sym["codes"]) {
                by_code.entry(s(&k["code"])).or_default().insert(s(&sym["name"]));
            }
        }
        by_code
    };
    let uncoded = |r: &Value| -> Set {
        arr(&r["symptoms"])
            .iter()
            .filter(|x| arr(&x["codes"]).is_empty())
            .map(|x| s(&x["name"]))
            .collect()
    };
    let (cc, dc) = (codes(c), codes(d));
    let mut out = &uncoded(c) & &uncoded(d);
    for (code, names) in &cc {
        if dc.contains_key(code) {
            out.insert(names.first().unwrap().clone());
        }
    }
    out
}

/// shared_symptoms from `kb show` records: each symptom with the conditions
/// citing it or a symptom sharing one of its HPO codes, when two or more.
fn symptoms_by_code(records: &BTreeMap<String, Value>) -> BTreeMap<String, Set> {
    let mut by_name: BTreeMap<String, Set> = BTreeMap::new();
    let mut codes_of: BTreeMap<String, Set> = BTreeMap::new();
    let mut by_code: BTreeMap<String, Set> = BTreeMap::new();
    for (c, r) in records {
        for x in arr(&r["symptoms"]) {
            let name = s(&x["name"]);
            by_name.entry(name.clone()).or_default().insert(c.clone());
            for k in arr(&x["codes"]) {
                codes_of.entry(name.clone()).or_default().insert(s(&k["code"]));
                by_code.entry(s(&k["code"])).or_default().insert(c.clone());
            }
        }
    }
    let mut out = BTreeMap::new();
    for (name, mut conds) in by_name {
        for code in codes_of.get(&name).into_iter().flatten() {
            conds.extend(by_code[code].iter().cloned());
        }
        if conds.len() > 1 {
            out.insert(name, conds);
        }
    }
    out
}
