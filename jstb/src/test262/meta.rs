//! The YAML front matter of a test262 test (`/*--- ... ---*/`), see
//! INTERPRETING.md, "Metadata".

use serde::{Deserialize, Serialize};
use yaml_rust2::{Yaml, YamlLoader};

/// When a negative test's error must happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Parse,
    Resolution,
    Runtime,
}

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Parse => "parse",
            Phase::Resolution => "resolution",
            Phase::Runtime => "runtime",
        }
    }
}

/// `negative: {phase, type}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Negative {
    pub phase: Phase,
    /// The constructor name of the expected error (`SyntaxError`, ...).
    pub error_type: String,
}

/// The `flags` that change how a test runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub only_strict: bool,
    pub no_strict: bool,
    pub module: bool,
    pub raw: bool,
    pub is_async: bool,
    pub can_block_is_false: bool,
    pub can_block_is_true: bool,
}

/// What a test's front matter says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    pub flags: Flags,
    pub includes: Vec<String>,
    pub negative: Option<Negative>,
    pub features: Vec<String>,
}

/// The text between `/*---` and `---*/`, if the file has front matter.
pub fn front_matter(source: &str) -> Option<&str> {
    let start = source.find("/*---")? + "/*---".len();
    let len = source[start..].find("---*/")?;
    Some(&source[start..start + len])
}

/// Parses the front matter of a test file. A file without front matter has
/// default metadata (it runs in both modes and must not throw).
pub fn parse(source: &str) -> Result<Metadata, String> {
    let Some(text) = front_matter(source) else {
        return Ok(Metadata::default());
    };
    let docs = YamlLoader::load_from_str(text).map_err(|e| format!("front matter: {e}"))?;
    let Some(doc) = docs.into_iter().next() else {
        return Ok(Metadata::default());
    };
    let Yaml::Hash(map) = &doc else {
        return Err("front matter: not a mapping".into());
    };
    let mut meta = Metadata::default();
    for (key, value) in map {
        match key.as_str() {
            Some("flags") => {
                for flag in string_list(value, "flags")? {
                    match flag.as_str() {
                        "onlyStrict" => meta.flags.only_strict = true,
                        "noStrict" => meta.flags.no_strict = true,
                        "module" => meta.flags.module = true,
                        "raw" => meta.flags.raw = true,
                        "async" => meta.flags.is_async = true,
                        "CanBlockIsFalse" => meta.flags.can_block_is_false = true,
                        "CanBlockIsTrue" => meta.flags.can_block_is_true = true,
                        // `generated`, `non-deterministic`: informational.
                        _ => {}
                    }
                }
            }
            Some("includes") => meta.includes = string_list(value, "includes")?,
            Some("features") => meta.features = string_list(value, "features")?,
            Some("negative") => meta.negative = Some(negative(value)?),
            _ => {}
        }
    }
    Ok(meta)
}

/// A YAML list of plain strings (`[a, b]` or a block list); null is empty.
fn string_list(value: &Yaml, what: &str) -> Result<Vec<String>, String> {
    match value {
        Yaml::Array(items) => items
            .iter()
            .map(|item| scalar(item).ok_or_else(|| format!("front matter: bad item in {what}")))
            .collect(),
        Yaml::Null => Ok(Vec::new()),
        other => scalar(other)
            .map(|s| vec![s])
            .ok_or_else(|| format!("front matter: {what} is not a list")),
    }
}

/// A scalar as a string (test262 names are strings, but YAML may read
/// `Float16Array`-like names fine and, say, a bare number as an integer).
fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn negative(value: &Yaml) -> Result<Negative, String> {
    let phase = match value["phase"].as_str() {
        Some("parse") => Phase::Parse,
        Some("resolution") => Phase::Resolution,
        Some("runtime") => Phase::Runtime,
        Some(other) => return Err(format!("front matter: unknown negative phase {other:?}")),
        None => return Err("front matter: negative without phase".into()),
    };
    let error_type = value["type"]
        .as_str()
        .ok_or("front matter: negative without type")?
        .to_string();
    Ok(Negative { phase, error_type })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_front_matter() {
        let src = r#"// Copyright
/*---
esid: sec-x
description: >
  A test: with colons
info: |
  Some text
    indented
negative:
  phase: parse
  type: SyntaxError
flags: [onlyStrict, async, generated]
includes: [compareArray.js, propertyHelper.js]
features:
  - class-fields-public
  - Float16Array
---*/
$DONOTEVALUATE();
"#;
        let meta = parse(src).unwrap();
        assert_eq!(
            meta.negative,
            Some(Negative {
                phase: Phase::Parse,
                error_type: "SyntaxError".into()
            })
        );
        assert!(meta.flags.only_strict && meta.flags.is_async);
        assert!(!meta.flags.module && !meta.flags.raw);
        assert_eq!(meta.includes, ["compareArray.js", "propertyHelper.js"]);
        assert_eq!(meta.features, ["class-fields-public", "Float16Array"]);
    }

    #[test]
    fn missing_front_matter_is_default() {
        assert_eq!(parse("var x;").unwrap(), Metadata::default());
        assert_eq!(parse("/*------*/").unwrap(), Metadata::default());
    }

    #[test]
    fn empty_lists_and_unknown_keys() {
        let meta = parse("/*---\nflags: []\nincludes:\nlocale: [en]\n---*/").unwrap();
        assert_eq!(meta, Metadata::default());
    }

    #[test]
    fn module_raw_and_resolution() {
        let meta = parse(
            "/*---\nflags: [module, raw, CanBlockIsFalse]\nnegative:\n  phase: resolution\n  type: ReferenceError\n---*/",
        )
        .unwrap();
        assert!(meta.flags.module && meta.flags.raw && meta.flags.can_block_is_false);
        assert_eq!(meta.negative.map(|n| n.phase), Some(Phase::Resolution));
    }

    #[test]
    fn bad_front_matter_is_an_error_not_a_panic() {
        assert!(parse("/*---\nflags: [a\n---*/").is_err());
        assert!(parse("/*---\n- a\n- b\n---*/").is_err());
        assert!(parse("/*---\nnegative:\n  phase: later\n  type: X\n---*/").is_err());
        assert!(parse("/*---\nnegative:\n  type: X\n---*/").is_err());
        assert!(parse("/*---\nflags: {a: b}\n---*/").is_err());
    }
}
