//! Map Iterator objects (24.1.5): 24.1.5.1 CreateMapIterator and
//! %MapIteratorPrototype% (#sec-%mapiteratorprototype%-object). The
//! iterator keeps a cursor into the Map's table (see [`super::table`]), so
//! it survives deletions, insertions, compactions and `clear`.

use std::cell::Cell;

use super::table::Cursor;
use super::{host_ref, MapData};
use crate::builtins::iterator::iter_result;
use crate::gc::{Trace, Tracer};
use crate::object::{HostData, ObjectKind};
use crate::runtime::builtins::{BuiltinObject, Constant, Make, Prop, ATTR_C};
use crate::runtime::{Intrinsic, Runtime};
use crate::value::Value;
use crate::JsResult;

/// 24.1.5.2 The %MapIteratorPrototype% Object.
pub(crate) static MAP_ITERATOR_PROTOTYPE: BuiltinObject = BuiltinObject {
    name: "%MapIteratorPrototype%",
    intrinsic: Some(Intrinsic::MapIteratorPrototype),
    proto: Some(Intrinsic::IteratorPrototype),
    make: Make::Ordinary,
    props: &[
        Prop::method("next", 0, map_iterator_next),
        Prop::value("@@toStringTag", Constant::Str("Map Iterator"), ATTR_C),
    ],
};

/// What a Map iterator produces (`kind` of CreateMapIterator).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum MapIterKind {
    Keys,
    Values,
    Entries,
}

/// The state of the closure of CreateMapIterator: the Map (undefined once
/// the iterator is done) and the position in its entries.
struct MapIterator {
    map: Cell<Value>,
    cursor: Cursor,
    kind: MapIterKind,
}

// SAFETY: reports the only value the iterator holds.
unsafe impl Trace for MapIterator {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.map.get());
    }
}

impl HostData for MapIterator {
    fn class_name(&self) -> &'static str {
        "Map Iterator"
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// 24.1.5.1 CreateMapIterator ( map, kind ) (#sec-createmapiterator).
pub(crate) fn create_map_iterator(
    rt: &mut Runtime,
    map: Value,
    kind: MapIterKind,
) -> JsResult<Value> {
    // 1. Perform ? RequireInternalSlot(map, [[MapData]]).
    let Some(m) = host_ref::<MapData>(map) else {
        return Err(rt.type_error("Map iterator method called on incompatible receiver"));
    };
    let cursor = m.table.borrow_mut().new_cursor();
    let proto = rt.intrinsic(Intrinsic::MapIteratorPrototype);
    let it = MapIterator {
        map: Cell::new(map),
        cursor,
        kind,
    };
    let o = rt.new_object_with(proto, ObjectKind::Host(Box::new(it)), 0)?;
    Ok(Value::object(o))
}

/// 24.1.5.2.1 %MapIteratorPrototype%.next ( ): GeneratorResume of the
/// closure of CreateMapIterator, step by step.
fn map_iterator_next(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
    let Some(it) = host_ref::<MapIterator>(this) else {
        return Err(rt.type_error("next called on an object that is not a Map Iterator"));
    };
    let map = it.map.get();
    let next = host_ref::<MapData>(map).and_then(|m| m.table.borrow().next_from(&it.cursor));
    let Some((key, value)) = next else {
        it.map.set(Value::UNDEFINED);
        return iter_result(rt, Value::UNDEFINED, true);
    };
    let result = match it.kind {
        MapIterKind::Keys => key,
        MapIterKind::Values => value,
        MapIterKind::Entries => Value::object(rt.create_array_from_list(&[key, value])?),
    };
    iter_result(rt, result, false)
}
