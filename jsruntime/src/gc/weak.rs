//! Weak references in the collector: ephemerons (WeakMap, WeakSet), weak
//! targets (WeakRef) and finalization cells (FinalizationRegistry).
//!
//! A cell holding weak references does not mark them when traced; it
//! registers its container with [`Tracer::defer_weak`] instead (only live
//! cells are traced, so only live containers are registered). After the
//! strong marking, [`process_weak`]:
//!
//! 1. *Ephemerons*: asks every registered container to mark the values whose
//!    keys are marked ([`WeakContainer::trace_ephemerons`]), drains the mark
//!    stack, and repeats until a round marks nothing new. A chain
//!    `k1 → v1 → k2 → v2` across one or several WeakMaps is thus kept alive
//!    exactly as far as `k1` is; containers discovered in a round (a WeakMap
//!    reachable only through an ephemeron value) take part in the next one.
//! 2. *Clearing*: asks every container to drop its references to unmarked
//!    cells ([`WeakContainer::sweep_weak`]): WeakMap/WeakSet entries of dead
//!    keys go, a WeakRef to a dead target is emptied, and a
//!    FinalizationRegistry cell whose target died is removed and its
//!    (cleanup callback, held value) pair queued for the runtime
//!    (`Runtime::take_pending_finalizations`). Both values were marked (the
//!    registry traces them strongly), so they survive this collection.
//!
//! The pointers in the tracer's list address the containers inside live,
//! marked cells; nothing is swept before step 2 ends, so they stay valid.

use super::{CellHeader, Tracer};
use crate::value::Value;

/// A container with weak references; see the module docs.
pub trait WeakContainer {
    /// Marks (with `tracer.mark_value`) the values of entries whose keys are
    /// marked. Called once per fixed-point round; must not allocate.
    fn trace_ephemerons(&self, tracer: &mut Tracer);
    /// Drops every reference to an unmarked cell; a finalization cell whose
    /// target died pushes its (callback, held value) pair to `cleanups`.
    fn sweep_weak(&self, cleanups: &mut Vec<(Value, Value)>);
}

/// Whether the cell `v` points to has been marked (true for values that
/// are not cells: they cannot die).
#[inline]
pub fn is_value_marked(v: Value) -> bool {
    match v.cell_addr() {
        // SAFETY: a value pointing to a cell addresses an allocated cell
        // during the collection (nothing is swept before the weak phase ends).
        Some(addr) => unsafe { &*(addr as *const CellHeader) }.is_marked(),
        None => true,
    }
}

impl Tracer {
    /// Registers a container whose weak references are handled after the
    /// strong marking (see the module docs). Call it from the `trace` of the
    /// cell that owns the container; the container must not move or be
    /// dropped before the collection ends (it lives in a marked cell).
    pub fn defer_weak(&mut self, container: &(dyn WeakContainer + 'static)) {
        self.weak.push(container as *const dyn WeakContainer);
    }
}

/// Runs the ephemeron fixed point and clears the weak references to dead
/// cells (module docs, steps 1 and 2). Called after the strong marking has
/// drained, before sweeping.
pub(crate) fn process_weak(tracer: &mut Tracer, cleanups: &mut Vec<(Value, Value)>) {
    loop {
        let before = tracer.marked_cells();
        // The list may grow while it is walked: newly marked WeakMaps
        // register themselves during `drain`.
        let mut i = 0;
        while i < tracer.weak.len() {
            let container = tracer.weak[i];
            // SAFETY: see the module docs: the container lives in a marked
            // cell that is not swept before this function returns.
            unsafe { (*container).trace_ephemerons(tracer) };
            tracer.drain();
            i += 1;
        }
        if tracer.marked_cells() == before {
            break;
        }
    }
    let weak = std::mem::take(&mut tracer.weak);
    for container in weak {
        // SAFETY: as above.
        unsafe { (*container).sweep_weak(cleanups) };
    }
}
