//! Module namespace exotic objects (10.4.6) and GetModuleNamespace
//! (16.2.1.12).
//!
//! The object's exports are a sorted list of names, each resolved once to
//! the exporter's binding cell (read live on every [[Get]]) or to another
//! module's namespace. Symbol keys are ordinary properties
//! (`@@toStringTag`).

use std::any::Any;

use crate::completion::JsResult;
use crate::gc::{Gc, Trace, Tracer};
use crate::object::exotic::{ExoticMethods, ExoticObject};
use crate::object::{Attributes, JsObject, PropertyDescriptor, PropertyKey, StoredProperty};
use crate::runtime::Runtime;
use crate::symbol::WellKnownSymbol;
use crate::value::Value;

use super::link::{Binding, Resolution};
use super::{cell_value, Executor};

/// The internal slots of a namespace object: [[Module]] and [[Exports]].
pub(crate) struct ModuleNamespace {
    module: usize,
    /// Export names sorted by code units, with their bindings.
    exports: Vec<(String, Binding)>,
}

// SAFETY: the cells are rooted for the runtime's life (module
// environments); nothing else is held.
unsafe impl Trace for ModuleNamespace {
    fn trace(&self, _tracer: &mut Tracer) {}
}

impl ExoticObject for ModuleNamespace {
    fn methods(&self) -> &'static ExoticMethods {
        &METHODS
    }
    fn builtin_tag(&self) -> &'static str {
        "Object"
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

static METHODS: ExoticMethods = ExoticMethods {
    get_own_property: Some(get_own_property),
    define_own_property: Some(define_own_property),
    has_property: Some(has_property),
    get: Some(get),
    set: Some(set),
    delete: Some(delete),
    own_property_keys: Some(own_property_keys),
    get_prototype_of: Some(get_prototype_of),
    set_prototype_of: Some(set_prototype_of),
    is_extensible: Some(is_extensible),
    prevent_extensions: Some(prevent_extensions),
    call: None,
    construct: None,
    ordinary_named: false,
};

/// 16.2.1.12 GetModuleNamespace ( module ).
pub(crate) fn get_module_namespace(exec: &mut Executor, m: usize) -> JsResult<Value> {
    if let Some(ns) = &exec.module(m).namespace {
        return Ok(ns.get());
    }
    let mut star_set = Vec::new();
    let names = exec.exported_names(m, &mut star_set);
    let mut exports = Vec::new();
    for name in names {
        if let Resolution::Found(b) = exec.resolution(m, &name) {
            exports.push((name, b));
        }
    }
    // 10.4.6.12 ModuleNamespaceCreate step 7: sorted as by
    // Array.prototype.sort with no comparator (code unit order).
    exports.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let data = ModuleNamespace { module: m, exports };
    let rt = &mut exec.runtime;
    let o = rt.new_exotic_object(Value::NULL, Box::new(data))?;
    // 28.3.1 @@toStringTag: "Module", not writable/enumerable/configurable.
    let tag = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::ToStringTag));
    let module = rt.new_string("Module")?;
    rt.ordinary_define_own_property(
        o,
        tag,
        PropertyDescriptor::data(Value::string(module), Attributes::new(false, false, false)),
    )?;
    rt.set_object_flags(o, 0, crate::object::FLAG_EXTENSIBLE);
    let persistent = rt.persistent(Value::object(o));
    exec.module_mut(m).namespace = Some(persistent);
    Ok(Value::object(o))
}

fn data(o: Gc<JsObject>) -> Option<&'static ModuleNamespace> {
    // SAFETY: the namespace's data never changes after creation and lives
    // as long as the object, which the caller holds.
    o.exotic_data::<ModuleNamespace>()
        .map(|d| unsafe { &*(d as *const ModuleNamespace) })
}

/// The export named by a string key.
fn export(o: Gc<JsObject>, key: PropertyKey) -> Option<(usize, Binding)> {
    let d = data(o)?;
    let name = match key {
        PropertyKey::Index(i) => i.to_string(),
        PropertyKey::String(s) => s.to_rust_string(),
        PropertyKey::Symbol(_) => return None,
    };
    d.exports
        .binary_search_by(|e| e.0.encode_utf16().cmp(name.encode_utf16()))
        .ok()
        .map(|i| (d.module, d.exports[i].1))
}

fn is_symbol(key: PropertyKey) -> bool {
    matches!(key, PropertyKey::Symbol(_))
}

/// The value of a binding (a ReferenceError in its TDZ, 10.4.6.8 step 10).
fn binding_value(rt: &mut Runtime, key: PropertyKey, b: Binding) -> JsResult<Value> {
    match b {
        Binding::Cell(_, cell) => {
            let v = cell_value(cell);
            if v.is_hole() {
                let name = rt.property_key_to_value(key)?;
                let name = rt.to_string_for_display(name).unwrap_or_default();
                return Err(
                    rt.reference_error(&format!("Cannot access '{name}' before initialization"))
                );
            }
            Ok(v)
        }
        Binding::Namespace(m) => {
            // SAFETY: namespace objects are only made by an executor.
            let exec = unsafe { &mut *(rt as *mut Runtime as *mut Executor) };
            get_module_namespace(exec, m)
        }
    }
}

/// 10.4.6.5 [[GetOwnProperty]] ( P ).
fn get_own_property(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
) -> JsResult<Option<StoredProperty>> {
    if is_symbol(key) {
        return Ok(o.stored_property(key));
    }
    let Some((_, b)) = export(o, key) else {
        return Ok(None);
    };
    let v = binding_value(rt, key, b)?;
    let attrs = Attributes::new(true, true, false);
    Ok(Some(StoredProperty::Data(v, attrs)))
}

/// 10.4.6.6 [[DefineOwnProperty]] ( P, Desc ).
fn define_own_property(
    rt: &mut Runtime,
    o: Gc<JsObject>,
    key: PropertyKey,
    desc: PropertyDescriptor,
) -> JsResult<bool> {
    if is_symbol(key) {
        return rt.ordinary_define_own_property(o, key, desc);
    }
    // Steps 2-9.
    let Some(current) = get_own_property(rt, o, key)? else {
        return Ok(false);
    };
    if desc.configurable == Some(true) || desc.enumerable == Some(false) || desc.is_accessor() {
        return Ok(false);
    }
    if desc.writable == Some(false) {
        return Ok(false);
    }
    if let (Some(v), StoredProperty::Data(cur, _)) = (desc.value, current) {
        return Ok(crate::equality::same_value(v, cur));
    }
    Ok(true)
}

/// 10.4.6.7 [[HasProperty]] ( P ).
fn has_property(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
    if is_symbol(key) {
        return Ok(o.stored_property(key).is_some() || {
            let _ = rt;
            false
        });
    }
    Ok(export(o, key).is_some())
}

/// 10.4.6.8 [[Get]] ( P, Receiver ).
fn get(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey, _receiver: Value) -> JsResult<Value> {
    if is_symbol(key) {
        return Ok(match o.stored_property(key) {
            Some(StoredProperty::Data(v, _)) => v,
            _ => Value::UNDEFINED,
        });
    }
    match export(o, key) {
        Some((_, b)) => binding_value(rt, key, b),
        None => Ok(Value::UNDEFINED),
    }
}

/// 10.4.6.9 [[Set]]: always false.
fn set(_: &mut Runtime, _: Gc<JsObject>, _: PropertyKey, _: Value, _: Value) -> JsResult<bool> {
    Ok(false)
}

/// 10.4.6.10 [[Delete]] ( P ).
fn delete(rt: &mut Runtime, o: Gc<JsObject>, key: PropertyKey) -> JsResult<bool> {
    if is_symbol(key) {
        return rt.ordinary_delete(o, key);
    }
    Ok(export(o, key).is_none())
}

/// 10.4.6.11 [[OwnPropertyKeys]] ( ): the exports, then the symbols.
fn own_property_keys(rt: &mut Runtime, o: Gc<JsObject>) -> JsResult<Vec<PropertyKey>> {
    // The keys made so far stay rooted while the next one is allocated.
    let mut keys = rt.rooted_list::<PropertyKey>();
    if let Some(d) = data(o) {
        for (name, _) in &d.exports {
            let s = rt.new_string(name)?;
            keys.push(rt.property_key_from_string(s));
        }
    }
    let tag = PropertyKey::Symbol(rt.well_known_symbol(WellKnownSymbol::ToStringTag));
    if o.stored_property(tag).is_some() {
        keys.push(tag);
    }
    Ok(keys.as_slice().to_vec())
}

/// 10.4.6.1 [[GetPrototypeOf]]: null.
fn get_prototype_of(_: &mut Runtime, _: Gc<JsObject>) -> JsResult<Value> {
    Ok(Value::NULL)
}

/// 10.4.6.2 [[SetPrototypeOf]]: SetImmutablePrototype (only null).
fn set_prototype_of(_: &mut Runtime, _: Gc<JsObject>, proto: Value) -> JsResult<bool> {
    Ok(proto.is_null())
}

/// 10.4.6.3 [[IsExtensible]]: false.
fn is_extensible(_: &mut Runtime, _: Gc<JsObject>) -> JsResult<bool> {
    Ok(false)
}

/// 10.4.6.4 [[PreventExtensions]]: true.
fn prevent_extensions(_: &mut Runtime, _: Gc<JsObject>) -> JsResult<bool> {
    Ok(true)
}
