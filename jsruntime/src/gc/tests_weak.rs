//! The weak phase on a bare `Heap` (`gc/weak.rs`): ephemeron chains are
//! kept exactly as far as their first key is reachable, entries of dead
//! keys are dropped, and a value that refers to its own key does not keep
//! the entry alive.

use std::cell::RefCell;

use super::*;

struct Node {
    next: Option<Gc<Node>>,
}

// SAFETY: reports `next`.
unsafe impl Trace for Node {
    fn trace(&self, tracer: &mut Tracer) {
        self.next.trace(tracer);
    }
}

impl HeapObject for Node {
    const NAME: &'static str = "Node";
}

/// A WeakMap-like cell: key → value ephemerons (the value is the address
/// of a cell of any type).
struct Table {
    entries: RefCell<Vec<(Gc<Node>, usize)>>,
}

// SAFETY: every reference is weak; the table registers itself instead.
unsafe impl Trace for Table {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.defer_weak(self);
    }
}

impl HeapObject for Table {
    const NAME: &'static str = "Table";
}

impl WeakContainer for Table {
    fn trace_ephemerons(&self, tracer: &mut Tracer) {
        for (k, v) in self.entries.borrow().iter() {
            if k.is_marked() {
                tracer.mark_cell(*v);
            }
        }
    }

    fn sweep_weak(&self, _: &mut Vec<(Value, Value)>) {
        self.entries.borrow_mut().retain(|(k, _)| k.is_marked());
    }
}

fn node(heap: &mut Heap, next: Option<Gc<Node>>) -> Gc<Node> {
    heap.alloc(Node { next }).unwrap()
}

#[test]
fn ephemeron_chains_live_as_long_as_their_first_key() {
    let mut heap = Heap::new();
    let t1 = heap
        .alloc(Table {
            entries: RefCell::new(Vec::new()),
        })
        .unwrap();
    let t2 = heap
        .alloc(Table {
            entries: RefCell::new(Vec::new()),
        })
        .unwrap();
    let both = |t: &mut Tracer| {
        t.mark_cell(t2.addr());
        t.mark_cell(t1.addr());
    };
    heap.collect(None, both, || {});
    let tables_only = heap.stats().live_bytes;
    // k1 → v1 (in t1), v1 points to k2, k2 → v2 (in t2, listed before t1's
    // entry is found, so the fixed point needs a second round).
    let k2 = node(&mut heap, None);
    let v2 = node(&mut heap, None);
    let k1 = node(&mut heap, None);
    let v1 = node(&mut heap, Some(k2));
    t2.entries.borrow_mut().push((k2, v2.addr()));
    t1.entries.borrow_mut().push((k1, v1.addr()));
    // A value that points back to its own key.
    let ks = node(&mut heap, None);
    let vs = node(&mut heap, Some(ks));
    t1.entries.borrow_mut().push((ks, vs.addr()));

    heap.collect(
        None,
        |t| {
            t.mark_cell(t2.addr());
            t.mark_cell(t1.addr());
            t.mark_cell(k1.addr());
        },
        || {},
    );
    assert_eq!(
        t1.entries.borrow().len(),
        1,
        "the self-referencing entry died"
    );
    assert_eq!(t2.entries.borrow().len(), 1, "k2 is reachable through v1");
    assert_eq!(v1.next, Some(k2));

    // Without k1 the whole chain goes.
    heap.collect(None, both, || {});
    assert!(t1.entries.borrow().is_empty());
    assert!(t2.entries.borrow().is_empty());
    assert_eq!(
        heap.stats().live_bytes,
        tables_only,
        "only the tables remain"
    );
}

#[test]
fn tables_reachable_only_through_an_ephemeron_take_part() {
    let mut heap = Heap::new();
    let outer = heap
        .alloc(Table {
            entries: RefCell::new(Vec::new()),
        })
        .unwrap();
    let inner = heap
        .alloc(Table {
            entries: RefCell::new(Vec::new()),
        })
        .unwrap();
    let k = node(&mut heap, None);
    let k_inner = node(&mut heap, None);
    let v_inner = node(&mut heap, None);
    inner.entries.borrow_mut().push((k_inner, v_inner.addr()));
    // The inner table and its key are reachable only as the value of k.
    let holder = heap
        .alloc(Holder {
            table: inner,
            key: k_inner,
        })
        .unwrap();
    outer.entries.borrow_mut().push((k, holder.addr()));
    heap.collect(
        None,
        |t| {
            t.mark_cell(outer.addr());
            t.mark_cell(k.addr());
        },
        || {},
    );
    assert_eq!(inner.entries.borrow().len(), 1, "found in a later round");
}

/// A cell holding an inner table and a key of it (strongly).
struct Holder {
    table: Gc<Table>,
    key: Gc<Node>,
}

// SAFETY: reports both references.
unsafe impl Trace for Holder {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_cell(self.table.addr());
        tracer.mark_cell(self.key.addr());
    }
}

impl HeapObject for Holder {
    const NAME: &'static str = "Holder";
}
