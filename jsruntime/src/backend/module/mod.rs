//! Module records (16.2.1): Source Text Module Records, synthetic modules
//! (JSON modules and modules whose exports are set from Rust), and the
//! host's module map.
//!
//! A module is loaded once per executor (realm), keyed by the string its
//! [`ModuleLoader`] resolved the specifier to. Loading parses and analyzes
//! the source (see `semantics::module`) and creates one heap cell per
//! module-level binding at once, before linking, so that importers can take
//! the exporter's cells even in cycles: an imported binding *is* the
//! exporter's cell, read directly by compiled code (live bindings, TDZ
//! included). The graph is loaded synchronously, depth first
//! (LoadRequestedModules with a synchronous host hook); then come
//! [`link`] (ResolveExport, InnerModuleLinking, InitializeEnvironment) and
//! [`evaluate`] (InnerModuleEvaluation with top-level await). Namespace
//! objects are in [`namespace`], the filesystem loader in [`loader`], and
//! `import()` / `import.meta` in [`dynamic`].

pub mod dynamic;
pub mod evaluate;
pub mod link;
pub mod loader;
pub mod namespace;

use std::collections::HashMap;
use std::rc::Rc;

use crate::completion::{JsResult, Thrown};
use crate::gc::Persistent;
use crate::semantics::module::{BindingInit, ModuleInfo, ModuleRequest};
use crate::value::Value;

use super::{Capture, Executor, ScriptError};

pub use loader::{FileLoader, MemoryLoader};

/// How the host finds modules (16.2.1.8 HostLoadImportedModule, split in
/// two): `resolve` turns a specifier into a key relative to the importing
/// module's key (`None` for the entry point, a script or code without a
/// referrer), `load` fetches the source text of a key. A key is loaded once
/// per realm.
pub trait ModuleLoader {
    /// The key of `specifier` imported from `referrer`; an error message
    /// when it cannot be resolved.
    fn resolve(&self, specifier: &str, referrer: Option<&str>) -> Result<String, String>;
    /// The source text of the module `key`.
    fn load(&self, key: &str) -> Result<String, String>;
    /// The `import.meta.url` of a key (a `file://` URL for files).
    fn url(&self, key: &str) -> String {
        key.to_owned()
    }
}

/// [[Status]] of a Cyclic Module Record (Table 62).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleStatus {
    /// Loaded, not linked.
    Unlinked,
    /// InnerModuleLinking is in progress.
    Linking,
    /// Linked, not evaluated.
    Linked,
    /// InnerModuleEvaluation is in progress.
    Evaluating,
    /// Waiting for asynchronous dependencies or its own top-level await.
    EvaluatingAsync,
    /// Done (maybe with [[EvaluationError]]).
    Evaluated,
}

/// What a record is.
pub(crate) enum RecordKind {
    /// A Source Text Module Record of the program with this id.
    Source { program: usize },
    /// A synthetic module: its export names (one cell each, set by the host).
    Synthetic { names: Vec<String> },
}

/// A module record with the fields of Cyclic Module Records (Table 61).
pub(crate) struct ModuleRecord {
    /// The loader's key (a path or a URL).
    pub key: String,
    pub kind: RecordKind,
    /// The analyzer's records (empty for synthetic modules).
    pub info: Rc<ModuleInfo>,
    /// The module environment: one cell per binding (function 0's
    /// captures); for a synthetic module, one per export name.
    pub cells: Vec<*mut Capture>,
    /// [[LoadedModules]]: the module of each request.
    pub loaded: Vec<Option<usize>>,
    pub status: ModuleStatus,
    /// [[EvaluationError]].
    pub error: Option<Persistent>,
    pub dfs_index: u32,
    pub dfs_ancestor_index: u32,
    /// [[CycleRoot]].
    pub cycle_root: usize,
    /// [[AsyncEvaluation]], with the order in which it became true.
    pub async_evaluation: bool,
    pub async_order: u64,
    /// [[TopLevelCapability]]: an intrinsic promise.
    pub capability: Option<Persistent>,
    /// [[AsyncParentModules]].
    pub async_parents: Vec<usize>,
    /// [[PendingAsyncDependencies]].
    pub pending_async: u32,
    /// The module's namespace object, once created.
    pub namespace: Option<Persistent>,
    /// The `import.meta` object, once created.
    pub meta: Option<Persistent>,
    /// The body (function 2), created by InitializeEnvironment.
    pub body: Option<Persistent>,
}

impl ModuleRecord {
    fn new(key: String, kind: RecordKind, info: Rc<ModuleInfo>, cells: Vec<*mut Capture>) -> Self {
        let requests = info.requests.len();
        ModuleRecord {
            key,
            kind,
            info,
            cells,
            loaded: vec![None; requests],
            status: ModuleStatus::Unlinked,
            error: None,
            dfs_index: 0,
            dfs_ancestor_index: 0,
            cycle_root: usize::MAX,
            async_evaluation: false,
            async_order: 0,
            capability: None,
            async_parents: Vec::new(),
            pending_async: 0,
            namespace: None,
            meta: None,
            body: None,
        }
    }

    /// [[HasTLA]].
    pub fn has_tla(&self) -> bool {
        self.info.has_tla
    }

    /// Whether this is a Cyclic Module Record (source text).
    pub fn is_cyclic(&self) -> bool {
        matches!(self.kind, RecordKind::Source { .. })
    }
}

/// The module map of an executor and its loader.
#[derive(Default)]
pub(crate) struct Modules {
    pub records: Vec<ModuleRecord>,
    pub by_key: HashMap<String, usize>,
    /// Module of each module program, by program id.
    pub by_program: HashMap<usize, usize>,
    pub loader: Option<Rc<dyn ModuleLoader>>,
    /// The counter behind [[AsyncEvaluation]]'s order.
    pub async_counter: u64,
}

/// A cell holding `v`, escaped (its target is its own value) and rooted for
/// the runtime's life (module environments live as long as the realm).
pub(crate) fn new_cell(exec: &mut Executor, v: Value) -> JsResult<*mut Capture> {
    let cell = exec.runtime.alloc(Capture {
        target: std::ptr::null_mut(),
        value: v.to_bits(),
    })?;
    exec.runtime.root_cell_forever(cell);
    let cell = cell.as_ptr();
    // SAFETY: the cell was just allocated; it escapes to its own value.
    unsafe { (*cell).target = &raw mut (*cell).value };
    Ok(cell)
}

/// The value in a module cell.
pub(crate) fn cell_value(cell: *mut Capture) -> Value {
    // SAFETY: module cells are rooted forever and always escaped.
    unsafe { Value::from_bits(*(*cell).target) }
}

/// Stores into a module cell.
pub(crate) fn set_cell(cell: *mut Capture, v: Value) {
    // SAFETY: as in `cell_value`.
    unsafe { *(*cell).target = v.to_bits() };
}

impl Executor {
    /// Sets the loader that resolves and fetches modules.
    pub fn set_module_loader(&mut self, loader: Rc<dyn ModuleLoader>) {
        self.state.modules.loader = Some(loader);
    }

    pub(crate) fn module(&self, m: usize) -> &ModuleRecord {
        &self.state.modules.records[m]
    }

    pub(crate) fn module_mut(&mut self, m: usize) -> &mut ModuleRecord {
        &mut self.state.modules.records[m]
    }

    fn loader(&mut self) -> JsResult<Rc<dyn ModuleLoader>> {
        match &self.state.modules.loader {
            Some(l) => Ok(l.clone()),
            None => Err(self.runtime.type_error("no module loader is installed")),
        }
    }

    /// The key of the script or module of program `program` (the referrer
    /// of its `import()` calls): the module's key, or the script's name.
    pub(crate) fn referrer_key(&self, program: usize) -> Option<String> {
        if let Some(&m) = self.state.modules.by_program.get(&program) {
            return Some(self.module(m).key.clone());
        }
        // Eval code has no name of its own: the nearest script loaded
        // before it stands for its caller's (an approximation of the
        // running execution context's ScriptOrModule).
        self.state
            .programs
            .sources_up_to(program)
            .find_map(|(p, source)| {
                if let Some(&m) = self.state.modules.by_program.get(&p) {
                    return Some(self.module(m).key.clone());
                }
                source.name.clone().filter(|n| !n.starts_with('<'))
            })
    }

    /// Loads the module `specifier` imported from `referrer` and,
    /// recursively, what it imports (16.2.1.5.1 LoadRequestedModules with a
    /// synchronous host): returns the module's index.
    pub fn load_module(&mut self, specifier: &str, referrer: Option<&str>) -> JsResult<usize> {
        let request = ModuleRequest {
            specifier: specifier.to_owned(),
            attributes: Vec::new(),
        };
        self.load_request(&request, referrer)
    }

    /// Loads a module request from `referrer`; see [`Executor::load_module`].
    pub(crate) fn load_request(
        &mut self,
        request: &ModuleRequest,
        referrer: Option<&str>,
    ) -> JsResult<usize> {
        // A module the host registered under this very name (a synthetic
        // module) needs no resolution.
        if let Some(&m) = self.state.modules.by_key.get(&request.specifier) {
            if !self.module(m).is_cyclic() {
                return Ok(m);
            }
        }
        let loader = self.loader()?;
        let key = match loader.resolve(&request.specifier, referrer) {
            Ok(k) => k,
            Err(message) => return Err(self.runtime.type_error(&message)),
        };
        let json = self.check_attributes(request, &key)?;
        if let Some(&m) = self.state.modules.by_key.get(&key) {
            return Ok(m);
        }
        let source = match loader.load(&key) {
            Ok(s) => s,
            Err(message) => return Err(self.runtime.type_error(&message)),
        };
        let m = if json {
            self.json_module(key, &source)?
        } else {
            self.source_text_module(key, &source)?
        };
        // Load the requested modules (depth first; a module being loaded is
        // in the map already, so cycles end).
        let requests = self.module(m).info.requests.clone();
        let own_key = self.module(m).key.clone();
        for (i, r) in requests.iter().enumerate() {
            let dep = self.load_request(r, Some(&own_key))?;
            self.module_mut(m).loaded[i] = Some(dep);
        }
        Ok(m)
    }

    /// The import attributes of a request (16.2.1.8 HostLoadImportedModule
    /// with the `type` attribute of JSON modules): whether it is a JSON
    /// module. Unknown attributes are a SyntaxError, unknown types a
    /// TypeError, and a `.json` file needs `type: "json"` (as node says).
    fn check_attributes(&mut self, request: &ModuleRequest, key: &str) -> JsResult<bool> {
        let mut json = false;
        for (k, v) in &request.attributes {
            if k != "type" {
                let message = format!("Import attribute \"{k}\" is not supported");
                return Err(self.runtime.syntax_error(&message));
            }
            if v != "json" {
                let message = format!("Import attribute type \"{v}\" is not supported");
                return Err(self.runtime.type_error(&message));
            }
            json = true;
        }
        if !json && key.ends_with(".json") {
            let message = format!("Module \"{key}\" needs an import attribute of \"type: json\"");
            return Err(self.runtime.type_error(&message));
        }
        Ok(json)
    }

    /// 16.2.1.6.1 ParseModule and the cells of its environment.
    fn source_text_module(&mut self, key: String, source: &str) -> JsResult<usize> {
        let options = jsparser::ParseOptions::module();
        let program = jsparser::parse(source, options)
            .map_err(ScriptError::Syntax)
            .and_then(|ast| crate::semantics::analyze(&ast).map_err(ScriptError::Analyze));
        let program = match program {
            Ok(p) => p,
            Err(e) => {
                // The error names the file and the position in it.
                let start = match &e {
                    ScriptError::Syntax(e) => Some(e.span.start),
                    ScriptError::Analyze(e) => Some(e.span.start),
                    _ => None,
                };
                let at = match start {
                    Some(offset) => {
                        let (line, col) = jsparser::lexer::LineIndex::new(source).line_col(offset);
                        format!("{key}:{line}:{col}")
                    }
                    None => key.clone(),
                };
                let e = self.script_error(e);
                return Err(self.annotate_error(e, &at));
            }
        };
        let Some(info) = program.module.clone() else {
            return Err(self.runtime.type_error("not a module"));
        };
        let id = self.load(program);
        self.set_source(id, &key, source);
        let mut cells = Vec::with_capacity(info.bindings.len());
        for b in &info.bindings {
            let v = match b.init {
                BindingInit::Uninitialized => Value::HOLE,
                _ => Value::UNDEFINED,
            };
            // Import cells are replaced by the exporter's when linking.
            cells.push(new_cell(self, v)?);
        }
        let kind = RecordKind::Source { program: id };
        let m = self.add_record(ModuleRecord::new(key, kind, Rc::new(info), cells));
        self.state.modules.by_program.insert(id, m);
        Ok(m)
    }

    /// A JSON module (ES2025): a synthetic module whose `default` export is
    /// the parsed text.
    fn json_module(&mut self, key: String, source: &str) -> JsResult<usize> {
        let text = self.runtime.new_string(source)?;
        let value = match crate::builtins::json::parse_text(&mut self.runtime, Value::string(text))
        {
            Ok(v) => v,
            Err(e) => return Err(self.annotate_error(e, &key)),
        };
        self.synthetic_module(key, &[("default", value)])
    }

    /// A synthetic module (16.2.1.? Synthetic Module Records) with these
    /// exports, registered under `key`: importers see later
    /// [`Executor::set_synthetic_export`] calls.
    pub fn synthetic_module(&mut self, key: String, exports: &[(&str, Value)]) -> JsResult<usize> {
        let roots = self
            .runtime
            .rooted_list_from(&exports.iter().map(|e| e.1).collect::<Vec<_>>());
        let mut cells = Vec::with_capacity(exports.len());
        let mut names = Vec::with_capacity(exports.len());
        for (i, (name, _)) in exports.iter().enumerate() {
            cells.push(new_cell(self, roots.get(i).unwrap_or(Value::UNDEFINED))?);
            names.push((*name).to_owned());
        }
        let kind = RecordKind::Synthetic { names };
        let mut record = ModuleRecord::new(key, kind, Rc::new(ModuleInfo::default()), cells);
        record.status = ModuleStatus::Evaluated;
        Ok(self.add_record(record))
    }

    /// Sets export `name` of synthetic module `m` (SetSyntheticModuleExport).
    pub fn set_synthetic_export(&mut self, m: usize, name: &str, v: Value) -> bool {
        let Some(record) = self.state.modules.records.get(m) else {
            return false;
        };
        let RecordKind::Synthetic { names } = &record.kind else {
            return false;
        };
        match names.iter().position(|n| n == name) {
            Some(i) => {
                set_cell(record.cells[i], v);
                true
            }
            None => false,
        }
    }

    fn add_record(&mut self, record: ModuleRecord) -> usize {
        let key = record.key.clone();
        let m = self.state.modules.records.len();
        self.state.modules.records.push(record);
        self.state.modules.by_key.insert(key, m);
        m
    }

    /// Prefixes an error's message with the module it concerns.
    fn annotate_error(&mut self, e: Thrown, key: &str) -> Thrown {
        let Some(o) = e.0.as_object() else {
            return e;
        };
        if let Ok(m) = self.runtime.get_by_name(o, "message") {
            if let Some(s) = m.as_string() {
                let text = format!("{key}: {}", s.to_rust_string());
                // The key first: the new string must not wait across an
                // allocation unrooted.
                let key = self.runtime.atom("message");
                if let (Ok(k), Ok(s)) = (key, self.runtime.new_string(&text)) {
                    let key = crate::object::PropertyKey::String(k);
                    let _ = self.runtime.set(o, key, Value::string(s), Value::object(o));
                }
            }
        }
        e
    }

    /// Loads, links and evaluates the module `specifier` (relative to the
    /// working directory or absolute) as the program's entry point: the
    /// promise of its evaluation (16.2.1.5.3 Evaluate), or the load or link
    /// error.
    pub fn run_module(&mut self, specifier: &str) -> JsResult<Value> {
        let m = self.load_module(specifier, None)?;
        self.link_module(m)?;
        self.evaluate_module(m)
    }

    /// The namespace object of module `m` (GetModuleNamespace).
    pub fn module_namespace(&mut self, m: usize) -> JsResult<Value> {
        namespace::get_module_namespace(self, m)
    }

    /// The module loaded under `key`, if any.
    pub fn module_by_key(&self, key: &str) -> Option<usize> {
        self.state.modules.by_key.get(key).copied()
    }

    /// The program id of a source text module.
    pub fn module_program(&self, m: usize) -> Option<usize> {
        match self.state.modules.records.get(m)?.kind {
            RecordKind::Source { program } => Some(program),
            RecordKind::Synthetic { .. } => None,
        }
    }
}

/// A promise's settled state for hosts: `Some(Ok(value))` when fulfilled,
/// `Some(Err(reason))` when rejected, `None` while pending.
pub fn promise_outcome(promise: Value) -> Option<Result<Value, Value>> {
    crate::builtins::promise::promise_outcome(promise)
}

#[cfg(test)]
mod tests;

/// Marks a promise as handled (a host that watches it itself, such as the
/// CLI watching the main module's evaluation, does not want it reported as
/// an unhandled rejection).
pub fn mark_promise_handled(promise: Value) {
    crate::builtins::promise::mark_handled(promise);
}
