//! Registering built-in functions from static tables.
//!
//! A built-in module describes its functions as `static` arrays of
//! [`BuiltinFunction`] (`name`, `length`, Rust function) and installs them in
//! bulk on a prototype or constructor with [`Runtime::install_functions`].
//! Creating a native function object is one allocation: every native function
//! shares one precomputed shape (`length`, `name`), so only the two slots are
//! written. Names beginning with `@@` denote well-known symbols
//! (`"@@iterator"` → `Symbol.iterator`, function name `"[Symbol.iterator]"`).
//!
//! ```ignore
//! static ARRAY_PROTOTYPE: &[BuiltinFunction] = &[
//!     BuiltinFunction::new("push", 1, array_push),
//!     BuiltinFunction::new("@@iterator", 0, array_values),
//! ];
//! rt.install_functions(array_proto, ARRAY_PROTOTYPE)?;
//! ```

use crate::gc::Gc;
use crate::object::{
    Attributes, JsObject, NativeCtorFn, NativeFn, NativeFunction, ObjectKind, PropertyKey,
    StoredProperty, FLAG_CALLABLE, FLAG_CONSTRUCTOR,
};
use crate::runtime::{Intrinsic, Runtime};
use crate::string::JsString;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// One entry of a built-in function table.
#[derive(Clone, Copy)]
pub struct BuiltinFunction {
    /// Property name; `@@name` for a well-known symbol key.
    pub name: &'static str,
    /// The function's `length` property.
    pub length: u32,
    pub call: NativeFn,
}

impl BuiltinFunction {
    pub const fn new(name: &'static str, length: u32, call: NativeFn) -> BuiltinFunction {
        BuiltinFunction { name, length, call }
    }
}

fn well_known_by_name(name: &str) -> Option<WellKnownSymbol> {
    WellKnownSymbol::ALL
        .iter()
        .copied()
        .find(|w| &w.description()["Symbol.".len()..] == name)
}

impl Runtime {
    /// The property key and function name for a table name.
    fn builtin_key(&mut self, name: &str) -> JsResult<(PropertyKey, Gc<JsString>)> {
        if let Some(rest) = name.strip_prefix("@@") {
            let Some(w) = well_known_by_name(rest) else {
                return Err(self.type_error("unknown well-known symbol in built-in table"));
            };
            let fname = self.atom(&format!("[{}]", w.description()))?;
            return Ok((PropertyKey::Symbol(self.well_known_symbol(w)), fname));
        }
        let atom = self.atom(name)?;
        Ok((self.property_key_from_atom(atom), atom))
    }

    /// 10.3.4 CreateBuiltinFunction: a native function object with `length`
    /// and `name`, prototype %Function.prototype%.
    pub fn new_native_function(
        &mut self,
        name: Gc<JsString>,
        length: u32,
        call: NativeFn,
        construct: Option<NativeCtorFn>,
    ) -> JsResult<Gc<JsObject>> {
        let proto = self.intrinsic(Intrinsic::FunctionPrototype);
        let flags = FLAG_CALLABLE | construct.map_or(0, |_| FLAG_CONSTRUCTOR);
        let shape = self.function_shape;
        self.new_object_with_shape(
            proto,
            ObjectKind::NativeFunction(NativeFunction { call, construct }),
            flags,
            shape,
            &[Value::from_u32(length), Value::string(name)],
        )
    }

    /// A function object with the shared function shape: `length` and
    /// `name` (10.2.9 SetFunctionName, 10.2.10 SetFunctionLength), both
    /// configurable only. Used for native, bound and compiled functions.
    pub fn new_function_object(
        &mut self,
        proto: Value,
        kind: ObjectKind,
        flags: u32,
        length: u32,
        name: Gc<JsString>,
    ) -> JsResult<Gc<JsObject>> {
        let shape = self.function_shape;
        self.new_object_with_shape(
            proto,
            kind,
            flags,
            shape,
            &[Value::from_u32(length), Value::string(name)],
        )
    }

    /// A function object with `length`, `name` and own `caller` and
    /// `arguments` holding undefined (non-writable, non-configurable):
    /// sloppy ordinary functions (17.1 Forbidden Extensions allow them;
    /// without them they would reach the throwing accessors of
    /// %Function.prototype%, 10.2.4, which are meant for strict functions).
    pub fn new_sloppy_function_object(
        &mut self,
        proto: Value,
        kind: ObjectKind,
        flags: u32,
        length: u32,
        name: Gc<JsString>,
    ) -> JsResult<Gc<JsObject>> {
        let shape = self.sloppy_function_shape;
        let (length, name) = (Value::from_u32(length), Value::string(name));
        let slots = [length, name, Value::UNDEFINED, Value::UNDEFINED];
        self.new_object_with_shape(proto, kind, flags, shape, &slots)
    }

    /// Installs every function of `table` on `target` as a built-in method
    /// (writable, configurable, not enumerable).
    pub fn install_functions(
        &mut self,
        target: Gc<JsObject>,
        table: &[BuiltinFunction],
    ) -> JsResult<()> {
        for f in table {
            let (key, name) = self.builtin_key(f.name)?;
            let func = self.new_native_function(name, f.length, f.call, None)?;
            self.store_property(
                target,
                key,
                StoredProperty::Data(Value::object(func), Attributes::BUILTIN_METHOD),
            )?;
        }
        Ok(())
    }

    /// Installs value properties with the given attributes.
    pub fn install_values(
        &mut self,
        target: Gc<JsObject>,
        values: &[(&str, Value)],
        attrs: Attributes,
    ) -> JsResult<()> {
        for &(name, v) in values {
            let (key, _) = self.builtin_key(name)?;
            self.store_property(target, key, StoredProperty::Data(v, attrs))?;
        }
        Ok(())
    }

    /// Creates a built-in constructor linked with its prototype
    /// (`C.prototype`, non-writable, and `prototype.constructor`), records
    /// it as `which` and defines it on the global object.
    pub fn install_constructor(
        &mut self,
        which: Intrinsic,
        name: &str,
        length: u32,
        call: NativeFn,
        construct: NativeCtorFn,
        prototype: Gc<JsObject>,
    ) -> JsResult<Gc<JsObject>> {
        let atom = self.atom(name)?;
        let ctor = self.new_native_function(atom, length, call, Some(construct))?;
        self.store_property(
            ctor,
            PropertyKey::String(self.names.prototype),
            StoredProperty::Data(Value::object(prototype), Attributes::NONE),
        )?;
        self.store_property(
            prototype,
            PropertyKey::String(self.names.constructor),
            StoredProperty::Data(Value::object(ctor), Attributes::BUILTIN_METHOD),
        )?;
        self.set_intrinsic(which, Value::object(ctor));
        let global = self.global_object();
        self.store_property(
            global,
            PropertyKey::String(atom),
            StoredProperty::Data(Value::object(ctor), Attributes::BUILTIN_METHOD),
        )?;
        Ok(ctor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(rt: &mut Runtime, _: Value, args: &[Value]) -> JsResult<Value> {
        let a = rt.to_number(args.first().copied().unwrap_or(Value::UNDEFINED))?;
        let b = rt.to_number(args.get(1).copied().unwrap_or(Value::UNDEFINED))?;
        Ok(Value::number(a + b))
    }

    fn answer(_: &mut Runtime, _: Value, _: &[Value]) -> JsResult<Value> {
        Ok(Value::from_i32(42))
    }

    static TABLE: &[BuiltinFunction] = &[
        BuiltinFunction::new("add", 2, add),
        BuiltinFunction::new("@@iterator", 0, answer),
    ];

    #[test]
    fn install_and_call() {
        let mut rt = Runtime::new();
        let target = rt.new_object().unwrap();
        rt.install_functions(target, TABLE).unwrap();
        let add_fn = rt.get_by_name(target, "add").unwrap();
        let r = rt
            .call(
                add_fn,
                Value::UNDEFINED,
                &[Value::from_i32(2), Value::from_f64(0.5)],
            )
            .unwrap();
        assert_eq!(r.as_number(), Some(2.5));
        let f = add_fn.as_object().unwrap();
        assert_eq!(rt.get_by_name(f, "length").unwrap(), Value::from_i32(2));
        let name = rt.get_by_name(f, "name").unwrap();
        assert_eq!(name.as_string().unwrap().to_rust_string(), "add");
        let sym = rt.well_known_symbol(WellKnownSymbol::Iterator);
        let it = rt
            .get(target, PropertyKey::Symbol(sym), Value::object(target))
            .unwrap();
        let it_name = rt.get_by_name(it.as_object().unwrap(), "name").unwrap();
        assert_eq!(
            it_name.as_string().unwrap().to_rust_string(),
            "[Symbol.iterator]"
        );
        // Built-in methods are not enumerable.
        let add_key = rt.key("add").unwrap();
        let d = rt.get_own_property(target, add_key).unwrap().unwrap();
        assert_eq!(d.enumerable, Some(false));
        // Functions share one shape.
        let g = rt.get_by_name(target, "add").unwrap().as_object().unwrap();
        assert_eq!(g.shape(), it.as_object().unwrap().shape());
    }
}
