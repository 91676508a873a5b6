//! `kb datasette-metadata`: the Datasette metadata shipped with kb (titles,
//! descriptions, label columns, canned queries), keyed by the database's name.

use std::path::Path;
use std::process::ExitCode;

/// `datasette/metadata.json`, written for a database file named `kb.*`.
pub const METADATA: &str = include_str!("../../datasette/metadata.json");

#[derive(clap::Args)]
pub struct Args {}

pub fn run(db: &Path, _args: Args) -> kb::Result<ExitCode> {
    print!("{}", metadata_for(db));
    Ok(ExitCode::SUCCESS)
}

/// Datasette names a database after its file stem (`kb.sqlite3` -> `kb`);
/// metadata applies only under that name, so the key follows `--db`.
fn metadata_for(db: &Path) -> String {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "kb".to_owned());
    let stem = stem.split('?').next().unwrap_or("kb").trim_start_matches("file:");
    let key = serde_json::to_string(stem).expect("a string serialises");
    METADATA.replacen(
        "\"databases\": {\n    \"kb\":",
        &format!("\"databases\": {{\n    {key}:"),
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyed_by_the_file_stem() {
        for (db, key) in [("kb.sqlite3", "kb"), ("/x/my \"db\".db", "my \"db\"")] {
            let v: serde_json::Value = serde_json::from_str(&metadata_for(Path::new(db))).unwrap();
            assert!(
                v["databases"][key]["queries"]["shared_causes_across_types"]["sql"].is_string(),
                "{db}"
            );
        }
    }
}
