//! `Runtime`: the heap, the atom table, the realm (intrinsics and global
//! object) and the entry points the backend and the built-ins call.
//!
//! One `Runtime` runs on one thread (it is `!Send`): the garbage collector
//! scans that thread's stack. There is one realm per runtime for now; the
//! intrinsics table is indexed by [`Intrinsic`] so a second realm would be a
//! second table.
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

pub mod builtins;
pub mod intrinsics;
pub mod names;

use crate::completion::ErrorKind;
use crate::gc::{stack, Gc, Heap, HeapObject, HeapStats, Persistent, RootTable, Tracer};
use crate::object::shape::Shape;
use crate::object::{JsObject, ObjectKind, PropertyKey, StoredProperty};
use crate::string::atoms::AtomTable;
use crate::string::JsString;
use crate::symbol::{Symbol, SymbolRegistry, WellKnownSymbol};
use crate::value::Value;
use crate::{JsResult, Thrown};
pub use intrinsics::Intrinsic;
pub use names::Names;

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

/// Functions the embedder/backend provides.
#[derive(Default, Clone, Copy)]
pub struct HostHooks {
    pub call: Option<CallHook>,
    pub construct: Option<ConstructHook>,
}

/// See the module docs.
pub struct Runtime {
    pub(crate) heap: Heap,
    pub(crate) atoms: AtomTable,
    pub(crate) roots: RootTable,
    pub(crate) empty_shape: Gc<Shape>,
    /// Shape of native function objects: `length`, then `name`.
    pub(crate) function_shape: Gc<Shape>,
    pub(crate) shapes_with_transitions: Vec<Gc<Shape>>,
    pub(crate) well_known_symbols: Vec<Gc<Symbol>>,
    pub(crate) symbol_registry: SymbolRegistry,
    /// Rooted atoms for common names.
    pub names: Names,
    intrinsics: Vec<Value>,
    /// Thrown when an allocation fails (preallocated so it always exists).
    out_of_memory: Value,
    pub hooks: HostHooks,
    stack_top: usize,
    /// Lowest stack address at which calls are still allowed.
    pub stack_limit: usize,
    /// The exception in flight between JIT code and the runtime.
    pub pending_exception: Value,
}

impl Default for Runtime {
    fn default() -> Self {
        Self::new()
    }
}

impl Runtime {
    /// Creates a runtime with its realm: intrinsic prototypes and the global
    /// object. Built-in functions are installed by the built-in modules (see
    /// [`builtins`]).
    pub fn new() -> Runtime {
        let mut heap = Heap::new();
        heap.inhibit_gc();
        let mut atoms = AtomTable::new();
        let names = Names::new(&mut heap, &mut atoms);
        let empty_shape = heap
            .alloc(Shape::new_root())
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
            function_shape: empty_shape,
            shapes_with_transitions: Vec::new(),
            well_known_symbols,
            symbol_registry: SymbolRegistry::default(),
            names,
            intrinsics: vec![Value::UNDEFINED; Intrinsic::COUNT],
            out_of_memory: Value::UNDEFINED,
            hooks: HostHooks::default(),
            stack_top,
            stack_limit: stack_low.saturating_add(STACK_RESERVE),
            pending_exception: Value::UNDEFINED,
        };
        rt.init_realm()
            .expect("out of memory while creating the runtime");
        rt.heap.allow_gc();
        rt
    }

    /// Allocates a cell, collecting garbage first when the budget is used up.
    /// Fails with a RangeError when the allocation is impossible.
    pub fn alloc<T: HeapObject>(&mut self, value: T) -> JsResult<Gc<T>> {
        if self.heap.should_collect() {
            self.collect_garbage();
        }
        match self.heap.alloc(value) {
            Ok(g) => Ok(g),
            Err(_) => Err(Thrown(self.out_of_memory)),
        }
    }

    /// A full collection now.
    #[inline(never)]
    pub fn collect_garbage(&mut self) {
        let mut tracer = Tracer::new();
        let heap = &self.heap;
        stack::scan(self.stack_top, &mut |word| {
            heap.mark_conservative(word, &mut tracer)
        });
        self.trace_roots(&mut tracer);
        tracer.drain();
        // Weak tables, between marking and sweeping.
        self.atoms.prune_unmarked();
        Runtime::prune_shape_transitions(&mut self.shapes_with_transitions);
        self.heap.sweep();
    }

    fn trace_roots(&self, tracer: &mut Tracer) {
        self.roots.trace(tracer);
        self.names.trace(tracer);
        tracer.mark_cell(self.empty_shape.addr());
        tracer.mark_cell(self.function_shape.addr());
        for s in &self.well_known_symbols {
            tracer.mark_cell(s.addr());
        }
        self.symbol_registry.trace(tracer);
        for v in &self.intrinsics {
            tracer.mark_value(*v);
        }
        tracer.mark_value(self.out_of_memory);
        tracer.mark_value(self.pending_exception);
    }

    pub fn heap_stats(&self) -> HeapStats {
        self.heap.stats()
    }

    /// Keeps `v` alive from Rust data outside the stack.
    pub fn persistent(&self, v: Value) -> Persistent {
        self.roots.root(v)
    }

    pub fn intrinsic(&self, which: Intrinsic) -> Value {
        self.intrinsics[which as usize]
    }

    /// An intrinsic that is an object (prototypes, constructors once
    /// installed). Falls back to %Object.prototype% for unset entries.
    pub fn intrinsic_object(&self, which: Intrinsic) -> Gc<JsObject> {
        self.intrinsics[which as usize]
            .as_object()
            .or_else(|| self.intrinsics[Intrinsic::ObjectPrototype as usize].as_object())
            .expect("%Object.prototype% exists after initialisation")
    }

    pub fn set_intrinsic(&mut self, which: Intrinsic, v: Value) {
        self.intrinsics[which as usize] = v;
    }

    /// The global object.
    pub fn global_object(&self) -> Gc<JsObject> {
        self.intrinsic_object(Intrinsic::GlobalObject)
    }

    pub fn empty_string(&self) -> Gc<JsString> {
        self.names.empty
    }

    /// Throws a RangeError when the native stack is nearly exhausted.
    #[inline]
    pub fn check_stack(&mut self) -> JsResult<()> {
        let marker = 0u8;
        let sp = std::hint::black_box(&marker) as *const u8 as usize;
        if sp < self.stack_limit {
            // Let error creation itself run below the limit.
            return Err(self.range_error("Maximum call stack size exceeded"));
        }
        Ok(())
    }

    /// 7.3.14 Call(F, V, argumentsList).
    pub fn call(&mut self, f: Value, this: Value, args: &[Value]) -> JsResult<Value> {
        let Some(callee) = f.as_object().filter(|o| o.is_callable()) else {
            return Err(self.type_error("not a function"));
        };
        self.check_stack()?;
        match callee.kind() {
            ObjectKind::NativeFunction(nf) => {
                let call = nf.call;
                call(self, this, args)
            }
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
        match callee.kind() {
            ObjectKind::NativeFunction(nf) => match nf.construct {
                Some(ctor) => ctor(self, args, new_target),
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
