//! Explicit roots for Rust code that keeps values outside the native stack.
//!
//! * [`RootTable`] / [`Persistent`]: a slot table owned by the runtime; a
//!   `Persistent` handle keeps one value alive until it is dropped. Use it for
//!   values stored in long-lived Rust structures (host objects, job queues).
//! * [`RootedList`](super::RootedList) (in `rooted_list`): a growable list
//!   registered in the same table, for built-ins that collect values while
//!   they may allocate. This is the list built-ins use.
//! * [`ValueList`]: a growable list of values *in the GC heap*, for a list
//!   stored in another cell; held in a Rust local, a `Gc<ValueList>` is
//!   rooted only as long as the compiler keeps the local on the stack.

use std::cell::{RefCell, UnsafeCell};
use std::rc::Rc;

use super::{HeapObject, Trace, Tracer};
use crate::value::Value;

/// A list registered as a root: anything that can report its references.
pub(super) trait TraceList {
    fn trace_items(&self, tracer: &mut Tracer);
}

#[derive(Default)]
pub(super) struct Slots {
    values: Vec<Value>,
    free: Vec<u32>,
    /// Live rooted lists (`None`: a free slot listed in `free_lists`).
    lists: Vec<Option<Rc<dyn TraceList>>>,
    free_lists: Vec<u32>,
}

impl Slots {
    /// Registers a list; returns its slot.
    pub(super) fn add_list(&mut self, list: Rc<dyn TraceList>) -> u32 {
        match self.free_lists.pop() {
            Some(i) => {
                self.lists[i as usize] = Some(list);
                i
            }
            None => {
                self.lists.push(Some(list));
                (self.lists.len() - 1) as u32
            }
        }
    }

    /// Unregisters the list in `slot`.
    pub(super) fn remove_list(&mut self, slot: u32) {
        self.lists[slot as usize] = None;
        self.free_lists.push(slot);
    }
}

/// The runtime's table of persistent roots.
#[derive(Default, Clone)]
pub struct RootTable {
    slots: Rc<RefCell<Slots>>,
}

impl RootTable {
    /// An empty table.
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
        let slots = self.slots.borrow();
        for v in &slots.values {
            tracer.mark_value(*v);
        }
        for list in slots.lists.iter().flatten() {
            list.trace_items(tracer);
        }
    }

    /// The shared slot table (for [`super::RootedList`] handles).
    pub(super) fn slots(&self) -> &Rc<RefCell<Slots>> {
        &self.slots
    }

    /// Makes every handle read `undefined` from now on: for a runtime going
    /// away while handles to its values may outlive it (the embedding API's
    /// `JsValue`s), so that none of them reaches a freed cell.
    pub fn invalidate(&self) {
        for v in self.slots.borrow_mut().values.iter_mut() {
            *v = Value::UNDEFINED;
        }
    }

    /// Number of live rooted lists.
    pub fn live_lists(&self) -> usize {
        let s = self.slots.borrow();
        s.lists.len() - s.free_lists.len()
    }

    /// Number of live handles.
    pub fn len(&self) -> usize {
        let s = self.slots.borrow();
        s.values.len() - s.free.len()
    }

    /// Whether no handle is live.
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
    /// The rooted value.
    pub fn get(&self) -> Value {
        self.table.borrow().values[self.index as usize]
    }

    /// Replaces the rooted value.
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
    /// An empty list.
    pub fn new() -> ValueList {
        ValueList::default()
    }

    #[allow(clippy::mut_from_ref)]
    fn items(&self) -> &mut Vec<Value> {
        // SAFETY: the runtime is single-threaded and no method below hands out
        // a reference that outlives the call.
        unsafe { &mut *self.items.get() }
    }

    /// Appends `v`.
    pub fn push(&self, v: Value) {
        self.items().push(v);
    }

    /// The value at `i`, if any.
    pub fn get(&self, i: usize) -> Option<Value> {
        self.items().get(i).copied()
    }

    /// Replaces the value at `i` (nothing if out of range).
    pub fn set(&self, i: usize, v: Value) {
        if let Some(slot) = self.items().get_mut(i) {
            *slot = v;
        }
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.items().len()
    }

    /// Whether the list is empty.
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
