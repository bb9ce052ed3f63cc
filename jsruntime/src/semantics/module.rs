//! What the analyzer records of a module for the module records of the
//! backend (16.2.1.6 Source Text Module Records): its requests, import and
//! export entries, and the layout of its environment.
//!
//! A module program has three functions. Function 0 stands for the module
//! environment and is never compiled: its captures are the module's
//! bindings (imports, `var`s, functions, `let`/`const`/`class`, the hidden
//! `*default*` and `this`), one heap cell each, which the
//! module record creates before linking so that importers can share them.
//! Function 1 instantiates the hoisted function declarations
//! (16.2.1.6.4 InitializeEnvironment step 24), function 2 is the body
//! (ExecuteModule; an async arrow when the module has top-level await).

/// A `ModuleRequest` record (16.2.1.3): a specifier and its import
/// attributes.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ModuleRequest {
    /// The module specifier string.
    pub specifier: String,
    /// `with { key: "value" }`, sorted by key (duplicates are early errors).
    pub attributes: Vec<(String, String)>,
}

/// The [[ImportName]] of an import or indirect export entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportName {
    /// A named export of the requested module.
    Name(String),
    /// `import * as ns` / `export * as ns from`: the module's namespace.
    Namespace,
}

/// An ImportEntry (Table 60) whose local binding is `binding` (an index
/// into [`ModuleInfo::bindings`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportEntry {
    /// Index into [`ModuleInfo::requests`].
    pub request: u32,
    /// What is imported.
    pub import_name: ImportName,
    /// The local binding.
    pub binding: u32,
}

/// An ExportEntry with a [[ModuleRequest]] (an indirect export).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndirectExport {
    /// The exported name.
    pub export_name: String,
    /// Index into [`ModuleInfo::requests`].
    pub request: u32,
    /// What is re-exported.
    pub import_name: ImportName,
}

/// How a module binding starts (16.2.1.6.4 InitializeEnvironment).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BindingInit {
    /// An import: the cell is the exporter's (or holds a namespace).
    Import,
    /// `var`: undefined.
    Undefined,
    /// `let`, `const`, `class`, `*default*`: uninitialized (the TDZ).
    Uninitialized,
    /// A function declaration: created by function 1.
    Function,
    /// The module's `this`: undefined.
    This,
}

/// A binding of the module environment (a capture of function 0).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleBinding {
    /// The binding's name (`*default*` for an anonymous default export).
    pub name: String,
    /// Its initial state.
    pub init: BindingInit,
}

/// The module-level facts of a module program.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ModuleInfo {
    /// [[RequestedModules]] in source order, without duplicates.
    pub requests: Vec<ModuleRequest>,
    /// The captures of function 0, in order.
    pub bindings: Vec<ModuleBinding>,
    /// [[ImportEntries]].
    pub imports: Vec<ImportEntry>,
    /// [[LocalExportEntries]]: exported name and local binding.
    pub local_exports: Vec<(String, u32)>,
    /// [[IndirectExportEntries]].
    pub indirect_exports: Vec<IndirectExport>,
    /// [[StarExportEntries]]: `export * from` requests.
    pub star_exports: Vec<u32>,
    /// [[HasTLA]]: the body contains `await` (function 2 is async).
    pub has_tla: bool,
    /// Function 1's capture `i` is function 0's capture `init_captures[i]`.
    pub init_captures: Vec<u16>,
    /// Function 2's capture `i` is function 0's capture `body_captures[i]`.
    pub body_captures: Vec<u16>,
}

/// The function of a module program that instantiates its hoisted
/// function declarations.
pub const MODULE_INIT_FUNCTION: u32 = 1;
/// The function of a module program that is its body.
pub const MODULE_BODY_FUNCTION: u32 = 2;
/// The name of the binding of an anonymous default export.
pub const DEFAULT_BINDING: &str = "*default*";
