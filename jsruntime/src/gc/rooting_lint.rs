//! The rooting rule, enforced by a test: built-ins, the bridge the JIT
//! calls and the abstract operations they share may not hold a Rust
//! collection that can contain GC references unless the site says why that
//! is safe.
//!
//! The collector does not scan the malloc heap, so a `Vec<Value>` (or of
//! keys, descriptors, `Gc`s) kept while the runtime allocates loses its
//! elements at the next collection. Use a [`super::RootedList`] instead; a
//! collection that is safe anyway (it holds no GC references, or nothing
//! allocates while it is held, or every element is also reachable from a
//! root) carries a comment containing `GC:` on the statement or on the line
//! above it, saying which.
//!
//! What is scanned, per file:
//! * each `let` statement (joined up to its `;`; only its first line when
//!   that line opens a block) that builds or names a collection (`Vec`,
//!   `vec!`, `.collect`, `.to_vec()`, `VecDeque`, `HashMap`, `HashSet`,
//!   `BTreeMap`, `Box<[`);
//! * every other line naming a collection type (fields, signatures).
//!
//! A site passes when it has a `GC:` comment, or when every collection type
//! it names has a GC-free element type (`Vec<u16>`, `Vec<f64>`, ...) and it
//! names one. What the scan cannot see: a collection returned by a call
//! whose declaration is outside the scanned folders, or one built without a
//! `let` (a temporary); the declaration of such a function is flagged where
//! it is scanned.
//!
//! Sites that predate the rule are listed in [`KNOWN_SITES`] by their text
//! (so the list survives moving code between files). The test fails on an
//! unlisted site and on a listed one that no longer exists: fixing a site
//! means removing its entry.

use std::path::{Path, PathBuf};

/// Folders and files (relative to `jsruntime/src`) under the rule: the
/// built-ins, the runtime functions compiled code calls, and the abstract
/// operations (7.3) they share.
const SCANNED: &[&str] = &[
    "builtins",
    "backend/bridge",
    "backend/bridge.rs",
    "backend/bridge_ext.rs",
    "backend/interp/mod.rs",
    "backend/interp/run.rs",
    "object/operations.rs",
];

/// Files under [`SCANNED`] that are not runtime code.
fn skipped(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name == "tests.rs" || name.starts_with("tests_") || rel.contains("/tests/")
}

/// Element types that cannot hold a GC reference.
const GC_FREE: &[&str] = &[
    "u8",
    "u16",
    "u32",
    "u64",
    "usize",
    "i8",
    "i16",
    "i32",
    "i64",
    "isize",
    "f32",
    "f64",
    "bool",
    "char",
    "String",
    "&str",
    "&'static str",
    "(u32, u32)",
    "(usize, usize)",
];

/// How a site listed in [`KNOWN_SITES`] stands (documentation for the
/// next phase; the test only matches the text).
#[allow(dead_code)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// A use after free, reproduced by the named program in `tests/gc/`
    /// (listed in `tests/gc/known-failures.txt` with the proposed fix).
    Bug(&'static str),
    /// Not reproduced (the stack scan happens to find the values), but
    /// nothing guarantees it: the fix given.
    Latent(&'static str),
    /// Safe as written, for the reason given: the next phase writes it as a
    /// `GC:` comment at the site (or gives the element type) and removes
    /// the entry.
    Safe(&'static str),
}

/// Sites that predate the rule: `(statement text, whitespace collapsed,
/// from its first token (a prefix is enough); verdict)`.
///
/// Empty since issue 8: every site was fixed or justified with a `GC:`
/// comment. Keep it empty; a new site is fixed, not listed.
const KNOWN_SITES: &[(&str, Verdict)] = &[];

/// One site: file, line, text.
#[derive(Debug)]
struct Site {
    file: String,
    line: usize,
    text: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code part of a line (before a `//` comment outside a string) and
/// the comment.
fn split_comment(line: &str) -> (&str, &str) {
    let bytes = line.as_bytes();
    let mut in_str = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_str => i += 1,
            b'"' => in_str = !in_str,
            b'/' if !in_str && bytes.get(i + 1) == Some(&b'/') => {
                return (&line[..i], &line[i..]);
            }
            _ => {}
        }
        i += 1;
    }
    (line, "")
}

const BUILDERS: &[&str] = &["vec!", "Vec::", ".collect", ".to_vec()", "Box<["];
const TYPES: &[&str] = &[
    "Vec<",
    "VecDeque<",
    "HashMap<",
    "HashSet<",
    "BTreeMap<",
    "SmallVec<",
];

/// The generic arguments of every collection type named in `code`
/// (`Vec<Value>` gives `Value`; `HashMap<K, V>` gives `K, V`).
fn named_types(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    for ty in TYPES {
        let mut rest = code;
        while let Some(at) = rest.find(ty) {
            let start = at + ty.len();
            // Skip `XVec<` (another identifier ending in the name).
            let prev = rest[..at].chars().next_back();
            let inner_from = &rest[start..];
            let mut depth = 1;
            let mut end = inner_from.len();
            for (i, c) in inner_from.char_indices() {
                match c {
                    '<' => depth += 1,
                    '>' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            if !prev.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                found.push(inner_from[..end].trim().to_string());
            }
            rest = &rest[start..];
        }
    }
    found
}

fn gc_free(inner: &str) -> bool {
    if GC_FREE.contains(&inner) {
        return true;
    }
    // `HashMap<K, V>`: every argument GC-free.
    let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
    parts.len() > 1 && parts.iter().all(|p| GC_FREE.contains(p))
}

/// Whether a site (its code, without comments) is a violation.
fn violates(code: &str) -> bool {
    let types = named_types(code);
    let builds = BUILDERS.iter().any(|b| code.contains(b));
    if types.is_empty() {
        return builds;
    }
    !types.iter().all(|t| gc_free(t))
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sites of one file that break the rule.
fn scan_file(rel: &str, source: &str) -> Vec<Site> {
    let lines: Vec<&str> = source.lines().collect();
    let mut sites = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        // Stop at the unit tests of a file.
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        let justified_above = i > 0 && {
            let above = lines[i - 1].trim_start();
            above.starts_with("//") && above.contains("GC:")
        };
        let opens_block = split_comment(lines[i]).0.trim_end().ends_with('{');
        if trimmed.starts_with("let ") && !opens_block {
            // Join the statement up to its `;` at bracket depth 0. (A `let`
            // whose first line opens a block, `= if c {`, is judged by its
            // first line; the block's statements are sites of their own.)
            let first = i;
            let mut code = String::new();
            let mut justified = justified_above;
            let mut depth = 0i32;
            loop {
                let (c, comment) = split_comment(lines[i]);
                justified |= comment.contains("GC:");
                code.push_str(c);
                code.push(' ');
                let mut done = false;
                for ch in c.chars() {
                    match ch {
                        '(' | '[' | '{' => depth += 1,
                        ')' | ']' | '}' => depth -= 1,
                        ';' if depth <= 0 => done = true,
                        _ => {}
                    }
                }
                if done || i + 1 >= lines.len() {
                    break;
                }
                i += 1;
            }
            if !justified && violates(&code) {
                sites.push(Site {
                    file: rel.to_string(),
                    line: first + 1,
                    text: collapse(&code),
                });
            }
        } else {
            let (code, comment) = split_comment(lines[i]);
            let justified = justified_above || comment.contains("GC:");
            let named = !named_types(code).is_empty() || trimmed.starts_with("let ");
            if !justified && named && violates(code) {
                sites.push(Site {
                    file: rel.to_string(),
                    line: i + 1,
                    text: collapse(code),
                });
            }
        }
        i += 1;
    }
    sites
}

/// The sites of every scanned file, and the number of files.
fn scan_all() -> (Vec<Site>, usize) {
    let src = src_dir();
    let mut files = Vec::new();
    for entry in SCANNED {
        let path = src.join(entry);
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    files.dedup();
    let mut sites = Vec::new();
    let mut scanned = 0;
    for path in files {
        let rel = path
            .strip_prefix(&src)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if skipped(&rel) {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        sites.extend(scan_file(&rel, &source));
        scanned += 1;
    }
    (sites, scanned)
}

#[test]
fn collections_holding_gc_references_are_rooted_or_justified() {
    let (sites, scanned) = scan_all();
    // A moved folder must not silently empty the scan.
    assert!(
        scanned >= 10,
        "only {scanned} files scanned: update SCANNED"
    );
    let mut unused: Vec<bool> = vec![true; KNOWN_SITES.len()];
    let mut new_sites = Vec::new();
    for site in &sites {
        let known = KNOWN_SITES
            .iter()
            .enumerate()
            .position(|(k, (text, _))| unused[k] && site.text.starts_with(text));
        match known {
            Some(k) => unused[k] = false,
            None => new_sites.push(site),
        }
    }
    let stale: Vec<_> = KNOWN_SITES
        .iter()
        .zip(&unused)
        .filter(|(_, &u)| u)
        .map(|(s, _)| s.0)
        .collect();
    let mut report = String::new();
    for s in &new_sites {
        report.push_str(&format!(
            "{}:{}: a collection that may hold GC references: {}\n",
            s.file, s.line, s.text
        ));
    }
    if !new_sites.is_empty() {
        report.push_str(
            "  -> use a RootedList (rt.rooted_list()), or say why it is safe in a `// GC:` \
             comment on the statement or the line above (docs/internals.md section 7)\n",
        );
    }
    for s in &stale {
        report.push_str(&format!(
            "stale entry in gc::rooting_lint::KNOWN_SITES (the site is gone; remove it): {s}\n"
        ));
    }
    assert!(report.is_empty(), "\n{report}");
}

#[test]
fn the_scanner_sees_what_it_should() {
    let src = "\
fn f(rt: &mut Runtime) -> JsResult<Vec<Value>> {
    let a = Vec::new();
    let b: Vec<u16> = Vec::with_capacity(3);
    let c: Vec<Value> = xs
        .iter()
        .collect();
    // GC: nothing allocates while `d` is held.
    let d = vec![Value::UNDEFINED];
    let e = rt.rooted_list();
    let f = units.to_vec(); // GC: u16 units
    let g = x.y;
}
";
    let sites = scan_file("x.rs", src);
    let lines: Vec<usize> = sites.iter().map(|s| s.line).collect();
    assert_eq!(lines, vec![1, 2, 4], "{sites:?}");
    assert_eq!(sites[2].text, "let c: Vec<Value> = xs .iter() .collect();");
}
