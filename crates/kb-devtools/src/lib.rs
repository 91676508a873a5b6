//! Helpers for kb's own tests, benchmark and examples, kept out of the
//! library: [`synth`] generates a deterministic corpus with its ground
//! truth, [`eval`] scores extraction against gold annotations. Both use
//! only kb's public model types.

pub mod eval;
pub mod synth;
