//! The Boolean constructor (20.3.1, 20.3.2) and %Boolean.prototype% (20.3.3).

use super::arg;
use crate::conversions::to_boolean;
use crate::object::ObjectKind;
use crate::runtime::builtins::{BuiltinObject, Make, Prop};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 20.3.2 Properties of the Boolean Constructor
/// (#sec-properties-of-the-boolean-constructor).
pub(crate) static BOOLEAN: BuiltinObject = BuiltinObject {
    name: "Boolean",
    intrinsic: Some(Intrinsic::Boolean),
    proto: Some(Intrinsic::FunctionPrototype),
    make: Make::constructor(
        "Boolean",
        1,
        |_, _, args| Ok(Value::from_bool(to_boolean(arg(args, 0)))),
        boolean_construct,
    ),
    props: &[Prop::prototype(Intrinsic::BooleanPrototype)],
};

/// 20.3.3 Properties of the Boolean Prototype Object
/// (#sec-properties-of-the-boolean-prototype-object): a Boolean object for
/// false.
pub(crate) static BOOLEAN_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Boolean.prototype",
    intrinsic: Some(Intrinsic::BooleanPrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::BooleanWrapper,
    props: &[
        Prop::constructor(Intrinsic::Boolean),
        Prop::method("toString", 0, boolean_to_string),
        Prop::method("valueOf", 0, boolean_value_of),
    ],
};

/// 20.3.1.1 Boolean ( value ), constructed.
fn boolean_construct(
    rt: &mut Runtime,
    args: &[Value],
    nt: crate::gc::Gc<crate::object::JsObject>,
) -> JsResult<Value> {
    let b = to_boolean(arg(args, 0));
    let o = rt.ordinary_create_from_constructor(
        nt,
        Intrinsic::BooleanPrototype,
        ObjectKind::Boolean(b),
        0,
    )?;
    Ok(Value::object(o))
}

/// 20.3.3.3.1 ThisBooleanValue.
fn this_boolean(rt: &mut Runtime, this: Value) -> JsResult<bool> {
    if let Some(b) = this.as_bool() {
        return Ok(b);
    }
    if let Some(o) = this.as_object() {
        if let ObjectKind::Boolean(b) = o.kind() {
            return Ok(*b);
        }
    }
    Err(rt.type_error("Boolean.prototype.valueOf requires that 'this' be a Boolean"))
}

fn boolean_value_of(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    Ok(Value::from_bool(this_boolean(rt, this)?))
}

fn boolean_to_string(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let b = this_boolean(rt, this)?;
    Ok(Value::string(if b {
        rt.names.true_
    } else {
        rt.names.false_
    }))
}
