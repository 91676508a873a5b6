//! `kb snapshot`: write a compact, checksummed, read-only copy of the
//! database for readers elsewhere (or check one with --verify).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{open_read_only, Format};

#[derive(clap::Args)]
pub struct Args {
    /// The snapshot file to write (must not exist); with --verify, the
    /// snapshot to check
    out: PathBuf,
    /// Check an existing snapshot (metadata, integrity, content hash)
    /// instead of writing one
    #[arg(long)]
    verify: bool,
    /// Do not write OUT.sha256 (the file's checksum, for `sha256sum -c`)
    #[arg(long, conflicts_with = "verify")]
    no_checksum_file: bool,
    /// table: one field per line; json: one object
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let info = if args.verify {
        kb::snapshot::verify(&args.out)?
    } else {
        let kb = open_read_only(db)?;
        let info = kb::snapshot::write(&kb, &args.out)?;
        if !args.no_checksum_file {
            write_checksum_file(&info)?;
        }
        info
    };
    match args.format {
        Format::Json | Format::Jsonl => {
            let json = serde_json::to_string(&info).map_err(|e| kb::Error::Write {
                path: "<stdout>".into(),
                source: e.into(),
            })?;
            println!("{json}");
        }
        _ => {
            let fields = [
                ("snapshot", info.path.display().to_string()),
                ("kb_version", info.kb_version.clone()),
                ("schema_version", info.schema_version.to_string()),
                ("sqlite_version", info.sqlite_version.clone()),
                ("documents", info.documents.to_string()),
                ("created_at", info.created_at.clone()),
                ("content_sha256", info.content_sha256.clone()),
                ("file_sha256", info.file_sha256.clone()),
                ("bytes", info.bytes.to_string()),
            ];
            for (name, value) in fields {
                println!("{name}\t{value}");
            }
        }
    }
    if args.verify {
        super::say("ok: metadata, integrity_check and content SHA-256 agree");
    } else {
        super::say(&format!(
            "readers: open {} read-only with immutable=1 (no locks, no side files)",
            kb::snapshot::immutable_uri(&args.out)
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// `OUT.sha256` in the format `sha256sum -c` reads.
fn write_checksum_file(info: &kb::snapshot::SnapshotInfo) -> kb::Result<()> {
    let mut path = info.path.clone().into_os_string();
    path.push(".sha256");
    let path = PathBuf::from(path);
    let name = info
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let io = |source| kb::Error::Write {
        path: path.clone(),
        source,
    };
    let mut file = std::fs::File::create(&path).map_err(io)?;
    writeln!(file, "{}  {name}", info.file_sha256).map_err(io)?;
    Ok(())
}
