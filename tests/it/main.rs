//! kb's integration tests: one test binary (as ripgrep and jj have), so
//! Cargo links one executable instead of one per file, and the helpers live
//! once, in `common`.
//!
//! To add tests: put them in `tests/it/<topic>.rs`, declare the file below
//! as `mod <topic>;` (alphabetical order), and take the shared helpers with
//! `use crate::common::{kb, run, ...};`. Run one module alone with
//! `cargo test --test it <topic>::`. Put a helper in `common.rs` once a
//! second module needs it. A test whose data or tool is missing fails
//! (tools: only under `CI=true`; see `common::missing_tool`).

mod common;

mod articles;
mod bad_inputs;
mod cli_queries;
mod cli_seed;
mod clients;
mod codes;
mod conventions;
mod crash_reads;
mod devtools;
mod extraction_quality;
mod faults;
mod graph;
mod hpo2;
mod hpo3;
mod litestream;
mod migrate;
mod output_formats;
mod perf;
mod perf3;
mod perf4;
mod perf5;
mod perf6;
mod perf7;
mod perf8;
mod query_plans;
mod readonly_dir;
mod review;
mod search_scale;
mod seed_incremental;
mod snapshot;
mod sql;
mod sql_memory;
