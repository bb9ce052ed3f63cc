//! Unit-production elimination ("chain rule elimination": Anderson, Eve and
//! Horning, "Efficient LR(1) parsers", Acta Informatica 2, 1973; Pager,
//! "On eliminating unit productions from LR(k) parsers", 1974).
//!
//! Most reductions of an expression grammar are by unit productions without
//! an action label (`AdditiveExpression : MultiplicativeExpression`): they
//! pop one symbol, push its left-hand side, and the syntax processor does
//! nothing for them. This pass removes them from the automaton after the
//! LALR(1) construction and conflict detection, so it cannot change the
//! language or hide a conflict.
//!
//! # Construction
//!
//! Take a transition `s --X--> r0` (GOTO or shift). In `r0`, on lookahead
//! `t`, the parser may reduce a *skippable* production `A1 : X` (unit,
//! `Pass`), landing in `r1 = GOTO(s, A1)`; there it may reduce `A2 : A1`, and
//! so on, until some state `rk` has another action on `t` (a shift, a
//! reduction by a longer production, accept, or an error). These walks depend
//! only on `t` and on the GOTO row of `s` for the `Ai`, so they can be
//! computed once per transition. A *merged state* `M` replaces `r0` as the
//! target of that transition: its action on `t` is the action of the state
//! where the walk for `t` ends, and its GOTO row is the union of the GOTO
//! rows of all the states `ri` that the walks visit (a symbol pushed on top
//! of `M`'s frame was started by one of them). The frame of `M` stands for
//! whichever `Ai` the walk chose: the symbol count and span are the same.
//!
//! Walks enter only states with at least `min_indeg` incoming transitions.
//! The states near the top of a chain (`ReturnStatement : return Expression
//! . ;`) are specific to one context, and merging through them would make
//! one merged state per context and chain level (about 86,000 states for
//! ECMAScript instead of 12,000); the last unit reductions into them stay
//! real reductions.
//!
//! When two visited states would need different GOTO targets for the same
//! nonterminal, the walk stops before the second one and `M` keeps the unit
//! reduction as a real action for those lookaheads (the driver performs it
//! as before). Merged states are keyed by `r0` and the GOTO targets of the
//! `Ai` they may visit, so two transitions with the same key share one
//! state. The pass runs to a fixed point (merged states have transitions of
//! their own), then drops the states no longer reachable from a start state.
//!
//! # Preserved behaviour
//!
//! * Default reductions: a state whose only action is one reduction reduces
//!   without reading a token, so a walk passes through it on every
//!   lookahead. A merged state is itself a default-reduction state only when
//!   every state of its walk up to the decision is one; otherwise the token
//!   is read with the lexical goal of the first state that reads it in the
//!   original automaton ([`Merged::info_terminals`], and that state's items
//!   for the do-while flag).
//! * Errors: on a token whose walk fails after some unit reductions, `M`
//!   performs the first of them for real, and so on, so the error is found in
//!   the same state as without elimination. This matters for automatic
//!   semicolon insertion, which asks the rejecting state whether it has an
//!   action on `;`. It costs nothing on valid input without ASI.
//! * Shift flags (`[no LineTerminator here]`, `[no ASI]`) are those of the
//!   state where the walk shifts.

use std::collections::HashMap;

use crate::lr::{Act, Lalr, State};

/// What a merged state keeps from the original states it stands for.
#[derive(Clone, Debug, Default)]
pub struct Merged {
    /// Every state of the walk up to the decision reduces by default: the
    /// merged state reduces without reading a token too.
    pub default: bool,
    /// The terminals on which the first token-reading state of the walk has
    /// an action (for the lexical goal of the merged state).
    pub info_terminals: Vec<u16>,
}

/// Whether reductions by `p` can be skipped: a unit production without an
/// action label or end restriction.
pub fn skippable(lalr: &Lalr, p: u32) -> bool {
    let pr = &lalr.cfg.prods[p as usize];
    pr.action == 0 && pr.rhs.len() == 1 && pr.end_filter.is_empty()
}

struct Ctx<'a> {
    lalr: &'a Lalr,
    /// The original states (before any rewriting).
    orig: Vec<State>,
    skip: Vec<bool>,
    nterms: usize,
    /// Per original state: how many states have a transition into it.
    indeg: Vec<u32>,
    min_indeg: u32,
}

impl Ctx<'_> {
    /// The production an original state reduces without reading a token.
    fn default_of(&self, r: u32) -> Option<u32> {
        let st = &self.orig[r as usize];
        let shifts = st.actions.iter().any(|(_, a)| !matches!(a, Act::Reduce(_)));
        if st.reductions.len() == 1
            && !shifts
            && self.lalr.cfg.prods[st.reductions[0] as usize]
                .end_filter
                .is_empty()
        {
            Some(st.reductions[0])
        } else {
            None
        }
    }

    /// The action the driver takes in original state `r` on terminal `t`.
    fn action(&self, r: u32, t: u16) -> Option<Act> {
        if let Some(p) = self.default_of(r) {
            return Some(Act::Reduce(p));
        }
        let a = &self.orig[r as usize].actions;
        a.binary_search_by_key(&t, |&(u, _)| u).ok().map(|i| a[i].1)
    }

    fn lhs_sym(&self, p: u32) -> u32 {
        self.nterms as u32 + self.lalr.cfg.prods[p as usize].lhs
    }

    /// The key of the merged state for a transition to `root` from a state
    /// with (original) transitions `below`: `root` and the GOTO targets of
    /// the skippable left-hand sides reachable from it. `None` when `root`
    /// reduces no skippable production.
    fn key(&self, below: &[(u32, u32)], root: u32) -> Option<Vec<(u32, u32)>> {
        let mut nodes = vec![(u32::MAX, root)];
        let mut i = 0;
        while i < nodes.len() {
            let r = nodes[i].1;
            let prods = match self.default_of(r) {
                Some(p) => vec![p],
                None => self.orig[r as usize].reductions.clone(),
            };
            for p in prods {
                if !self.skip[p as usize] {
                    continue;
                }
                let a = self.lhs_sym(p);
                if nodes.iter().any(|n| n.0 == a) {
                    continue;
                }
                if let Ok(j) = below.binary_search_by_key(&a, |&(x, _)| x) {
                    let r = below[j].1;
                    if self.indeg[r as usize] >= self.min_indeg {
                        nodes.push((a, r));
                    }
                }
            }
            i += 1;
        }
        (nodes.len() > 1).then_some(nodes)
    }

    /// Builds the merged state of `key`; returns it with its transitions to
    /// original states.
    fn build(&self, key: &[(u32, u32)]) -> State {
        let goto_of = |a: u32| key.iter().find(|n| n.0 == a).map(|n| n.1);
        let root = key[0].1;
        let nt_row = |r: u32| {
            self.orig[r as usize]
                .trans
                .iter()
                .copied()
                .filter(|&(x, _)| x as usize >= self.nterms)
        };
        let mut included = vec![root];
        let mut row: Vec<(u32, u32)> = nt_row(root).collect();
        let mut st = State::default();
        for t in 0..self.nterms as u16 {
            let mut cur = root;
            let mut first = None;
            let fin = loop {
                match self.action(cur, t) {
                    Some(Act::Reduce(p)) if self.skip[p as usize] => {
                        first.get_or_insert(p);
                        let Some(next) = goto_of(self.lhs_sym(p)) else {
                            break Some(Act::Reduce(p));
                        };
                        if included.contains(&next) {
                            cur = next;
                            continue;
                        }
                        let consistent = nt_row(next).all(|(x, y)| {
                            row.binary_search_by_key(&x, |&(z, _)| z)
                                .map_or(true, |i| row[i].1 == y)
                        });
                        if !consistent {
                            break Some(Act::Reduce(p));
                        }
                        included.push(next);
                        for e in nt_row(next) {
                            if let Err(i) = row.binary_search_by_key(&e.0, |&(z, _)| z) {
                                row.insert(i, e);
                            }
                        }
                        cur = next;
                    }
                    a => break a,
                }
            };
            // An error found after unit reductions stays where the LALR(1)
            // parser finds it: the merged state reduces for real, so that
            // automatic semicolon insertion asks the state that rejects the
            // token (`let \n await 0` in an async function is an error, not
            // `let; await 0`).
            let fin = match (fin, first) {
                (None, Some(p)) => Some(Act::Reduce(p)),
                (fin, _) => fin,
            };
            let Some(a) = fin else { continue };
            st.actions.push((t, a));
            if let Act::Shift(q) = a {
                let o = &self.orig[cur as usize];
                if o.no_lt.binary_search(&t).is_ok() {
                    st.no_lt.push(t);
                }
                if o.no_asi.binary_search(&t).is_ok() {
                    st.no_asi.push(t);
                }
                st.trans.push((t as u32, q));
            }
        }
        st.trans.extend(row);
        for &(_, a) in &st.actions {
            if let Act::Reduce(p) = a {
                if !st.reductions.contains(&p) {
                    st.reductions.push(p);
                }
            }
        }
        st.reductions.sort_unstable();
        // The state that reads the token (lexical goal, do-while flag).
        let mut cur = root;
        let mut merged = Merged::default();
        loop {
            match self.default_of(cur) {
                Some(p) if self.skip[p as usize] => match goto_of(self.lhs_sym(p)) {
                    Some(next) if included.contains(&next) => cur = next,
                    _ => {
                        merged.default = true;
                        break;
                    }
                },
                Some(_) => {
                    merged.default = true;
                    break;
                }
                None => break,
            }
        }
        let o = &self.orig[cur as usize];
        merged.info_terminals = o.actions.iter().map(|&(t, _)| t).collect();
        st.kernel = o.kernel.clone();
        st.items = o.items.clone();
        st.merged = Some(merged);
        st
    }
}

/// Eliminates skippable unit reductions from `lalr` (see the module
/// documentation), walking only into states with at least `min_indeg`
/// incoming transitions. Returns the number of merged states in the result.
pub fn eliminate(lalr: &mut Lalr, min_indeg: u32) -> usize {
    let nterms = lalr.cfg.nterms;
    let skip: Vec<bool> = (0..lalr.cfg.prods.len() as u32)
        .map(|p| skippable(lalr, p))
        .collect();
    let orig = lalr.states.clone();
    let mut states = lalr.states.clone();
    let mut orig_trans: Vec<Vec<(u32, u32)>> = orig.iter().map(|s| s.trans.clone()).collect();
    let mut indeg = vec![0u32; orig.len()];
    for st in &orig {
        for &(_, t) in &st.trans {
            indeg[t as usize] += 1;
        }
    }
    let ctx = Ctx {
        lalr,
        orig,
        skip,
        nterms,
        indeg,
        min_indeg,
    };
    let mut index: HashMap<Vec<(u32, u32)>, u32> = HashMap::new();
    let mut s = 0;
    while s < states.len() {
        let row = orig_trans[s].clone();
        for (i, &(x, q)) in row.iter().enumerate() {
            let Some(key) = ctx.key(&row, q) else {
                continue;
            };
            let id = match index.get(&key) {
                Some(&id) => id,
                None => {
                    let id = states.len() as u32;
                    let st = ctx.build(&key);
                    orig_trans.push(st.trans.clone());
                    states.push(st);
                    index.insert(key, id);
                    id
                }
            };
            let st = &mut states[s];
            st.trans[i].1 = id;
            if (x as usize) < nterms {
                if let Ok(j) = st.actions.binary_search_by_key(&(x as u16), |&(t, _)| t) {
                    if st.actions[j].1 == Act::Shift(q) {
                        st.actions[j].1 = Act::Shift(id);
                    }
                }
            }
        }
        s += 1;
    }
    // Drop the states that are no longer reachable, keeping the order.
    let mut reach = vec![false; states.len()];
    let mut stack: Vec<u32> = lalr.start_states.clone();
    for &s in &stack {
        reach[s as usize] = true;
    }
    while let Some(s) = stack.pop() {
        for &(_, t) in &states[s as usize].trans {
            if !reach[t as usize] {
                reach[t as usize] = true;
                stack.push(t);
            }
        }
    }
    let mut new_id = vec![u32::MAX; states.len()];
    let mut kept = Vec::new();
    for (i, st) in states.into_iter().enumerate() {
        if reach[i] {
            new_id[i] = kept.len() as u32;
            kept.push(st);
        }
    }
    for st in &mut kept {
        for e in &mut st.trans {
            e.1 = new_id[e.1 as usize];
        }
        for e in &mut st.actions {
            if let Act::Shift(q) = &mut e.1 {
                *q = new_id[*q as usize];
            }
        }
    }
    for s in &mut lalr.start_states {
        *s = new_id[*s as usize];
    }
    let merged = kept.iter().filter(|s| s.merged.is_some()).count();
    lalr.states = kept;
    merged
}
