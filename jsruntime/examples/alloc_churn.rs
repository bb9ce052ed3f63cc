//! Allocates many short-lived objects (default 100 million) through the
//! runtime, keeping a small ring of them alive, and prints heap statistics.
//! Used to check that memory stays bounded:
//!
//! ```sh
//! cargo build --release -p jsruntime --example alloc_churn
//! /usr/bin/time -v target/release/examples/alloc_churn 100000000
//! ```

use jsruntime::object::PropertyKey;
use jsruntime::{Runtime, Value};

fn main() {
    let count: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000_000);
    let mut rt = Runtime::new();
    let x = rt.key("x").expect("atom");
    let ring = rt.alloc(jsruntime::gc::ValueList::new()).expect("list");
    for _ in 0..1024 {
        ring.push(Value::UNDEFINED);
    }
    let start = std::time::Instant::now();
    for i in 0..count {
        let o = rt.new_object().expect("allocation");
        rt.set(o, x, Value::from_i32(i as i32), Value::object(o))
            .expect("set");
        if i % 4096 == 0 {
            // Some objects live a little longer.
            ring.set((i / 4096 % 1024) as usize, Value::object(o));
        }
        if i % 1_000_000 == 0 && i > 0 {
            // Exercise elements too.
            let a = rt.new_array(0).expect("array");
            rt.set(a, PropertyKey::Index(100), Value::TRUE, Value::object(a))
                .expect("set element");
        }
    }
    let elapsed = start.elapsed();
    let stats = rt.heap_stats();
    println!(
        "allocated {count} objects in {:.2?} ({:.1} ns/object); {} collections, \
         live {} KiB, {} blocks, {} MiB allocated in total",
        elapsed,
        elapsed.as_nanos() as f64 / count as f64,
        stats.collections,
        stats.live_bytes / 1024,
        stats.blocks,
        stats.total_allocated >> 20,
    );
}
