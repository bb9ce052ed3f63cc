//! Promise objects (27.2): only %Promise.prototype% exists so far, empty,
//! as a placeholder for the intrinsic (nothing refers to it yet).

use crate::runtime::builtins::{BuiltinObject, Make};
use crate::runtime::Intrinsic;

/// 27.2.5 Properties of the Promise Prototype Object (none yet).
pub(crate) static PROMISE_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "Promise.prototype",
    intrinsic: Some(Intrinsic::PromisePrototype),
    proto: Some(Intrinsic::ObjectPrototype),
    make: Make::Ordinary,
    props: &[],
};
