//! Explicit roots for Rust code that keeps values outside the native stack.
//!
//! * [`RootTable`] / [`Persistent`]: a slot table owned by the runtime; a
//!   `Persistent` handle keeps one value alive until it is dropped. Use it for
//!   values stored in long-lived Rust structures (host objects, job queues).
//! * [`ValueList`]: a growable list of values *in the GC heap*. A built-in that
//!   needs a `Vec<Value>` while it may allocate (e.g. collecting keys or
//!   arguments) uses `Gc<ValueList>` in a local: the local keeps the list alive
//!   through the stack scan and the list traces its elements.

use std::cell::{RefCell, UnsafeCell};
use std::rc::Rc;

use super::{HeapObject, Trace, Tracer};
use crate::value::Value;

#[derive(Default)]
struct Slots {
    values: Vec<Value>,
    free: Vec<u32>,
}

/// The runtime's table of persistent roots.
#[derive(Default, Clone)]
pub struct RootTable {
    slots: Rc<RefCell<Slots>>,
}

impl RootTable {
    pub fn new() -> RootTable {
        RootTable::default()
    }

    /// Keeps `v` alive until the handle is dropped.
    pub fn root(&self, v: Value) -> Persistent {
        let mut slots = self.slots.borrow_mut();
        let index = match slots.free.pop() {
            Some(i) => {
                slots.values[i as usize] = v;
                i
            }
            None => {
                slots.values.push(v);
                (slots.values.len() - 1) as u32
            }
        };
        Persistent {
            table: self.slots.clone(),
            index,
        }
    }

    pub(crate) fn trace(&self, tracer: &mut Tracer) {
        for v in &self.slots.borrow().values {
            tracer.mark_value(*v);
        }
    }

    /// Number of live handles.
    pub fn len(&self) -> usize {
        let s = self.slots.borrow();
        s.values.len() - s.free.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A rooted value held outside the stack; see [`RootTable`].
pub struct Persistent {
    table: Rc<RefCell<Slots>>,
    index: u32,
}

impl Persistent {
    pub fn get(&self) -> Value {
        self.table.borrow().values[self.index as usize]
    }

    pub fn set(&self, v: Value) {
        self.table.borrow_mut().values[self.index as usize] = v;
    }
}

impl Drop for Persistent {
    fn drop(&mut self) {
        let mut slots = self.table.borrow_mut();
        slots.values[self.index as usize] = Value::UNDEFINED;
        slots.free.push(self.index);
    }
}

/// A traced, growable list of values in the GC heap.
#[derive(Default)]
pub struct ValueList {
    items: UnsafeCell<Vec<Value>>,
}

impl ValueList {
    pub fn new() -> ValueList {
        ValueList::default()
    }

    #[allow(clippy::mut_from_ref)]
    fn items(&self) -> &mut Vec<Value> {
        // SAFETY: the runtime is single-threaded and no method below hands out
        // a reference that outlives the call.
        unsafe { &mut *self.items.get() }
    }

    pub fn push(&self, v: Value) {
        self.items().push(v);
    }

    pub fn get(&self, i: usize) -> Option<Value> {
        self.items().get(i).copied()
    }

    pub fn set(&self, i: usize, v: Value) {
        if let Some(slot) = self.items().get_mut(i) {
            *slot = v;
        }
    }

    pub fn len(&self) -> usize {
        self.items().len()
    }

    pub fn is_empty(&self) -> bool {
        self.items().is_empty()
    }

    /// A copy of the elements (to pass as an argument slice; the copy lives on
    /// the malloc heap, so keep the list alive while using it).
    pub fn to_vec(&self) -> Vec<Value> {
        self.items().clone()
    }
}

// SAFETY: reports every element.
unsafe impl Trace for ValueList {
    fn trace(&self, tracer: &mut Tracer) {
        for v in self.items().iter() {
            tracer.mark_value(*v);
        }
    }
}

impl HeapObject for ValueList {
    const NAME: &'static str = "ValueList";
}
