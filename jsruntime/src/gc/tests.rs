//! Collector tests on a bare `Heap` with a small test cell type.

use super::*;

struct Node {
    next: Option<Gc<Node>>,
    payload: Vec<u8>,
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

fn no_roots(_: &mut Tracer) {}

#[test]
fn unreachable_cells_are_freed_and_reachable_survive() {
    let mut heap = Heap::new();
    let mut head: Option<Gc<Node>> = None;
    for _ in 0..1000 {
        head = Some(
            heap.alloc(Node {
                next: head,
                payload: vec![1; 10],
            })
            .unwrap(),
        );
    }
    for _ in 0..5000 {
        heap.alloc(Node {
            next: None,
            payload: Vec::new(),
        })
        .unwrap();
    }
    let root = head.unwrap();
    heap.collect(None, |t| root.trace(t), || {});
    let live = heap.stats().live_bytes;
    assert_eq!(live, 1000 * 48, "cell of Node is 8 + 32 bytes, class 48");
    // The list is intact.
    let mut n = 0;
    let mut cur = Some(root);
    while let Some(c) = cur {
        assert_eq!(c.payload.len(), 10);
        n += 1;
        cur = c.next;
    }
    assert_eq!(n, 1000);
    heap.collect(None, no_roots, || {});
    assert_eq!(heap.stats().live_bytes, 0);
}

#[test]
fn deep_lists_do_not_overflow_the_stack() {
    let mut heap = Heap::new();
    let mut head: Option<Gc<Node>> = None;
    for _ in 0..1_000_000 {
        head = Some(
            heap.alloc(Node {
                next: head,
                payload: Vec::new(),
            })
            .unwrap(),
        );
    }
    let root = head.unwrap();
    heap.collect(None, |t| root.trace(t), || {});
    assert_eq!(heap.stats().live_bytes, 1_000_000 * 48);
}

#[test]
fn conservative_lookup_accepts_interior_and_boxed_pointers() {
    let mut heap = Heap::new();
    let a = heap
        .alloc(Node {
            next: None,
            payload: Vec::new(),
        })
        .unwrap();
    assert_eq!(heap.find_cell(a.addr()), Some(a.addr()));
    assert_eq!(heap.find_cell(a.addr() + 20), Some(a.addr()));
    assert_eq!(heap.find_cell(12345), None);
    let boxed = (crate::value::TAG_OBJECT << 48) as usize | a.addr();
    let mut t = Tracer::new();
    heap.mark_conservative(boxed, &mut t);
    assert!(a.is_marked());
    t.drain();
    heap.sweep();
    assert_eq!(heap.stats().live_bytes, 48);
}

#[test]
fn stack_scanning_keeps_locals_alive() {
    let mut heap = Heap::new();
    let top = stack::thread_stack_top();
    let kept = heap
        .alloc(Node {
            next: None,
            payload: vec![7; 3],
        })
        .unwrap();
    for _ in 0..100 {
        heap.alloc(Node {
            next: None,
            payload: Vec::new(),
        })
        .unwrap();
    }
    heap.collect(Some(top), no_roots, || {});
    // Conservative: garbage may survive through stale stack words, but `kept`
    // must.
    assert!(heap.stats().live_bytes >= 48);
    assert_eq!(std::hint::black_box(kept).payload, vec![7; 3]);
}

#[test]
fn large_cells_are_collected() {
    struct Big(#[allow(dead_code)] [u64; 2000]);
    // SAFETY: no references.
    unsafe impl Trace for Big {
        fn trace(&self, _: &mut Tracer) {}
    }
    impl HeapObject for Big {
        const NAME: &'static str = "Big";
    }
    let mut heap = Heap::new();
    let b = heap.alloc(Big([3; 2000])).unwrap();
    assert_eq!(heap.stats().large_objects, 1);
    assert_eq!(heap.find_cell(b.addr() + 9000), Some(b.addr()));
    heap.collect(None, no_roots, || {});
    assert_eq!(heap.stats().large_objects, 0);
}

#[test]
fn persistent_roots() {
    let mut heap = Heap::new();
    let roots = RootTable::new();
    let n = heap
        .alloc(Node {
            next: None,
            payload: Vec::new(),
        })
        .unwrap();
    // Persistent roots hold Values; smuggle the node through a ValueList cell.
    let list = heap.alloc(ValueList::new()).unwrap();
    let _ = n;
    let handle = roots.root(Value::UNDEFINED);
    assert_eq!(roots.len(), 1);
    drop(handle);
    assert!(roots.is_empty());
    heap.collect(None, |t| list.trace(t), || {});
    assert_eq!(
        heap.stats().live_bytes,
        cell_size_of::<ValueList>().next_multiple_of(16)
    );
}

#[test]
fn new_blocks_are_bump_ranges_and_swept_cells_are_reused() {
    let mut heap = Heap::new();
    let node = || Node {
        next: None,
        payload: Vec::new(),
    };
    let a = heap.alloc(node()).unwrap();
    let b = heap.alloc(node()).unwrap();
    // Consecutive cells of the new block's bump range (class 48).
    assert_eq!(b.addr(), a.addr() + 48);
    // The untouched rest of the range reads as free.
    assert_eq!(heap.find_cell(b.addr() + 48), None);
    // Fill past one block (64 KiB / 48 = 1365 cells), keep `b` only.
    for _ in 0..2000 {
        heap.alloc(node()).unwrap();
    }
    heap.collect(None, |t| b.trace(t), || {});
    assert_eq!(heap.stats().live_bytes, 48);
    assert_eq!(heap.find_cell(b.addr()), Some(b.addr()));
    // The first block's free list comes first, in address order: `a`'s
    // cell is reused.
    let c = heap.alloc(node()).unwrap();
    assert_eq!(c.addr(), a.addr());
    heap.collect(None, no_roots, || {});
    assert_eq!(heap.stats().live_bytes, 0);
}

#[test]
fn a_pooled_block_reused_by_another_size_class_reads_as_free() {
    // A cell type of another size class than `Node` (48 bytes).
    struct Wide(#[allow(dead_code)] [u64; 7]);
    // SAFETY: no references.
    unsafe impl Trace for Wide {
        fn trace(&self, _: &mut Tracer) {}
    }
    impl HeapObject for Wide {
        const NAME: &'static str = "Wide";
    }
    let mut heap = Heap::new();
    // Fill blocks of class 48 and let them die: the sweep pools the empty
    // blocks with their free-list links written at 48-byte strides.
    for _ in 0..3000 {
        heap.alloc(Node {
            next: None,
            payload: Vec::new(),
        })
        .unwrap();
    }
    heap.collect(None, no_roots, || {});
    // A pooled block taken by the 64-byte class: the cells not handed out
    // yet must read as free to the conservative lookup and to the sweep
    // (which would otherwise drop garbage at the old links).
    let w = heap.alloc(Wide([1; 7])).unwrap();
    for i in 1..(heap::BLOCK_SIZE / 64) {
        assert_eq!(heap.find_cell(w.addr() + i * 64), None, "cell {i}");
    }
    heap.collect(None, |t| w.trace(t), || {});
    assert_eq!(heap.find_cell(w.addr()), Some(w.addr()));
}
