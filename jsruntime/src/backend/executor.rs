//! [`Executor`]: a runtime plus the backend's state (JIT, programs, function
//! templates), and the entry point that runs a program.

use hashbrown::HashMap;
use std::rc::Rc;

use crate::completion::{JsResult, Thrown};
use crate::gc::Persistent;
use crate::object::PropertyKey;
use crate::runtime::inline_cache::PropertyCache;
use crate::runtime::{RealmId, Runtime};
use crate::semantics::{CompileCommand, FunctionId, Program, StringId, Symbol};
use crate::value::Value;

use super::bridge::{self, runtime_lazy_compile};
use super::compiler::{self, CompileError, CompileHost};
use super::coroutine::{runtime_coroutine_ramp, CoroutineBody, CoroutineCode, CoroutineKind};
use super::dynamic_code::{self, DynamicSources};
use super::exception_trace::ExceptionTrace;
use super::global_env::GlobalEnvironment;
use super::jit::{Jit, Tier, MAX_TIER_UP_BACKLOG, TIER_UP_BACKLOG_RETRY, TIER_UP_POLL};
use super::{FunctionTemplate, Lambda, Status};

/// Counters for `jstb run --stats`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Functions compiled to native code (lazily, on their first call).
    pub compiled_functions: usize,
    /// Functions that started in the interpreter (`interp`).
    pub interpreted_functions: usize,
    /// Function templates created (functions whose closures were created).
    pub templates: usize,
    /// Quick-tier functions recompiled by the full tier.
    pub tiered_up: usize,
    /// Activations of quick code that moved into the full tier at a loop
    /// header (on-stack replacement).
    pub osr_entries: usize,
}

/// The backend's tables, separate from the JIT so that both can be borrowed
/// at once during a compilation.
#[derive(Default)]
pub(super) struct State {
    /// Loaded programs, their realms and source texts, by id.
    pub(super) programs: super::programs::Programs,
    /// Templates by (program, function); boxed so their addresses, embedded
    /// in compiled code, never change.
    pub(super) templates: HashMap<(usize, u32), Box<FunctionTemplate>>,
    /// String literals, rooted, by (program, string id).
    pub(super) strings: HashMap<(usize, u32), Persistent>,
    /// Template objects of tagged templates, rooted, by (program, site).
    pub(super) template_objects: HashMap<(usize, u32), Persistent>,
    /// Runs of array literal elements as value bits, by (program, list)
    /// (`CompileHost::constant_list`).
    pub(super) constant_lists: HashMap<(usize, u32), Box<[u64]>>,
    /// Lookups of `switch` selectors that are not int32, by (program,
    /// table) (`CompileHost::case_lookup`).
    pub(super) case_lookups: HashMap<(usize, u32), Box<bridge::switch::CaseLookup>>,
    /// BigInt literals, rooted, by (program, digits string id, radix).
    pub(super) bigints: HashMap<(usize, u32, u32), Persistent>,
    /// Global names, by id; see `runtime_get_global`.
    global_names: Vec<String>,
    global_ids: HashMap<String, u32>,
    /// The rooted atom of each global name, created on first use.
    global_keys: Vec<Option<Persistent>>,
    /// Each realm's global environment (declarative record and var names),
    /// by realm id (grown when a program of a new realm is loaded).
    globals: Vec<GlobalEnvironment>,
    /// Source texts of dynamic functions.
    pub(super) dynamic_sources: DynamicSources,
    /// Programs of eval code, by realm, scope and source text, for reuse.
    pub(super) eval_cache: super::dynamic_code::EvalCache,
    /// Inline caches of compiled functions, by (program, function).
    pub(super) caches: HashMap<(usize, u32), *const PropertyCache>,
    /// Type feedback tables of quick-compiled functions, by (program,
    /// function) (`backend::feedback`); boxed, so their addresses, embedded
    /// in the quick code, stay fixed.
    pub(super) feedback: HashMap<(usize, u32), Box<[u8]>>,
    inline_caches_enabled: bool,
    /// Whether functions without loops start in the quick tier
    /// ([`Tier`]); off, everything compiles full at once.
    pub(super) tiering: bool,
    /// Whether functions start in the interpreter (`interp`).
    pub(super) interpreter: bool,
    /// Compiled code does not poll the interrupt flag: only for the
    /// overhead measurement of docs/security.md
    /// (`JSRUNTIME_NO_INTERRUPT_POLLS`), which makes a script unstoppable.
    no_interrupt_polls: bool,
    /// Whether tier-ups compile on the main thread (`JSRUNTIME_SYNC_COMPILE`)
    /// rather than on the compile thread.
    sync_compile: bool,
    /// This executor's side of the compile thread, once used.
    pub(super) compile_thread: Option<super::compile_thread::CompileThread>,
    /// The full-tier lambdas with on-stack replacement entries
    /// (`compiler/osr.rs`), by (program, function): what `runtime_osr`
    /// may enter from the quick code of the same function.
    pub(super) osr_lambdas: HashMap<(usize, u32), Lambda>,
    /// The inline cache of each global name read by compiled code, by realm
    /// and name id (null until first needed); see
    /// `runtime_get_global_cached`.
    global_caches: Vec<Vec<*const PropertyCache>>,
    stats: Stats,
    /// The trace of the last exception (see `exception_trace`).
    pub(super) trace: ExceptionTrace,
    /// The module map and the module loader.
    pub(super) modules: super::module::Modules,
    /// Compiled code and its call sites, for stack traces (`stack_walk`).
    pub(super) code_map: super::stack_walk::CodeMap,
    /// The programs of eval code, freed once dead (`reclaim`).
    pub(super) reclaim: super::reclaim::Reclaim,
}

impl State {
    fn global_id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.global_ids.get(name) {
            return id;
        }
        let id = self.global_names.len() as u32;
        self.global_names.push(name.to_owned());
        self.global_ids.insert(name.to_owned(), id);
        id
    }

    fn template(
        &mut self,
        runtime: &mut Runtime,
        program: usize,
        function: FunctionId,
    ) -> &FunctionTemplate {
        if !self.templates.contains_key(&(program, function.0)) {
            let template = self.new_template(runtime, program, function);
            let address: *const FunctionTemplate = &*template;
            self.reclaim.template(program, address);
            self.templates.insert((program, function.0), template);
        }
        &self.templates[&(program, function.0)]
    }

    fn new_template(
        &mut self,
        runtime: &mut Runtime,
        program: usize,
        function: FunctionId,
    ) -> Box<FunctionTemplate> {
        self.stats.templates += 1;
        let realm = self.programs.realm(program).unwrap_or_default();
        let (num_params, name, flags) = self
            .programs
            .get(program)
            .and_then(|p| {
                let s = p.function(function)?;
                let name = s.name.map(|n| p.symbol_name(n).to_owned());
                Some((s.length.unwrap_or(s.num_params), name, s.flags))
            })
            .unwrap_or_default();
        // Out of memory for the name leaves the function anonymous.
        let atom = name.and_then(|n| runtime.atom(&n).ok());
        let name_root = atom.map(|a| runtime.persistent(Value::string(a)));
        let coroutine_kind = match (flags.generator, flags.r#async) {
            (true, true) => Some(CoroutineKind::AsyncGenerator),
            (true, false) => Some(CoroutineKind::Generator),
            (false, true) => Some(CoroutineKind::Async),
            (false, false) => None,
        };
        let lambda = if coroutine_kind.is_some() {
            runtime_coroutine_ramp as Lambda
        } else {
            runtime_lazy_compile as Lambda
        };
        Box::new(FunctionTemplate {
            lambda: std::cell::Cell::new(lambda),
            compiled: std::cell::Cell::new(false),
            quick: std::cell::Cell::new(false),
            hotness: std::cell::Cell::new(0),
            backedges: std::cell::Cell::new(super::jit::OSR_BACK_EDGES),
            big_frame: std::cell::Cell::new(None),
            program,
            function,
            realm,
            num_params,
            name: atom.unwrap_or(runtime.names.empty),
            name_root,
            strict: flags.strict,
            constructor: !(flags.arrow || flags.generator || flags.r#async || flags.method),
            class_constructor: flags.class_constructor,
            derived: flags.derived,
            coroutine_kind,
            coroutine: std::cell::OnceCell::new(),
            construct_cache: std::cell::Cell::new(std::ptr::null()),
            reached: std::cell::Cell::new(false),
            interp: std::cell::OnceCell::new(),
            interp_done: std::cell::Cell::new(false),
            interp_waits: std::cell::Cell::new(0),
        })
    }
}

impl Host<'_> {
    /// The realm of the program being compiled.
    fn realm(&self) -> RealmId {
        self.state.programs.realm(self.program).unwrap_or_default()
    }
}

/// What the compiler asks of the executor while compiling one program's
/// function.
struct Host<'a> {
    runtime: &'a mut Runtime,
    state: &'a mut State,
    program: usize,
    function: FunctionId,
}

impl CompileHost for Host<'_> {
    fn interrupt_flag(&mut self) -> Option<usize> {
        (!self.state.no_interrupt_polls).then(|| self.runtime.interrupt_flag_address())
    }

    fn active_script_or_module(&mut self) -> Value {
        // The program's id (see `backend::module`).
        Value::from_i32(self.program as i32)
    }

    fn string_constant(&mut self, program: &Program, id: StringId) -> Result<Value, CompileError> {
        if let Some(p) = self.state.strings.get(&(self.program, id.0)) {
            return Ok(p.get());
        }
        let text = program
            .strings
            .get(id.0 as usize)
            .ok_or_else(|| CompileError::Malformed(format!("string {} out of range", id.0)))?;
        // Atoms: `o.name` keys need no interning at runtime.
        let s = match program.string_units(id) {
            Some(units) => self.runtime.new_string_utf16(units),
            None => self.runtime.atom(text),
        }
        .map_err(|_| CompileError::Cranelift("out of memory".to_owned()))?;
        let v = Value::string(s);
        let root = self.runtime.persistent(v);
        self.state.strings.insert((self.program, id.0), root);
        Ok(v)
    }

    fn global_name(&mut self, program: &Program, symbol: Symbol) -> u32 {
        self.state.global_id(program.symbol_name(symbol))
    }

    fn bigint_constant(
        &mut self,
        program: &Program,
        radix: u32,
        digits: StringId,
    ) -> Result<Value, CompileError> {
        if let Some(p) = self.state.bigints.get(&(self.program, digits.0, radix)) {
            return Ok(p.get());
        }
        let value = program
            .strings
            .get(digits.0 as usize)
            .and_then(|text| crate::bigint::literal_value(radix, text))
            .ok_or_else(|| CompileError::Malformed(format!("bad BigInt literal {}", digits.0)))?;
        let v = self.runtime.new_bigint(value).map_err(|_| {
            CompileError::Cranelift("BigInt literal too large or out of memory".to_owned())
        })?;
        let root = self.runtime.persistent(v);
        self.state
            .bigints
            .insert((self.program, digits.0, radix), root);
        Ok(v)
    }

    fn template_object(&mut self, program: &Program, site: u32) -> Result<Value, CompileError> {
        if let Some(p) = self.state.template_objects.get(&(self.program, site)) {
            return Ok(p.get());
        }
        let t = program
            .templates
            .get(site as usize)
            .ok_or_else(|| CompileError::Malformed(format!("template {site} out of range")))?;
        let mut cooked = Vec::with_capacity(t.cooked.len());
        for c in &t.cooked {
            cooked.push(match c {
                Some(id) => self.string_constant(program, *id)?,
                None => Value::UNDEFINED,
            });
        }
        let mut raw = Vec::with_capacity(t.raw.len());
        for id in &t.raw {
            raw.push(self.string_constant(program, *id)?);
        }
        let object = crate::object::template::create_template_object(self.runtime, &cooked, &raw)
            .map_err(|_| CompileError::Cranelift("out of memory".to_owned()))?;
        let root = self.runtime.persistent(Value::object(object));
        self.state
            .template_objects
            .insert((self.program, site), root);
        Ok(Value::object(object))
    }

    fn template(&mut self, function: FunctionId) -> Result<*const FunctionTemplate, CompileError> {
        Ok(self.state.template(self.runtime, self.program, function) as *const FunctionTemplate)
    }

    fn constant_list(
        &mut self,
        program: &Program,
        list: u32,
    ) -> Result<(*const u64, u32), CompileError> {
        let key = (self.program, list);
        if let Some(values) = self.state.constant_lists.get(&key) {
            return Ok((values.as_ptr(), values.len() as u32));
        }
        let commands = program
            .constant_lists
            .get(list as usize)
            .ok_or_else(|| CompileError::Malformed(format!("constant list {list} out of range")))?;
        let mut values = Vec::with_capacity(commands.len());
        for c in commands {
            let v = match *c {
                CompileCommand::Number(n) => Value::number(n),
                CompileCommand::String(id) => self.string_constant(program, id)?,
                CompileCommand::Boolean(b) => Value::from_bool(b),
                CompileCommand::Null => Value::NULL,
                CompileCommand::Undefined => Value::UNDEFINED,
                ref c => return Err(CompileError::Malformed(format!("{c} in a constant list"))),
            };
            values.push(v.to_bits());
        }
        // The strings are rooted by `string_constant`; the list lives as
        // long as the executor (and so the code).
        let values = values.into_boxed_slice();
        let entry = (values.as_ptr(), values.len() as u32);
        self.state.constant_lists.insert(key, values);
        Ok(entry)
    }

    fn case_lookup(
        &mut self,
        program: &Program,
        table: u32,
    ) -> Result<*const bridge::switch::CaseLookup, CompileError> {
        let key = (self.program, table);
        if let Some(lookup) = self.state.case_lookups.get(&key) {
            return Ok(&**lookup as *const bridge::switch::CaseLookup);
        }
        let lookup = bridge::switch::CaseLookup::new(program, table)
            .ok_or_else(|| CompileError::Malformed(format!("case table {table}")))?;
        // Boxed: the address is embedded in the code and stays fixed.
        let lookup = Box::new(lookup);
        let p = &*lookup as *const bridge::switch::CaseLookup;
        self.state.case_lookups.insert(key, lookup);
        Ok(p)
    }

    fn inline_caches(&mut self, count: u32) -> *const PropertyCache {
        if !self.state.inline_caches_enabled {
            return std::ptr::null();
        }
        let key = (self.program, self.function.0);
        if let Some(&p) = self.state.caches.get(&key) {
            return p;
        }
        let p = self.runtime.new_inline_caches(count as usize);
        self.state.caches.insert(key, p);
        p
    }

    fn feedback(&mut self, len: usize, create: bool) -> *mut u8 {
        let key = (self.program, self.function.0);
        match self.state.feedback.get_mut(&key) {
            Some(table) if table.len() == len => table.as_mut_ptr(),
            Some(_) => std::ptr::null_mut(),
            None if create => {
                let mut table = vec![0u8; len].into_boxed_slice();
                let p = table.as_mut_ptr();
                self.state.feedback.insert(key, table);
                p
            }
            None => std::ptr::null_mut(),
        }
    }

    fn global_lexical(&mut self, name: u32) -> Option<(*mut u64, bool)> {
        let realm = self.realm().0 as usize;
        let binding = self.state.globals.get(realm)?.lexical.get(&name)?;
        Some((binding.value_address(), binding.mutable))
    }

    fn direct_closure_calls(&mut self) -> bool {
        self.realm() == RealmId(0)
    }

    fn intrinsic_constant(&mut self, which: crate::runtime::Intrinsic) -> Option<u64> {
        if !self.state.inline_caches_enabled {
            return None;
        }
        let v = self.runtime.realm_intrinsic(self.realm(), which);
        v.is_object().then(|| v.to_bits())
    }

    fn keep_cell_alive(&mut self, addr: usize) -> bool {
        if !self.state.inline_caches_enabled || addr == 0 {
            return false;
        }
        self.runtime.root_code_cell(addr);
        true
    }

    fn type_names(&mut self) -> Option<compiler::TypeNames> {
        let n = &self.runtime.names;
        let bits = |s| Value::string(s).to_bits();
        Some(compiler::TypeNames {
            undefined: bits(n.undefined),
            object: bits(n.object),
            boolean: bits(n.boolean),
            number: bits(n.number),
            string: bits(n.string),
            symbol: bits(n.symbol),
            bigint: bits(n.bigint),
            function: bits(n.function),
        })
    }

    fn global_cache(&mut self, name: u32) -> Option<(u64, *const PropertyCache)> {
        if !self.state.inline_caches_enabled {
            return None;
        }
        let realm = self.realm();
        let global = self
            .runtime
            .realm_intrinsic(realm, crate::runtime::Intrinsic::GlobalObject);
        if !global.is_object() {
            return None;
        }
        let global = global.to_bits();
        let realm = realm.0 as usize;
        let all = &mut self.state.global_caches;
        if all.len() <= realm {
            all.resize_with(realm + 1, Vec::new);
        }
        let caches = &mut all[realm];
        let index = name as usize;
        if caches.len() <= index {
            caches.resize(index + 1, std::ptr::null());
        }
        if caches[index].is_null() {
            // Get cache, then set cache (see `CompileHost::global_cache`).
            caches[index] = self.runtime.new_inline_caches(2);
        }
        Some((global, caches[index]))
    }
}

/// A runtime with the Cranelift backend: loads programs and runs them.
///
/// Compiled code receives a pointer to the executor as its first argument
/// (see the calling convention in [`super`]); the executor must therefore
/// not move while JavaScript code runs, which `&mut self` methods guarantee.
///
/// `#[repr(C)]` with `runtime` first: the runtime's call/construct hooks
/// turn their `&mut Runtime` back into the executor. Never move the runtime
/// out of an executor (e.g. with `std::mem::replace`).
#[repr(C)]
pub struct Executor {
    /// The heap, realm and intrinsics the programs run in.
    pub runtime: Runtime,
    pub(super) jit: Jit,
    pub(super) state: State,
    /// NewTarget handed from [[Construct]] to the prologue of the callee
    /// (see `bridge::calls::runtime_new_target`).
    pub(crate) new_target: super::bridge::PendingNewTarget,
    /// The save area of a quick frame entering the full code at a loop
    /// header (`runtime_osr`); the full code's entry reads and clears it
    /// (offset [`Executor::OSR_BUFFER_OFFSET`]). Null otherwise.
    pub(crate) osr_buffer: *mut u64,
}

impl Executor {
    /// Offset of `osr_buffer`, for compiled code.
    pub const OSR_BUFFER_OFFSET: i32 = std::mem::offset_of!(Executor, osr_buffer) as i32;

    /// A runtime with a fresh realm and a JIT for the host machine.
    pub fn new() -> Result<Executor, CompileError> {
        let mut runtime = Runtime::new();
        runtime.hooks.call = Some(bridge::call_hook);
        runtime.hooks.construct = Some(bridge::construct_hook);
        runtime.hooks.eval_script = Some(eval_script_hook);
        runtime.hooks.global_eval = Some(dynamic_code::global_eval_hook);
        runtime.hooks.source_text = Some(dynamic_code::source_text_hook);
        runtime.hooks.set_source_text = Some(dynamic_code::set_source_text_hook);
        runtime.hooks.capture_stack = Some(super::stack_walk::capture_stack_hook);
        runtime.hooks.after_marking = Some(super::reclaim::after_marking_hook);
        Ok(Executor {
            runtime,
            jit: Jit::new()?,
            state: State {
                inline_caches_enabled: true,
                tiering: std::env::var_os("JSRUNTIME_NO_TIERING").is_none(),
                // Unit tests exercise the JIT unless they turn it on.
                interpreter: !cfg!(test) && super::interp::enabled(),
                no_interrupt_polls: std::env::var_os("JSRUNTIME_NO_INTERRUPT_POLLS").is_some(),
                sync_compile: std::env::var_os("JSRUNTIME_SYNC_COMPILE").is_some_and(|v| v != "0"),
                globals: vec![GlobalEnvironment::default()],
                ..State::default()
            },
            new_target: Default::default(),
            osr_buffer: std::ptr::null_mut(),
        })
    }

    /// Turns inline caches off for functions compiled from now on (to
    /// measure them).
    pub fn set_inline_caches_enabled(&mut self, enabled: bool) {
        self.state.inline_caches_enabled = enabled;
    }

    /// Turns the quick tier on or off for functions compiled from now on
    /// (off: every function compiles full at once; also with the
    /// `JSRUNTIME_NO_TIERING` environment variable).
    pub fn set_tiering(&mut self, enabled: bool) {
        self.state.tiering = enabled;
    }

    /// Turns the interpreter (the first tier, `interp`) on or off for
    /// functions called from now on (also with `JSRUNTIME_INTERPRETER=0`).
    pub fn set_interpreter(&mut self, enabled: bool) {
        self.state.interpreter = enabled;
    }

    /// Compiles tier-ups on the main thread (`true`; also with
    /// `JSRUNTIME_SYNC_COMPILE=1`) or on the compile thread
    /// (`backend::compile_thread`, the default).
    pub fn set_sync_compile(&mut self, sync: bool) {
        self.state.sync_compile = sync;
    }

    /// Waits for the tier-ups being compiled on the compile thread and
    /// installs them (tests and measurements).
    pub fn finish_background_compiles(&mut self) {
        while let Some(done) = self
            .state
            .compile_thread
            .as_mut()
            .and_then(|t| t.wait_finished())
        {
            self.install_full_tier(done);
        }
    }

    /// Cranelift's pass timings so far (`jit::Jit::pass_times`).
    pub fn cranelift_pass_times(&self) -> String {
        self.jit.pass_times()
    }

    /// Counters of compilation and execution (`jstb run --stats`).
    pub fn stats(&self) -> Stats {
        self.state.stats
    }

    /// What compiling has cost so far (`jstb run --stats`).
    pub fn compile_costs(&self) -> super::jit::CompileCosts {
        self.jit.costs()
    }

    /// Registers a program; its functions compile when first called.
    /// It belongs to the current realm.
    pub fn load(&mut self, program: Program) -> usize {
        // A safe point to free dead eval code (`reclaim`); ids are never
        // reused.
        self.free_dead_programs();
        let realm = self.runtime.current_realm();
        let globals = &mut self.state.globals;
        if globals.len() <= realm.0 as usize {
            globals.resize_with(realm.0 as usize + 1, GlobalEnvironment::default);
        }
        self.state.programs.push(program, realm)
    }

    /// The realm a loaded program belongs to.
    pub(crate) fn program_realm(&self, program: usize) -> RealmId {
        self.state.programs.realm(program).unwrap_or_default()
    }

    /// Runs the entry function (function 0) of a loaded program and returns
    /// its completion value, or the thrown value.
    pub fn run(&mut self, program: usize) -> Result<JsResult<Value>, CompileError> {
        let Some(loaded) = self.state.programs.get(program).cloned() else {
            return Err(CompileError::Malformed(format!("no program {program}")));
        };
        // 16.1.6 ScriptEvaluation in the script's realm.
        let previous = self.runtime.enter_realm(self.program_realm(program));
        // Eval code stays while it runs (`reclaim`).
        self.state.reclaim.pin(program);
        let result = self.run_in_realm(program, &loaded);
        self.state.reclaim.unpin(program);
        self.runtime.enter_realm(previous);
        Ok(result)
    }

    fn run_in_realm(&mut self, program: usize, loaded: &Program) -> JsResult<Value> {
        self.global_declaration_instantiation(loaded)?;
        let template: *const FunctionTemplate =
            self.state
                .template(&mut self.runtime, program, FunctionId(0));
        // SAFETY: templates are boxed and live as long as the executor.
        let function = bridge::create_function(self, unsafe { &*template }, &[])?;
        // 16.1.6 ScriptEvaluation: the script's this is the global object.
        let global = Value::object(self.runtime.global_object());
        self.call(function, global, &[])
    }

    /// Parses, analyzes and runs `source` as a new global script of this
    /// executor's realm (16.1.6 ScriptEvaluation): the global declarations
    /// of earlier scripts are visible, and this script's stay for later
    /// ones. Returns the completion value or the thrown value, or `Err` when
    /// the script cannot run: a parse or early error (a SyntaxError), or a
    /// construct the analyzer or the backend does not support yet.
    pub fn eval_script(
        &mut self,
        source: &str,
        strict: bool,
    ) -> Result<JsResult<Value>, ScriptError> {
        let options = jsparser::ParseOptions {
            kind: jsparser::SourceKind::Script,
            strict,
        };
        let ast = jsparser::parse(source, options).map_err(ScriptError::Syntax)?;
        let program = crate::semantics::analyze(&ast).map_err(ScriptError::Analyze)?;
        let id = self.load(program);
        self.keep_source(id, None, Rc::from(source));
        self.run(id).map_err(ScriptError::Compile)
    }

    /// [`Executor::eval_script`] for a script with a name (a file path):
    /// positions in stack traces and the referrer of its `import()` calls.
    pub fn eval_script_named(
        &mut self,
        source: &str,
        strict: bool,
        name: &str,
    ) -> Result<JsResult<Value>, ScriptError> {
        let options = jsparser::ParseOptions {
            kind: jsparser::SourceKind::Script,
            strict,
        };
        let ast = jsparser::parse(source, options).map_err(ScriptError::Syntax)?;
        let program = crate::semantics::analyze(&ast).map_err(ScriptError::Analyze)?;
        let id = self.load(program);
        self.set_source(id, name, source);
        self.run(id).map_err(ScriptError::Compile)
    }

    /// Calls a function value with arguments (ECMA-262 7.3.14 Call).
    pub fn call(&mut self, function: Value, this: Value, args: &[Value]) -> JsResult<Value> {
        let mut ret = Value::UNDEFINED.to_bits();
        // SAFETY: the executor is live.
        let entry = unsafe { super::stack_walk::enter_js(self) };
        // SAFETY: the executor is live and does not move during the call;
        // `args` are valid values (Value is repr(transparent) over u64).
        let status = unsafe {
            bridge::runtime_call(
                self,
                function.to_bits(),
                this.to_bits(),
                args.len() as u32,
                args.as_ptr() as *const u64,
                &mut ret,
            )
        };
        // SAFETY: as above.
        unsafe { super::stack_walk::leave_js(self, entry) };
        // SAFETY: compiled code and the bridge only store valid values.
        let value = unsafe { Value::from_bits(ret) };
        if status == Status::Normal as u32 {
            Ok(value)
        } else {
            Err(Thrown(value))
        }
    }

    /// Compiles the function of a template (a lambda or a coroutine body).
    fn compile_function(
        &mut self,
        template: &FunctionTemplate,
        tier: Tier,
    ) -> Result<compiler::Compiled, CompileError> {
        let program = self
            .state
            .programs
            .get(template.program)
            .cloned()
            .ok_or_else(|| CompileError::Malformed("template of an unknown program".into()))?;
        let mut host = Host {
            runtime: &mut self.runtime,
            state: &mut self.state,
            program: template.program,
            function: template.function,
        };
        let compiled =
            compiler::compile(&mut self.jit, &program, template.function, &mut host, tier)?;
        self.register_code(template, compiled.address, compiled.frame_size, tier);
        Ok(compiled)
    }

    /// Enters the code the JIT finished last for `template` into the stack
    /// walk's code map (`stack_walk`) and, when profiling, the perf map
    /// (`perf_map`).
    fn register_code(
        &mut self,
        template: &FunctionTemplate,
        address: *const u8,
        frame_size: usize,
        tier: Tier,
    ) {
        if super::perf_map::enabled() {
            let name = self
                .state
                .programs
                .get(template.program)
                .and_then(|p| {
                    Some(
                        p.symbol_name(p.function(template.function)?.name?)
                            .to_owned(),
                    )
                })
                .unwrap_or_else(|| "<anonymous>".to_owned());
            let tier = if tier == Tier::Quick { "quick" } else { "full" };
            let function = template.function.0;
            let label = format!("js:{name} [{tier}] #{}.{function}", template.program);
            super::perf_map::note(address, self.jit.last_code_size, &label);
        }
        let sites = std::mem::take(&mut self.jit.last_call_sites);
        self.state
            .reclaim
            .code(template.program, std::mem::take(&mut self.jit.last_code));
        self.state.code_map.register(
            address,
            self.jit.last_code_size,
            template.program,
            template.function,
            frame_size,
            sites,
        );
    }

    /// The tier of a template's first compilation (see [`Tier`]).
    fn first_tier(&self, template: &FunctionTemplate) -> Tier {
        if !self.state.tiering {
            return Tier::Full;
        }
        match self.state.programs.get(template.program) {
            Some(program) => compiler::first_tier(program, template.function),
            None => Tier::Full,
        }
    }

    /// Compiles a template's function if needed and returns its lambda.
    pub(crate) fn compile_template(
        &mut self,
        template: &FunctionTemplate,
    ) -> Result<Lambda, CompileError> {
        if template.compiled.get() {
            return Ok(template.lambda.get());
        }
        self.install_finished();
        let mut tier = self.first_tier(template);
        if tier == Tier::Quick && !template.interp_done.get() && self.state.interpreter {
            if let Some(lambda) = self.interpret(template) {
                return Ok(lambda);
            }
        }
        let compiled = match self.compile_function(template, tier) {
            // A loop the quick tier cannot leave by on-stack replacement
            // (`compiler/osr.rs`): the function compiles full at once.
            Err(CompileError::Unsupported(what)) if what == compiler::OSR_UNSUPPORTED => {
                tier = Tier::Full;
                self.compile_function(template, tier)?
            }
            result => result?,
        };
        if compiled.frame.is_some() {
            return Err(CompileError::Malformed(
                "a coroutine body called as a function".into(),
            ));
        }
        // SAFETY: the compiler emits functions with the lambda signature.
        let mut lambda: Lambda =
            unsafe { std::mem::transmute::<*const u8, Lambda>(compiled.address) };
        if compiled.frame_size > bridge::limits::BIG_FRAME {
            template.big_frame.set(Some((lambda, compiled.frame_size)));
            lambda = bridge::limits::runtime_big_frame_call;
        }
        template.lambda.set(lambda);
        template.compiled.set(true);
        template.quick.set(tier == Tier::Quick);
        let commands = self
            .state
            .programs
            .get(template.program)
            .and_then(|p| p.function(template.function))
            .map_or(0, |script| script.commands.len());
        template.hotness.set(super::jit::tier_up_calls(commands));
        self.state.stats.compiled_functions += 1;
        tracing::debug!(function = template.function.0, ?tier, "compiled");
        Ok(lambda)
    }

    /// Translates a template's function for the interpreter (`interp`)
    /// and makes it the template's lambda; `None` when the interpreter
    /// cannot run it (it compiles as before).
    fn interpret(&mut self, template: &FunctionTemplate) -> Option<Lambda> {
        template.interp_done.set(true);
        let program = self.state.programs.get(template.program).cloned()?;
        let mut host = Host {
            runtime: &mut self.runtime,
            state: &mut self.state,
            program: template.program,
            function: template.function,
        };
        let code = match super::interp::translate(&program, template.function, &mut host) {
            Ok(code) => code,
            Err(e) => {
                tracing::debug!(function = template.function.0, %e, "not interpreted");
                if std::env::var_os("JSRUNTIME_COMPILE_LOG").is_some() {
                    eprintln!("not interpreted: {e}");
                }
                return None;
            }
        };
        if template.interp.set(Box::new(code)).is_err() {
            return None;
        }
        template.interp_done.set(false);
        template.hotness.set(super::interp::interpreted_calls());
        // Counts its calls towards the full tier, as quick code does.
        template.quick.set(true);
        let lambda: Lambda = super::interp::runtime_interpret;
        template.lambda.set(lambda);
        self.state.stats.interpreted_functions += 1;
        Some(lambda)
    }

    /// Installs what the compile thread finished, then says whether it
    /// still has `template`'s full tier in its queue.
    fn install_finished_and_check(&mut self, template: &FunctionTemplate) -> bool {
        self.install_finished();
        self.state
            .compile_thread
            .as_ref()
            .is_some_and(|t| t.is_pending(template))
    }

    /// Replaces a template's quick-tier code with the full tier (called
    /// when its call count runs out). A failed compilation keeps the quick
    /// code, which then stops counting.
    ///
    /// Unless `sync_compile` is set, the first call builds the full tier's IR
    /// and hands it to the compile thread (`backend::compile_thread`); the
    /// quick code goes on counting, and every `TIER_UP_POLL` calls comes back
    /// here to install whatever finished.
    pub(crate) fn tier_up(&mut self, template: &FunctionTemplate) {
        self.tier_up_with(template, false);
    }

    /// [`Self::tier_up`], putting the compilation first in the compile
    /// thread's queue when `urgent`.
    fn tier_up_with(&mut self, template: &FunctionTemplate, urgent: bool) {
        if template.quick.get() && !self.state.sync_compile {
            let pending = self.install_finished_and_check(template);
            if template.quick.get() && pending {
                template.hotness.set(TIER_UP_POLL);
                return;
            }
            // A long queue would finish this compilation late (npm's
            // terser queued 450 functions, a second of compile-thread work,
            // most of it done after the run): its IR is not built now, and
            // the function asks again after more calls, if still hot.
            let backlog = self
                .state
                .compile_thread
                .as_ref()
                .map_or(0, |t| t.backlog());
            if template.quick.get() && !urgent && backlog >= *MAX_TIER_UP_BACKLOG {
                template.hotness.set(TIER_UP_BACKLOG_RETRY);
                return;
            }
        }
        if template.quick.get() {
            // Not quick while its IR is built (a tier-up check reached
            // meanwhile only resets the count).
            template.quick.set(false);
            if let Some((id, func, isa)) = self.build_tier_up(template) {
                let func = if self.state.sync_compile {
                    func
                } else {
                    let thread = self
                        .state
                        .compile_thread
                        .get_or_insert_with(super::compile_thread::CompileThread::new);
                    match thread.submit(template, func, id, isa, urgent) {
                        Ok(()) => {
                            template.quick.set(true);
                            template.hotness.set(TIER_UP_POLL);
                            return;
                        }
                        Err(func) => {
                            // No compile thread: compile here from now on.
                            self.state.sync_compile = true;
                            *func
                        }
                    }
                };
                if let Ok((address, frame_size)) = self.jit.finish_tier_up(id, func) {
                    self.set_full_tier(template, address, frame_size);
                }
            }
        }
        // Closures still pointing at the quick code come back here once
        // each (their count is past zero) and are pointed at the full code.
        template.hotness.set(0);
    }

    /// Builds the IR of `template`'s full tier (`None` if that fails: the
    /// quick code stays).
    fn build_tier_up(
        &mut self,
        template: &FunctionTemplate,
    ) -> Option<(
        cranelift_module::FuncId,
        cranelift_codegen::ir::Function,
        cranelift_codegen::isa::OwnedTargetIsa,
    )> {
        let program = self.state.programs.get(template.program).cloned()?;
        let mut host = Host {
            runtime: &mut self.runtime,
            state: &mut self.state,
            program: template.program,
            function: template.function,
        };
        compiler::build_full_tier(&mut self.jit, &program, template.function, &mut host).ok()
    }

    /// Installs the full tiers the compile thread finished.
    fn install_finished(&mut self) {
        while let Some(done) = self
            .state
            .compile_thread
            .as_mut()
            .and_then(|t| t.next_finished())
        {
            self.install_full_tier(done);
        }
    }

    /// Installs one finished background compilation into its template.
    fn install_full_tier(&mut self, done: super::compile_thread::Done) {
        // SAFETY: templates live as long as the executor, and `done` came
        // from this executor's own channel.
        let template = unsafe { &*(done.template as *const FunctionTemplate) };
        template.quick.set(false);
        template.hotness.set(0);
        if let Ok((address, frame_size)) = self.jit.install(done) {
            self.set_full_tier(template, address, frame_size);
        }
    }

    /// Points `template` at its full-tier code.
    fn set_full_tier(
        &mut self,
        template: &FunctionTemplate,
        address: *const u8,
        frame_size: usize,
    ) {
        self.register_code(template, address, frame_size, Tier::Full);
        // SAFETY: the compiler emits functions with the lambda signature.
        let mut lambda = unsafe { std::mem::transmute::<*const u8, Lambda>(address) };
        if frame_size > bridge::limits::BIG_FRAME {
            template.big_frame.set(Some((lambda, frame_size)));
            lambda = bridge::limits::runtime_big_frame_call;
        }
        template.lambda.set(lambda);
        self.state.stats.tiered_up += 1;
        let key = (template.program, template.function.0);
        if self
            .state
            .programs
            .get(template.program)
            .is_some_and(|p| compiler::has_osr_entries(p, template.function))
        {
            self.state.osr_lambdas.insert(key, lambda);
        }
    }

    /// The lambda `runtime_osr` enters from `template`'s quick code at a
    /// loop header: its full tier once installed. While the template is
    /// still quick, its full tier goes first in the compile thread's queue
    /// (a loop that ran `OSR_BACK_EDGES` back-edges in one activation is hot
    /// now: waiting behind the queue kept typed_checksum in quick code for
    /// 64 ms on a loaded machine), and the quick code goes on until it is
    /// installed. Compiling it here instead stopped the main thread for the
    /// whole compilation (gbemu: 1.6 s for 22 functions, loaded machine).
    pub(crate) fn osr_lambda(&mut self, template: &FunctionTemplate) -> Option<Lambda> {
        if template.quick.get() {
            let pending = self.install_finished_and_check(template);
            if pending {
                if let Some(thread) = &self.state.compile_thread {
                    thread.prioritize(template);
                }
            } else if template.quick.get() {
                self.tier_up_with(template, true);
            }
        }
        let lambda = *self
            .state
            .osr_lambdas
            .get(&(template.program, template.function.0))?;
        // The template's code is that full tier (not a later replacement).
        let ready = !template.quick.get() && template.lambda.get() as usize == lambda as usize;
        self.state.stats.osr_entries += ready as usize;
        ready.then_some(lambda)
    }

    /// The compiled body of a generator or async function, compiled on first
    /// use (the template's lambda stays the ramp).
    pub(crate) fn compile_coroutine<'t>(
        &mut self,
        template: &'t FunctionTemplate,
    ) -> Result<&'t CoroutineCode, CompileError> {
        if let Some(code) = template.coroutine.get() {
            return Ok(code);
        }
        let compiled = self.compile_function(template, Tier::Full)?;
        let Some(frame) = compiled.frame else {
            return Err(CompileError::Malformed(
                "a coroutine function without a jump table".into(),
            ));
        };
        // SAFETY: the compiler emits coroutine bodies with the coroutine
        // signature.
        let body = unsafe { std::mem::transmute::<*const u8, CoroutineBody>(compiled.address) };
        self.state.stats.compiled_functions += 1;
        tracing::debug!(function = template.function.0, "compiled coroutine");
        Ok(template.coroutine.get_or_init(|| CoroutineCode {
            body,
            layout: frame.layout,
            scratch: frame.scratch,
            frame_size: compiled.frame_size,
        }))
    }

    /// The CLIF of a function of a loaded program (`jstb compile --print
    /// clif`); compiles nothing.
    pub fn print_clif(
        &mut self,
        program: usize,
        function: FunctionId,
    ) -> Result<String, CompileError> {
        let p = self
            .state
            .programs
            .get(program)
            .cloned()
            .ok_or_else(|| CompileError::Malformed(format!("no program {program}")))?;
        let mut host = Host {
            runtime: &mut self.runtime,
            state: &mut self.state,
            program,
            function,
        };
        compiler::print_clif(&mut self.jit, &p, function, &mut host)
    }

    /// The template of a function of a loaded program (created if needed).
    pub fn template(&mut self, program: usize, function: FunctionId) -> *const FunctionTemplate {
        self.state.template(&mut self.runtime, program, function)
    }

    /// The property key of a global name id (its atom, rooted on first use).
    pub(crate) fn global_key(&mut self, id: u32) -> JsResult<PropertyKey> {
        let index = id as usize;
        if let Some(Some(root)) = self.state.global_keys.get(index) {
            if let Some(atom) = root.get().as_string() {
                return Ok(PropertyKey::String(atom));
            }
        }
        let name = self.global_name(id).to_owned();
        let atom = self.runtime.atom(&name)?;
        let root = self.runtime.persistent(Value::string(atom));
        if self.state.global_keys.len() <= index {
            self.state.global_keys.resize_with(index + 1, || None);
        }
        self.state.global_keys[index] = Some(root);
        Ok(PropertyKey::String(atom))
    }

    /// The value of a global lexical binding (`HOLE` while uninitialised).
    pub(crate) fn lexical_global(&self, id: u32) -> Option<Value> {
        self.globals().lexical.get(&id).map(|b| b.get())
    }

    /// A global lexical binding: its value and whether it is mutable.
    pub(crate) fn lexical_binding(&self, id: u32) -> Option<(Value, bool)> {
        self.globals()
            .lexical
            .get(&id)
            .map(|b| (b.get(), b.mutable))
    }

    pub(crate) fn set_lexical_global(&mut self, id: u32, v: Value) {
        if let Some(b) = self.globals().lexical.get(&id) {
            b.set(v);
        }
    }

    /// A loaded program.
    pub(crate) fn program(&self, id: usize) -> Option<Rc<Program>> {
        self.state.programs.get(id).cloned()
    }

    pub(crate) fn dynamic_sources(&mut self) -> &mut DynamicSources {
        &mut self.state.dynamic_sources
    }

    /// The current realm's global environment.
    pub(crate) fn globals(&self) -> &GlobalEnvironment {
        let realm = self.runtime.current_realm().0 as usize;
        let all = &self.state.globals;
        // Realm 0's exists from the start; others from their first program.
        all.get(realm).unwrap_or(&all[0])
    }

    /// The current realm's global environment, created if needed.
    pub(crate) fn globals_mut(&mut self) -> &mut GlobalEnvironment {
        let realm = self.runtime.current_realm().0 as usize;
        let all = &mut self.state.globals;
        if all.len() <= realm {
            all.resize_with(realm + 1, GlobalEnvironment::default);
        }
        &mut all[realm]
    }

    /// Empties the current realm's global inline cache of a name (its
    /// binding changed kind).
    pub(crate) fn clear_global_cache(&mut self, id: u32) {
        let realm = self.runtime.current_realm().0 as usize;
        let caches = self.state.global_caches.get(realm);
        if let Some(&cache) = caches.and_then(|c| c.get(id as usize)) {
            if !cache.is_null() {
                // SAFETY: caches live as long as the runtime; each name has
                // a get and a set cache.
                unsafe {
                    (*cache).clear();
                    (*cache.add(1)).clear();
                }
            }
        }
    }

    /// The name of a global id, for error messages.
    pub(crate) fn global_name(&self, id: u32) -> &str {
        self.state
            .global_names
            .get(id as usize)
            .map(String::as_str)
            .unwrap_or("?")
    }

    pub(crate) fn global_id(&mut self, name: &str) -> u32 {
        self.state.global_id(name)
    }

    /// Reads a global binding by name (for embedders and tests): the
    /// lexical record, then the global object.
    pub fn get_global(&mut self, name: &str) -> Option<Value> {
        let id = self.global_id(name);
        if let Some(v) = self.lexical_global(id) {
            return (!v.is_hole()).then_some(v);
        }
        let key = self.global_key(id).ok()?;
        let global = self.runtime.global_object();
        self.runtime
            .get_if_present(global, key, Value::object(global))
            .ok()
            .flatten()
    }

    /// Defines or overwrites a global object property by name (writable,
    /// enumerable, configurable; for embedders and tests).
    pub fn define_global(&mut self, name: &str, v: Value) -> JsResult<()> {
        let id = self.global_id(name);
        let key = self.global_key(id)?;
        let global = self.runtime.global_object();
        self.runtime.create_data_property_or_throw(global, key, v)
    }

    /// Declares a global binding as a script's top-level declaration would
    /// (`kind`: 0 `var`, 1 `let`, 2 `const`; see `runtime_declare_global`).
    pub fn declare_global(&mut self, name: &str, kind: u8) -> JsResult<()> {
        let id = self.global_id(name);
        bridge::declare_global(self, id, kind)
    }
}

/// Why [`Executor::eval_script`] could not run a script.
#[derive(Debug)]
pub enum ScriptError {
    /// The source does not parse or has an early error (a SyntaxError).
    Syntax(jsparser::SyntaxError),
    /// The analyzer cannot handle the script (a construct not supported
    /// yet).
    Analyze(crate::semantics::AnalyzeError),
    /// The backend cannot compile the script's top-level code.
    Compile(CompileError),
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScriptError::Syntax(e) => write!(f, "SyntaxError: {}", e.message),
            ScriptError::Analyze(e) => write!(f, "{e}"),
            ScriptError::Compile(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ScriptError {}

/// [`crate::runtime::HostHooks::eval_script`] (`$262.evalScript`): a sloppy
/// global script of the executor's realm; a script that cannot run throws
/// (a SyntaxError for parse and early errors).
fn eval_script_hook(rt: &mut Runtime, source: &str) -> JsResult<Value> {
    // SAFETY: the hook is installed only on an executor's runtime, which is
    // the executor's first field (`#[repr(C)]`), as `bridge::call_hook`.
    let exec = unsafe { &mut *(rt as *mut Runtime as *mut Executor) };
    match exec.eval_script(source, false) {
        Ok(result) => result,
        Err(e) => Err(exec.script_error(e)),
    }
}

/// Compiles a function outside any executor to show its CLIF (strings and
/// BigInts are shown as undefined placeholders and templates as null).
pub fn print_clif(program: &Program, function: FunctionId) -> Result<String, CompileError> {
    struct Offline(HashMap<String, u32>);
    impl CompileHost for Offline {
        fn string_constant(&mut self, _: &Program, _: StringId) -> Result<Value, CompileError> {
            Ok(Value::UNDEFINED)
        }
        fn template_object(&mut self, _: &Program, _: u32) -> Result<Value, CompileError> {
            Ok(Value::UNDEFINED)
        }
        fn bigint_constant(
            &mut self,
            _: &Program,
            _: u32,
            _: StringId,
        ) -> Result<Value, CompileError> {
            Ok(Value::UNDEFINED)
        }
        fn global_name(&mut self, program: &Program, symbol: Symbol) -> u32 {
            let n = self.0.len() as u32;
            *self
                .0
                .entry(program.symbol_name(symbol).to_owned())
                .or_insert(n)
        }
        fn template(&mut self, _: FunctionId) -> Result<*const FunctionTemplate, CompileError> {
            Ok(std::ptr::null())
        }
        fn inline_caches(&mut self, _: u32) -> *const PropertyCache {
            // The printed code never runs: a placeholder address shows the
            // cached access paths the real compilation emits.
            std::ptr::NonNull::<PropertyCache>::dangling().as_ptr()
        }
        fn constant_list(
            &mut self,
            program: &Program,
            list: u32,
        ) -> Result<(*const u64, u32), CompileError> {
            let count = program
                .constant_lists
                .get(list as usize)
                .map_or(0, Vec::len);
            Ok((std::ptr::NonNull::<u64>::dangling().as_ptr(), count as u32))
        }
        fn case_lookup(
            &mut self,
            _: &Program,
            _: u32,
        ) -> Result<*const bridge::switch::CaseLookup, CompileError> {
            Ok(std::ptr::NonNull::dangling().as_ptr())
        }
    }
    let mut jit = Jit::new()?;
    compiler::print_clif(&mut jit, program, function, &mut Offline(HashMap::new()))
}
