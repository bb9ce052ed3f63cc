//! Tests of rooted lists, poisoning and stress mode.

use super::heap::POISON_WORD;
use super::*;
use crate::runtime::Runtime;

struct Node {
    payload: Vec<u8>,
}

// SAFETY: no references.
unsafe impl Trace for Node {
    fn trace(&self, _: &mut Tracer) {}
}

impl HeapObject for Node {
    const NAME: &'static str = "Node";
}

/// Bytes of a `Node` cell: header and `Vec`, in the 32-byte class.
const NODE: usize = 32;

fn node(heap: &mut Heap, byte: u8) -> Gc<Node> {
    heap.alloc(Node {
        payload: vec![byte; 4],
    })
    .unwrap()
}

#[test]
fn a_rooted_list_roots_its_elements_until_dropped() {
    let mut heap = Heap::new();
    let roots = RootTable::new();
    // Boxed: the handle itself lives on the malloc heap, out of the stack
    // scan's sight (which this test does not run anyway).
    let mut list = Box::new(RootedList::new_in(&roots, Vec::new()));
    for i in 0..100u8 {
        list.push(node(&mut heap, i));
    }
    for _ in 0..200 {
        node(&mut heap, 0);
    }
    assert_eq!(roots.live_lists(), 1);
    heap.collect(None, |t| roots.trace(t), || {});
    assert_eq!(heap.stats().live_bytes, 100 * NODE);
    assert_eq!(list.len(), 100);
    assert_eq!(list[99].payload, vec![99; 4]);
    assert_eq!(list.get(7).map(|n| n.payload[0]), Some(7));
    drop(list);
    assert_eq!(roots.live_lists(), 0);
    heap.collect(None, |t| roots.trace(t), || {});
    assert_eq!(heap.stats().live_bytes, 0);
}

#[test]
fn iterating_a_rooted_list_by_value_keeps_it_rooted() {
    let mut heap = Heap::new();
    let roots = RootTable::new();
    let list = RootedList::new_in(&roots, vec![node(&mut heap, 1), node(&mut heap, 2)]);
    let mut iter = list.into_iter();
    assert_eq!(iter.next().map(|n| n.payload[0]), Some(1));
    heap.collect(None, |t| roots.trace(t), || {});
    assert_eq!(heap.stats().live_bytes, 2 * NODE);
    assert_eq!(iter.next().map(|n| n.payload[0]), Some(2));
    assert!(iter.next().is_none());
    drop(iter);
    assert_eq!(roots.live_lists(), 0);
}

#[test]
fn list_slots_are_reused() {
    let roots = RootTable::new();
    let a: RootedList = RootedList::new_in(&roots, Vec::new());
    let b: RootedList = RootedList::new_in(&roots, vec![Value::TRUE]);
    drop(a);
    let mut c: RootedList = RootedList::new_in(&roots, Vec::new());
    c.extend_from_slice(&b);
    c.push(Value::NULL);
    c.set(0, Value::FALSE);
    assert_eq!(&c[..], &[Value::FALSE, Value::NULL]);
    assert_eq!(c.pop(), Some(Value::NULL));
    assert_eq!(roots.live_lists(), 2);
}

#[test]
fn freed_cells_are_poisoned() {
    let mut heap = Heap::new();
    heap.set_stress(1);
    // Two cells of one block: the live one keeps the block mapped.
    let kept = node(&mut heap, 1);
    let dead = node(&mut heap, 2).addr();
    heap.collect(None, |t| kept.trace(t), || {});
    assert_eq!(heap.stats().live_bytes, NODE);
    // Words 0 and 1 are the free list's; the rest is poison.
    for word in 2..NODE / 8 {
        // SAFETY: the dead cell's memory is still part of a mapped block.
        let w = unsafe { *((dead + word * 8) as *const u64) };
        assert_eq!(w, POISON_WORD, "word {word}");
    }
    assert_eq!(kept.payload, vec![1; 4]);
}

#[test]
fn stress_mode_collects_at_every_nth_allocation() {
    let mut rt = Runtime::new();
    rt.set_gc_stress(1);
    let before = rt.heap_stats().collections;
    let keep = rt.new_object().unwrap();
    for _ in 0..10 {
        rt.new_object().unwrap();
    }
    assert_eq!(rt.heap_stats().collections - before, 11);
    rt.set_gc_stress(4);
    let before = rt.heap_stats().collections;
    for _ in 0..12 {
        rt.new_object().unwrap();
    }
    assert_eq!(rt.heap_stats().collections - before, 3);
    rt.set_gc_stress(0);
    let before = rt.heap_stats().collections;
    for _ in 0..12 {
        rt.new_object().unwrap();
    }
    assert_eq!(rt.heap_stats().collections, before);
    assert!(std::hint::black_box(keep).is_extensible_flag());
}

#[test]
fn a_rooted_list_keeps_fresh_values_across_collections_in_a_runtime() {
    let mut rt = Runtime::new();
    rt.set_gc_stress(1);
    let mut list = rt.rooted_list();
    for i in 0..50 {
        let s = rt.new_string(&format!("value {i}")).unwrap();
        list.push(Value::string(s));
    }
    for _ in 0..50 {
        rt.new_object().unwrap();
    }
    let texts: Vec<String> = list
        .iter()
        .map(|v| v.as_string().unwrap().to_rust_string())
        .collect();
    assert_eq!(texts[49], "value 49");
    assert_eq!(texts.len(), 50);
}
