//! Lookahead restrictions by grammar transformation.
//!
//! `[lookahead ∉ S] X Y ...` (ECMA-262 5.1.5) means: the strings of `X Y ...`
//! (followed by whatever follows the production) that do not start with a
//! sequence in `S` (sequences of one or two terminals). Two ideas:
//!
//! * A tiny automaton reads the first tokens: its states are sets of
//!   "sequences still to avoid" (state 0 is the empty set: nothing left to
//!   check). Reading `t` keeps the tails of the sequences that start with `t`;
//!   if one of them was exactly `t`, the string is rejected.
//! * A nonterminal that a restriction reaches is split into variants, one per
//!   *signature*. `Q(X)` is the set of automaton states that `X` is ever read
//!   from (a restricted occurrence `[lookahead ∉ S] X`, or `X` right after a
//!   restricted prefix such as the `let` of `let [`); it is computed first,
//!   as a least fixpoint. The signature of a string `w` of `X` is the vector
//!   of the automaton's outcomes (a state, or "rejected") after reading `w`
//!   from each state of `Q(X)`. A restricted occurrence of `X` becomes one
//!   occurrence per signature that the automaton does not reject there,
//!   continuing in the state the signature says. So `let [` at statement
//!   start excludes exactly the derivations that begin with those tokens,
//!   including those where `let` alone is an IdentifierReference that becomes
//!   the MemberExpression of `MemberExpression [ Expression ]`: the `[` is
//!   read by the parent production, in the state `X<'let'>` left behind.
//!
//! The partition of `X` into signatures does not depend on the occurrence,
//! so two variants of `X` never share a string: differently restricted
//! occurrences that share a prefix (the `for (` forms of 14.7.4/14.7.5) meet
//! in the LR automaton without conflicts, as the variants are disjoint. The
//! partition is as coarse as the restrictions that actually reach `X` allow:
//! only the first tokens of those restrictions (and the second tokens after
//! their first) split it, so an ExpressionStatement's `Expression` has three
//! variants (`let` alone, `async` alone, everything else that is allowed).
//! The inhabited signatures are a least fixpoint and the variants are
//! generated on demand, so every variant is productive.
//!
//! What remains of a restriction at the end of a production (for example
//! `[lookahead != 'else']` as its last item) becomes an *end filter* of that
//! production: those terminals are removed from the lookahead set of its
//! reduction, which also stops every shift that could only follow it. Inside
//! a variant it is carried to the parent instead, through the signature.

use std::collections::{BTreeSet, HashMap};

use crate::expand::{FItem, Flat};

/// A nonterminal of the final grammar.
#[derive(Clone, Debug)]
pub struct Nonterm {
    /// For reports: `Expression[In]`, with the restriction of a variant.
    pub name: String,
    /// The rule name, e.g. `Expression`.
    pub base: String,
    /// The parameters that are set, e.g. `In, Yield`.
    pub params: String,
}

/// A production of the final grammar. Symbols: `s < nterms` is terminal `s`,
/// otherwise nonterminal `s - nterms`.
#[derive(Clone, Debug)]
pub struct Prod {
    pub lhs: u32,
    pub rhs: Vec<u32>,
    /// Bit `i`: `[no LineTerminator here]` before `rhs[i]`.
    pub no_lt: u64,
    /// Bit `i`: `[no ASI]` before `rhs[i]`.
    pub no_asi: u64,
    /// Terminals that may not follow this production (end restrictions).
    pub end_filter: Vec<u16>,
    pub action: u16,
    /// Grammar file line of the alternative.
    pub line: usize,
}

/// The context-free grammar handed to the LR construction.
#[derive(Clone, Debug)]
pub struct Cfg {
    pub nterms: usize,
    pub nonterms: Vec<Nonterm>,
    pub prods: Vec<Prod>,
    pub starts: Vec<(String, u32)>,
    pub actions: Vec<String>,
    pub warnings: Vec<String>,
}

/// The automaton outcome "rejected".
const REJ: u32 = u32::MAX;

#[derive(Default)]
struct Automaton {
    states: Vec<Vec<Vec<u16>>>,
    index: HashMap<Vec<Vec<u16>>, u32>,
    steps: HashMap<(u32, u16), u32>,
}

impl Automaton {
    fn new() -> Self {
        let mut a = Automaton::default();
        a.intern(Vec::new());
        a
    }
    fn intern(&mut self, mut seqs: Vec<Vec<u16>>) -> u32 {
        seqs.sort();
        seqs.dedup();
        if let Some(&i) = self.index.get(&seqs) {
            return i;
        }
        self.states.push(seqs.clone());
        let i = (self.states.len() - 1) as u32;
        self.index.insert(seqs, i);
        i
    }
    /// `REJ` stays rejected; `0` stays `0`.
    fn union(&mut self, a: u32, b: u32) -> u32 {
        if a == REJ || b == 0 {
            return a;
        }
        if a == 0 {
            return b;
        }
        let mut v = self.states[a as usize].clone();
        v.extend(self.states[b as usize].iter().cloned());
        self.intern(v)
    }
    /// `REJ`: the string read so far starts with an excluded sequence.
    fn step(&mut self, q: u32, t: u16) -> u32 {
        if q == 0 || q == REJ {
            return q;
        }
        if let Some(&r) = self.steps.get(&(q, t)) {
            return r;
        }
        let mut next = Vec::new();
        let mut reject = false;
        for s in &self.states[q as usize] {
            if s[0] == t {
                if s.len() == 1 {
                    reject = true;
                } else {
                    next.push(s[1..].to_vec());
                }
            }
        }
        let r = if reject { REJ } else { self.intern(next) };
        self.steps.insert((q, t), r);
        r
    }
}

/// A signature: per state of `Q(X)` (in order), the outcome.
type Sig = Vec<u32>;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum PSym {
    T(u16),
    N(u32),
    /// The variant of nonterminal `.0` with signature number `.1` (an index
    /// into `Ctx::sig_list[.0]`).
    V(u32, u32),
}

#[derive(Clone, Debug)]
struct Path {
    syms: Vec<PSym>,
    no_lt: u64,
    no_asi: u64,
    /// Automaton state per tracked component.
    v: Vec<u32>,
}

struct Ctx<'a> {
    flat: &'a Flat,
    by_lhs: Vec<Vec<usize>>,
    auto: Automaton,
    /// Phase 1: the outcomes of reading a string of `X` from state `q`.
    outs: HashMap<(u32, u32), BTreeSet<u32>>,
    /// Phase 1: pairs asked for but not computed yet.
    demanded: Vec<(u32, u32)>,
    /// `Q(X)`, sorted.
    qs: Vec<Vec<u32>>,
    /// Phase 2: inhabited signatures per nonterminal.
    sigs: Vec<BTreeSet<Sig>>,
    /// Phase 3: the signatures, numbered.
    sig_list: Vec<Vec<Sig>>,
}

fn alive(q: u32) -> bool {
    q != 0 && q != REJ
}

impl Ctx<'_> {
    /// Phase 1: the outcomes of `items` read from `q0`, one component.
    fn scalar_outcomes(&mut self, items: &[FItem], q0: u32) -> BTreeSet<u32> {
        let mut cur: BTreeSet<u32> = [q0].into();
        for item in items {
            let mut next = BTreeSet::new();
            for &q in &cur {
                match item {
                    FItem::NoLt | FItem::NoAsi => {
                        next.insert(q);
                    }
                    FItem::Look(seqs) => {
                        let r = self.auto.intern(seqs.clone());
                        next.insert(self.auto.union(q, r));
                    }
                    FItem::T(t) => {
                        next.insert(self.auto.step(q, *t));
                    }
                    FItem::N(n) => {
                        if !alive(q) {
                            next.insert(q);
                        } else if let Some(o) = self.outs.get(&(*n, q)) {
                            next.extend(o.iter().copied());
                        } else {
                            self.outs.insert((*n, q), BTreeSet::new());
                            self.demanded.push((*n, q));
                        }
                    }
                }
            }
            next.remove(&REJ);
            cur = next;
        }
        cur
    }

    /// Phases 2 and 3: the paths of `items` with components starting at
    /// `v0`. With `split`, nonterminals are split into their variants (phase
    /// 3); otherwise only the outcomes matter (phase 2, which also keeps the
    /// all-rejected paths, so the signatures partition every string).
    fn paths(&mut self, items: &[FItem], v0: Vec<u32>, split: bool) -> Vec<Path> {
        let mut paths = vec![Path {
            syms: Vec::new(),
            no_lt: 0,
            no_asi: 0,
            v: v0,
        }];
        let mut pos = 0u32;
        for item in items {
            let bit = 1u64.checked_shl(pos).unwrap_or(0);
            match item {
                FItem::NoLt => paths.iter_mut().for_each(|p| p.no_lt |= bit),
                FItem::NoAsi => paths.iter_mut().for_each(|p| p.no_asi |= bit),
                FItem::Look(seqs) => {
                    let r = self.auto.intern(seqs.clone());
                    for p in &mut paths {
                        for q in &mut p.v {
                            *q = self.auto.union(*q, r);
                        }
                    }
                }
                FItem::T(t) => {
                    for p in &mut paths {
                        for q in &mut p.v {
                            *q = self.auto.step(*q, *t);
                        }
                        p.syms.push(PSym::T(*t));
                    }
                    if split {
                        paths.retain(|p| p.v.iter().any(|&q| q != REJ));
                    }
                    pos += 1;
                }
                FItem::N(n) => {
                    let n = *n;
                    let mut out = Vec::with_capacity(paths.len());
                    for mut p in paths {
                        if !p.v.iter().any(|&q| alive(q)) {
                            p.syms.push(PSym::N(n));
                            out.push(p);
                            continue;
                        }
                        for (si, sig) in self.sigs[n as usize].iter().enumerate() {
                            let qs = &self.qs[n as usize];
                            let mut p2 = p.clone();
                            for q in &mut p2.v {
                                if alive(*q) {
                                    // Phase 1 put every state `X` is read
                                    // from into `Q(X)`.
                                    *q = match qs.binary_search(q) {
                                        Ok(i) => sig[i],
                                        Err(_) => REJ,
                                    };
                                }
                            }
                            if split && p2.v.iter().all(|&q| q == REJ) {
                                continue;
                            }
                            // A nonterminal with a single signature is
                            // still a variant, never the plain symbol:
                            // plain items beside variant items of the same
                            // nonterminal (an arrow's parameter `x` next to
                            // the IdentifierReference `x`) let LALR merging
                            // mix their lookaheads into conflicts.
                            p2.syms.push(if split {
                                PSym::V(n, self.sig_index(n, sig))
                            } else {
                                PSym::V(n, si as u32)
                            });
                            out.push(p2);
                        }
                    }
                    paths = out;
                    pos += 1;
                }
            }
        }
        paths
    }

    fn sig_index(&self, n: u32, sig: &Sig) -> u32 {
        self.sig_list[n as usize]
            .binary_search(sig)
            .map_or(0, |i| i as u32)
    }
}

/// Shortest strings (truncated to three tokens) of every nonterminal of the
/// final grammar, for the names of the variants.
fn witnesses(nonterms: usize, nterms: usize, prods: &[Prod]) -> Vec<Option<(usize, Vec<u16>)>> {
    let mut best: Vec<Option<(usize, Vec<u16>)>> = vec![None; nonterms];
    loop {
        let mut changed = false;
        for p in prods {
            let mut len = 0usize;
            let mut toks = Vec::new();
            let mut ok = true;
            for &s in &p.rhs {
                if (s as usize) < nterms {
                    len += 1;
                    toks.push(s as u16);
                } else if let Some((l, t)) = &best[s as usize - nterms] {
                    len += l;
                    toks.extend_from_slice(t);
                } else {
                    ok = false;
                    break;
                }
                toks.truncate(3);
            }
            if ok && best[p.lhs as usize].as_ref().is_none_or(|(l, _)| len < *l) {
                best[p.lhs as usize] = Some((len, toks));
                changed = true;
            }
        }
        if !changed {
            return best;
        }
    }
}

/// Applies the lookahead restrictions and removes the annotations.
pub fn transform(flat: &Flat, terminals: &[String]) -> Cfg {
    let nterms = terminals.len();
    let nflat = flat.nonterms.len();
    let mut by_lhs: Vec<Vec<usize>> = vec![Vec::new(); nflat];
    for (i, p) in flat.prods.iter().enumerate() {
        by_lhs[p.lhs as usize].push(i);
    }
    let mut warnings = Vec::new();
    for p in &flat.prods {
        for it in &p.items {
            if let FItem::Look(seqs) = it {
                if seqs.iter().any(|s| s.len() > 2) {
                    warnings.push(format!(
                        "line {}: lookahead sequences longer than two tokens are checked on their first two tokens only",
                        p.line
                    ));
                }
            }
        }
    }
    let mut cx = Ctx {
        flat,
        by_lhs,
        auto: Automaton::new(),
        outs: HashMap::new(),
        demanded: Vec::new(),
        qs: vec![Vec::new(); nflat],
        sigs: vec![BTreeSet::new(); nflat],
        sig_list: vec![Vec::new(); nflat],
    };

    // Phase 1: Q(X), from the restricted occurrences in the plain
    // productions, as a least fixpoint of the outcomes.
    for fp in &flat.prods {
        cx.scalar_outcomes(&fp.items, 0);
    }
    loop {
        let mut changed = false;
        let keys: Vec<(u32, u32)> = cx.demanded.clone();
        let keys_len = keys.len();
        for (n, q) in keys {
            let mut all = BTreeSet::new();
            for pi in cx.by_lhs[n as usize].clone() {
                let o = cx.scalar_outcomes(&cx.flat.prods[pi].items, q);
                all.extend(o);
            }
            let entry = cx.outs.entry((n, q)).or_default();
            if !all.is_subset(entry) {
                entry.extend(all);
                changed = true;
            }
        }
        if !changed && cx.demanded.len() == keys_len {
            break;
        }
    }
    for &(n, q) in &cx.demanded {
        cx.qs[n as usize].push(q);
    }
    for q in &mut cx.qs {
        q.sort_unstable();
        q.dedup();
    }

    // Phase 2: the inhabited signatures, as a least fixpoint.
    let split_nts: Vec<u32> = (0..nflat as u32)
        .filter(|&n| !cx.qs[n as usize].is_empty())
        .collect();
    loop {
        let mut changed = false;
        for &n in &split_nts {
            for pi in cx.by_lhs[n as usize].clone() {
                let v0 = cx.qs[n as usize].clone();
                for p in cx.paths(&cx.flat.prods[pi].items, v0, false) {
                    changed |= cx.sigs[n as usize].insert(p.v);
                }
            }
        }
        if !changed {
            break;
        }
    }
    for n in 0..nflat {
        cx.sig_list[n] = cx.sigs[n].iter().cloned().collect();
    }

    // Phase 3: the productions, variants on demand.
    let mut nonterms: Vec<Nonterm> = flat
        .nonterms
        .iter()
        .map(|n| Nonterm {
            name: n.display(),
            base: n.base.clone(),
            params: n.params.clone(),
        })
        .collect();
    let mut variant_id: HashMap<(u32, u32), u32> = HashMap::new();
    let mut queue: Vec<(u32, u32, u32)> = Vec::new();
    let mut prods = Vec::new();
    let mut sym_of =
        |s: &PSym, nonterms: &mut Vec<Nonterm>, queue: &mut Vec<(u32, u32, u32)>| match *s {
            PSym::T(t) => t as u32,
            PSym::N(n) => n + nterms as u32,
            PSym::V(n, si) => {
                let id = *variant_id.entry((n, si)).or_insert_with(|| {
                    let base = &flat.nonterms[n as usize];
                    nonterms.push(Nonterm {
                        name: base.display(),
                        base: base.base.clone(),
                        params: base.params.clone(),
                    });
                    let id = (nonterms.len() - 1) as u32;
                    queue.push((n, si, id));
                    id
                });
                id + nterms as u32
            }
        };
    for fp in &flat.prods {
        for p in cx.paths(&fp.items, vec![0], true) {
            let rhs = p
                .syms
                .iter()
                .map(|s| sym_of(s, &mut nonterms, &mut queue))
                .collect();
            let mut filter = Vec::new();
            if p.v[0] != 0 {
                for s in &cx.auto.states[p.v[0] as usize] {
                    if s.len() == 1 {
                        filter.push(s[0]);
                    } else {
                        warnings.push(format!(
                            "line {}: the lookahead restriction sequence `{}` reaches the end of {} and is ignored there",
                            fp.line,
                            s.iter().map(|&t| terminals[t as usize].as_str()).collect::<Vec<_>>().join(" "),
                            flat.nonterms[fp.lhs as usize].display(),
                        ));
                    }
                }
            }
            prods.push(Prod {
                lhs: fp.lhs,
                rhs,
                no_lt: p.no_lt,
                no_asi: p.no_asi,
                end_filter: filter,
                action: fp.action,
                line: fp.line,
            });
        }
    }
    let mut done = 0;
    while done < queue.len() {
        let (nt, si, lhs) = queue[done];
        done += 1;
        let sig = cx.sig_list[nt as usize][si as usize].clone();
        for pi in cx.by_lhs[nt as usize].clone() {
            let fp = &flat.prods[pi];
            let v0 = cx.qs[nt as usize].clone();
            for p in cx.paths(&fp.items, v0, true) {
                if p.v != sig {
                    continue;
                }
                let rhs = p
                    .syms
                    .iter()
                    .map(|s| sym_of(s, &mut nonterms, &mut queue))
                    .collect();
                prods.push(Prod {
                    lhs,
                    rhs,
                    no_lt: p.no_lt,
                    no_asi: p.no_asi,
                    end_filter: Vec::new(),
                    action: fp.action,
                    line: fp.line,
                });
            }
        }
    }
    // Name the variants by a shortest string: `MemberExpression<'let'>`,
    // `Expression[In]<Identifier ...>`.
    let w = witnesses(nonterms.len(), nterms, &prods);
    for (i, nt) in nonterms.iter_mut().enumerate().skip(nflat) {
        let desc = match &w[i] {
            None => "?".to_string(),
            Some((0, _)) => "empty".to_string(),
            Some((len, toks)) => {
                let shown = toks.len().min(2);
                let mut s: Vec<&str> = toks[..shown]
                    .iter()
                    .map(|&t| terminals[t as usize].as_str())
                    .collect();
                if *len > shown {
                    s.push("...");
                }
                s.join(" ")
            }
        };
        nt.name = format!("{}<{desc}>", nt.name);
    }
    warnings.sort();
    warnings.dedup();
    Cfg {
        nterms,
        nonterms,
        prods,
        starts: flat.starts.clone(),
        actions: flat.actions.clone(),
        warnings,
    }
}
