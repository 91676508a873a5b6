// Migrations and the default seeds are embedded at compile time: cargo must
// rebuild when a file in either folder is added, removed or edited, and the
// list of built-in seed files is generated here from the seeds/ folder.
use std::path::Path;

// The HPO lexicon's lookup index (kb's src/codes/index_gen.rs).
#[path = "src/codes/index_gen.rs"]
mod index_gen;
#[path = "src/codes/normalise.rs"]
mod normalise;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=seeds");

    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("seeds");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    !n.starts_with('.')
                        && (n.ends_with(".txt")
                            || n.ends_with(".json")
                            || n == "vocabulary.toml"
                            || n == "codes.toml")
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("/// Seed files embedded from the project's `seeds/` folder.\npub static BUILTIN_SEEDS: &[(&str, &[u8])] = &[\n");
    for name in names {
        let path = dir.join(&name);
        out.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("builtin_seeds.rs");
    std::fs::write(target, out).unwrap();
    embed_migrations();
    // Fingerprints of the code that turns files into seed data (the
    // document reader, the extractor with its built-in rules and
    // vocabulary, seed-file checks) and of the symptom-code mapping with
    // its lexicon: a reseed skips work only when this build would do it
    // the same way (src/seed/plan.rs, src/seed/state.rs).
    build_id(
        &[
            "src/document",
            "src/extract",
            "src/text.rs",
            "src/model.rs",
            "src/seed/anchor.rs",
            "src/seed/input.rs",
            "src/seed/aliases.rs",
            "Cargo.lock",
        ],
        "extractor_build.rs",
    );
    build_id(&["src/codes", "data", "src/text.rs"], "codes_build.rs");
    let read = |p: &str| {
        std::fs::read_to_string(Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join(p)).unwrap()
    };
    let index = index_gen::build(&read("data/hpo/lexicon.tsv"), &read("data/hpo/lay-phrases.tsv"));
    std::fs::write(
        Path::new(&std::env::var("OUT_DIR").unwrap()).join("hpo_index.bin"),
        index,
    )
    .unwrap();
}

/// List the migrations (`V<n>__<name>.sql` in migrations/) as (file stem,
/// SQL) pairs for src/migrate.rs, sorted by name like refinery's
/// `embed_migrations!`, which this replaces (it built refinery a second
/// time, for the compiler). refinery parses each name at run time.
fn embed_migrations() {
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("migrations");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the migrations folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    files.sort();
    for name in &files {
        // refinery's pattern, [UV]<version>__<word>.sql; its macro skipped
        // a file that missed it, which would silently drop a migration.
        let stem = name.trim_end_matches(".sql");
        let ok = stem.split_once("__").is_some_and(|(version, word)| {
            version.len() > 1
                && version.starts_with(['U', 'V'])
                && version[1..].chars().all(|c| c.is_ascii_digit())
                && !word.is_empty()
                && word.chars().all(|c| c.is_alphanumeric() || c == '_')
        });
        assert!(ok, "migrations/{name}: not named V<version>__<name>.sql");
    }
    let mut out = String::from("&[\n");
    for name in files {
        let stem = name.trim_end_matches(".sql");
        let path = dir.join(&name).display().to_string();
        out.push_str(&format!("    ({stem:?}, include_str!({path:?})),\n"));
    }
    out.push_str("]\n");
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join("migrations.rs");
    std::fs::write(target, out).unwrap();
}

/// Write a hash of the files under `parts` (and kb's version) to `out` in
/// OUT_DIR, as a string literal.
fn build_id(parts: &[&str], out: &str) {
    let root = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).to_owned();
    let mut files = Vec::new();
    for part in parts {
        println!("cargo:rerun-if-changed={part}");
        collect(&root.join(part), &mut files);
    }
    files.sort();
    // FNV-1a over names and contents: only equality matters here.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(std::env::var("CARGO_PKG_VERSION").unwrap_or_default().as_bytes());
    for file in files {
        feed(
            file.strip_prefix(&root)
                .unwrap_or(&file)
                .to_string_lossy()
                .as_bytes(),
        );
        feed(&std::fs::read(&file).unwrap_or_default());
    }
    let target = Path::new(&std::env::var("OUT_DIR").unwrap()).join(out);
    std::fs::write(target, format!("\"{hash:016x}\"\n")).unwrap();
}

fn collect(path: &Path, out: &mut Vec<std::path::PathBuf>) {
    match std::fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                collect(&entry.path(), out);
            }
        }
        Err(_) if path.is_file() => out.push(path.to_owned()),
        Err(_) => {}
    }
}
