//! GC stress mode: collect at every N-th allocation and poison freed cells,
//! so a value Rust code keeps where the collector cannot see it is freed
//! (and overwritten) at once instead of by chance, long after.
//!
//! Every allocation goes through [`Runtime::alloc`], and every allocation is
//! a safe point (the stack scan finds the values in JIT frames and Rust
//! locals), so stress mode collects *at the allocation*: with `N = 1`,
//! before every cell is allocated. Off, its cost is nothing on the fast
//! path: stress mode sets the heap's collection threshold to zero, so the
//! existing `should_collect` compare sends every allocation to the cold
//! slow path, where [`super::Heap::stress_tick`] counts to N.
//!
//! Switches: the environment variable `JSRUNTIME_GC_STRESS=N` (read once per
//! process, applied to every runtime created afterwards; `0` or unset is
//! off), [`Runtime::set_gc_stress`], and `jstb run --gc-stress N`.

use std::sync::OnceLock;

use crate::runtime::Runtime;

/// The environment variable that turns stress mode on for every runtime.
pub const STRESS_ENV: &str = "JSRUNTIME_GC_STRESS";

/// The stress interval requested by [`STRESS_ENV`] (0 when unset, empty,
/// zero or not a number).
pub fn interval_from_env() -> u32 {
    static INTERVAL: OnceLock<u32> = OnceLock::new();
    *INTERVAL.get_or_init(|| parse_interval(std::env::var(STRESS_ENV).ok().as_deref()))
}

/// Parses a stress interval: a decimal number, 0 (off) for anything else.
pub fn parse_interval(text: Option<&str>) -> u32 {
    text.and_then(|t| t.trim().parse().ok()).unwrap_or(0)
}

impl Runtime {
    /// Turns GC stress mode on (collect at every `interval`-th allocation,
    /// poison freed cells) or off (`interval == 0`).
    pub fn set_gc_stress(&mut self, interval: u32) {
        self.heap.set_stress(interval);
    }

    /// The current stress interval (0 when off).
    pub fn gc_stress(&self) -> u32 {
        self.heap.stress_interval()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_intervals() {
        assert_eq!(parse_interval(None), 0);
        assert_eq!(parse_interval(Some("")), 0);
        assert_eq!(parse_interval(Some("x")), 0);
        assert_eq!(parse_interval(Some("1")), 1);
        assert_eq!(parse_interval(Some(" 7 ")), 7);
    }
}
