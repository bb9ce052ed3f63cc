//! Built-in objects as data, and the one installer that builds them.
//!
//! Every built-in object of the realm is a static [`BuiltinObject`]: how the
//! object is made ([`Make`]), its [[Prototype]], the intrinsic it is recorded
//! as, and its own properties in spec order ([`Prop`]). The tables live in
//! `builtins/<object>/mod.rs`; this module only interprets them.
//!
//! ```ignore
//! /// 22.1.3 Properties of the String Prototype Object.
//! pub(crate) static STRING_PROTOTYPE: BuiltinObject = BuiltinObject {
//!     name: "String.prototype",
//!     intrinsic: Some(Intrinsic::StringPrototype),
//!     proto: Some(Intrinsic::ObjectPrototype),
//!     make: Make::StringWrapper,
//!     props: &[
//!         Prop::constructor(Intrinsic::String),
//!         Prop::method("toString", 0, this_string_value),
//!         Prop::method("@@iterator", 0, string_iterator),
//!     ],
//! };
//! ```
//!
//! Keys beginning with `@@` denote well-known symbols (`"@@iterator"` →
//! `Symbol.iterator`, function name `"[Symbol.iterator]"`). The default
//! attributes are those of clause 18 (ECMAScript Standard Built-in Objects,
//! #sec-ecmascript-standard-built-in-objects): data properties and methods
//! writable and configurable, accessors configurable, none enumerable.
//!
//! # Installation
//!
//! [`Runtime::install_realm`] creates every object of the list first (so
//! that tables can refer to each other through the intrinsics), then gives
//! each its properties in one step ([`Runtime::add_own_properties`]: one
//! shape built from the keys in order, the slots written at once). A
//! property is never added or changed afterwards. Methods are created eagerly
//! by 10.3.4 CreateBuiltinFunction (#sec-createbuiltinfunction): one
//! allocation each, sharing one precomputed shape (`length`, `name`), so
//! only the two slots are written.
//!
//! # Lazy properties
//!
//! A program touches few of the realm's ~500 built-in functions (a hello
//! world reads `console.log` only), so most objects get their table
//! properties on first use: the object itself is created (it is an
//! intrinsic, a global binding, a prototype), but its own properties are
//! *materialised* from its table by [`Runtime::materialize`] on the first
//! operation that can observe or change them. Such an object carries
//! [`FLAG_LAZY`] and is listed in its realm (`Realm::lazy`, with the table);
//! its shape is one of the realm's lazy dictionary shapes (no properties,
//! or a function's `length` and `name` in their usual slots), so no inline
//! cache, which never records dictionaries, can hold it, and the fast paths
//! that read shapes directly fall back to the internal methods. Every path
//! that reads or writes own properties calls [`Runtime::materialize`]
//! first: `own_property` (all of [[GetOwnProperty]], [[Get]], [[Has]],
//! [[Set]]'s chain walk, [[Delete]]), OrdinaryDefineOwnProperty,
//! [[OwnPropertyKeys]], and the storage writers (`store_property`,
//! `add_own_properties`, `remove_property`). Materialising runs in the
//! object's realm with collection inhibited, and gives exactly the
//! properties eager installation gives (the same table, the same order),
//! so nothing observable changes. Built-in properties are never
//! enumerable, so fast paths that list enumerable keys from a shape need
//! no hook. Objects that fast paths inspect without the internal methods
//! (see [`eager`]) and tables recording intrinsics are built eagerly.
//!
//! Constructor closures use the same mechanism for their `prototype`
//! object (10.2.5 MakeConstructor): most functions never have it read, so
//! `create_function` gives them `FLAG_LAZY` and a shared dictionary copy
//! of the function shape (`Runtime::lazy_closure_shapes`), and
//! [`Runtime::materialize`] makes the object, inheriting from the
//! function's realm's %Object.prototype%, on first use of any own property.

use crate::gc::Gc;
use crate::object::{
    Attributes, JsObject, NativeCtorFn, NativeFn, NativeFunction, ObjectKind, PropertyKey, Shape,
    StoredProperty, FLAG_ARRAY, FLAG_CALLABLE, FLAG_CONSTRUCTOR, FLAG_LAZY,
};
use crate::runtime::realm::RealmId;
use crate::runtime::{Intrinsic, Runtime};
use crate::string::JsString;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;
use crate::JsResult;

/// Writable and configurable, not enumerable: the default of clause 18 for
/// methods and data properties.
pub(crate) const ATTR_WC: Attributes = Attributes::BUILTIN_METHOD;
/// Configurable only (e.g. `@@toStringTag` values, `Symbol.prototype[@@toPrimitive]`).
pub(crate) const ATTR_C: Attributes = Attributes::CONFIGURABLE_ONLY;
/// Neither writable, enumerable nor configurable (e.g. `Math.PI`, `C.prototype`).
pub(crate) const ATTR_NONE: Attributes = Attributes::NONE;
/// An accessor property, configurable: the default of clause 18 for accessors.
pub(crate) const ATTR_ACCESSOR_C: Attributes = Attributes::accessor(false, true);

/// One built-in object: see the module docs.
pub(crate) struct BuiltinObject {
    /// How the spec names it ("String", "String.prototype",
    /// "%ArrayIteratorPrototype%"), for messages and tests.
    pub name: &'static str,
    /// The intrinsic the object is recorded as (none for nested objects
    /// nothing else refers to, such as `console`).
    pub intrinsic: Option<Intrinsic>,
    /// [[Prototype]]: an intrinsic created earlier, or null.
    pub proto: Option<Intrinsic>,
    pub make: Make,
    /// Own properties, in spec order (after `length` and `name` for
    /// functions, which [`Make::Function`] provides).
    pub props: &'static [Prop],
}

/// What kind of object a [`BuiltinObject`] is.
#[derive(Clone, Copy)]
pub(crate) enum Make {
    /// An ordinary object.
    Ordinary,
    /// A built-in function object (10.3.4 CreateBuiltinFunction): its
    /// `length` and `name` come first; a constructor with `construct`.
    Function {
        name: &'static str,
        length: u32,
        call: NativeFn,
        construct: Option<NativeCtorFn>,
    },
    /// An Array exotic object (10.4.2, #sec-array-exotic-objects):
    /// %Array.prototype% (23.1.3).
    Array,
    /// A String exotic object for "" (10.4.3, #sec-string-exotic-objects):
    /// %String.prototype% (22.1.3).
    StringWrapper,
    /// A Number object for +0 (%Number.prototype%, 21.1.3).
    NumberWrapper,
    /// A Boolean object for false (%Boolean.prototype%, 20.3.3).
    BooleanWrapper,
}

impl Make {
    /// A built-in constructor.
    pub(crate) const fn constructor(
        name: &'static str,
        length: u32,
        call: NativeFn,
        construct: NativeCtorFn,
    ) -> Make {
        Make::Function {
            name,
            length,
            call,
            construct: Some(construct),
        }
    }
}

/// One own property of a [`BuiltinObject`].
#[derive(Clone, Copy)]
pub(crate) struct Prop {
    /// The property name; `@@name` for a well-known symbol key.
    pub key: &'static str,
    pub attrs: Attributes,
    pub value: PropValue,
}

/// The value of a [`Prop`].
#[derive(Clone, Copy)]
pub(crate) enum PropValue {
    /// A built-in function (10.3.4), optionally recorded as an intrinsic.
    Method {
        length: u32,
        call: NativeFn,
        records: Option<Intrinsic>,
    },
    /// The same function object as the entry `key` of the same table
    /// (`Array.prototype[@@iterator]` is `Array.prototype.values`).
    Alias(&'static str),
    /// An accessor with built-in getter and setter functions, named
    /// `get key` and `set key`.
    Accessor {
        get: Option<NativeFn>,
        set: Option<NativeFn>,
    },
    /// An accessor whose getter and setter are %ThrowTypeError% (10.2.4
    /// AddRestrictedFunctionProperties).
    Restricted,
    /// A constant value.
    Value(Constant),
    /// A nested object described by its own table (`Math`, `console`).
    Object(&'static BuiltinObject),
}

/// A constant property value.
#[derive(Clone, Copy)]
pub(crate) enum Constant {
    Undefined,
    /// A Boolean.
    Bool(bool),
    Number(f64),
    /// A string (made an atom).
    Str(&'static str),
    /// A well-known symbol.
    Symbol(WellKnownSymbol),
    /// An intrinsic object (`C.prototype`, `P.constructor`, global bindings).
    Intrinsic(Intrinsic),
}

impl Prop {
    /// A method: a built-in function with `length`, writable and configurable.
    pub(crate) const fn method(key: &'static str, length: u32, call: NativeFn) -> Prop {
        Prop {
            key,
            attrs: ATTR_WC,
            value: PropValue::Method {
                length,
                call,
                records: None,
            },
        }
    }

    /// The same property with other attributes.
    pub(crate) const fn attrs(self, attrs: Attributes) -> Prop {
        Prop { attrs, ..self }
    }

    /// A method that is also recorded as intrinsic `which` (for fast paths
    /// that must recognise the original function).
    pub(crate) const fn records(self, which: Intrinsic) -> Prop {
        let value = match self.value {
            PropValue::Method { length, call, .. } => PropValue::Method {
                length,
                call,
                records: Some(which),
            },
            other => other,
        };
        Prop { value, ..self }
    }

    /// `key` names the same function object as the entry `target`.
    pub(crate) const fn alias(key: &'static str, target: &'static str) -> Prop {
        Prop {
            key,
            attrs: ATTR_WC,
            value: PropValue::Alias(target),
        }
    }

    /// A configurable accessor with a getter only.
    pub(crate) const fn getter(key: &'static str, get: NativeFn) -> Prop {
        Prop::accessor(key, Some(get), None)
    }

    /// A configurable accessor.
    pub(crate) const fn accessor(
        key: &'static str,
        get: Option<NativeFn>,
        set: Option<NativeFn>,
    ) -> Prop {
        Prop {
            key,
            attrs: ATTR_ACCESSOR_C,
            value: PropValue::Accessor { get, set },
        }
    }

    /// A configurable accessor that throws a TypeError on get and set.
    pub(crate) const fn restricted(key: &'static str) -> Prop {
        Prop {
            key,
            attrs: ATTR_ACCESSOR_C,
            value: PropValue::Restricted,
        }
    }

    /// A constant value with the given attributes.
    pub(crate) const fn value(key: &'static str, value: Constant, attrs: Attributes) -> Prop {
        Prop {
            key,
            attrs,
            value: PropValue::Value(value),
        }
    }

    /// An intrinsic object under `key`, writable and configurable (global
    /// bindings of the constructors, 19.3).
    pub(crate) const fn intrinsic(key: &'static str, which: Intrinsic) -> Prop {
        Prop::value(key, Constant::Intrinsic(which), ATTR_WC)
    }

    /// `prototype.constructor`: writable and configurable.
    pub(crate) const fn constructor(which: Intrinsic) -> Prop {
        Prop::intrinsic("constructor", which)
    }

    /// `C.prototype`: neither writable, enumerable nor configurable.
    pub(crate) const fn prototype(which: Intrinsic) -> Prop {
        Prop::value("prototype", Constant::Intrinsic(which), ATTR_NONE)
    }

    /// A nested object, writable and configurable.
    pub(crate) const fn object(key: &'static str, table: &'static BuiltinObject) -> Prop {
        Prop {
            key,
            attrs: ATTR_WC,
            value: PropValue::Object(table),
        }
    }
}

/// The well-known symbol of a table key without its `@@`.
pub(crate) fn well_known_by_name(name: &str) -> Option<WellKnownSymbol> {
    WellKnownSymbol::ALL
        .iter()
        .copied()
        .find(|w| &w.description()["Symbol.".len()..] == name)
}

/// Whether a table's object is built with all its properties at once
/// (see "Lazy properties" in the module docs): the global object (the
/// backend's global bindings read its storage), the prototypes and
/// constructors that Rust fast paths read through `stored_property` or
/// cached shapes (%Object.prototype%, %Function.prototype%,
/// %Array.prototype%, the iterator and generator prototypes, the errors,
/// %Promise.prototype%, %RegExp.prototype%), tables that record
/// intrinsics (`Prop::records`) or hold %ThrowTypeError% accessors, and
/// tables without properties.
pub(crate) fn eager(table: &BuiltinObject) -> bool {
    use Intrinsic as I;
    const EAGER: &[Intrinsic] = &[
        I::GlobalObject,
        I::ObjectPrototype,
        I::FunctionPrototype,
        I::ArrayPrototype,
        I::IteratorPrototype,
        I::ArrayIteratorPrototype,
        I::StringIteratorPrototype,
        I::RegExpStringIteratorPrototype,
        I::GeneratorPrototype,
        I::AsyncIteratorPrototype,
        I::AsyncGeneratorPrototype,
        I::AsyncFromSyncIteratorPrototype,
        I::PromisePrototype,
        I::RegExpPrototype,
        I::RegExp,
        I::ErrorPrototype,
        I::EvalErrorPrototype,
        I::RangeErrorPrototype,
        I::ReferenceErrorPrototype,
        I::SyntaxErrorPrototype,
        I::TypeErrorPrototype,
        I::UriErrorPrototype,
        I::AggregateErrorPrototype,
        I::Error,
        I::EvalError,
        I::RangeError,
        I::ReferenceError,
        I::SyntaxError,
        I::TypeError,
        I::UriError,
        I::AggregateError,
    ];
    table.props.is_empty()
        || table.intrinsic.is_some_and(|which| EAGER.contains(&which))
        || table.props.iter().any(|p| {
            matches!(
                p.value,
                PropValue::Method {
                    records: Some(_),
                    ..
                } | PropValue::Restricted
            )
        })
}

impl Runtime {
    /// Materialises the table properties of a lazy built-in object (see
    /// "Lazy properties" in the module docs); nothing for other objects.
    /// Every path that reads or changes own properties calls this first;
    /// so must code that reads an object's storage directly
    /// ([`JsObject::stored_property`], its shape). Runs no user code.
    #[inline]
    pub fn materialize(&mut self, o: Gc<JsObject>) -> JsResult<()> {
        if o.flags() & FLAG_LAZY == 0 {
            return Ok(());
        }
        self.materialize_lazy(o)
    }

    #[cold]
    #[inline(never)]
    fn materialize_lazy(&mut self, o: Gc<JsObject>) -> JsResult<()> {
        if let ObjectKind::Function(closure) = o.kind() {
            let closure = *closure;
            return self.materialize_closure(o, closure);
        }
        self.set_object_flags(o, 0, FLAG_LAZY);
        let mut found = None;
        for (i, realm) in self.realms.iter_mut().enumerate() {
            if let Some(j) = realm.lazy.iter().position(|&(x, _)| x == o) {
                found = Some((RealmId(i as u32), realm.lazy.swap_remove(j).1));
                break;
            }
        }
        let Some((realm, props)) = found else {
            return Ok(());
        };
        // The dictionary keeps `length` and `name` of a function in the
        // slots of the shared function shape.
        let base = if o.is_callable() {
            self.function_shape
        } else {
            self.empty_shape
        };
        self.set_shape_raw(o, base);
        let previous = self.enter_realm(realm);
        self.heap.inhibit_gc();
        let result = self.add_builtin_properties(o, props);
        self.heap.allow_gc();
        self.enter_realm(previous);
        result
    }

    /// The shapes of constructor closures made without their `prototype`
    /// object: (strict, sloppy). See `lazy_closure_shapes`.
    pub(crate) fn lazy_closure_shapes(&mut self) -> JsResult<(Gc<Shape>, Gc<Shape>)> {
        if let Some(shapes) = self.lazy_closure_shapes {
            return Ok(shapes);
        }
        let strict = self.shape_to_dictionary(self.function_shape)?;
        let sloppy = self.shape_to_dictionary(self.sloppy_function_shape)?;
        self.lazy_closure_shapes = Some((strict, sloppy));
        Ok((strict, sloppy))
    }

    /// 10.2.5 MakeConstructor steps 5-6 for a constructor closure created
    /// without them (`backend::bridge::closures::create_function`): most
    /// functions never have their `prototype` read, so the object is made
    /// here, when any of the function's own properties is first read or
    /// changed. The prototype inherits from %Object.prototype% of the
    /// function's realm, as it would have at creation.
    fn materialize_closure(
        &mut self,
        f: Gc<JsObject>,
        closure: Gc<crate::backend::Closure>,
    ) -> JsResult<()> {
        let sloppy = self
            .lazy_closure_shapes
            .is_some_and(|(_, s)| f.shape() == s);
        self.set_object_flags(f, 0, FLAG_LAZY);
        // The dictionary kept the slots of the shared shape it copies.
        let shape = if sloppy {
            self.sloppy_function_shape
        } else {
            self.function_shape
        };
        self.set_shape_raw(f, shape);
        // SAFETY: the closure is live (its function object is) and its
        // template outlives it.
        let realm = unsafe { closure.template.as_ref() }.map_or(RealmId(0), |t| t.realm);
        let object_prototype =
            self.realms[realm.0 as usize].intrinsics[Intrinsic::ObjectPrototype as usize];
        self.add_constructor_prototype(f, object_prototype)
    }

    /// 10.2.5 MakeConstructor steps 5-6 on a new function object `f`: a
    /// fresh prototype (inheriting from `object_prototype`) whose
    /// `constructor` is `f`. Both properties are new on new objects, so
    /// DefinePropertyOrThrow is a store into the shape it would reach.
    pub(crate) fn add_constructor_prototype(
        &mut self,
        f: Gc<JsObject>,
        object_prototype: Value,
    ) -> JsResult<()> {
        let key = PropertyKey::String(self.names.constructor);
        let shape = self.shape_add(self.empty_shape, key, Attributes::BUILTIN_METHOD)?;
        let prototype = self.new_object_with_shape(
            object_prototype,
            ObjectKind::Ordinary,
            0,
            shape,
            &[Value::object(f)],
        )?;
        let key = PropertyKey::String(self.names.prototype);
        let prop = StoredProperty::Data(
            Value::object(prototype),
            Attributes::new(true, false, false),
        );
        self.store_property(f, key, prop)
    }

    /// Gives `o`, just created from its table, its properties: at once, or
    /// on first use (see [`eager`]).
    fn add_table_properties(
        &mut self,
        o: Gc<JsObject>,
        table: &'static BuiltinObject,
    ) -> JsResult<()> {
        if eager(table) {
            return self.add_builtin_properties(o, table.props);
        }
        let (plain, function) = self.lazy_shapes()?;
        let (shape, base) = if o.is_callable() {
            (function, self.function_shape)
        } else {
            (plain, self.empty_shape)
        };
        if o.shape() != base {
            // Not as created (cannot happen for a new table object).
            return self.add_builtin_properties(o, table.props);
        }
        self.set_shape_raw(o, shape);
        self.set_object_flags(o, FLAG_LAZY, 0);
        let realm = self.current_realm.0 as usize;
        self.realms[realm].lazy.push((o, table.props));
        Ok(())
    }

    /// The current realm's lazy dictionary shapes (created on first use).
    fn lazy_shapes(&mut self) -> JsResult<(Gc<Shape>, Gc<Shape>)> {
        let realm = self.current_realm.0 as usize;
        if let Some(shapes) = self.realms[realm].lazy_shapes {
            return Ok(shapes);
        }
        let plain = self.shape_to_dictionary(self.empty_shape)?;
        let function = self.shape_to_dictionary(self.function_shape)?;
        self.realms[realm].lazy_shapes = Some((plain, function));
        Ok((plain, function))
    }

    /// The property key and function name for a table key.
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

    /// 10.3.4 CreateBuiltinFunction (#sec-createbuiltinfunction): a native
    /// function object with `length` and `name`, prototype
    /// %Function.prototype%.
    pub fn new_native_function(
        &mut self,
        name: Gc<JsString>,
        length: u32,
        call: NativeFn,
        construct: Option<NativeCtorFn>,
    ) -> JsResult<Gc<JsObject>> {
        let proto = self.intrinsic(Intrinsic::FunctionPrototype);
        let flags = FLAG_CALLABLE | construct.map_or(0, |_| FLAG_CONSTRUCTOR);
        let kind =
            ObjectKind::NativeFunction(self.current_realm, NativeFunction { call, construct });
        self.new_function_object(proto, kind, flags, length, name)
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

    /// A function object with `length`, `name` and own `arguments` and
    /// `caller` holding undefined (non-writable, non-configurable):
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

    /// Builds the objects of `realm`: creates them all, in order (each
    /// one's [[Prototype]] must come before it), recording their intrinsics,
    /// then gives each its properties in one step. Collection is inhibited
    /// meanwhile: the objects and values are held in Rust vectors.
    pub(crate) fn install_realm(&mut self, realm: &[&'static BuiltinObject]) -> JsResult<()> {
        self.heap.inhibit_gc();
        let result = (|| {
            let mut objects = Vec::with_capacity(realm.len());
            for table in realm {
                objects.push(self.create_builtin_object(table)?);
            }
            for (table, &o) in realm.iter().zip(&objects) {
                self.add_table_properties(o, table)?;
            }
            Ok(())
        })();
        self.heap.allow_gc();
        result
    }

    /// One object built from its table, with its properties (tests).
    #[cfg(test)]
    pub(crate) fn new_builtin_object(&mut self, table: &BuiltinObject) -> JsResult<Gc<JsObject>> {
        self.heap.inhibit_gc();
        let result = (|| {
            let o = self.create_builtin_object(table)?;
            self.add_builtin_properties(o, table.props)?;
            Ok(o)
        })();
        self.heap.allow_gc();
        result
    }

    /// The object of a table, without its table properties.
    fn create_builtin_object(&mut self, table: &BuiltinObject) -> JsResult<Gc<JsObject>> {
        let proto = match table.proto {
            Some(which) => {
                let p = self.intrinsic(which);
                debug_assert!(
                    p.is_object(),
                    "{}: {which:?} is not created yet",
                    table.name
                );
                p
            }
            None => Value::NULL,
        };
        let o = match table.make {
            Make::Ordinary => self.new_object_with(proto, ObjectKind::Ordinary, 0)?,
            Make::Function {
                name,
                length,
                call,
                construct,
            } => {
                let name = self.atom(name)?;
                let flags = FLAG_CALLABLE | construct.map_or(0, |_| FLAG_CONSTRUCTOR);
                let kind = ObjectKind::NativeFunction(
                    self.current_realm,
                    NativeFunction { call, construct },
                );
                self.new_function_object(proto, kind, flags, length, name)?
            }
            Make::Array => self.new_object_with(proto, ObjectKind::Array, FLAG_ARRAY)?,
            Make::StringWrapper => {
                let empty = self.names.empty;
                self.new_object_with(proto, ObjectKind::String(empty), 0)?
            }
            Make::NumberWrapper => self.new_object_with(proto, ObjectKind::Number(0.0), 0)?,
            Make::BooleanWrapper => self.new_object_with(proto, ObjectKind::Boolean(false), 0)?,
        };
        if let Some(which) = table.intrinsic {
            self.set_intrinsic(which, Value::object(o));
        }
        Ok(o)
    }

    /// Creates the values of `props` and adds them to `obj` in one step.
    fn add_builtin_properties(&mut self, obj: Gc<JsObject>, props: &[Prop]) -> JsResult<()> {
        let mut keys = Vec::with_capacity(props.len());
        let mut values: Vec<Value> = Vec::with_capacity(props.len());
        // Index in `values` of each property's (first) value, for aliases.
        let mut first_value = Vec::with_capacity(props.len());
        for (i, p) in props.iter().enumerate() {
            let (key, fname) = self.builtin_key(p.key)?;
            first_value.push(values.len());
            match p.value {
                PropValue::Method {
                    length,
                    call,
                    records,
                } => {
                    let f = self.new_native_function(fname, length, call, None)?;
                    if let Some(which) = records {
                        self.set_intrinsic(which, Value::object(f));
                    }
                    values.push(Value::object(f));
                }
                PropValue::Alias(target) => {
                    let Some(j) = props[..i].iter().position(|q| q.key == target) else {
                        return Err(self.type_error("built-in alias of a missing entry"));
                    };
                    values.push(values[first_value[j]]);
                }
                PropValue::Accessor { get, set } => {
                    let get = self.accessor_function(p.key, fname, "get ", 0, get)?;
                    let set = self.accessor_function(p.key, fname, "set ", 1, set)?;
                    values.extend([get, set]);
                }
                PropValue::Restricted => {
                    let thrower = crate::object::arguments::throw_type_error(self)?;
                    values.extend([thrower, thrower]);
                }
                PropValue::Value(c) => {
                    let v = self.builtin_constant(c)?;
                    values.push(v);
                }
                PropValue::Object(table) => {
                    let o = self.create_builtin_object(table)?;
                    self.add_table_properties(o, table)?;
                    values.push(Value::object(o));
                }
            }
            keys.push((key, p.attrs));
        }
        self.add_own_properties(obj, &keys, &values)
    }

    /// The getter or setter of an accessor (`get name` / `set name`), or
    /// undefined.
    fn accessor_function(
        &mut self,
        key: &str,
        name: Gc<JsString>,
        prefix: &str,
        length: u32,
        call: Option<NativeFn>,
    ) -> JsResult<Value> {
        let Some(call) = call else {
            return Ok(Value::UNDEFINED);
        };
        // The table key is the name itself unless it is a symbol's
        // (`@@iterator` → `[Symbol.iterator]`).
        let name = if key.starts_with("@@") {
            self.atom(&format!("{prefix}{}", name.to_rust_string()))?
        } else {
            let mut text = String::with_capacity(prefix.len() + key.len());
            text.push_str(prefix);
            text.push_str(key);
            self.atom(&text)?
        };
        Ok(Value::object(
            self.new_native_function(name, length, call, None)?,
        ))
    }

    fn builtin_constant(&mut self, c: Constant) -> JsResult<Value> {
        Ok(match c {
            Constant::Undefined => Value::UNDEFINED,
            Constant::Bool(b) => Value::from_bool(b),
            Constant::Number(n) => Value::number(n),
            Constant::Str(s) => Value::string(self.atom(s)?),
            Constant::Symbol(w) => Value::symbol(self.well_known_symbol(w)),
            Constant::Intrinsic(which) => self.intrinsic(which),
        })
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

    static TABLE: BuiltinObject = BuiltinObject {
        name: "test",
        intrinsic: None,
        proto: Some(Intrinsic::ObjectPrototype),
        make: Make::Ordinary,
        props: &[
            Prop::method("add", 2, add),
            Prop::method("@@iterator", 0, answer),
            Prop::alias("same", "add"),
            Prop::getter("answer", answer),
            Prop::value("PI", Constant::Number(std::f64::consts::PI), ATTR_NONE),
        ],
    };

    #[test]
    fn install_and_call() {
        let mut rt = Runtime::new();
        let target = rt.new_builtin_object(&TABLE).unwrap();
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
        // An alias is the same function object.
        assert_eq!(rt.get_by_name(target, "same").unwrap(), add_fn);
        // Accessors call their getter; constants keep their attributes.
        assert_eq!(
            rt.get_by_name(target, "answer").unwrap(),
            Value::from_i32(42)
        );
        let key = rt.key("answer").unwrap();
        let d = rt.get_own_property(target, key).unwrap().unwrap();
        let getter = d.get.unwrap().as_object().unwrap();
        let name = rt.get_by_name(getter, "name").unwrap();
        assert_eq!(name.as_string().unwrap().to_rust_string(), "get answer");
        let key = rt.key("PI").unwrap();
        let d = rt.get_own_property(target, key).unwrap().unwrap();
        assert_eq!(d.writable, Some(false));
        assert_eq!(d.configurable, Some(false));
        // The keys are in table order.
        let keys = rt.own_property_keys(target).unwrap();
        assert_eq!(keys.len(), 5);
        assert_eq!(keys[3], key);
    }
}
