//! `kb extract`: print the seed data kb reads from a document, for review.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kb::extract::{self, Vocabulary};
use kb::seed::load;

#[derive(clap::Args)]
pub struct Args {
    /// The article to read (UTF-8 text)
    file: PathBuf,
    /// Extra vocabulary (TOML) on top of the built-in one
    #[arg(long, value_name = "FILE")]
    vocabulary: Option<PathBuf>,
    /// Write the seed file here instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the output file if it exists (never an input, even so)
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> kb::Result<ExitCode> {
    if let Some(out) = &args.output {
        check_output(out, &args)?;
    }
    let vocabulary = match &args.vocabulary {
        Some(path) => load::read_vocabulary(path)?,
        None => Vocabulary::builtin(),
    };
    let text = load::read_document(&args.file)?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document.txt".to_owned());
    let seed = extract::extract(&text, &name, &vocabulary);
    let json = serde_json::to_string_pretty(&seed).expect("seed data serialises") + "\n";
    match &args.output {
        Some(path) => write_output(path, &json, &args)?,
        None => print!("{json}"),
    }
    if seed.conditions.is_empty() {
        eprintln!("warning: no condition found in {}", args.file.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuse an output that is one of the inputs (`-o a.txt` for `a.txt`
/// would replace the article with JSON), or an existing file without
/// `--force`; checked before any work.
fn check_output(out: &Path, args: &Args) -> kb::Result<()> {
    let refuse = |why: String| kb::Error::Write {
        path: out.to_owned(),
        source: std::io::Error::new(std::io::ErrorKind::AlreadyExists, why),
    };
    let Ok(existing) = std::fs::metadata(out) else {
        return Ok(());
    };
    for input in std::iter::once(&args.file).chain(&args.vocabulary) {
        if std::fs::metadata(input).is_ok_and(|m| same_file(&m, &existing)) {
            return Err(refuse(format!(
                "it is the input {}; choose another output file",
                input.display()
            )));
        }
    }
    if !args.force {
        return Err(refuse("the file exists; pass --force to replace it".to_owned()));
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    // Without inode numbers, any existing output needs --force.
    false
}

fn write_output(path: &Path, json: &str, args: &Args) -> kb::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if args.force {
        options.create(true).truncate(true);
    } else {
        // Fails if the file appeared since the check: never clobber.
        options.create_new(true);
    }
    options
        .open(path)
        .and_then(|mut f| f.write_all(json.as_bytes()))
        .map_err(|source| kb::Error::Write {
            path: path.to_owned(),
            source,
        })
}
