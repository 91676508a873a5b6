//! Articles as a user adds them: every format of the shared corpus through
//! the real `kb`, and an article with no facts that is stored, not lost.

use crate::common::{bin, kb, shared};

fn corpus() -> std::path::PathBuf {
    shared("corpus/documents")
}

#[test]
fn extract_prints_seed_data_for_markdown_and_html_articles() {
    let mut seen = 0;
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        let ext = path.extension().unwrap().to_string_lossy().into_owned();
        if ext != "md" && ext != "html" {
            continue;
        }
        let out = bin().arg("extract").arg(&path).output().unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let seed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let c = &seed["conditions"][0];
        assert!(
            c["name"].as_str().is_some_and(|n| !n.is_empty()),
            "{}",
            path.display()
        );
        assert!(c["symptoms"].as_array().is_some_and(|s| !s.is_empty()) || c["treatments"].is_array());
        seen += 1;
    }
    assert_eq!(seen, 9, "six Markdown and three HTML articles");
}

#[test]
fn a_folder_of_every_article_and_one_without_facts_seeds_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, articles.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(articles.join("shopping.txt"), "eggs\nmilk\nbread\n").unwrap();
    let db = dir.path().join("kb.sqlite3");
    let out = kb(&db).arg("init").arg(&articles).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("shopping.txt") && stderr.contains("no condition found"),
        "{stderr}"
    );
    let count = |sql: &str| {
        let out = kb(&db).args(["sql", sql, "--format", "csv"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .nth(1)
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(count("SELECT count(*) FROM document"), "24");
    assert_eq!(count("SELECT count(*) FROM condition"), "23");
    // The article without facts is stored and searchable.
    let out = kb(&db).args(["search", "bread"]).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("shopping"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn extract_explains_and_takes_the_condition_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "Some notes\n\nRest and fluids help most people.\n").unwrap();
    let out = bin()
        .args(["extract", "--explain", "--condition", "Common cold"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let seed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(seed["conditions"][0]["name"], "common cold");
    let asthma = corpus().join("04-asthma.txt");
    let out = bin()
        .args(["extract", "--explain"])
        .arg(&asthma)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("type") && l.contains("allergic asthma") && l.contains("rule:")),
        "{stderr}"
    );
}

/// A rules file extends every list the stages read, those they read as
/// written (a predicate that names a cause) as much as the compiled ones.
#[test]
fn a_rules_file_reaches_every_list() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("foo-rash.txt");
    std::fs::write(
        &article,
        "Foo rash\n\nFoo rash is a skin problem.\n\nCauses\n\nCold wind is the usual villain.\n",
    )
    .unwrap();
    let rules = dir.path().join("rules.toml");
    std::fs::write(
        &rules,
        "[lists]\nworsened-by = [\" is the {usual|main} villain\"]\n",
    )
    .unwrap();
    let causes = |with_rules: bool| {
        let mut cmd = bin();
        cmd.arg("extract").arg(&article);
        if with_rules {
            cmd.arg("--rules").arg(&rules);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let seed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        seed["conditions"][0]["general_causes"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| c["name"].as_str().unwrap().to_owned())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    assert_eq!(causes(false), Vec::<String>::new());
    assert_eq!(causes(true), ["cold wind"]);
}
