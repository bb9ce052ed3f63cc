//! `Runtime`: the heap, the atom table, the realm (intrinsics and global
//! object) and the entry points the backend and the built-ins call.
//!
//! One `Runtime` runs on one thread (it is `!Send`): the garbage collector
//! scans that thread's stack. A runtime has one or more realms ([`realm`]),
//! each with its intrinsics table indexed by [`Intrinsic`]; the current
//! realm's table answers [`Runtime::intrinsic`].
//!
//! # What the backend relies on
//!
//! * Value tags and object/string/shape offsets: `value`, `object`, `string`,
//!   `object::shape` module constants.
//! * Runtime functions called from JIT code are `extern "C"` and take
//!   `*mut Runtime` first. They return either a `Value` (as `u64`) or a status
//!   code: `0` = normal, `1` = exception — the thrown value is then in
//!   [`Runtime::pending_exception`]. Rust panics never cross JIT frames.
//! * Calling a JavaScript function object from Rust goes through
//!   [`Runtime::call`]; for objects that are not native functions it calls
//!   [`HostHooks::call`], which the backend installs (it knows closures).
//! * Garbage collection can happen at any allocation; JIT code keeps values
//!   in its frames (found by the conservative stack scan), nothing else is
//!   needed. Objects never move.
//! * Native stack overflow: [`Runtime::check_stack`] throws a RangeError when
//!   the stack pointer comes within [`STACK_RESERVE`] bytes of the stack's
//!   end; compiled function prologues should call it (or inline the compare
//!   against `Runtime::stack_limit`).
//! * The backend's executor is `#[repr(C)]` with the `Runtime` as its first
//!   field, so the `*mut Runtime` a hook receives is also the executor's
//!   address (see `backend::executor`). The hooks are installed by
//!   `Executor::new`; a bare `Runtime` has none and refuses to call closures.
//! * Inline caches ([`inline_cache`]) are owned here so that collections can
//!   clear the entries of dead shapes.
//! * Output of `print`/`console.log` goes to [`Runtime::output`], stdout by
//!   default ([`Runtime::set_output`], [`CapturedOutput`]).

pub mod builtins;
pub mod inline_cache;
pub mod intrinsics;
pub mod introspect;
pub mod jobs;
pub mod limits;
pub mod names;
pub mod realm;

use crate::completion::ErrorKind;
use crate::gc::{stack, Gc, Heap, HeapObject, HeapStats, Persistent, RootTable, Trace, Tracer};
use crate::object::native_closure::NativeClosure;
use crate::object::shape::Shape;
use crate::object::{JsObject, ObjectKind, PropertyKey, StoredProperty};
use crate::string::atoms::AtomTable;
use crate::string::JsString;
use crate::symbol::{Symbol, SymbolRegistry, WellKnownSymbol};
use crate::value::Value;
use crate::{JsResult, Thrown};
pub use intrinsics::Intrinsic;
pub use limits::InterruptHandle;
pub use names::Names;

/// Entries of [`Runtime::instance_of_cache`].
pub(crate) const INSTANCE_OF_CACHE_ENTRIES: usize = 64;
pub use realm::RealmId;

/// Bytes of native stack kept free for Rust code after a stack-overflow
/// RangeError is thrown.
pub const STACK_RESERVE: usize = 256 * 1024;

/// Calls a callable object that is not a native function (a closure).
pub type CallHook =
    fn(&mut Runtime, callee: Gc<JsObject>, this: Value, args: &[Value]) -> JsResult<Value>;
/// Constructs with a constructor that is not a native function.
pub type ConstructHook = fn(
    &mut Runtime,
    callee: Gc<JsObject>,
    args: &[Value],
    new_target: Gc<JsObject>,
) -> JsResult<Value>;

/// Returns the source text of a function object that is not native (for
/// `Function.prototype.toString`, 20.2.3.5), when it is known.
pub type SourceTextHook = fn(&mut Runtime, callee: Gc<JsObject>) -> JsResult<Option<Gc<JsString>>>;

/// Records the source text of a function object created from source at
/// runtime (CreateDynamicFunction, 20.2.1.1.1 step 29).
pub type SetSourceTextHook = fn(&mut Runtime, callee: Gc<JsObject>, text: &str) -> JsResult<()>;

/// Runs source text as eval code in the global scope (19.2.1.1 PerformEval
/// with direct = false) and returns its completion value; a parse or early
/// error is a thrown SyntaxError.
pub type GlobalEvalHook = fn(&mut Runtime, source: &str) -> JsResult<Value>;

/// Parses and runs a source text as a new global script of the realm
/// (`$262.evalScript`, test262 INTERPRETING.md): a parse or early error is a
/// thrown SyntaxError; returns the script's completion value.
pub type EvalScriptHook = fn(&mut Runtime, source: &str) -> JsResult<Value>;

/// The stack trace of the running code as V8 prints it: one
/// `\n    at …` line per frame, innermost first; with a function, the frames
/// up to and including its innermost one are left out, and all of them
/// when it has none and `required` is set (the backend's `stack_walk`).
pub type CaptureStackHook =
    fn(&mut Runtime, skip_to: Option<Gc<JsObject>>, required: bool, limit: usize) -> String;

/// Called by a collection between marking and sweeping (mark bits and
/// [`Gc::is_marked`] are valid): the backend notes which of its programs
/// became unreachable (`backend::reclaim`). It must not allocate, and must
/// not free anything a sweep still reads.
pub type AfterMarkingHook = fn(&mut Runtime);

/// Functions the embedder/backend provides.
#[derive(Default, Clone, Copy)]
pub struct HostHooks {
    /// See [`CallHook`].
    pub call: Option<CallHook>,
    /// See [`ConstructHook`].
    pub construct: Option<ConstructHook>,
    /// See [`SourceTextHook`].
    pub source_text: Option<SourceTextHook>,
    /// See [`SetSourceTextHook`].
    pub set_source_text: Option<SetSourceTextHook>,
    /// See [`EvalScriptHook`].
    pub eval_script: Option<EvalScriptHook>,
    /// See [`GlobalEvalHook`].
    pub global_eval: Option<GlobalEvalHook>,
    /// See [`CaptureStackHook`].
    pub capture_stack: Option<CaptureStackHook>,
    /// See [`AfterMarkingHook`].
    pub after_marking: Option<AfterMarkingHook>,
}

/// An output sink that keeps what was written (for tests and embedders):
/// `rt.set_output(Box::new(captured.clone()))`, then `captured.text()`.
#[derive(Clone, Default)]
pub struct CapturedOutput(pub std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl CapturedOutput {
    /// Everything written so far, as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }
}

impl std::io::Write for CapturedOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// See the module docs.
pub struct Runtime {
    pub(crate) heap: Heap,
    pub(crate) atoms: AtomTable,
    pub(crate) roots: RootTable,
    pub(crate) empty_shape: Gc<Shape>,
    /// The root shape of coroutine objects (inline slots reserved, see
    /// [`crate::object::shape::SHAPE_FLAG_RESERVED_INLINE`]).
    pub(crate) coroutine_shape: Gc<Shape>,
    /// Shape of native function objects: `length`, then `name`.
    pub(crate) function_shape: Gc<Shape>,
    /// Shape of sloppy ordinary functions: `length`, `name`, then their own
    /// `caller` and `arguments` (see `backend::bridge::create_function`).
    pub(crate) sloppy_function_shape: Gc<Shape>,
    /// Dictionary copies of `function_shape` and `sloppy_function_shape`
    /// (made on first use) for constructor closures whose `prototype`
    /// object is not made yet (`FLAG_LAZY`, see
    /// `Runtime::materialize_closure`): shared by all of them and changed
    /// by none (every change materialises the object first), and never
    /// cached (dictionaries).
    pub(crate) lazy_closure_shapes: Option<(Gc<Shape>, Gc<Shape>)>,
    /// Shape of iterator result objects: `value` then `done`, both data
    /// properties with default attributes (7.4.14
    /// CreateIteratorResultObject).
    pub(crate) iter_result_shape: Gc<Shape>,
    /// Shape of the box of a derived constructor's this binding
    /// (`backend/bridge/classes.rs`): one data property `this`.
    pub(crate) this_box_shape: Gc<Shape>,
    /// Shapes of arguments objects (10.4.4.6, 10.4.4.7): `length`,
    /// @@iterator and `callee` (a data property when mapped, the throwing
    /// accessor when unmapped).
    pub(crate) mapped_arguments_shape: Gc<Shape>,
    /// See `mapped_arguments_shape`.
    pub(crate) unmapped_arguments_shape: Gc<Shape>,
    pub(crate) shapes_with_transitions: Vec<Gc<Shape>>,
    pub(crate) well_known_symbols: Vec<Gc<Symbol>>,
    pub(crate) symbol_registry: SymbolRegistry,
    /// Rooted atoms for common names.
    pub names: Names,
    /// Every realm; `current_realm` indexes it.
    pub(crate) realms: Vec<realm::Realm>,
    pub(crate) current_realm: RealmId,
    /// Thrown when an allocation fails (preallocated so it always exists).
    out_of_memory: Value,
    /// The functions the backend or the embedder provides.
    pub hooks: HostHooks,
    stack_top: usize,
    /// Lowest address of the thread's stack.
    stack_low: usize,
    /// Lowest stack address at which calls are still allowed (raised while
    /// heap-held argument lists are charged to the stack, see [`limits`]).
    pub stack_limit: usize,
    /// `stack_limit` as set by [`Runtime::set_stack_size`].
    base_stack_limit: usize,
    /// The interrupt flag ([`limits::InterruptHandle`]); compiled code
    /// polls it at loop back-edges and function entries.
    interrupt: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// The termination exception (preallocated, see [`limits`]).
    termination: Value,
    /// The heap limit in bytes ([`Runtime::set_max_heap`]).
    max_heap: Option<usize>,
    /// Backtracking steps allowed per regular-expression match.
    regexp_step_budget: u64,
    /// The exception in flight between JIT code and the runtime.
    pub pending_exception: Value,
    /// Inline caches of compiled code (weak, see [`inline_cache`]).
    pub(crate) inline_caches: Vec<inline_cache::CacheTable>,
    /// The megamorphic cache (`inline_cache::MEGA_ENTRIES` get entries,
    /// then as many set entries, one table of `inline_caches`), 0 until a
    /// site first goes megamorphic.
    pub(crate) mega_caches: usize,
    /// The strings of the integers `0..SMALL_INT_STRINGS` (atoms, made on
    /// first use; undefined until then): `s + i` needs no formatting.
    pub(crate) small_int_strings: Vec<Value>,
    /// The one-code-unit strings of the units `0..CHAR_STRINGS` (atoms,
    /// made on first use; undefined until then): `s[i]`, `charAt` and
    /// `split("")` of Latin-1 text allocate nothing.
    pub(crate) char_strings: Vec<Value>,
    /// `instanceof`'s cache: (shape address, slot of `prototype`) of
    /// constructors' shapes, emptied by each collection (see
    /// `Runtime::cached_instance_prototype`).
    pub(crate) instance_of_cache: Box<[(usize, u32); INSTANCE_OF_CACHE_ENTRIES]>,
    /// Where `print` and `console.log` write (stdout by default).
    pub output: Box<dyn std::io::Write>,
    /// Heap cells kept alive for the runtime's lifetime (cell addresses, see
    /// [`Runtime::root_cell_forever`]).
    pub(crate) permanent_cells: Vec<usize>,
    /// Shapes and objects whose addresses full-tier code embeds as
    /// constants (the specialised inline caches of
    /// `backend/compiler/property.rs`): kept alive for the runtime's
    /// lifetime, so that no other cell can take an address a guard compares
    /// with or a load reads. A set: a cell is kept once.
    pub(crate) code_cells: hashbrown::HashSet<usize>,
    /// The job queue and the promise rejection tracker ([`jobs`]).
    pub(crate) jobs: jobs::JobQueue,
    /// [[KeptAlive]] of the agent (9.7 Agents): the WeakRef targets read in
    /// the current job (`WeakRef.prototype.deref`, 9.10.3 AddToKeptObjects),
    /// strong until [`Runtime::clear_kept_objects`].
    pub(crate) kept_objects: Vec<Value>,
    /// (cleanup callback, held value) pairs of FinalizationRegistry cells
    /// whose targets died, waiting for [`Runtime::run_finalization_cleanups`]
    /// (traced as roots).
    pub(crate) pending_finalizations: Vec<(Value, Value)>,
}

impl Default for Runtime {
    fn default() -> Self {
        Self::new()
    }
}

impl Runtime {
    /// Creates a runtime with its realm: every built-in object, built from
    /// the tables of `crate::builtins` (see [`builtins`]).
    pub fn new() -> Runtime {
        let mut heap = Heap::new();
        heap.inhibit_gc();
        let mut atoms = AtomTable::new();
        let names = Names::new(&mut heap, &mut atoms);
        let empty_shape = heap
            .alloc(Shape::new_root())
            .expect("out of memory while creating the runtime");
        let coroutine_shape = heap
            .alloc(Shape::new_reserved_root())
            .expect("out of memory while creating the runtime");
        let well_known_symbols = WellKnownSymbol::ALL
            .iter()
            .map(|w| {
                let desc = heap
                    .alloc(JsString::new_flat_latin1(w.description().as_bytes().into()))
                    .expect("out of memory while creating the runtime");
                let desc = atoms.intern(desc);
                crate::symbol::new_symbol_cell(&mut heap, Value::string(desc))
                    .expect("out of memory while creating the runtime")
            })
            .collect();
        let (stack_low, stack_top) = stack::thread_stack_bounds();
        let mut rt = Runtime {
            heap,
            atoms,
            roots: RootTable::new(),
            empty_shape,
            coroutine_shape,
            function_shape: empty_shape,
            sloppy_function_shape: empty_shape,
            lazy_closure_shapes: None,
            iter_result_shape: empty_shape,
            this_box_shape: empty_shape,
            mapped_arguments_shape: empty_shape,
            unmapped_arguments_shape: empty_shape,
            shapes_with_transitions: Vec::new(),
            well_known_symbols,
            symbol_registry: SymbolRegistry::default(),
            names,
            realms: vec![realm::Realm::new()],
            current_realm: RealmId(0),
            out_of_memory: Value::UNDEFINED,
            hooks: HostHooks::default(),
            stack_top,
            stack_low,
            stack_limit: stack_low.saturating_add(STACK_RESERVE),
            base_stack_limit: stack_low.saturating_add(STACK_RESERVE),
            interrupt: Default::default(),
            termination: Value::UNDEFINED,
            max_heap: None,
            regexp_step_budget: limits::REGEXP_STEP_BUDGET,
            pending_exception: Value::UNDEFINED,
            inline_caches: Vec::new(),
            mega_caches: 0,
            small_int_strings: vec![Value::UNDEFINED; crate::conversions::SMALL_INT_STRINGS],
            char_strings: vec![Value::UNDEFINED; crate::string::CHAR_STRINGS],
            instance_of_cache: Box::new([(0, 0); INSTANCE_OF_CACHE_ENTRIES]),
            output: Box::new(std::io::stdout()),
            permanent_cells: Vec::new(),
            code_cells: hashbrown::HashSet::new(),
            jobs: jobs::JobQueue::default(),
            kept_objects: Vec::new(),
            pending_finalizations: Vec::new(),
        };
        rt.init_realm()
            .expect("out of memory while creating the runtime");
        rt.heap.allow_gc();
        rt.heap.set_stress(crate::gc::stress::interval_from_env());
        rt
    }

    /// Allocates a cell, collecting garbage first when the budget is used up
    /// (or, in GC stress mode, at every N-th allocation: `gc::stress`).
    /// Fails with a RangeError when the allocation is impossible.
    ///
    /// Inlined: the body is then written straight into the new cell (a
    /// `JsObject` built in a caller's frame and copied here used to cost a
    /// store-forwarding stall per allocation, about 14 ns on `new C()`).
    #[inline]
    pub fn alloc<T: HeapObject>(&mut self, value: T) -> JsResult<Gc<T>> {
        if self.heap.should_collect() {
            self.collect_before_alloc(&value);
            if self.max_heap.is_some() && !self.heap_limit_allows(&value) {
                return Err(Thrown(self.out_of_memory));
            }
        }
        match self.heap.alloc(value) {
            Ok(g) => Ok(g),
            Err(_) => Err(Thrown(self.out_of_memory)),
        }
    }

    /// [`Runtime::alloc`] of a cell of `size` bytes: `value`, then a tail
    /// the caller initialises before its next allocation (see
    /// [`crate::gc::Heap::alloc_with_tail`]).
    pub(crate) fn alloc_with_tail<T: HeapObject>(
        &mut self,
        value: T,
        size: usize,
    ) -> JsResult<Gc<T>> {
        if self.heap.should_collect() {
            self.collect_before_alloc(&value);
            if self.max_heap.is_some() && !self.heap_limit_allows(&value) {
                return Err(Thrown(self.out_of_memory));
            }
        }
        match self.heap.alloc_with_tail(value, size) {
            Ok(g) => Ok(g),
            Err(_) => Err(Thrown(self.out_of_memory)),
        }
    }

    /// [`Runtime::alloc`] of the value `make` returns, built after the cell
    /// was taken when no collection is due (straight into the cell, with no
    /// copy of the body through the stack: the fast path of
    /// `new_object_with`). When a collection is due the value is made
    /// first and traced as a root, as [`Runtime::alloc`] does.
    #[inline]
    pub(crate) fn alloc_with<T: HeapObject>(
        &mut self,
        make: impl FnOnce() -> T,
    ) -> JsResult<Gc<T>> {
        if self.heap.should_collect() {
            return self.alloc(make());
        }
        match self.heap.alloc_uninit::<T>() {
            // SAFETY: a free cell for a `T`, initialised at once.
            Ok(addr) => Ok(unsafe { crate::gc::init_cell(addr, make()) }),
            Err(_) => Err(Thrown(self.out_of_memory)),
        }
    }

    /// The slow path of [`Runtime::alloc`]. `pending` is the body about to
    /// be stored: its Rust-heap parts (slot vectors, bound arguments) hold
    /// values the stack scan cannot see, so it is traced as a root.
    #[cold]
    #[inline(never)]
    fn collect_before_alloc(&mut self, pending: &dyn Trace) {
        if self.heap.stress_tick() {
            self.collect(Some(pending));
        }
    }

    /// With a heap limit: whether the footprint is under it, after a full
    /// collection if needed.
    #[inline(never)]
    fn heap_limit_allows(&mut self, pending: &dyn Trace) -> bool {
        let Some(max) = self.max_heap else {
            return true;
        };
        if self.heap.footprint() <= max {
            return true;
        }
        self.collect(Some(pending));
        self.heap.footprint() <= max
    }

    /// A full collection now.
    #[inline(never)]
    pub fn collect_garbage(&mut self) {
        self.collect(None);
    }

    #[inline(never)]
    fn collect(&mut self, pending: Option<&dyn Trace>) {
        let start = std::time::Instant::now();
        let mut tracer = Tracer::new();
        let heap = &self.heap;
        stack::scan(self.stack_top, &mut |word| {
            heap.mark_conservative(word, &mut tracer)
        });
        if let Some(pending) = pending {
            pending.trace(&mut tracer);
        }
        self.trace_roots(&mut tracer);
        tracer.drain();
        // Ephemerons to a fixed point, then weak references to dead cells
        // cleared (`gc::weak`).
        crate::gc::weak::process_weak(&mut tracer, &mut self.pending_finalizations);
        if let Some(hook) = self.hooks.after_marking {
            hook(self);
        }
        // Weak tables, between marking and sweeping.
        self.atoms.prune_unmarked();
        Runtime::prune_shape_transitions(&mut self.shapes_with_transitions);
        Runtime::prune_inline_caches(&self.inline_caches);
        self.heap.note_mark_time(start.elapsed());
        self.heap.sweep();
        // Swept shapes' addresses may be reused.
        self.instance_of_cache.fill((0, 0));
    }

    fn trace_roots(&self, tracer: &mut Tracer) {
        self.roots.trace(tracer);
        self.names.trace(tracer);
        tracer.mark_cell(self.empty_shape.addr());
        tracer.mark_cell(self.coroutine_shape.addr());
        tracer.mark_cell(self.function_shape.addr());
        tracer.mark_cell(self.sloppy_function_shape.addr());
        if let Some((a, b)) = self.lazy_closure_shapes {
            tracer.mark_cell(a.addr());
            tracer.mark_cell(b.addr());
        }
        tracer.mark_cell(self.iter_result_shape.addr());
        tracer.mark_cell(self.this_box_shape.addr());
        tracer.mark_cell(self.mapped_arguments_shape.addr());
        tracer.mark_cell(self.unmapped_arguments_shape.addr());
        for s in &self.well_known_symbols {
            tracer.mark_cell(s.addr());
        }
        self.symbol_registry.trace(tracer);
        for r in &self.realms {
            r.trace(tracer);
        }
        tracer.mark_value(self.out_of_memory);
        tracer.mark_value(self.termination);
        tracer.mark_value(self.pending_exception);
        for v in self.small_int_strings.iter().chain(&self.char_strings) {
            tracer.mark_value(*v);
        }
        for &cell in self.permanent_cells.iter().chain(&self.code_cells) {
            tracer.mark_cell(cell);
        }
        self.jobs.trace(tracer);
        for v in &self.kept_objects {
            tracer.mark_value(*v);
        }
        for (callback, held) in &self.pending_finalizations {
            tracer.mark_value(*callback);
            tracer.mark_value(*held);
        }
    }

    /// Keeps a heap cell alive as long as the runtime (cells whose address
    /// compiled code embeds, such as the global lexical bindings).
    pub fn root_cell_forever<T: HeapObject>(&mut self, cell: Gc<T>) {
        self.permanent_cells.push(cell.addr());
    }

    /// Keeps the cell at `addr` (a shape or an object) alive for the
    /// runtime's lifetime: compiled code embeds its address.
    pub(crate) fn root_code_cell(&mut self, addr: usize) {
        self.code_cells.insert(addr);
    }

    /// How many cells compiled code embeds ([`Runtime::root_code_cell`]).
    pub fn code_cell_count(&self) -> usize {
        self.code_cells.len()
    }

    /// Counters of the garbage-collected heap.
    pub fn heap_stats(&self) -> HeapStats {
        self.heap.stats()
    }

    /// Keeps `v` alive from Rust data outside the stack.
    pub fn persistent(&self, v: Value) -> Persistent {
        self.roots.root(v)
    }

    /// The realm's intrinsic `which` (undefined until installed).
    #[inline]
    pub fn intrinsic(&self, which: Intrinsic) -> Value {
        self.intrinsics()[which as usize]
    }

    /// The current realm's intrinsics table.
    #[inline]
    fn intrinsics(&self) -> &[Value] {
        // The current realm is always an index of `realms` (set only by
        // `enter_realm` with ids `create_realm` returned).
        &self.realms[self.current_realm.0 as usize].intrinsics
    }

    /// An intrinsic that is an object (prototypes, constructors once
    /// installed). Falls back to %Object.prototype% for unset entries.
    pub fn intrinsic_object(&self, which: Intrinsic) -> Gc<JsObject> {
        let table = self.intrinsics();
        table[which as usize]
            .as_object()
            .or_else(|| table[Intrinsic::ObjectPrototype as usize].as_object())
            .expect("%Object.prototype% exists after initialisation")
    }

    /// Records the current realm's intrinsic `which` (realm creation only).
    pub fn set_intrinsic(&mut self, which: Intrinsic, v: Value) {
        let realm = self.current_realm.0 as usize;
        self.realms[realm].intrinsics[which as usize] = v;
    }

    /// The global object.
    pub fn global_object(&self) -> Gc<JsObject> {
        self.intrinsic_object(Intrinsic::GlobalObject)
    }

    /// The empty string atom.
    pub fn empty_string(&self) -> Gc<JsString> {
        self.names.empty
    }

    /// Throws a RangeError when the native stack is nearly exhausted.
    #[inline]
    pub fn check_stack(&mut self) -> JsResult<()> {
        let marker = 0u8;
        let sp = std::hint::black_box(&marker) as *const u8 as usize;
        if sp < self.stack_limit {
            return Err(self.stack_overflow());
        }
        Ok(())
    }

    /// The stack-overflow RangeError, or the termination exception when
    /// termination is requested (compiled code's slow paths end here).
    #[inline(never)]
    pub fn stack_overflow(&mut self) -> Thrown {
        if self.is_interrupted() {
            return self.termination();
        }
        // Let error creation itself run below the limit.
        self.range_error("Maximum call stack size exceeded")
    }

    /// 7.3.14 Call(F, V, argumentsList).
    pub fn call(&mut self, f: Value, this: Value, args: &[Value]) -> JsResult<Value> {
        let Some(callee) = f.as_object().filter(|o| o.is_callable()) else {
            return Err(self.type_error("not a function"));
        };
        self.check_stack()?;
        self.poll_interrupt()?;
        if args.len() > limits::CHARGED_ARGUMENTS {
            let charged = self.charge_arguments(args.len())?;
            let result = self.call_object(callee, this, args);
            self.release_arguments(charged);
            return result;
        }
        self.call_object(callee, this, args)
    }

    /// [`Runtime::call`] after the checks.
    fn call_object(
        &mut self,
        callee: Gc<JsObject>,
        this: Value,
        args: &[Value],
    ) -> JsResult<Value> {
        match callee.kind() {
            ObjectKind::NativeFunction(realm, nf) => {
                let (call, realm) = (nf.call, *realm);
                if realm == self.current_realm {
                    return call(self, this, args);
                }
                // 10.3.1 [[Call]] steps 4-6: the callee's realm while it runs.
                let previous = self.enter_realm(realm);
                let result = call(self, this, args);
                self.enter_realm(previous);
                result
            }
            // 10.4.1.1 [[Call]] of a bound function exotic object.
            // A chain of bound functions is unwound in one step: each level
            // prepends its bound arguments and the innermost [[BoundThis]]
            // wins, so the list is built once (not once per level).
            ObjectKind::BoundFunction(_) => {
                let (target, bound_this, all) = self.unwind_bound(callee, args, None)?;
                self.call(Value::object(target), bound_this, &all)
            }
            // A built-in function with internal slots (10.3.4).
            ObjectKind::Host(h) if h.as_any().is::<NativeClosure>() => {
                let call = crate::object::native_closure::closure_call(&callee)
                    .ok_or_else(|| self.type_error("not a function"))?;
                call(self, callee, this, args)
            }
            ObjectKind::NativeClosure1(call, _) => {
                let call = *call;
                call(self, callee, this, args)
            }
            ObjectKind::Exotic(e) => match e.methods().call {
                Some(call) => call(self, callee, this, args),
                None => Err(self.type_error("not a function")),
            },
            _ => match self.hooks.call {
                Some(hook) => hook(self, callee, this, args),
                None => Err(self.type_error("function cannot be called: no backend")),
            },
        }
    }

    /// 7.3.15 Construct(F, argumentsList, newTarget).
    pub fn construct(
        &mut self,
        f: Value,
        args: &[Value],
        new_target: Option<Value>,
    ) -> JsResult<Value> {
        let Some(callee) = f.as_object().filter(|o| o.is_constructor()) else {
            return Err(self.type_error("not a constructor"));
        };
        let new_target = new_target.and_then(|v| v.as_object()).unwrap_or(callee);
        self.check_stack()?;
        self.poll_interrupt()?;
        if args.len() > limits::CHARGED_ARGUMENTS {
            let charged = self.charge_arguments(args.len())?;
            let result = self.construct_object(callee, args, new_target);
            self.release_arguments(charged);
            return result;
        }
        self.construct_object(callee, args, new_target)
    }

    /// The bound-function chain from `callee` unwound (10.4.1.1 [[Call]],
    /// 10.4.1.2 [[Construct]] applied level by level): the innermost target,
    /// its this value and the whole argument list. With `new_target`, each
    /// level that is the new target is replaced by its target (10.4.1.2
    /// step 5).
    fn unwind_bound(
        &mut self,
        callee: Gc<JsObject>,
        args: &[Value],
        mut new_target: Option<&mut Gc<JsObject>>,
    ) -> JsResult<(Gc<JsObject>, Value, crate::gc::RootedList<Value>)> {
        // GC: the chain is reachable from `callee` (rooted by the caller)
        // and bound functions are immutable.
        let mut levels = Vec::new();
        let mut o = callee;
        let mut count = args.len();
        let mut bound_this = Value::UNDEFINED;
        while let ObjectKind::BoundFunction(b) = o.kind() {
            if let Some(nt) = new_target.as_deref_mut() {
                if *nt == o {
                    *nt = b.target;
                }
            }
            levels.push(o);
            count = count.saturating_add(b.args.len());
            bound_this = b.this;
            o = b.target;
        }
        if count > limits::MAX_ARGUMENTS {
            return Err(self.range_error("Maximum call stack size exceeded (too many arguments)"));
        }
        let mut all = self.rooted_list();
        for level in levels.iter().rev() {
            if let ObjectKind::BoundFunction(b) = level.kind() {
                all.extend_from_slice(&b.args);
            }
        }
        all.extend_from_slice(args);
        Ok((o, bound_this, all))
    }

    /// [`Runtime::construct`] after the checks.
    fn construct_object(
        &mut self,
        callee: Gc<JsObject>,
        args: &[Value],
        new_target: Gc<JsObject>,
    ) -> JsResult<Value> {
        match callee.kind() {
            ObjectKind::NativeFunction(realm, nf) => match nf.construct {
                Some(ctor) if *realm == self.current_realm => ctor(self, args, new_target),
                // 10.3.2 [[Construct]]: as [[Call]], in the callee's realm.
                Some(ctor) => {
                    let previous = self.enter_realm(*realm);
                    let result = ctor(self, args, new_target);
                    self.enter_realm(previous);
                    result
                }
                None => Err(self.type_error("not a constructor")),
            },
            // 10.4.1.2 [[Construct]] of a bound function exotic object.
            ObjectKind::BoundFunction(_) => {
                let mut new_target = new_target;
                let (target, _, all) = self.unwind_bound(callee, args, Some(&mut new_target))?;
                self.construct(Value::object(target), &all, Some(Value::object(new_target)))
            }
            ObjectKind::Exotic(e) => match e.methods().construct {
                Some(construct) => construct(self, callee, args, new_target),
                None => Err(self.type_error("not a constructor")),
            },
            _ => match self.hooks.construct {
                Some(hook) => hook(self, callee, args, new_target),
                None => Err(self.type_error("function cannot be constructed: no backend")),
            },
        }
    }

    /// A new error object (20.5.1.1 steps 2–3): prototype from the intrinsics,
    /// an own non-enumerable `message`.
    pub fn new_error(&mut self, kind: ErrorKind, message: &str) -> JsResult<Gc<JsObject>> {
        let proto = self.intrinsic(Intrinsic::error_prototype(kind));
        let obj = self.new_object_with(proto, ObjectKind::Error, 0)?;
        if !message.is_empty() {
            let msg = self.new_string(message)?;
            let key = PropertyKey::String(self.names.message);
            self.store_property(
                obj,
                key,
                StoredProperty::Data(
                    Value::string(msg),
                    crate::object::Attributes::BUILTIN_METHOD,
                ),
            )?;
        }
        Ok(obj)
    }

    /// The highest address of this thread's stack (exclusive).
    pub(crate) fn stack_top(&self) -> usize {
        self.stack_top
    }

    /// The stack trace of the running JavaScript code, V8's `    at …`
    /// lines, each after a newline (empty without a backend or frames), at
    /// most `Error.stackTraceLimit` of them; `None` when that is not a
    /// number (V8 then captures no trace at all). With `skip_to`, frames
    /// up to and including that function's innermost one are left out
    /// (all of them when `required` and it has no frame:
    /// `Error.captureStackTrace(o, f)` outside `f`).
    pub fn capture_stack_trace(
        &mut self,
        skip_to: Option<Gc<JsObject>>,
        required: bool,
    ) -> Option<String> {
        let limit = self.stack_trace_limit()?;
        Some(match self.hooks.capture_stack {
            Some(hook) => hook(self, skip_to, required, limit),
            None => String::new(),
        })
    }

    /// V8's `Error.stackTraceLimit` (not in ECMA-262): the most frames a
    /// captured trace keeps, read from the current realm's %Error% as an
    /// own data property (no user code runs): a number is clamped to
    /// 0..=usize::MAX after ToIntegerOrInfinity; anything else (deleted,
    /// an accessor, not a number) is `None`.
    pub fn stack_trace_limit(&self) -> Option<usize> {
        let error = self.intrinsic(Intrinsic::Error).as_object()?;
        let key = PropertyKey::String(self.names.stack_trace_limit);
        match error.stored_property(key) {
            Some(crate::object::StoredProperty::Data(v, _)) => {
                let n = crate::conversions::integer_or_infinity(v.as_number()?);
                // `as` saturates: negative limits keep no frame, +∞ all.
                Some(n.max(0.0) as usize)
            }
            _ => None,
        }
    }

    /// Replaces the output sink of `print` and `console.log`.
    pub fn set_output(&mut self, output: Box<dyn std::io::Write>) {
        self.output = output;
    }

    /// 10.1.14 GetPrototypeFromConstructor
    /// (#sec-getprototypefromconstructor).
    pub fn prototype_from_constructor(
        &mut self,
        constructor: Gc<JsObject>,
        default: Intrinsic,
    ) -> JsResult<Value> {
        // Step 2: Get(constructor, "prototype").
        let key = PropertyKey::String(self.names.prototype);
        let proto = self.get(constructor, key, Value::object(constructor))?;
        if proto.is_object() {
            return Ok(proto);
        }
        // Step 3: the default intrinsic of the constructor's realm
        // (GetFunctionRealm).
        let realm = self.function_realm(constructor)?;
        let proto = self.realm_intrinsic(realm, default);
        if proto.is_object() {
            return Ok(proto);
        }
        Ok(Value::object(self.intrinsic_object(default)))
    }

    /// 10.1.13 OrdinaryCreateFromConstructor.
    pub fn ordinary_create_from_constructor(
        &mut self,
        constructor: Gc<JsObject>,
        default: Intrinsic,
        kind: ObjectKind,
        flags: u32,
    ) -> JsResult<Gc<JsObject>> {
        let proto = self.prototype_from_constructor(constructor, default)?;
        self.new_object_with(proto, kind, flags)
    }

    /// `NAME: MESSAGE` for an uncaught exception (what `jstb run` prints
    /// after `Uncaught `): error-like objects use their `name` and
    /// `message` (as `Error.prototype.toString` does), other values their
    /// String(value). Never throws: a getter or conversion that throws
    /// falls back to a generic text.
    pub fn format_exception(&mut self, v: Value) -> String {
        if let Some(o) = v.as_object() {
            let name = self.names.name;
            let message = self.names.message;
            let name = self.get(o, PropertyKey::String(name), v);
            let message = self.get(o, PropertyKey::String(message), v);
            if let (Ok(name), Ok(message)) = (name, message) {
                let has_name = !name.is_undefined();
                let has_message = !message.is_undefined();
                if has_name || has_message {
                    let name = if has_name {
                        self.to_string(name).map(|s| s.to_rust_string())
                    } else {
                        Ok("Error".to_owned())
                    };
                    let message = if has_message {
                        self.to_string(message).map(|s| s.to_rust_string())
                    } else {
                        Ok(String::new())
                    };
                    if let (Ok(n), Ok(m)) = (name, message) {
                        return match (n.is_empty(), m.is_empty()) {
                            (_, true) => n,
                            (true, false) => m,
                            _ => format!("{n}: {m}"),
                        };
                    }
                }
            }
        }
        match self.to_string_for_display(v) {
            Ok(s) => s,
            Err(_) => "<exception>".to_owned(),
        }
    }

    /// JavaScript's `String(v)` as Rust text (symbols are described instead
    /// of throwing).
    pub fn to_string_for_display(&mut self, v: Value) -> JsResult<String> {
        if let Some(s) = v.as_symbol() {
            return Ok(self.symbol_descriptive_string(s)?.to_rust_string());
        }
        Ok(self.to_string(v)?.to_rust_string())
    }

    pub(crate) fn set_out_of_memory_error(&mut self, v: Value) {
        self.out_of_memory = v;
    }

    /// Number of atoms currently interned.
    pub fn atom_count(&self) -> usize {
        self.atoms.len()
    }
}

#[cfg(test)]
mod tests;
