//! Helpers shared by integration test files (`mod common;`).

/// A generator for random fault-injection points, from `KB_FAULT_SEED` when
/// set (to replay a failure) or else the clock; the seed is printed so any
/// failing run can be replayed.
pub fn fault_rng() -> fastrand::Rng {
    let seed = std::env::var("KB_FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs()
        });
    eprintln!("kill points from KB_FAULT_SEED={seed}");
    fastrand::Rng::with_seed(seed)
}
