//! The intrinsics table (9.3 Realms: [[Intrinsics]], #sec-code-realms) and
//! the creation of the realm: the shared function shapes, then every
//! built-in object from its table (`crate::builtins`, installed by
//! [`super::builtins`]). A built-in object that others refer to (a
//! prototype, a constructor, a function a fast path must recognise) has an
//! entry here; its table names it.

use crate::completion::ErrorKind;
use crate::object::{Attributes, PropertyKey};
use crate::runtime::Runtime;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

macro_rules! intrinsics {
    ($($name:ident,)*) => {
        /// Index into the realm's intrinsics table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Intrinsic { $(#[doc = concat!("%", stringify!($name), "%")] $name,)* }

        impl Intrinsic {
            /// The number of intrinsics.
            pub const COUNT: usize = [$(Intrinsic::$name,)*].len();
        }
    };
}

intrinsics! {
    GlobalObject,
    ObjectPrototype,
    FunctionPrototype,
    ArrayPrototype,
    StringPrototype,
    NumberPrototype,
    BooleanPrototype,
    SymbolPrototype,
    BigIntPrototype,
    IteratorPrototype,
    ArrayIteratorPrototype,
    PromisePrototype,
    ErrorPrototype,
    EvalErrorPrototype,
    RangeErrorPrototype,
    ReferenceErrorPrototype,
    SyntaxErrorPrototype,
    TypeErrorPrototype,
    UriErrorPrototype,
    AggregateErrorPrototype,
    Object,
    Function,
    Array,
    String,
    Number,
    Boolean,
    Symbol,
    BigInt,
    Promise,
    Error,
    EvalError,
    RangeError,
    ReferenceError,
    SyntaxError,
    TypeError,
    UriError,
    AggregateError,
    // %ThrowTypeError% (10.2.4.1).
    ThrowTypeError,
    // The original Function.prototype[@@hasInstance] (20.2.3.6), which
    // `instanceof` runs as OrdinaryHasInstance without a call.
    FunctionPrototypeHasInstance,
    // %StringIteratorPrototype% (22.1.5.2).
    StringIteratorPrototype,
    // The original String.prototype[@@iterator] (22.1.3.36) and
    // %StringIteratorPrototype%.next (22.1.5.2.1), for spreading a string
    // without the iterator.
    StringPrototypeIterator,
    StringIteratorNext,
    // The original Array.prototype.values (23.1.3.37) and
    // %ArrayIteratorPrototype%.next (23.1.5.2.1), for the iteration fast path.
    ArrayValues,
    ArrayIteratorNext,
    // %eval% (19.2.1): what makes `eval(...)` a direct eval.
    Eval,
    // 22.2: %RegExp%, %RegExp.prototype%, %RegExpStringIteratorPrototype%.
    RegExp,
    RegExpPrototype,
    RegExpStringIteratorPrototype,
    // %parseFloat% and %parseInt% (19.2.4, 19.2.5), shared with Number.
    ParseFloat,
    ParseInt,
    // 27.3-27.5: %GeneratorFunction%, %GeneratorFunction.prototype%,
    // %GeneratorPrototype%.
    GeneratorFunction,
    GeneratorFunctionPrototype,
    GeneratorPrototype,
    // The original %GeneratorPrototype%.next (27.5.1.2), for the iteration
    // fast path.
    GeneratorNext,
    // 27.7: %AsyncFunction%, %AsyncFunction.prototype%.
    AsyncFunction,
    AsyncFunctionPrototype,
    // 27.1.3, 27.4, 27.6: %AsyncIteratorPrototype%,
    // %AsyncGeneratorFunction%, %AsyncGeneratorFunction.prototype%,
    // %AsyncGeneratorPrototype%.
    AsyncIteratorPrototype,
    AsyncGeneratorFunction,
    AsyncGeneratorFunctionPrototype,
    AsyncGeneratorPrototype,
    // 27.1.6: %AsyncFromSyncIteratorPrototype%.
    AsyncFromSyncIteratorPrototype,
    // 24.1-24.4 keyed collections, 26.1-26.2 WeakRef and FinalizationRegistry.
    Map,
    MapPrototype,
    MapIteratorPrototype,
    Set,
    SetPrototype,
    SetIteratorPrototype,
    WeakMap,
    WeakMapPrototype,
    WeakSet,
    WeakSetPrototype,
    WeakRef,
    WeakRefPrototype,
    FinalizationRegistry,
    FinalizationRegistryPrototype,
    // 21.4: %Date% and %Date.prototype%.
    Date,
    DatePrototype,
    // %Proxy% (28.2.1).
    Proxy,
    // 27.1.3: %Iterator%, %WrapForValidIteratorPrototype%,
    // %IteratorHelperPrototype% (27.1.2.1).
    Iterator,
    WrapForValidIteratorPrototype,
    IteratorHelperPrototype,
    // %Array.prototype.toString%, shared with %TypedArray.prototype% (23.2.3.35).
    ArrayPrototypeToString,
    // 25.1-25.3: ArrayBuffer, SharedArrayBuffer, DataView.
    ArrayBuffer,
    ArrayBufferPrototype,
    SharedArrayBuffer,
    SharedArrayBufferPrototype,
    DataView,
    DataViewPrototype,
    // 23.2: %TypedArray%, its prototype, and the TypedArray constructors.
    TypedArray,
    TypedArrayPrototype,
    Int8Array,
    Int8ArrayPrototype,
    Uint8Array,
    Uint8ArrayPrototype,
    Uint8ClampedArray,
    Uint8ClampedArrayPrototype,
    Int16Array,
    Int16ArrayPrototype,
    Uint16Array,
    Uint16ArrayPrototype,
    Int32Array,
    Int32ArrayPrototype,
    Uint32Array,
    Uint32ArrayPrototype,
    Float16Array,
    Float16ArrayPrototype,
    Float32Array,
    Float32ArrayPrototype,
    Float64Array,
    Float64ArrayPrototype,
    BigInt64Array,
    BigInt64ArrayPrototype,
    BigUint64Array,
    BigUint64ArrayPrototype,
}

impl Intrinsic {
    /// The prototype of an error kind.
    pub const fn error_prototype(kind: ErrorKind) -> Intrinsic {
        match kind {
            ErrorKind::Error => Intrinsic::ErrorPrototype,
            ErrorKind::EvalError => Intrinsic::EvalErrorPrototype,
            ErrorKind::RangeError => Intrinsic::RangeErrorPrototype,
            ErrorKind::ReferenceError => Intrinsic::ReferenceErrorPrototype,
            ErrorKind::SyntaxError => Intrinsic::SyntaxErrorPrototype,
            ErrorKind::TypeError => Intrinsic::TypeErrorPrototype,
            ErrorKind::UriError => Intrinsic::UriErrorPrototype,
            ErrorKind::AggregateError => Intrinsic::AggregateErrorPrototype,
        }
    }
}

impl Runtime {
    /// Builds the realm (called once by `Runtime::new`, with collection
    /// inhibited): the shared function shapes, every built-in object (the
    /// tables of [`crate::builtins`]) and the preallocated out-of-memory
    /// error.
    pub(super) fn init_realm(&mut self) -> JsResult<()> {
        // Shape of every native function: `length` then `name` (10.2.9, 10.2.10).
        let s = self.empty_shape;
        let s = self.shape_add(
            s,
            PropertyKey::String(self.names.length),
            Attributes::CONFIGURABLE_ONLY,
        )?;
        let s = self.shape_add(
            s,
            PropertyKey::String(self.names.name),
            Attributes::CONFIGURABLE_ONLY,
        )?;
        self.function_shape = s;
        // `arguments` before `caller`, the order V8 lists them in.
        let s = self.shape_add(
            s,
            PropertyKey::String(self.names.arguments),
            Attributes::NONE,
        )?;
        let s = self.shape_add(s, PropertyKey::String(self.names.caller), Attributes::NONE)?;
        self.sloppy_function_shape = s;
        let s = self.empty_shape;
        let s = self.shape_add(
            s,
            PropertyKey::String(self.names.value),
            Attributes::DEFAULT_DATA,
        )?;
        let s = self.shape_add(
            s,
            PropertyKey::String(self.names.done),
            Attributes::DEFAULT_DATA,
        )?;
        self.iter_result_shape = s;
        let s = self.empty_shape;
        let s = self.shape_add(
            s,
            PropertyKey::String(self.names.this_),
            Attributes::DEFAULT_DATA,
        )?;
        self.this_box_shape = s;
        let iterator = PropertyKey::Symbol(self.well_known_symbol(WellKnownSymbol::Iterator));
        let s = self.empty_shape;
        let s = self.shape_add(
            s,
            PropertyKey::String(self.names.length),
            Attributes::BUILTIN_METHOD,
        )?;
        let s = self.shape_add(s, iterator, Attributes::BUILTIN_METHOD)?;
        let base = s;
        self.mapped_arguments_shape = self.shape_add(
            base,
            PropertyKey::String(self.names.callee),
            Attributes::BUILTIN_METHOD,
        )?;
        self.unmapped_arguments_shape = self.shape_add(
            base,
            PropertyKey::String(self.names.callee),
            Attributes::accessor(false, false),
        )?;
        crate::builtins::install(self)?;
        let oom = self.new_error(ErrorKind::RangeError, "Out of memory")?;
        self.set_out_of_memory_error(Value::object(oom));
        let terminated = self.new_error(ErrorKind::Error, super::limits::TERMINATED)?;
        self.termination = Value::object(terminated);
        Ok(())
    }
}
