//! Code created at runtime: indirect eval (19.2.1.1 PerformEval with
//! direct = false), the functions of the `Function` constructor (their
//! source text for `toString`), and direct eval (see
//! [`Executor::direct_eval`]).
//!
//! Eval code is parsed and analyzed into a new program of the executor;
//! function 0 runs with the global object as `this` after the executor
//! instantiated its declarations (`global_env`), and returns the code's
//! completion value.

use std::collections::HashMap;
use std::rc::Rc;

use crate::completion::{ErrorKind, JsResult};
use crate::gc::Gc;
use crate::object::JsObject;
use crate::runtime::Runtime;
use crate::string::JsString;
use crate::value::Value;

use super::{bridge, Capture, Executor, FunctionTemplate, ScriptError, Status};
use crate::runtime::Intrinsic;
use crate::semantics::FunctionId;

/// Eval code already analyzed and loaded, by what its analysis depends on:
/// the realm (its global environment), the scope of a direct eval's call
/// site (the caller's program and function), and the source text. A program
/// that evaluates the same text again, `eval("f()")` in a recursion or
/// `Function(body)` and `eval(s)` in a loop, reuses its program, so the
/// text is parsed, analyzed and compiled once instead of each time (and
/// the executor does not keep a new program per evaluation). Each
/// evaluation still runs the declaration instantiation and creates fresh
/// function objects, exactly as a new parse would. Programs with tagged
/// templates are not reused: a template object belongs to its Parse Node
/// (13.2.8.4 GetTemplateObject), and a new parse makes new nodes.
#[derive(Default)]
pub(crate) struct EvalCache {
    programs: HashMap<EvalKey, usize>,
    /// Source bytes held by the keys.
    bytes: usize,
}

#[derive(PartialEq, Eq, Hash)]
struct EvalKey {
    realm: u32,
    /// The caller's (program, function) for direct eval, `None` for
    /// indirect eval (and `Function`, which evaluates indirectly).
    scope: Option<(usize, u32)>,
    source: Rc<str>,
}

/// Bounds of the cache: past either, it starts over.
const EVAL_CACHE_ENTRIES: usize = 1024;
const EVAL_CACHE_BYTES: usize = 4 << 20;

impl EvalCache {
    fn get(&self, key: &EvalKey) -> Option<usize> {
        self.programs.get(key).copied()
    }

    /// Adds a program; returns the programs the cache let go of when it
    /// started over (no longer kept alive by it, `reclaim`).
    fn insert(&mut self, key: EvalKey, program: usize) -> Vec<usize> {
        let mut released = Vec::new();
        if self.programs.len() >= EVAL_CACHE_ENTRIES
            || self.bytes + key.source.len() > EVAL_CACHE_BYTES
        {
            released.extend(self.programs.drain().map(|(_, p)| p));
            self.bytes = 0;
        }
        self.bytes += key.source.len();
        self.programs.insert(key, program);
        released
    }

    /// Removes the entries of direct eval code whose call site is in a
    /// freed program (its id may be reused); returns their programs.
    pub(crate) fn forget_scopes(&mut self, freed: &std::collections::HashSet<usize>) -> Vec<usize> {
        let mut released = Vec::new();
        let mut bytes = self.bytes;
        self.programs.retain(|k, &mut p| {
            let keep = !k.scope.is_some_and(|(s, _)| freed.contains(&s));
            if !keep {
                released.push(p);
                bytes -= k.source.len();
            }
            keep
        });
        self.bytes = bytes;
        released
    }
}

/// Source texts of functions created by the `Function` constructor, by
/// (program, function).
#[derive(Default)]
pub(crate) struct DynamicSources {
    pub(super) texts: HashMap<(usize, u32), String>,
}

impl Executor {
    /// PerformEval(source, strictCaller = false, direct = false): eval code
    /// in the global scope; returns its completion value.
    pub fn eval_indirect(&mut self, source: &str) -> JsResult<Value> {
        let key = EvalKey {
            realm: self.runtime.current_realm().0,
            scope: None,
            source: Rc::from(source),
        };
        let id = match self.state.eval_cache.get(&key) {
            Some(id) => id,
            None => match self.load_indirect_eval(source) {
                Ok(id) => {
                    if self.program(id).is_some_and(|p| p.templates.is_empty()) {
                        let released = self.state.eval_cache.insert(key, id);
                        self.state.reclaim.cached(id, &released);
                    }
                    id
                }
                Err(e) => return Err(self.script_error(e)),
            },
        };
        match self.run(id) {
            Ok(result) => result,
            Err(e) => Err(self.script_error(ScriptError::Compile(e))),
        }
    }

    /// Parses, analyzes and loads indirect eval code; returns its program.
    fn load_indirect_eval(&mut self, source: &str) -> Result<usize, ScriptError> {
        let options = jsparser::ParseOptions {
            kind: jsparser::SourceKind::Script,
            strict: false,
        };
        let program = jsparser::parse(source, options)
            .map_err(ScriptError::Syntax)
            .and_then(|ast| {
                crate::semantics::analyze_indirect_eval(&ast).map_err(ScriptError::Analyze)
            });
        let id = self.load(program?);
        self.keep_source(id, None, Rc::from(source));
        self.state.reclaim.add(id);
        Ok(id)
    }

    /// PerformEval(source, strictCaller, direct = true) (19.2.1.1) for the
    /// call site whose scope descriptor closure is `scope`: the eval code
    /// is analyzed against the descriptor (the bindings visible at the
    /// call), and runs with the descriptor's capture cells.
    pub(crate) fn direct_eval(&mut self, source: &str, scope: Value) -> JsResult<Value> {
        let Some(closure) = bridge::closure_of(scope) else {
            return Err(self.runtime.type_error("direct eval without a scope"));
        };
        // SAFETY: the closure is live (`scope` is on the caller's stack) and
        // its template lives as long as the executor.
        let (template, cells) = unsafe {
            let c = &*closure.as_ptr();
            (&*c.template, c.capture_cells().to_vec())
        };
        let key = EvalKey {
            realm: self.runtime.current_realm().0,
            scope: Some((template.program, template.function.0)),
            source: Rc::from(source),
        };
        let id = match self.state.eval_cache.get(&key) {
            Some(id) => id,
            None => {
                let id = self.load_direct_eval(source, template)?;
                if self.program(id).is_some_and(|p| p.templates.is_empty()) {
                    let released = self.state.eval_cache.insert(key, id);
                    self.state.reclaim.cached(id, &released);
                }
                id
            }
        };
        // The program stays while it runs (`reclaim`).
        self.state.reclaim.pin(id);
        let result = self.run_direct_eval(id, &cells);
        self.state.reclaim.unpin(id);
        result
    }

    /// Runs loaded direct eval code `id` with the call site's capture cells.
    fn run_direct_eval(&mut self, id: usize, cells: &[*mut Capture]) -> JsResult<Value> {
        let loaded = self.program(id).unwrap_or_default();
        let map = loaded.eval_captures.clone().unwrap_or_default();
        let mut eval_cells: Vec<*mut Capture> = Vec::with_capacity(map.len());
        for i in map {
            match cells.get(i as usize) {
                Some(&c) => eval_cells.push(c),
                None => return Err(self.runtime.type_error("direct eval: capture out of range")),
            }
        }
        // 19.2.1.3 EvalDeclarationInstantiation (global variable
        // environment; other environments are resolved by the analyzer).
        self.global_declaration_instantiation(&loaded)?;
        let template: *const FunctionTemplate = self.template(id, FunctionId(1));
        // SAFETY: templates are boxed and live until their program is freed,
        // which the caller's pin prevents.
        let function = bridge::create_function(self, unsafe { &*template }, &eval_cells)?;
        // The eval code reads `this` through its captures (arrow-like).
        self.call(function, Value::UNDEFINED, &[])
    }

    /// Parses and analyzes direct eval code against the scope of its call
    /// site (the function of `template`) and loads it; returns its program.
    fn load_direct_eval(&mut self, source: &str, template: &FunctionTemplate) -> JsResult<usize> {
        let Some(caller) = self.program(template.program) else {
            return Err(self.runtime.type_error("direct eval: unknown program"));
        };
        let Some(descriptor) = caller.function(template.function) else {
            return Err(self.runtime.type_error("direct eval: unknown scope"));
        };
        let strict_caller = descriptor.flags.strict;
        let options = jsparser::ParseOptions {
            kind: jsparser::SourceKind::Script,
            strict: strict_caller,
        };
        let in_function = descriptor
            .eval_scope
            .as_ref()
            .is_some_and(|scope| scope.in_function);
        let in_method = descriptor
            .eval_scope
            .as_ref()
            .is_some_and(|scope| scope.home.is_some());
        // The private names of the classes around the call (`#x` bindings
        // among the visible ones, see semantics/analyzer/private.rs).
        let private_names: Vec<String> = descriptor
            .captures
            .iter()
            .filter_map(|&c| caller.symbol_name(c).strip_prefix('#').map(str::to_owned))
            .collect();
        let program = jsparser::parse_direct_eval_in_class(
            source,
            options,
            in_function,
            in_method,
            &private_names,
        )
        .map_err(ScriptError::Syntax)
        .and_then(|ast| {
            crate::semantics::analyze_direct_eval(&ast, &caller, descriptor, strict_caller)
                .map_err(ScriptError::Analyze)
        });
        let program = match program {
            Ok(p) => p,
            Err(e) => return Err(self.script_error(e)),
        };
        let id = self.load(program);
        self.keep_source(id, None, Rc::from(source));
        self.state.reclaim.add(id);
        Ok(id)
    }

    /// The exception for source text that cannot run: a SyntaxError for
    /// parse and early errors, an Error for what is not supported yet.
    pub(crate) fn script_error(&mut self, e: ScriptError) -> crate::completion::Thrown {
        match e {
            ScriptError::Syntax(e) => self.runtime.syntax_error(&e.message),
            ScriptError::Analyze(e) if e.early_error => self.runtime.syntax_error(&e.message),
            e => self.runtime.throw_error(ErrorKind::Error, &e.to_string()),
        }
    }

    /// The (program, function) of a function object made by compiled code.
    fn function_key(callee: Gc<JsObject>) -> Option<(usize, u32)> {
        let closure = bridge::closure_of(Value::object(callee))?;
        // SAFETY: a closure's template is boxed and lives as long as the
        // executor that created it.
        let template = unsafe { &*(*closure.as_ptr()).template };
        Some((template.program, template.function.0))
    }
}

/// The executor of a runtime installed in one.
///
/// # Safety
/// `rt` must be the runtime of an [`Executor`] (the hooks of this module
/// are installed only there); it is the executor's first field
/// (`#[repr(C)]`).
unsafe fn executor(rt: &mut Runtime) -> &mut Executor {
    // SAFETY: see the function's contract.
    unsafe { &mut *(rt as *mut Runtime as *mut Executor) }
}

/// [`crate::runtime::HostHooks::global_eval`].
pub(crate) fn global_eval_hook(rt: &mut Runtime, source: &str) -> JsResult<Value> {
    // SAFETY: installed only on an executor's runtime.
    let exec = unsafe { executor(rt) };
    exec.eval_indirect(source)
}

/// [`crate::runtime::HostHooks::source_text`] (20.2.3.5 step 2): the
/// source text of a function made by compiled code — the text recorded for
/// a dynamic function, else the function's span of its program's source
/// (for a class constructor, the whole class). `None` (the NativeFunction
/// form) for functions of programs loaded without their source.
pub(crate) fn source_text_hook(
    rt: &mut Runtime,
    callee: Gc<JsObject>,
) -> JsResult<Option<Gc<JsString>>> {
    // SAFETY: installed only on an executor's runtime.
    let exec = unsafe { executor(rt) };
    let Some(key) = Executor::function_key(callee) else {
        return Ok(None);
    };
    if let Some(text) = exec.dynamic_sources().texts.get(&key).cloned() {
        return exec.runtime.new_string(&text).map(Some);
    }
    let span = exec
        .state
        .programs
        .get(key.0)
        .and_then(|p| p.function(FunctionId(key.1))?.source);
    let (Some(span), Some(source)) = (span, exec.shared_source(key.0)) else {
        return Ok(None);
    };
    match source.get(span.start as usize..span.end as usize) {
        Some(text) => exec.runtime.new_string(text).map(Some),
        None => Ok(None),
    }
}

/// [`crate::runtime::HostHooks::set_source_text`].
pub(crate) fn set_source_text_hook(
    rt: &mut Runtime,
    callee: Gc<JsObject>,
    text: &str,
) -> JsResult<()> {
    // SAFETY: installed only on an executor's runtime.
    let exec = unsafe { executor(rt) };
    if let Some(key) = Executor::function_key(callee) {
        exec.dynamic_sources().texts.insert(key, text.to_owned());
    }
    Ok(())
}

/// `DirectEval(argc)` (13.3.6.1 steps 6-7): PerformEval with direct = true
/// when `callee` is %eval%, else an ordinary call with an undefined this.
///
/// # Safety
/// `argv` must hold `argc` values; `ret` must be writable; `scope` is the
/// call site's scope descriptor closure.
pub unsafe extern "C" fn runtime_direct_eval(
    ctx: *mut Executor,
    callee: u64,
    argc: u32,
    argv: *const u64,
    scope: u64,
    ret: *mut u64,
) -> u32 {
    // SAFETY: see the function's contract.
    let exec = unsafe { &mut *ctx };
    let eval = exec.runtime.intrinsic(Intrinsic::Eval);
    if callee != eval.to_bits() {
        let undefined = Value::UNDEFINED.to_bits();
        // SAFETY: forwarded from this function's contract.
        return unsafe { bridge::runtime_call(ctx, callee, undefined, argc, argv, ret) };
    }
    let first = if argc == 0 || argv.is_null() {
        Value::UNDEFINED
    } else {
        // SAFETY: `argv` is non-null and holds `argc` >= 1 values (the
        // calling convention of runtime functions).
        unsafe { Value::from_bits(*argv) }
    };
    // 19.2.1.1 step 2: a value that is not a string is the result.
    let result = match first.as_string() {
        None => Ok(first),
        Some(s) => {
            let source = s.to_rust_string();
            // SAFETY: `scope` comes from compiled code.
            exec.direct_eval(&source, unsafe { Value::from_bits(scope) })
        }
    };
    let (value, status) = match result {
        Ok(v) => (v, Status::Normal),
        Err(crate::completion::Thrown(e)) => (e, Status::Exception),
    };
    // SAFETY: `ret` is writable.
    unsafe { *ret = value.to_bits() };
    status as u32
}
