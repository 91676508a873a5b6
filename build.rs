// Migrations and the default seeds are embedded at compile time: cargo must
// rebuild when a file in either folder is added, removed or edited, and the
// list of built-in seed files is generated here from the seeds/ folder.
use std::path::Path;

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
}
