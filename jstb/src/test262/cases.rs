//! Test files, the modes each one runs in, stable test ids, and the
//! unsupported-feature lists.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use serde::{Deserialize, Serialize};

use super::meta::{Flags, Metadata};

/// How one run of a test file parses: INTERPRETING.md, "Strict Mode" and
/// "Modules".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Non-strict global code (also `raw` tests, which run unmodified).
    Sloppy,
    /// Global code with `"use strict";` prepended.
    Strict,
    /// Module code.
    Module,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Sloppy => "sloppy",
            Mode::Strict => "strict",
            Mode::Module => "module",
        }
    }

    pub fn from_name(name: &str) -> Option<Mode> {
        match name {
            "sloppy" => Some(Mode::Sloppy),
            "strict" => Some(Mode::Strict),
            "module" => Some(Mode::Module),
            _ => None,
        }
    }
}

/// The modes a test runs in, in order.
pub fn modes(flags: &Flags) -> &'static [Mode] {
    if flags.module {
        &[Mode::Module]
    } else if flags.raw || flags.no_strict {
        &[Mode::Sloppy]
    } else if flags.only_strict {
        &[Mode::Strict]
    } else {
        &[Mode::Sloppy, Mode::Strict]
    }
}

/// The id of one run of one test: its path relative to the test262 root with
/// `/` separators, and the mode: `test/language/x.js [strict]`. Ids sort by
/// path, then mode, and do not depend on the machine or the run.
pub fn test_id(rel_path: &str, mode: Mode) -> String {
    format!("{rel_path} [{}]", mode.name())
}

/// Splits an id back into path and mode.
pub fn parse_id(id: &str) -> Option<(&str, Mode)> {
    let (path, rest) = id.rsplit_once(" [")?;
    let mode = Mode::from_name(rest.strip_suffix(']')?)?;
    Some((path, mode))
}

/// `dir`-relative path with `/` separators.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Is this file a test? `.js`, and not a `_FIXTURE` file.
pub fn is_test_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".js") && !name.contains("_FIXTURE")
}

/// The test files under `paths` (relative to `root`, files or directories),
/// sorted and without duplicates.
pub fn collect(root: &Path, paths: &[String]) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = BTreeSet::new();
    for p in paths {
        let full = root.join(p);
        let meta = std::fs::metadata(&full)
            .with_context(|| format!("{}: no such test file or directory", full.display()))?;
        if meta.is_dir() {
            walk(&full, &mut found)?;
        } else if is_test_file(&full) {
            found.insert(full);
        } else {
            bail!("{}: not a test file (.js, not _FIXTURE)", full.display());
        }
    }
    Ok(found.into_iter().collect())
}

fn walk(dir: &Path, found: &mut BTreeSet<PathBuf>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .with_context(|| format!("reading {}", path.display()))?;
        if kind.is_dir() {
            walk(&path, found)?;
        } else if is_test_file(&path) {
            found.insert(path);
        }
    }
    Ok(())
}

/// A set of feature names that this build does not support.
#[derive(Clone, Debug, Default)]
pub struct FeatureSet {
    names: HashSet<String>,
}

impl FeatureSet {
    /// Reads a feature list: one name per line; `#` starts a comment.
    #[cfg(test)]
    pub fn parse(text: &str) -> FeatureSet {
        let mut set = FeatureSet::default();
        set.add(text);
        set
    }

    pub fn add(&mut self, text: &str) {
        for line in text.lines() {
            let name = line.split('#').next().unwrap_or("").trim();
            if !name.is_empty() {
                self.names.insert(name.to_string());
            }
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// The first feature of `meta` in the set.
    pub fn first_unsupported<'m>(&self, meta: &'m Metadata) -> Option<&'m str> {
        meta.features
            .iter()
            .find(|f| self.names.contains(f.as_str()))
            .map(String::as_str)
    }
}

/// Why a run is skipped, if it is.
pub fn skip_reason(meta: &Metadata, unsupported: &FeatureSet, parse_only: bool) -> Option<String> {
    if let Some(feature) = unsupported.first_unsupported(meta) {
        return Some(format!("unsupported feature {feature}"));
    }
    // The main agent can block ([[CanBlock]] is true), as in most shells.
    if !parse_only && meta.flags.can_block_is_false {
        return Some("CanBlockIsFalse: the main agent can block".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(f: impl FnOnce(&mut Flags)) -> Flags {
        let mut flags = Flags::default();
        f(&mut flags);
        flags
    }

    #[test]
    fn flags_to_modes() {
        assert_eq!(modes(&Flags::default()), [Mode::Sloppy, Mode::Strict]);
        assert_eq!(modes(&flags(|f| f.only_strict = true)), [Mode::Strict]);
        assert_eq!(modes(&flags(|f| f.no_strict = true)), [Mode::Sloppy]);
        assert_eq!(modes(&flags(|f| f.raw = true)), [Mode::Sloppy]);
        assert_eq!(modes(&flags(|f| f.module = true)), [Mode::Module]);
        assert_eq!(
            modes(&flags(|f| {
                f.module = true;
                f.only_strict = true
            })),
            [Mode::Module]
        );
        assert_eq!(
            modes(&flags(|f| f.is_async = true)),
            [Mode::Sloppy, Mode::Strict]
        );
    }

    #[test]
    fn ids_are_stable_and_round_trip() {
        let root = Path::new("/x/test262");
        let path = root.join("test").join("language").join("a b.js");
        let rel = rel_path(root, &path);
        assert_eq!(rel, "test/language/a b.js");
        let id = test_id(&rel, Mode::Strict);
        assert_eq!(id, "test/language/a b.js [strict]");
        assert_eq!(parse_id(&id), Some(("test/language/a b.js", Mode::Strict)));
        assert_eq!(parse_id("test/x.js [loose]"), None);
        assert_eq!(parse_id("test/x.js"), None);
        // Sloppy sorts before strict for the same file.
        assert!(test_id("a.js", Mode::Sloppy) < test_id("a.js", Mode::Strict));
    }

    #[test]
    fn fixtures_are_not_tests() {
        assert!(is_test_file(Path::new("a/b.js")));
        assert!(!is_test_file(Path::new("a/b_FIXTURE.js")));
        assert!(!is_test_file(Path::new("a/b.json")));
        assert!(!is_test_file(Path::new("a/b.mjs")));
    }

    #[test]
    fn feature_lists_and_skips() {
        let set = FeatureSet::parse("# comment\n decorators  # stage 3\n\nimport-defer\n");
        assert_eq!(set.len(), 2);
        let meta = Metadata {
            features: vec!["class".into(), "decorators".into()],
            ..Metadata::default()
        };
        assert_eq!(
            skip_reason(&meta, &set, true).as_deref(),
            Some("unsupported feature decorators")
        );
        let plain = Metadata::default();
        assert_eq!(skip_reason(&plain, &set, true), None);
        let blocking = Metadata {
            flags: flags(|f| f.can_block_is_false = true),
            ..Metadata::default()
        };
        assert_eq!(skip_reason(&blocking, &set, true), None);
        assert!(skip_reason(&blocking, &set, false).is_some());
    }
}
