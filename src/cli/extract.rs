//! `kb extract`: print the seed data kb reads from a document, for review.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kb::document::{Document, Format};
use kb::extract::{self, Options, Signal, Vocabulary};
use kb::seed::load;

#[derive(clap::Args)]
pub struct Args {
    /// The article to read (.txt, .md or .html); `-` reads standard input
    file: PathBuf,
    /// The document's file name to record in the seed file [default: FILE's
    /// name, or document.txt for standard input]
    #[arg(long, value_name = "NAME.txt|md|html")]
    name: Option<String>,
    /// Extra vocabulary (TOML) on top of the built-in one
    #[arg(long, value_name = "FILE")]
    vocabulary: Option<PathBuf>,
    /// Extra extraction rules (TOML) on top of the built-in ones
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// The condition the article is about, instead of detecting it
    #[arg(long, value_name = "NAME")]
    condition: Option<String>,
    /// Also print, on standard error, the section and rule behind each fact
    #[arg(long)]
    explain: bool,
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
    let mut vocabulary = match &args.vocabulary {
        Some(path) => load::read_vocabulary(path)?,
        None => Vocabulary::builtin(),
    };
    if let Some(path) = &args.rules {
        load::extend_rules(&mut vocabulary, path)?;
    }
    let stdin = args.file == Path::new("-");
    let name = args.name.clone().unwrap_or_else(|| {
        args.file
            .file_name()
            .filter(|_| !stdin)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document.txt".to_owned())
    });
    let article = if stdin {
        Document::parse(&read_stdin()?, Format::of_name(&name).unwrap_or(Format::Text))
    } else {
        load::read_article(&args.file)?
    };
    let options = Options {
        condition: args.condition.clone(),
    };
    let extraction = extract::extract_with(&article, &name, &vocabulary, &options);
    let json = serde_json::to_string_pretty(&extraction.seed).expect("seed data serialises") + "\n";
    match &args.output {
        Some(path) => write_output(path, &json, &args)?,
        None => print!("{json}"),
    }
    if args.explain {
        for e in &extraction.explained {
            eprintln!(
                "{:<9} {:<40} section {:<13} rule: {:<24} line {}",
                e.fact,
                e.name,
                e.section.as_str(),
                e.rule,
                load::line_of(&article.text, e.quote.start)
            );
        }
    }
    match extraction.signal {
        None => eprintln!(
            "warning: no condition found in {}; name it with --condition NAME",
            args.file.display()
        ),
        Some(Signal::FileName) => eprintln!(
            "note: the condition's name '{}' comes only from the file name; check it, or give --condition NAME",
            extraction.seed.conditions.first().map_or("", |c| c.name.as_str())
        ),
        _ => {}
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
    // `-` is standard input, not a file that could be overwritten.
    let file = Some(&args.file).filter(|f| f.as_os_str() != "-");
    for input in file.into_iter().chain(&args.vocabulary).chain(&args.rules) {
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

/// Standard input, checked as `kb seed` checks a document file.
fn read_stdin() -> kb::Result<String> {
    let path = PathBuf::from("<standard input>");
    let bad = |message: &str| kb::Error::InvalidSeed {
        path: path.clone(),
        line: None,
        column: None,
        message: message.to_owned(),
    };
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(load::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| kb::Error::Read {
            path: path.clone(),
            source,
        })?;
    if bytes.len() > load::MAX_FILE_BYTES {
        return Err(bad(&format!(
            "more than {} bytes; the limit is {}",
            load::MAX_FILE_BYTES,
            load::MAX_FILE_BYTES
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| bad("not UTF-8 text (is this a binary file?)"))?;
    if text.contains('\0') {
        return Err(bad("contains NUL bytes (is this a binary file?)"));
    }
    if text.trim().is_empty() {
        return Err(bad("the document is empty"));
    }
    Ok(text)
}
