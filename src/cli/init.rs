//! `kb init`: migrate and seed in one step, then show what is there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use kb::Kb;

use super::{output, Format};

#[derive(clap::Args)]
pub struct Args {
    /// Seed folder [default: ./seeds if it exists, else the seeds built into kb]
    dir: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub fn run(db: &Path, args: Args) -> kb::Result<ExitCode> {
    let source = super::seed::source(args.dir.as_deref(), false)?;
    // Bad seeds are reported before the database file is created, so a
    // failed init leaves nothing behind.
    source.validate()?;
    let mut kb = Kb::open(db)?;
    for m in kb.migrate()? {
        info!("applied V{}__{}", m.version, m.name);
    }
    drop(kb);
    super::seed::seed(db, &source, kb::SeedOptions::default())?;
    let kb = super::open_read_only(db)?;
    let overview = kb.query_sql(
        "SELECT c.name AS condition,
                (SELECT count(*) FROM condition_type t WHERE t.condition_id = c.id) AS types,
                (SELECT count(DISTINCT cause) FROM condition_causes v WHERE v.condition = c.slug) AS causes,
                (SELECT count(DISTINCT symptom_id) FROM condition_symptom s WHERE s.condition_id = c.id) AS symptoms,
                (SELECT count(DISTINCT treatment_id) FROM condition_treatment r WHERE r.condition_id = c.id) AS treatments
         FROM condition c ORDER BY c.name",
    )?;
    output::sql_result(&overview, args.format);
    if args.format == Format::Table {
        // The first few conditions at a glance, as `kb show` prints them.
        for entry in kb.list(kb::Listing::Conditions)?.iter().take(3) {
            println!();
            print!("{}", output::condition_summary(&kb.condition(&entry.slug)?));
        }
    }
    info!(
        "database: {}  (try: kb sql \"SELECT * FROM condition_causes\")",
        db.display()
    );
    Ok(ExitCode::SUCCESS)
}
