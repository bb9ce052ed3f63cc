//! Freeing the programs of eval code (indirect and direct `eval`, and the
//! `Function` constructor, which evaluates indirectly) once nothing can run
//! them again, so that a loop evaluating distinct texts runs in bounded
//! memory.
//!
//! * **Candidates.** Only programs loaded for eval code are ever freed
//!   (scripts and modules stay for the executor's lifetime). Each candidate
//!   lists the templates made for it.
//! * **Liveness, decided by a collection** ([`after_marking_hook`], between
//!   marking and sweeping). A candidate stays when: a closure of one of its
//!   templates was marked (the closure's trace sets
//!   `FunctionTemplate::reached`; suspended generators trace their
//!   closure); any word of the native stack lies in the code of one of its
//!   functions (a frame of it is running: every compiled frame below the
//!   collection stopped at a call, so its return address is there); it is
//!   pinned (a Rust caller runs it: [`Executor::run`], direct eval); or the
//!   eval cache holds it (the cache is bounded, and lets its programs go
//!   when it starts over). Otherwise it is dead, and stays dead: code that
//!   could create a closure of it or call into it is unreachable.
//! * **Freeing, at a safe point** (the next [`Executor::load`], when no
//!   table of the executor is borrowed; the hook itself only sets flags):
//!   the `Program`, its templates, rooted string, BigInt and template
//!   object constants, constant lists, inline cache tables, dynamic source
//!   texts, source text, code map entries, eval cache entries whose call
//!   site it was, and the exception trace if it names it. A program with a
//!   tier-up still on the compile thread waits for the next round. Freed
//!   ids are never reused: an id can outlive its program in a pending job
//!   (an `import()` from eval code names its referrer by program id), and
//!   must not come to mean another program. They leave no slot either
//!   (`programs`: the tables are maps).
//! * **Machine code** of every tier is freed with the program: each
//!   placement of one of its functions (`Jit::last_code`, noted by
//!   `Executor::register_code`) goes back to `code_memory`'s free list.
//!   Compiled functions are not declared in the JIT module (`Jit::place`),
//!   so nothing of them stays there.

use std::collections::{HashMap, HashSet};

use crate::runtime::Runtime;
use crate::semantics::Program;

use super::{Executor, FunctionTemplate};

/// The executor's candidates (see the module docs).
#[derive(Default)]
pub(crate) struct Reclaim {
    candidates: HashMap<usize, Candidate>,
    /// Candidates a collection found dead, freed at the next safe point.
    dead: Vec<usize>,
    /// Programs freed so far (tests, `live_programs`).
    pub(super) freed: usize,
}

#[derive(Default)]
struct Candidate {
    templates: Vec<*const FunctionTemplate>,
    /// The code placed for its functions (address, bytes), every tier.
    code: Vec<(usize, usize)>,
    /// Rust callers running the program (run, direct eval).
    pins: u32,
    /// Held by the eval cache.
    cached: bool,
    /// Found dead by a collection (listed in `dead`).
    dead: bool,
}

impl Reclaim {
    /// Makes a newly loaded program of eval code a candidate.
    pub(crate) fn add(&mut self, program: usize) {
        self.candidates.insert(program, Candidate::default());
    }

    /// Notes a template made for `program`.
    pub(super) fn template(&mut self, program: usize, template: *const FunctionTemplate) {
        if let Some(c) = self.candidates.get_mut(&program) {
            c.templates.push(template);
        }
    }

    /// Notes code placed for a function of `program` (`Jit::last_code`).
    pub(super) fn code(&mut self, program: usize, code: (usize, usize)) {
        if code.1 == 0 {
            return;
        }
        if let Some(c) = self.candidates.get_mut(&program) {
            c.code.push(code);
        }
    }

    /// A Rust caller starts running `program`.
    pub(crate) fn pin(&mut self, program: usize) {
        if let Some(c) = self.candidates.get_mut(&program) {
            c.pins += 1;
        }
    }

    /// The run noted by [`Reclaim::pin`] ended.
    pub(crate) fn unpin(&mut self, program: usize) {
        if let Some(c) = self.candidates.get_mut(&program) {
            c.pins = c.pins.saturating_sub(1);
        }
    }

    /// The eval cache holds `program` and let go of `released`.
    pub(crate) fn cached(&mut self, program: usize, released: &[usize]) {
        for p in released {
            if let Some(c) = self.candidates.get_mut(p) {
                c.cached = false;
            }
        }
        if let Some(c) = self.candidates.get_mut(&program) {
            c.cached = true;
        }
    }
}

/// [`crate::runtime::HostHooks::after_marking`]: marks the candidates that
/// became dead (see the module docs). Only flags change here.
pub(crate) fn after_marking_hook(rt: &mut Runtime) {
    let stack_top = rt.stack_top();
    let exec = rt as *mut Runtime as *mut Executor;
    // SAFETY: installed only on an executor's runtime, its first field
    // (`#[repr(C)]`). Only the two tables the hook needs are borrowed, not
    // the whole executor: a collection runs inside an allocation, and no
    // code holds a borrow of the reclaim table or the code map across an
    // allocation (they are touched by loading, freeing and registering
    // code, which allocate no GC cells while they hold them).
    let (reclaim, map) = unsafe {
        (
            &mut *std::ptr::addr_of_mut!((*exec).state.reclaim),
            &*std::ptr::addr_of!((*exec).state.code_map),
        )
    };
    if reclaim.candidates.is_empty() {
        return;
    }
    let mut running = HashSet::new();
    crate::gc::stack::scan(stack_top, &mut |word| {
        if let Some(p) = map.program_at(word) {
            running.insert(p);
        }
    });
    for (&id, c) in reclaim.candidates.iter_mut() {
        let mut live = c.pins > 0 || c.cached || running.contains(&id);
        for &t in &c.templates {
            // SAFETY: a candidate's templates are boxed and freed only with
            // it, after it is removed from `candidates`.
            if unsafe { &*t }.reached.replace(false) {
                live = true;
            }
        }
        if !live && !c.dead {
            c.dead = true;
            reclaim.dead.push(id);
        }
    }
}

impl Executor {
    /// Frees the programs the last collections found dead (see the module
    /// docs). Called where no table of the executor is borrowed.
    pub(super) fn free_dead_programs(&mut self) {
        if self.state.reclaim.dead.is_empty() {
            return;
        }
        let dead = std::mem::take(&mut self.state.reclaim.dead);
        let mut freed = HashSet::new();
        let mut tables = HashSet::new();
        for id in dead {
            let Some(c) = self.state.reclaim.candidates.get_mut(&id) else {
                continue;
            };
            c.dead = false;
            if c.pins > 0 || c.cached {
                continue;
            }
            let pending = self.state.compile_thread.as_ref().is_some_and(|thread| {
                c.templates.iter().any(|&t| {
                    // SAFETY: as in `after_marking_hook`.
                    thread.is_pending(unsafe { &*t })
                })
            });
            if pending {
                // Found dead again by a later collection.
                continue;
            }
            let Some(c) = self.state.reclaim.candidates.remove(&id) else {
                continue;
            };
            // SAFETY: the program is dead (see the module docs): no frame of
            // its code is on the stack, no closure of it is left, and its
            // templates, OSR entries and cache entries go below; nothing
            // else holds the address of its code.
            unsafe { self.jit.free_code(&c.code) };
            let Some(program) = self.state.programs.remove(id) else {
                continue;
            };
            self.free_program(id, &program, &mut tables);
            freed.insert(id);
        }
        if freed.is_empty() {
            return;
        }
        self.runtime.release_inline_caches(&tables);
        if !self.state.bigints.is_empty() {
            self.state.bigints.retain(|k, _| !freed.contains(&k.0));
        }
        self.state.feedback.retain(|k, _| !freed.contains(&k.0));
        self.state.code_map.forget(&freed);
        self.state.trace.forget(&freed);
        let released = self.state.eval_cache.forget_scopes(&freed);
        self.state.reclaim.cached(usize::MAX, &released);
        let reclaim = &mut self.state.reclaim;
        reclaim.freed += freed.len();
    }

    /// Drops what the executor keeps for program `id` (`program`), and
    /// collects the addresses of its inline cache tables in `tables`.
    fn free_program(&mut self, id: usize, program: &Program, tables: &mut HashSet<usize>) {
        let state = &mut self.state;
        for f in 0..program.functions.len() as u32 {
            if let Some(t) = state.templates.remove(&(id, f)) {
                let cache = t.construct_cache.get();
                if !cache.is_null() {
                    tables.insert(cache as usize);
                }
            }
            if let Some(p) = state.caches.remove(&(id, f)) {
                if !p.is_null() {
                    tables.insert(p as usize);
                }
            }
            state.dynamic_sources.texts.remove(&(id, f));
            state.osr_lambdas.remove(&(id, f));
        }
        for s in 0..program.strings.len() as u32 {
            state.strings.remove(&(id, s));
        }
        for t in 0..program.templates.len() as u32 {
            state.template_objects.remove(&(id, t));
        }
        for l in 0..program.constant_lists.len() as u32 {
            state.constant_lists.remove(&(id, l));
        }
        for t in 0..program.case_tables.len() as u32 {
            state.case_lookups.remove(&(id, t));
        }
    }

    /// Programs loaded and not freed (tests: eval code is freed once dead).
    pub fn live_programs(&self) -> usize {
        self.state.programs.live()
    }
}
