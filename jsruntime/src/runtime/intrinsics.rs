//! The intrinsics table (9.3 Realms: [[Intrinsics]]) and the creation of the
//! fundamental objects every realm needs before any built-in is installed:
//! %Object.prototype%, %Function.prototype%, %Array.prototype%, the error
//! prototypes, the primitive wrapper prototypes and the global object.
//!
//! Built-in modules fill in the rest (constructors, methods) through the
//! table-driven API in [`super::builtins`], and may add entries here.

use crate::completion::ErrorKind;
use crate::object::{
    Attributes, NativeFunction, ObjectKind, PropertyKey, StoredProperty, FLAG_ARRAY, FLAG_CALLABLE,
};
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

macro_rules! intrinsics {
    ($($name:ident,)*) => {
        /// Index into the realm's intrinsics table.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Intrinsic { $($name,)* }

        impl Intrinsic {
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
    // %StringIteratorPrototype% (22.1.5.2).
    StringIteratorPrototype,
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
}

impl Intrinsic {
    pub fn error_prototype(kind: ErrorKind) -> Intrinsic {
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

fn return_undefined(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::UNDEFINED)
}

impl Runtime {
    /// Creates the fundamental objects (called once by `Runtime::new`, with
    /// collection inhibited).
    pub(super) fn init_realm(&mut self) -> JsResult<()> {
        let object_proto = self.new_object_with(Value::NULL, ObjectKind::Ordinary, 0)?;
        self.set_intrinsic(Intrinsic::ObjectPrototype, Value::object(object_proto));
        let op = Value::object(object_proto);

        // 20.2.3 %Function.prototype% is itself a function returning undefined.
        let function_proto = self.new_object_with(
            op,
            ObjectKind::NativeFunction(NativeFunction {
                call: return_undefined,
                construct: None,
            }),
            FLAG_CALLABLE,
        )?;
        self.set_intrinsic(Intrinsic::FunctionPrototype, Value::object(function_proto));
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
        let s = self.shape_add(s, PropertyKey::String(self.names.caller), Attributes::NONE)?;
        let s = self.shape_add(
            s,
            PropertyKey::String(self.names.arguments),
            Attributes::NONE,
        )?;
        self.sloppy_function_shape = s;
        let empty = Value::string(self.names.empty);
        self.store_property(
            function_proto,
            PropertyKey::String(self.names.length),
            StoredProperty::Data(Value::ZERO, Attributes::CONFIGURABLE_ONLY),
        )?;
        self.store_property(
            function_proto,
            PropertyKey::String(self.names.name),
            StoredProperty::Data(empty, Attributes::CONFIGURABLE_ONLY),
        )?;

        // 23.1.3 %Array.prototype% is an Array exotic object.
        let array_proto = self.new_object_with(op, ObjectKind::Array, FLAG_ARRAY)?;
        self.set_intrinsic(Intrinsic::ArrayPrototype, Value::object(array_proto));

        // 22.1.3 %String.prototype% is a String exotic object for "".
        let string_proto = self.new_object_with(op, ObjectKind::String(self.names.empty), 0)?;
        self.store_property(
            string_proto,
            PropertyKey::String(self.names.length),
            StoredProperty::Data(Value::ZERO, Attributes::NONE),
        )?;
        self.set_intrinsic(Intrinsic::StringPrototype, Value::object(string_proto));
        let number_proto = self.new_object_with(op, ObjectKind::Number(0.0), 0)?;
        self.set_intrinsic(Intrinsic::NumberPrototype, Value::object(number_proto));
        let boolean_proto = self.new_object_with(op, ObjectKind::Boolean(false), 0)?;
        self.set_intrinsic(Intrinsic::BooleanPrototype, Value::object(boolean_proto));
        for which in [
            Intrinsic::SymbolPrototype,
            Intrinsic::BigIntPrototype,
            Intrinsic::IteratorPrototype,
            Intrinsic::PromisePrototype,
        ] {
            let o = self.new_object_with(op, ObjectKind::Ordinary, 0)?;
            self.set_intrinsic(which, Value::object(o));
        }
        let iter_proto = self.intrinsic(Intrinsic::IteratorPrototype);
        let o = self.new_object_with(iter_proto, ObjectKind::Ordinary, 0)?;
        self.set_intrinsic(Intrinsic::ArrayIteratorPrototype, Value::object(o));

        // 20.5.3 / 20.5.6.3: error prototypes are ordinary objects with
        // `name` and `message`; the native ones inherit from %Error.prototype%.
        for kind in ErrorKind::ALL {
            let proto = if kind == ErrorKind::Error {
                op
            } else {
                self.intrinsic(Intrinsic::ErrorPrototype)
            };
            let o = self.new_object_with(proto, ObjectKind::Ordinary, 0)?;
            let name = self.atom(kind.name())?;
            self.store_property(
                o,
                PropertyKey::String(self.names.name),
                StoredProperty::Data(Value::string(name), Attributes::BUILTIN_METHOD),
            )?;
            self.store_property(
                o,
                PropertyKey::String(self.names.message),
                StoredProperty::Data(empty, Attributes::BUILTIN_METHOD),
            )?;
            self.set_intrinsic(Intrinsic::error_prototype(kind), Value::object(o));
        }
        let oom = self.new_error(ErrorKind::RangeError, "Out of memory")?;
        self.set_out_of_memory_error(Value::object(oom));

        // 19 The global object; `globalThis` (19.1.1) refers to it.
        let global = self.new_object_with(op, ObjectKind::Ordinary, 0)?;
        self.set_intrinsic(Intrinsic::GlobalObject, Value::object(global));
        self.store_property(
            global,
            PropertyKey::String(self.names.global_this),
            StoredProperty::Data(Value::object(global), Attributes::BUILTIN_METHOD),
        )?;
        // 19.1 Value properties of the global object.
        for (name, v) in [
            (self.names.nan, Value::NAN),
            (self.names.infinity, Value::from_f64(f64::INFINITY)),
            (self.names.undefined, Value::UNDEFINED),
        ] {
            self.store_property(
                global,
                PropertyKey::String(name),
                StoredProperty::Data(v, Attributes::NONE),
            )?;
        }
        Ok(())
    }
}
