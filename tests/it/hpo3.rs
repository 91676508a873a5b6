//! HPO codes, third round (issue 12): -en verb forms, places the HPO names
//! by an adjective, a gloss's place and clauses of consequence, through the
//! real `kb` binary; and the corpus gold coverage floor of the README.

use tempfile::TempDir;

use crate::common::{run, sql, text_pairs};

#[test]
fn verb_forms_places_and_glosses_link_through_a_seed() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path().join("a");
    std::fs::create_dir(&dir).unwrap();
    // A plain article: the extractor reads its symptom list as written.
    std::fs::write(
        dir.join("hard-skin.md"),
        "# Hard skin disease\n\nHard skin disease is a rare condition of the skin.\n\n\
         ## Symptoms\n\nSymptoms of hard skin disease include:\n\n\
         - skin stiffening limiting movement\n\
         - nodules (large painful lumps deep under the skin)\n\
         - pits behind the ears\n",
    )
    .unwrap();
    let db = tmp.path().join("kb.sqlite3");
    run(&db, &["init", dir.to_str().unwrap()]);
    let rows = sql(
        &db,
        "SELECT symptom_name, hpo_id FROM symptom_phenotypes ORDER BY symptom_name",
    );
    let got = text_pairs(&rows, "symptom_name", "hpo_id");
    let has = |name: &str, id: &str| got.iter().any(|(n, i)| n.contains(name) && i == id);
    assert!(has("stiffening", "HP:0030053"), "Stiff skin: {got:?}");
    assert!(has("nodules", "HP:0001482"), "Subcutaneous nodule: {got:?}");
    assert!(has("pits", "HP:0004464"), "Postauricular pit: {got:?}");
}
