//! [`RootedList`]: the growable list built-ins use for values they keep
//! outside the native stack while the runtime may allocate (and collect).
//!
//! The rule (docs/internals.md section 7): a `Vec<Value>` (or a `Vec` of
//! anything holding a `Gc`: keys, descriptors) lives on the malloc heap,
//! which the collector does not scan, so its elements are freed by the next
//! collection unless something else keeps them alive. A `RootedList` is
//! registered in the runtime's root table from creation to drop, wherever
//! the handle itself lives (a local, a `Box`, a struct field), and traces
//! every element. It derefs to a slice, so it can be passed as the argument
//! list of [`Runtime::call`] and stays rooted for the whole call.
//!
//! ```ignore
//! let mut list = rt.rooted_list();
//! for i in 0..len {
//!     list.push(rt.get(o, PropertyKey::Index(i), v)?); // getters may allocate
//! }
//! rt.call(f, this, &list)
//! ```

use std::cell::UnsafeCell;
use std::fmt;
use std::rc::Rc;

use super::roots::{RootTable, Slots, TraceList};
use super::{Trace, Tracer};
use crate::runtime::Runtime;
use crate::value::Value;

/// The shared body of a list: the handle and the root table both hold it.
struct ListCell<T> {
    items: UnsafeCell<Vec<T>>,
}

impl<T: Trace> TraceList for ListCell<T> {
    fn trace_items(&self, tracer: &mut Tracer) {
        // SAFETY: the collector runs inside an allocation, never while a
        // `RootedList` method holds a mutable reference to the vector
        // (those methods do not call into the runtime), so this shared read
        // aliases at most other shared reads.
        let items = unsafe { &*self.items.get() };
        for item in items {
            item.trace(tracer);
        }
    }
}

/// A growable list whose elements are GC roots until it is dropped; see the
/// module docs. `T` is any traced type: [`Value`] (the default),
/// `PropertyKey`, `(PropertyKey, PropertyDescriptor)`, `Gc<_>`, ...
///
/// Mutation takes `&mut self` and reading borrows `&self`, so a slice
/// obtained by `Deref` (an argument list, an iteration) cannot be
/// invalidated by a push while it is in use.
pub struct RootedList<T: Trace + 'static = Value> {
    cell: Rc<ListCell<T>>,
    table: Rc<std::cell::RefCell<Slots>>,
    slot: u32,
}

impl Runtime {
    /// A new, empty rooted list.
    pub fn rooted_list<T: Trace + 'static>(&self) -> RootedList<T> {
        RootedList::new_in(&self.roots, Vec::new())
    }

    /// A new, empty rooted list with room for `capacity` elements.
    pub fn rooted_list_with_capacity<T: Trace + 'static>(&self, capacity: usize) -> RootedList<T> {
        RootedList::new_in(&self.roots, Vec::with_capacity(capacity))
    }

    /// A rooted copy of `items`.
    pub fn rooted_list_from<T: Trace + Clone + 'static>(&self, items: &[T]) -> RootedList<T> {
        RootedList::new_in(&self.roots, items.to_vec())
    }
}

impl<T: Trace + 'static> RootedList<T> {
    /// A list registered in `roots` holding `items`.
    pub(crate) fn new_in(roots: &RootTable, items: Vec<T>) -> RootedList<T> {
        let cell = Rc::new(ListCell {
            items: UnsafeCell::new(items),
        });
        let table = roots.slots().clone();
        let slot = table.borrow_mut().add_list(cell.clone());
        RootedList { cell, table, slot }
    }

    #[allow(clippy::mut_from_ref)]
    fn items_mut(&mut self) -> &mut Vec<T> {
        // SAFETY: `&mut self` excludes every other borrow obtained through
        // this handle, the root table only reads during a collection, and no
        // collection happens while the returned reference is used (callers
        // below do not call into the runtime).
        unsafe { &mut *self.cell.items.get() }
    }

    fn items(&self) -> &Vec<T> {
        // SAFETY: mutation needs `&mut self`, so no mutable reference exists
        // while this shared one does.
        unsafe { &*self.cell.items.get() }
    }

    /// Appends an element.
    pub fn push(&mut self, item: T) {
        self.items_mut().push(item);
    }

    /// Removes and returns the last element.
    pub fn pop(&mut self) -> Option<T> {
        self.items_mut().pop()
    }

    /// Replaces the element at `index` (no effect past the end).
    pub fn set(&mut self, index: usize, item: T) {
        if let Some(slot) = self.items_mut().get_mut(index) {
            *slot = item;
        }
    }

    /// Shortens the list to `len` elements.
    pub fn truncate(&mut self, len: usize) {
        self.items_mut().truncate(len);
    }

    /// Removes every element.
    pub fn clear(&mut self) {
        self.items_mut().clear();
    }

    /// Reserves room for `additional` more elements.
    pub fn reserve(&mut self, additional: usize) {
        self.items_mut().reserve(additional);
    }

    /// The elements as a slice (also available through `Deref`).
    pub fn as_slice(&self) -> &[T] {
        self.items()
    }
}

impl<T: Trace + Copy + 'static> RootedList<T> {
    /// The element at `index`, if any.
    pub fn get(&self, index: usize) -> Option<T> {
        self.items().get(index).copied()
    }

    /// Appends copies of `items`.
    pub fn extend_from_slice(&mut self, items: &[T]) {
        self.items_mut().extend_from_slice(items);
    }
}

impl<T: Trace + 'static> Extend<T> for RootedList<T> {
    /// Appends the items of an iterator. The iterator must not call into the
    /// runtime (it runs while the list is borrowed mutably); collect values
    /// produced by runtime calls with [`RootedList::push`] in a loop.
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        self.items_mut().extend(iter);
    }
}

impl<T: Trace + 'static> std::ops::Deref for RootedList<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.items()
    }
}

impl<T: Trace + 'static> Drop for RootedList<T> {
    fn drop(&mut self) {
        self.table.borrow_mut().remove_list(self.slot);
    }
}

impl<T: Trace + fmt::Debug + 'static> fmt::Debug for RootedList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.items().iter()).finish()
    }
}

impl<'a, T: Trace + 'static> IntoIterator for &'a RootedList<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items().iter()
    }
}

/// Iterates a list by value; the list stays rooted until the iterator is
/// dropped, so the loop body may allocate.
pub struct IntoIter<T: Trace + 'static> {
    list: RootedList<T>,
    next: usize,
}

impl<T: Trace + Copy + 'static> Iterator for IntoIter<T> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        let item = self.list.get(self.next)?;
        self.next += 1;
        Some(item)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.list.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl<T: Trace + Copy + 'static> ExactSizeIterator for IntoIter<T> {}

impl<T: Trace + Copy + 'static> IntoIterator for RootedList<T> {
    type Item = T;
    type IntoIter = IntoIter<T>;
    fn into_iter(self) -> IntoIter<T> {
        IntoIter {
            list: self,
            next: 0,
        }
    }
}
