//! Two [`ModuleLoader`]s: [`FileLoader`] (the filesystem, node-style
//! resolution) and [`MemoryLoader`] (source texts by name, for tests and
//! embedders).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use super::ModuleLoader;

/// Modules from the filesystem. Relative (`./`, `../`) and absolute
/// specifiers and `file:` URLs resolve against the importing module's
/// directory (the working directory for the entry point); bare specifiers
/// look for `node_modules/<package>` in the importer's directory and its
/// ancestors and use the package's `package.json` (`exports` with the
/// `import` and `default` conditions and subpath patterns, else `module`,
/// else `main`, else `index.js`). Keys are canonical paths.
#[derive(Default)]
pub struct FileLoader;

impl ModuleLoader for FileLoader {
    fn resolve(&self, specifier: &str, referrer: Option<&str>) -> Result<String, String> {
        let from = || match referrer {
            Some(r) => format!(" imported from {r}"),
            None => String::new(),
        };
        let base = match referrer {
            Some(r) => Path::new(r)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            None => std::env::current_dir().unwrap_or_default(),
        };
        let path = if let Some(rest) = specifier.strip_prefix("file://") {
            PathBuf::from(percent_decode(rest))
        } else if specifier.starts_with('/')
            || specifier.starts_with("./")
            || specifier.starts_with("../")
            || specifier == "."
            || specifier == ".."
        {
            base.join(specifier)
        } else if referrer.is_none() && !specifier.contains(':') && Path::new(specifier).exists() {
            // The entry point given on the command line.
            base.join(specifier)
        } else if specifier.contains(':') {
            return Err(format!(
                "Unsupported module specifier '{specifier}'{}",
                from()
            ));
        } else {
            return resolve_package(specifier, &base)
                .map(|p| p.to_string_lossy().into_owned())
                .map_err(|e| format!("{e}{}", from()));
        };
        let path = normalize(&path);
        match std::fs::canonicalize(&path) {
            Ok(p) if p.is_file() => Ok(p.to_string_lossy().into_owned()),
            _ => Err(format!("Cannot find module '{}'{}", path.display(), from())),
        }
    }

    fn load(&self, key: &str) -> Result<String, String> {
        if key.ends_with(".cjs") {
            return Err(format!(
                "{key} is a CommonJS module: only ES modules can be imported"
            ));
        }
        let bytes = std::fs::read(key).map_err(|e| format!("Cannot read module {key}: {e}"))?;
        String::from_utf8(bytes).map_err(|_| format!("{key} is not valid UTF-8"))
    }

    fn url(&self, key: &str) -> String {
        file_url(key)
    }
}

/// The `file://` URL of an absolute path (percent-encoding what URLs need).
pub fn file_url(path: &str) -> String {
    let mut url = String::from("file://");
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `a/./b/../c` -> `a/c` without touching the filesystem.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c.as_os_str()),
        }
    }
    out
}

/// A bare specifier: `pkg`, `pkg/sub/path`, `@scope/pkg/sub`.
fn resolve_package(specifier: &str, base: &Path) -> Result<PathBuf, String> {
    let mut parts = specifier.splitn(if specifier.starts_with('@') { 3 } else { 2 }, '/');
    let name = if specifier.starts_with('@') {
        let scope = parts.next().unwrap_or_default();
        let pkg = parts.next().unwrap_or_default();
        format!("{scope}/{pkg}")
    } else {
        parts.next().unwrap_or_default().to_owned()
    };
    let subpath = parts
        .next()
        .map(|s| format!("./{s}"))
        .unwrap_or_else(|| ".".into());
    for dir in base.ancestors() {
        let package = dir.join("node_modules").join(&name);
        if !package.is_dir() {
            continue;
        }
        let manifest = std::fs::read_to_string(package.join("package.json")).ok();
        let json: Option<serde_json::Value> = manifest.and_then(|m| serde_json::from_str(&m).ok());
        let is_module = json
            .as_ref()
            .and_then(|j| j.get("type"))
            .and_then(|t| t.as_str())
            == Some("module");
        let target = match json.as_ref().and_then(|j| j.get("exports")) {
            Some(exports) => match package_exports(exports, &subpath) {
                Some(t) => t,
                None => {
                    return Err(format!(
                        "Package subpath '{subpath}' is not defined by \"exports\" in {}",
                        package.join("package.json").display()
                    ))
                }
            },
            None if subpath != "." => subpath.clone(),
            None => {
                let field = |f: &str| {
                    json.as_ref()
                        .and_then(|j| j.get(f))
                        .and_then(|v| v.as_str())
                        .map(str::to_owned)
                };
                match (field("module"), field("main")) {
                    (Some(m), _) => m,
                    (None, Some(main)) if is_module => main,
                    (None, Some(_)) => {
                        return Err(format!(
                        "Package '{name}' ({}) is CommonJS, and only ES modules can be imported;",
                        package.display()
                    ))
                    }
                    (None, None) => "./index.js".into(),
                }
            }
        };
        let path = normalize(&package.join(target));
        return match std::fs::canonicalize(&path) {
            Ok(p) if p.is_file() => {
                let cjs = p.extension().is_some_and(|e| e == "cjs");
                if cjs {
                    return Err(format!(
                        "Package '{name}' resolves to the CommonJS file {}",
                        p.display()
                    ));
                }
                Ok(p)
            }
            _ => Err(format!(
                "Cannot find module '{}' of package '{name}'",
                path.display()
            )),
        };
    }
    Err(format!("Cannot find package '{name}'"))
}

/// PACKAGE_EXPORTS_RESOLVE of node's algorithm, with the conditions
/// `import` and `default`.
fn package_exports(exports: &serde_json::Value, subpath: &str) -> Option<String> {
    use serde_json::Value as J;
    let is_subpath_map = match exports {
        J::Object(map) => map.keys().any(|k| k.starts_with('.')),
        _ => false,
    };
    if !is_subpath_map {
        return (subpath == ".")
            .then(|| conditional_target(exports))
            .flatten();
    }
    let J::Object(map) = exports else {
        return None;
    };
    if let Some(t) = map.get(subpath) {
        return conditional_target(t);
    }
    // Subpath patterns: "./features/*.js": "./src/features/*.js".
    let mut best: Option<(&str, &serde_json::Value)> = None;
    for (k, v) in map {
        let Some(star) = k.find('*') else { continue };
        let (prefix, suffix) = (&k[..star], &k[star + 1..]);
        if subpath.starts_with(prefix)
            && subpath.ends_with(suffix)
            && subpath.len() >= prefix.len() + suffix.len()
            && best.is_none_or(|(b, _)| b.len() < k.len())
        {
            best = Some((k, v));
        }
    }
    let (k, v) = best?;
    let star = k.find('*')?;
    let matched = &subpath[star..subpath.len() - (k.len() - star - 1)];
    conditional_target(v).map(|t| t.replace('*', matched))
}

fn conditional_target(target: &serde_json::Value) -> Option<String> {
    use serde_json::Value as J;
    match target {
        J::String(s) => Some(s.clone()),
        J::Array(items) => items.iter().find_map(conditional_target),
        J::Object(map) => ["import", "module", "default"]
            .iter()
            .find_map(|c| map.get(*c).and_then(conditional_target)),
        _ => None,
    }
}

/// Modules held in memory: `resolve` joins relative specifiers with the
/// referrer's directory (`/` separated names); other specifiers are names.
#[derive(Default)]
pub struct MemoryLoader {
    sources: HashMap<String, String>,
}

impl MemoryLoader {
    /// An empty loader.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the module `name`.
    pub fn insert(&mut self, name: &str, source: &str) {
        self.sources.insert(name.to_owned(), source.to_owned());
    }
}

impl ModuleLoader for MemoryLoader {
    fn resolve(&self, specifier: &str, referrer: Option<&str>) -> Result<String, String> {
        let key = if specifier.starts_with("./") || specifier.starts_with("../") {
            let dir = referrer
                .and_then(|r| r.rfind('/').map(|i| &r[..i]))
                .unwrap_or("");
            let joined = format!("{dir}/{specifier}");
            let mut parts: Vec<&str> = Vec::new();
            for p in joined.split('/') {
                match p {
                    "" | "." => {}
                    ".." => {
                        parts.pop();
                    }
                    p => parts.push(p),
                }
            }
            let absolute = referrer.is_some_and(|r| r.starts_with('/'));
            let body = parts.join("/");
            if absolute {
                format!("/{body}")
            } else {
                body
            }
        } else {
            specifier.to_owned()
        };
        if self.sources.contains_key(&key) {
            Ok(key)
        } else {
            Err(format!("Cannot find module '{specifier}'"))
        }
    }

    fn load(&self, key: &str) -> Result<String, String> {
        self.sources
            .get(key)
            .cloned()
            .ok_or_else(|| format!("Cannot find module '{key}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_loader_joins_relative_specifiers() {
        let mut l = MemoryLoader::new();
        l.insert("a/b.js", "");
        l.insert("c.js", "");
        assert_eq!(l.resolve("./b.js", Some("a/main.js")).unwrap(), "a/b.js");
        assert_eq!(l.resolve("../c.js", Some("a/main.js")).unwrap(), "c.js");
        assert!(l.resolve("./x.js", Some("a/main.js")).is_err());
    }

    #[test]
    fn package_exports_conditions_and_patterns() {
        let e: serde_json::Value = serde_json::from_str(
            r#"{".": {"require": "./c.cjs", "import": "./m.js"}, "./f/*.js": "./src/f/*.js"}"#,
        )
        .unwrap();
        assert_eq!(package_exports(&e, ".").unwrap(), "./m.js");
        assert_eq!(package_exports(&e, "./f/x.js").unwrap(), "./src/f/x.js");
        assert!(package_exports(&e, "./g.js").is_none());
    }

    #[test]
    fn file_urls_are_encoded() {
        assert_eq!(file_url("/a b/c.js"), "file:///a%20b/c.js");
        assert_eq!(percent_decode("/a%20b"), "/a b");
    }
}
