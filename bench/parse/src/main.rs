//! Parse throughput and peak memory of `jsparser` beside `oxc_parser`.
//!
//! Usage: `parse-bench FILE [--iterations N] [--module] [--only
//! events|full|oxc]`. Each parser parses
//! the whole file N times (after one warm-up); we report the best and median
//! MB/s, and the peak bytes allocated during one parse (counted by a global
//! allocator wrapper, so it is exact heap usage, not RSS).
//!
//! Lines: `jsparser` (the full pipeline, `jsparser::parse`: lexer, LALR(1)
//! driver and the syntax processor building the node stream), `jsparser
//! (events only)` (lexer and driver with a sink that only counts the events:
//! the cost of parsing without building anything) and `oxc` (oxc_parser,
//! building its AST in an arena).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Counts live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: delegates every call to the system allocator unchanged and only
// updates counters; layouts are passed through as given.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as our caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: same contract as our caller's.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Counts the parser's events and builds nothing.
struct CountingSink(usize);

impl jsparser::parser::EventSink for CountingSink {
    fn shift(&mut self, _token: &jsparser::lexer::Token) -> Result<(), jsparser::SyntaxError> {
        self.0 += 1;
        Ok(())
    }
    fn reduce(
        &mut self,
        _production: u16,
        _span: jsparser::Span,
    ) -> Result<(), jsparser::SyntaxError> {
        self.0 += 1;
        Ok(())
    }
}

fn measure(name: &str, bytes: usize, iterations: usize, mut parse: impl FnMut() -> usize) {
    // Warm-up, and the peak-memory measurement of one parse.
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let nodes = parse();
    let peak = PEAK.load(Ordering::Relaxed) - base;

    let mut times: Vec<Duration> = (0..iterations)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(parse());
            start.elapsed()
        })
        .collect();
    times.sort();
    let mbps = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    println!(
        "{name:<24} best {:>7.1} MB/s  median {:>7.1} MB/s  peak heap {:>7.1} MB ({:.1}x source)  nodes {nodes}",
        mbps(times[0]),
        mbps(times[times.len() / 2]),
        peak as f64 / 1e6,
        peak as f64 / bytes as f64,
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: parse-bench FILE [--iterations N] [--module] [--only events|full|oxc]");
        std::process::exit(2);
    };
    let iterations = args
        .iter()
        .position(|a| a == "--iterations")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(10usize)
        .max(1);
    let module = args.iter().any(|a| a == "--module");
    // `--only events|full|oxc`: run one line (for profilers).
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let run = |line: &str| only.as_deref().is_none_or(|o| o == line);
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "{path}: {:.2} MB, {iterations} iterations",
        source.len() as f64 / 1e6
    );

    let options = if module {
        jsparser::ParseOptions::module()
    } else {
        jsparser::ParseOptions::script()
    };
    // Events only: the lexer and the table driver.
    let events = || {
        let mut sink = CountingSink(0);
        jsparser::parser::Parser::new(&source, options)
            .run(&mut sink)
            .map(|()| sink.0)
    };
    if run("events") {
        match events() {
            Ok(_) => measure("jsparser (events only)", source.len(), iterations, || {
                events().unwrap_or(0)
            }),
            Err(e) => eprintln!(
                "jsparser (events only) failed: {} at byte {}",
                e.message, e.span.start
            ),
        }
    }
    // The full pipeline, with the node stream (`nodes` is its length).
    if run("full") {
        match jsparser::parse(&source, options) {
            Ok(_) => measure("jsparser", source.len(), iterations, || {
                jsparser::parse(&source, options)
                    .map(|ast| ast.nodes.len())
                    .unwrap_or(0)
            }),
            Err(e) => eprintln!("jsparser failed: {} at byte {}", e.message, e.span.start),
        }
    }

    let source_type = if module {
        oxc_span::SourceType::mjs()
    } else {
        oxc_span::SourceType::cjs()
    };
    if !run("oxc") {
        return;
    }
    measure("oxc", source.len(), iterations, || {
        let allocator = oxc_allocator::Allocator::default();
        let ret = oxc_parser::Parser::new(&allocator, &source, source_type).parse();
        ret.program.body.len()
    });
}
