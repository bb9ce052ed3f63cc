//! [`Runtime`] and [`Context`]: owning the engine, evaluating code, and the
//! value operations behind [`JsValue`]'s methods.

use std::ops::{Deref, DerefMut};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::convert::{FromJs, IntoJs};
use super::error::{Error, JsError, Location, Result};
use super::value::{IntoKey, JsValue, Repr};
use crate::backend::{Executor, ScriptError};
use crate::completion::Thrown;
use crate::object::PropertyKey;
use crate::value::Value;

/// Source of the runtimes' ids (handles remember theirs).
static NEXT_RUNTIME_ID: AtomicU64 = AtomicU64::new(1);

/// A JavaScript engine instance: the garbage-collected heap, the JIT, and
/// one realm (more with [`Context::create_realm`]).
///
/// A `Runtime` dereferences to its [`Context`], where every operation is.
/// It lives on one thread (it is neither `Send` nor `Sync`): the collector
/// scans that thread's stack.
///
/// ```
/// use jsruntime::api::Runtime;
/// let mut rt = Runtime::new().unwrap();
/// let n: i32 = rt.eval("6 * 7").unwrap();
/// assert_eq!(n, 42);
/// ```
pub struct Runtime {
    /// Boxed: compiled code and host functions hold its address.
    ctx: Box<Context>,
}

impl Runtime {
    /// A runtime with a fresh realm (the ECMAScript built-ins plus `print`
    /// and `console.log`, which write to standard output until
    /// [`Context::set_console`]).
    pub fn new() -> Result<Runtime> {
        let exec = Executor::new().map_err(|e| Error::new(e.to_string()))?;
        let scratch = exec.runtime.rooted_list();
        let keys = exec
            .runtime
            .rooted_list_from(&[PropertyKey::Index(0); KEY_CACHE_SIZE]);
        let ctx = Box::new(Context {
            exec,
            state: ApiState {
                id: NEXT_RUNTIME_ID.fetch_add(1, Ordering::Relaxed),
                tasks: Vec::new(),
                console: None,
                on_unhandled_rejection: None,
                loader: None,
                host_depth: 0,
                watchdog: None,
                scratch,
                key_ids: [(0, 0); KEY_CACHE_SIZE],
                keys,
            },
        });
        Ok(Runtime { ctx })
    }
}

impl Deref for Runtime {
    type Target = Context;
    fn deref(&self) -> &Context {
        &self.ctx
    }
}

impl DerefMut for Runtime {
    fn deref_mut(&mut self) -> &mut Context {
        &mut self.ctx
    }
}

/// Everything the API keeps beside the executor.
pub(crate) struct ApiState {
    /// This runtime's id (in every rooted handle it makes).
    pub(crate) id: u64,
    /// Futures of async host functions, each with its promise.
    pub(crate) tasks: Vec<super::future::Task>,
    /// Where `console.*` output goes ([`Context::set_console`]).
    pub(crate) console: Option<Rc<super::hooks::ConsoleFn>>,
    /// Called with each unhandled rejection.
    pub(crate) on_unhandled_rejection: Option<Rc<super::hooks::RejectionFn>>,
    /// The module loader the API installed (in-memory modules first).
    pub(crate) loader: Option<Rc<super::module::ApiLoader>>,
    /// How many host functions are running (nested calls from JavaScript
    /// into Rust): 0 when the caller of the API is the embedder itself.
    pub(crate) host_depth: u32,
    /// The thread that interrupts at the deadline ([`Context::set_deadline`]).
    pub(crate) watchdog: Option<super::limits::Watchdog>,
    /// Values the serde serializer is building (rooted; see `serde.rs`).
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) scratch: crate::gc::RootedList<Value>,
    /// A direct-mapped cache of the property keys of `&'static str` names
    /// (serde's field and variant names): `(address, length)` of the name
    /// per entry, the key (rooted) at the same index of `keys`.
    pub(crate) key_ids: [(usize, usize); KEY_CACHE_SIZE],
    pub(crate) keys: crate::gc::RootedList<PropertyKey>,
}

/// Entries of the static key cache (a power of two).
const KEY_CACHE_SIZE: usize = 64;

/// The engine as the embedding API sees it: evaluate code, call functions,
/// read and write globals, define host functions, classes and modules.
///
/// A `Context` is reached through a [`Runtime`] (which owns it) and is
/// handed to host functions as `&mut Context` (a host function may call
/// back into JavaScript).
///
/// `#[repr(C)]` with the executor first: the executor's runtime is the
/// first field of the executor, so the `&mut crate::Runtime` the engine
/// passes to a host function's internal methods is also this context's
/// address (see `function.rs`).
#[repr(C)]
pub struct Context {
    pub(crate) exec: Executor,
    pub(crate) state: ApiState,
}

impl Drop for Context {
    fn drop(&mut self) {
        // Handles may outlive the runtime: they read undefined from now on.
        self.state.tasks.clear();
        self.state.watchdog = None;
        self.exec.runtime.roots.invalidate();
    }
}

impl Context {
    /// The context of a runtime made by [`Runtime::new`].
    ///
    /// # Safety
    /// `rt` must be the runtime of an executor that is the first field of a
    /// live `Context` (true for every runtime passed to the internal
    /// methods of objects this module creates: they exist only in a
    /// `Context`'s heap).
    pub(crate) unsafe fn from_runtime(rt: &mut crate::Runtime) -> &mut Context {
        // SAFETY: `Context` and `Executor` are `#[repr(C)]` with the
        // executor (resp. the runtime) first, so the addresses coincide;
        // the caller guarantees the runtime is inside a Context. The engine
        // already reborrows its executor this way in its hooks
        // (`bridge::call_hook`), with the same single-threaded discipline.
        unsafe { &mut *(rt as *mut crate::Runtime as *mut Context) }
    }

    /// The underlying executor (the engine's own API, for what this module
    /// does not cover). Values taken from it are not rooted: see
    /// [`crate::gc`].
    pub fn executor(&mut self) -> &mut Executor {
        &mut self.exec
    }

    // ---- handles ----

    /// A handle for a raw value of this runtime.
    pub(crate) fn handle(&self, v: Value) -> JsValue {
        if v.cell_addr().is_some() {
            let p = self.exec.runtime.persistent(v);
            JsValue(Repr::Rooted(Rc::new(p), self.state.id))
        } else {
            JsValue(Repr::Inline(v))
        }
    }

    /// The raw value of a handle, checking it belongs to this runtime.
    pub(crate) fn raw(&self, v: &JsValue) -> Result<Value> {
        match &v.0 {
            Repr::Inline(v) => Ok(*v),
            Repr::Rooted(p, id) if *id == self.state.id => Ok(p.get()),
            Repr::Rooted(..) => Err(Error::type_error(
                "a value of another runtime was used in this one",
            )),
        }
    }

    /// A JavaScript string.
    pub fn string(&mut self, s: &str) -> Result<JsValue> {
        let r = self.exec.runtime.new_string(s);
        let s = self.check(r)?;
        Ok(self.handle(Value::string(s)))
    }

    /// A well-known symbol (`Symbol.iterator`, ...), for example as a
    /// property key.
    pub fn well_known_symbol(&mut self, which: crate::symbol::WellKnownSymbol) -> JsValue {
        let s = self.exec.runtime.well_known_symbol(which);
        self.handle(Value::symbol(s))
    }

    /// A new empty object (`{}`).
    pub fn object(&mut self) -> Result<JsValue> {
        let r = self.exec.runtime.new_object();
        let o = self.check(r)?;
        Ok(self.handle(Value::object(o)))
    }

    /// A new empty array (`[]`).
    pub fn array(&mut self) -> Result<JsValue> {
        let r = self.exec.runtime.new_array(0);
        let o = self.check(r)?;
        Ok(self.handle(Value::object(o)))
    }

    /// Converts a Rust value to a JavaScript value ([`IntoJs`]).
    pub fn to_js(&mut self, v: impl IntoJs) -> Result<JsValue> {
        v.into_js(self)
    }

    // ---- errors ----

    /// Converts a completion of the engine, turning a throw into an
    /// [`Error::Exception`].
    pub(crate) fn check<T>(&mut self, r: crate::JsResult<T>) -> Result<T> {
        r.map_err(|t| self.error_from_thrown(t))
    }

    /// A thrown value as a Rust error: name, message, stack and throw site.
    pub(crate) fn error_from_thrown(&mut self, thrown: Thrown) -> Error {
        if self.exec.runtime.is_termination(thrown.0) {
            return self.terminated();
        }
        Error::Exception(Box::new(self.js_error(thrown.0)))
    }

    /// Describes a thrown value (see [`JsError`]).
    pub(crate) fn js_error(&mut self, v: Value) -> JsError {
        // The value is on this frame's stack while the properties are read.
        let handle = self.handle(v);
        let trace = self.exec.exception_trace(v);
        let rt = &mut self.exec.runtime;
        let mut name = "Error".to_owned();
        let message;
        let mut stack = None;
        if let Some(o) = v.as_object() {
            let text = |rt: &mut crate::Runtime, key: &str| {
                let v = rt.get_by_name(o, key).ok()?;
                if v.is_undefined() {
                    return None;
                }
                rt.to_string_for_display(v).ok()
            };
            if let Some(n) = text(rt, "name") {
                name = n;
            }
            message = text(rt, "message").unwrap_or_default();
            stack = text(rt, "stack");
        } else {
            name = "Uncaught".to_owned();
            message = rt
                .to_string_for_display(v)
                .unwrap_or_else(|_| "<exception>".to_owned());
        }
        let header = if message.is_empty() {
            name.clone()
        } else {
            format!("{name}: {message}")
        };
        let location = trace.as_ref().and_then(|t| {
            t.frames.iter().find_map(|f| {
                f.line_col.map(|(line, column)| Location {
                    file: f.file.clone(),
                    line,
                    column,
                })
            })
        });
        let stack = stack.unwrap_or_else(|| {
            let mut text = header.clone();
            if let Some(t) = &trace {
                for f in &t.frames {
                    text.push_str("\n    ");
                    text.push_str(&f.to_string());
                }
            }
            text
        });
        JsError {
            name,
            message,
            stack,
            location,
            value: Some(handle),
        }
    }

    /// A Rust error as the value JavaScript catches.
    pub(crate) fn throw_value(&mut self, e: Error) -> Thrown {
        match e {
            Error::Exception(js) => match js.value.as_ref().map(|v| self.raw(v)) {
                Some(Ok(v)) => Thrown(v),
                _ => {
                    let kind = kind_of(&js.name);
                    self.exec.runtime.throw_error(kind, &js.message)
                }
            },
            e @ Error::Conversion { .. } => {
                let message = e.message();
                self.exec.runtime.type_error(&message)
            }
            Error::Host { kind, message } => self.exec.runtime.throw_error(kind, &message),
            // Uncatchable while the flag is set (runtime::limits).
            Error::Terminated => {
                self.exec.runtime.interrupt();
                self.exec.runtime.termination()
            }
        }
    }

    /// A parse, early or analysis error as an [`Error`] with its position.
    fn script_error(&mut self, e: ScriptError, name: &str, source: &str) -> Error {
        let span = match &e {
            ScriptError::Syntax(s) => Some(s.span.start),
            ScriptError::Analyze(a) => Some(a.span.start),
            ScriptError::Compile(_) => None,
        };
        let location = span.map(|offset| {
            let (line, column) = jsparser::lexer::LineIndex::new(source).line_col(offset);
            Location {
                file: name.to_owned(),
                line,
                column,
            }
        });
        let thrown = self.exec.script_error(e);
        let mut js = self.js_error(thrown.0);
        if let Some(at) = &location {
            js.stack = format!("{}\n    at {at}", js.stack);
        }
        js.location = location;
        Error::Exception(Box::new(js))
    }

    // ---- evaluating code ----

    /// Runs `source` as a global script (sloppy mode) and converts its
    /// completion value. Global declarations stay visible to later scripts.
    /// Pending promise jobs run before it returns.
    pub fn eval<T: FromJs>(&mut self, source: &str) -> Result<T> {
        self.eval_named(source, "<eval>")
    }

    /// [`Context::eval`] with a file name for stack traces and error
    /// positions (`FILE:LINE:COL`).
    pub fn eval_named<T: FromJs>(&mut self, source: &str, name: &str) -> Result<T> {
        let v = self.eval_raw(source, name)?;
        T::from_js(self, &v)
    }

    /// Reads and runs a script file.
    pub fn eval_file<T: FromJs>(&mut self, path: impl AsRef<std::path::Path>) -> Result<T> {
        let path = path.as_ref();
        let source = std::fs::read_to_string(path)
            .map_err(|e| Error::new(format!("cannot read {}: {e}", path.display())))?;
        self.eval_named(&source, &path.to_string_lossy())
    }

    fn eval_raw(&mut self, source: &str, name: &str) -> Result<JsValue> {
        let result = self.exec.eval_script_named(source, false, name);
        let v = match result {
            Ok(Ok(v)) => self.handle(v),
            Ok(Err(thrown)) => return Err(self.error_from_thrown(thrown)),
            Err(e) => return Err(self.script_error(e, name, source)),
        };
        self.run_jobs()?;
        Ok(v)
    }

    /// Calls `f` (a function handle) with raw arguments.
    pub(crate) fn call_raw(
        &mut self,
        f: &JsValue,
        this: &JsValue,
        args: &[JsValue],
    ) -> Result<JsValue> {
        let f = self.raw(f)?;
        let this = self.raw(this)?;
        if !f.as_object().is_some_and(|o| o.is_callable()) {
            return Err(Error::type_error("not a function"));
        }
        // The handles keep the arguments alive during the call; a few fit
        // on the stack.
        let mut few = [Value::UNDEFINED; 4];
        let many;
        let raw: &[Value] = if args.len() <= few.len() {
            for (slot, a) in few.iter_mut().zip(args) {
                *slot = self.raw(a)?;
            }
            &few[..args.len()]
        } else {
            many = args
                .iter()
                .map(|a| self.raw(a))
                .collect::<Result<Vec<Value>>>()?;
            &many
        };
        let r = self.exec.call(f, this, raw);
        let v = self.check(r)?;
        Ok(self.handle(v))
    }

    /// `new f(...args)`.
    pub(crate) fn construct_raw(&mut self, f: &JsValue, args: &[JsValue]) -> Result<JsValue> {
        let f = self.raw(f)?;
        let args = args
            .iter()
            .map(|a| self.raw(a))
            .collect::<Result<Vec<Value>>>()?;
        let r = self.exec.runtime.construct(f, &args, None);
        let v = self.check(r)?;
        Ok(self.handle(v))
    }

    // ---- globals ----

    /// The global object.
    pub fn global(&mut self) -> JsValue {
        let g = self.exec.runtime.global_object();
        self.handle(Value::object(g))
    }

    /// Reads a global binding (a `let`/`const`/`class` of a script, or a
    /// property of the global object); `undefined` converts when missing.
    pub fn get_global<T: FromJs>(&mut self, name: &str) -> Result<T> {
        let v = match self.exec.get_global(name) {
            Some(v) => self.handle(v),
            None => JsValue::UNDEFINED,
        };
        T::from_js(self, &v)
    }

    /// Defines (or overwrites) a property of the global object.
    pub fn set_global(&mut self, name: &str, value: impl IntoJs) -> Result<()> {
        let value = value.into_js(self)?;
        let v = self.raw(&value)?;
        let r = self.exec.define_global(name, v);
        self.check(r)
    }

    // ---- properties ----

    /// The property key of a `&'static str` name, cached: static text never
    /// changes, so its address and length identify it.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn static_key(&mut self, name: &'static str) -> Result<PropertyKey> {
        let id = (name.as_ptr() as usize, name.len());
        // Fibonacci hashing: names one byte apart ("x", "y") spread.
        let h = (id.0 ^ id.1.rotate_left(40)).wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as usize);
        let slot = h >> (usize::BITS - KEY_CACHE_SIZE.trailing_zeros());
        if self.state.key_ids[slot] == id {
            if let Some(k) = self.state.keys.get(slot) {
                return Ok(k);
            }
        }
        let r = self.exec.runtime.key(name);
        let k = self.check(r)?;
        self.state.keys.set(slot, k);
        self.state.key_ids[slot] = id;
        Ok(k)
    }

    fn key(&mut self, key: impl IntoKey) -> Result<PropertyKey> {
        if let Some(text) = key.as_text() {
            let r = self.exec.runtime.key(text);
            return self.check(r);
        }
        let k = key.into_key(self)?;
        let k = self.raw(&k)?;
        let r = self.exec.runtime.to_property_key(k);
        self.check(r)
    }

    fn object_of(&mut self, v: &JsValue) -> Result<crate::gc::Gc<crate::object::JsObject>> {
        let raw = self.raw(v)?;
        let r = self.exec.runtime.to_object(raw);
        self.check(r)
    }

    pub(crate) fn get_property(&mut self, o: &JsValue, key: impl IntoKey) -> Result<JsValue> {
        let key = self.key(key)?;
        let receiver = self.raw(o)?;
        let obj = self.object_of(o)?;
        let r = self.exec.runtime.get(obj, key, receiver);
        let v = self.check(r)?;
        Ok(self.handle(v))
    }

    pub(crate) fn set_property(
        &mut self,
        o: &JsValue,
        key: impl IntoKey,
        value: &JsValue,
    ) -> Result<()> {
        let key = self.key(key)?;
        let value = self.raw(value)?;
        let Some(obj) = self.raw(o)?.as_object() else {
            return Err(Error::type_error("cannot set a property of a primitive"));
        };
        let r = self.exec.runtime.set_property(obj, key, value, true);
        self.check(r)
    }

    pub(crate) fn has_property(&mut self, o: &JsValue, key: impl IntoKey) -> Result<bool> {
        let key = self.key(key)?;
        let Some(obj) = self.raw(o)?.as_object() else {
            return Err(Error::type_error("'in' needs an object"));
        };
        let r = self.exec.runtime.has_property(obj, key);
        self.check(r)
    }

    pub(crate) fn delete_property(&mut self, o: &JsValue, key: impl IntoKey) -> Result<bool> {
        let key = self.key(key)?;
        let Some(obj) = self.raw(o)?.as_object() else {
            return Ok(true);
        };
        let r = self.exec.runtime.delete(obj, key);
        self.check(r)
    }

    /// 20.1.2.18 Object.keys: the own enumerable string keys, in order.
    pub(crate) fn own_keys(&mut self, o: &JsValue) -> Result<Vec<String>> {
        let obj = self.object_of(o)?;
        let r = self.exec.runtime.own_property_keys_rooted(obj);
        let keys = self.check(r)?;
        // The rooted list keeps the keys alive while the loop allocates.
        let list = keys.as_slice().to_vec();
        let mut out = Vec::with_capacity(list.len());
        for key in list {
            let name = match key {
                PropertyKey::Index(i) => i.to_string(),
                PropertyKey::String(s) => s.to_rust_string(),
                PropertyKey::Symbol(_) => continue,
            };
            // EnumerableOwnProperties step 4.a.ii: only keys still present
            // and enumerable.
            let r = self.exec.runtime.get_own_property(obj, key);
            if self.check(r)?.and_then(|d| d.enumerable) == Some(true) {
                out.push(name);
            }
        }
        Ok(out)
    }

    /// Defines an own enumerable data property (CreateDataPropertyOrThrow).
    pub(crate) fn create_property(&mut self, o: &JsValue, key: &str, v: &JsValue) -> Result<()> {
        let key = self.key(key)?;
        let v = self.raw(v)?;
        let Some(obj) = self.raw(o)?.as_object() else {
            return Err(Error::type_error("not an object"));
        };
        let r = self.exec.runtime.create_data_property_or_throw(obj, key, v);
        self.check(r)
    }

    /// A built-in function by its path from the global object (for example
    /// `Object.keys`), looked up in the current realm.
    pub(crate) fn eval_helper(&mut self, path: &str) -> Result<JsValue> {
        let mut v = self.global();
        for part in path.split('.') {
            v = self.get_property(&v, part)?;
        }
        Ok(v)
    }

    // ---- realms and the collector ----

    /// Creates a new realm (its own global object and built-ins) in this
    /// runtime. Enter it with [`Context::with_realm`].
    pub fn create_realm(&mut self) -> Result<Realm> {
        let r = self.exec.runtime.create_realm();
        let id = self.check(r)?;
        Ok(Realm(id))
    }

    /// The realm code runs in now.
    pub fn current_realm(&self) -> Realm {
        Realm(self.exec.runtime.current_realm())
    }

    /// Runs `f` with `realm` as the current realm: scripts evaluated and
    /// globals read inside belong to it.
    pub fn with_realm<R>(&mut self, realm: Realm, f: impl FnOnce(&mut Context) -> R) -> R {
        let previous = self.exec.runtime.enter_realm(realm.0);
        let r = f(self);
        self.exec.runtime.enter_realm(previous);
        r
    }

    /// Runs a full garbage collection now.
    pub fn collect_garbage(&mut self) {
        self.exec.runtime.collect_garbage();
    }

    /// Counters of the heap (live bytes, collections).
    pub fn heap_stats(&self) -> crate::gc::HeapStats {
        self.exec.runtime.heap_stats()
    }

    /// Number of live rooted handles ([`JsValue`]s of heap values and the
    /// engine's own persistent roots).
    pub fn rooted_handles(&self) -> usize {
        self.exec.runtime.roots.len()
    }
}

/// A realm of a runtime (16.1 Realms): its own global object and built-ins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Realm(pub(crate) crate::runtime::RealmId);

/// The error kind of a constructor name.
fn kind_of(name: &str) -> crate::ErrorKind {
    use crate::ErrorKind as K;
    match name {
        "TypeError" => K::TypeError,
        "RangeError" => K::RangeError,
        "SyntaxError" => K::SyntaxError,
        "ReferenceError" => K::ReferenceError,
        "EvalError" => K::EvalError,
        "URIError" => K::UriError,
        _ => K::Error,
    }
}
