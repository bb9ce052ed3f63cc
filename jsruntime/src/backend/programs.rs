//! The executor's loaded programs by id, with their realms and source texts.
//!
//! Ids count up and are never reused (`reclaim`: an id can outlive its
//! program in a pending job, and must not come to mean another program),
//! but a freed id leaves nothing behind: the tables are maps, so a loop
//! that evaluates distinct texts forever runs in bounded memory (a vector
//! slot per id cost about 24 bytes per evaluation for good).

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use crate::runtime::RealmId;
use crate::semantics::Program;

use super::exception_trace::Source;

/// Loaded programs (see the module docs).
#[derive(Default)]
pub(crate) struct Programs {
    /// Each live program and the realm that was current when it was loaded
    /// (its code is compiled against that realm's global object).
    loaded: HashMap<usize, (Rc<Program>, RealmId)>,
    /// The id of the next program loaded.
    next: usize,
    /// Source texts by program id (for positions and `toString`). Ordered:
    /// `import()` in eval code looks for the nearest script loaded before.
    sources: BTreeMap<usize, Source>,
}

impl Programs {
    /// Adds a program loaded in `realm` and returns its id.
    pub(crate) fn push(&mut self, program: Program, realm: RealmId) -> usize {
        let id = self.next;
        self.next += 1;
        self.loaded.insert(id, (Rc::new(program), realm));
        id
    }

    /// The program with id `id`, unless it was freed (or never loaded).
    #[inline]
    pub(crate) fn get(&self, id: usize) -> Option<&Rc<Program>> {
        self.loaded.get(&id).map(|(p, _)| p)
    }

    /// The realm program `id` was loaded in.
    pub(crate) fn realm(&self, id: usize) -> Option<RealmId> {
        self.loaded.get(&id).map(|&(_, r)| r)
    }

    /// Forgets program `id` and its source, returning the program.
    pub(crate) fn remove(&mut self, id: usize) -> Option<Rc<Program>> {
        self.sources.remove(&id);
        self.loaded.remove(&id).map(|(p, _)| p)
    }

    /// Programs loaded and not freed.
    pub(crate) fn live(&self) -> usize {
        self.loaded.len()
    }

    /// Keeps the source of program `id`.
    pub(crate) fn set_source(&mut self, id: usize, source: Source) {
        self.sources.insert(id, source);
    }

    /// The source of program `id`.
    pub(crate) fn source(&self, id: usize) -> Option<&Source> {
        self.sources.get(&id)
    }

    /// The sources of programs `id` and before, nearest first.
    pub(crate) fn sources_up_to(&self, id: usize) -> impl Iterator<Item = (usize, &Source)> {
        self.sources.range(..=id).rev().map(|(&p, s)| (p, s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_ids_leave_nothing_and_are_not_reused() {
        let mut programs = Programs::default();
        let a = programs.push(Program::default(), RealmId::default());
        let b = programs.push(Program::default(), RealmId::default());
        assert!(programs.remove(a).is_some());
        assert!(programs.get(a).is_none());
        assert!(programs.get(b).is_some());
        let c = programs.push(Program::default(), RealmId::default());
        assert!(c != a && c != b);
        assert_eq!(programs.live(), 2);
    }
}
