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
//! * Nonterminals are split into context-free *prefix classes* by their first
//!   two tokens, relative to the set `R` of terminals that occur in any
//!   restriction: `X<empty>` (the empty derivations), `X<other>` (first token
//!   not in `R`), `X<t>` (exactly the one token `t`), `X<t ...>` (`t` then a
//!   token that never follows `t` in a restriction) and `X<t u ...>`. Every
//!   string of `X` is in exactly one class, and a restricted occurrence of `X`
//!   becomes one occurrence per class the automaton accepts, the automaton
//!   continuing in the state the class leaves it in. So `let [` at statement
//!   start excludes exactly the derivations that begin with those tokens,
//!   including those where `let` alone is an IdentifierReference that becomes
//!   the MemberExpression of `MemberExpression [ Expression ]`: the `[` is
//!   read by the parent production, in the state `X<let>` left behind.
//!
//! Because the classes do not depend on the restriction, differently
//! restricted occurrences that share a prefix (the three `for (` forms of
//! 14.7.4/14.7.5) share the same nonterminals, and no conflict appears
//! between them: LR(1) only has to tell the classes apart, which their first
//! two tokens do. The inhabited classes are a least fixpoint and the class
//! variants are generated on demand, so every variant is productive.
//!
//! What remains of a restriction at the end of a production (for example
//! `[lookahead != 'else']` as its last item) becomes an *end filter*: those
//! terminals are removed from the lookahead set of that production's
//! reduction, which also stops every shift that could only follow it.

use std::collections::{BTreeSet, HashMap, HashSet};

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

#[derive(Default)]
struct Automaton {
    states: Vec<Vec<Vec<u16>>>,
    index: HashMap<Vec<Vec<u16>>, u32>,
    steps: HashMap<(u32, u16), Option<u32>>,
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
    fn union(&mut self, a: u32, b: u32) -> u32 {
        if a == 0 {
            return b;
        }
        if b == 0 {
            return a;
        }
        let mut v = self.states[a as usize].clone();
        v.extend(self.states[b as usize].iter().cloned());
        self.intern(v)
    }
    /// `None`: the string read so far starts with an excluded sequence.
    fn step(&mut self, q: u32, t: u16) -> Option<u32> {
        if q == 0 {
            return Some(0);
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
        let r = if reject {
            None
        } else {
            Some(self.intern(next))
        };
        self.steps.insert((q, t), r);
        r
    }
}

/// A prefix class (see the module documentation).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
enum Cls {
    Empty,
    Other,
    One(u16),
    OneMore(u16),
    Two(u16, u16),
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum PSym {
    T(u16),
    N(u32),
    /// The class `.1` of nonterminal `.0`.
    V(u32, Cls),
}

#[derive(Clone, Debug)]
struct Path {
    syms: Vec<PSym>,
    no_lt: u64,
    no_asi: u64,
    /// Prefix class of what the path has read so far.
    p: Cls,
    /// Restriction automaton state.
    q: u32,
}

struct Ctx<'a> {
    flat: &'a Flat,
    auto: Automaton,
    /// Terminals occurring in restrictions.
    r1: Vec<bool>,
    /// (t, u) pairs of two-token restrictions.
    r2: HashSet<(u16, u16)>,
    inhabited: Vec<BTreeSet<Cls>>,
}

fn determined(p: Cls) -> bool {
    matches!(p, Cls::Other | Cls::OneMore(_) | Cls::Two(..))
}

impl Ctx<'_> {
    fn term_cls(&self, v: u16) -> Cls {
        if self.r1[v as usize] {
            Cls::One(v)
        } else {
            Cls::Other
        }
    }

    /// The class of `a b` where `a` has class `p` and `b` class `c`.
    fn combine(&self, p: Cls, c: Cls) -> Cls {
        match p {
            Cls::Empty => c,
            Cls::One(t) => {
                let first = match c {
                    Cls::Empty => return p,
                    Cls::Other => None,
                    Cls::One(v) | Cls::OneMore(v) | Cls::Two(v, _) => Some(v),
                };
                match first {
                    Some(v) if self.r2.contains(&(t, v)) => Cls::Two(t, v),
                    _ => Cls::OneMore(t),
                }
            }
            _ => p,
        }
    }

    /// The automaton state after reading a string of class `c` from `q`.
    fn exit(&mut self, q: u32, c: Cls) -> Option<u32> {
        if q == 0 {
            return Some(0);
        }
        match c {
            Cls::Empty => Some(q),
            // The first token is not in any restriction.
            Cls::Other => Some(0),
            Cls::One(t) => self.auto.step(q, t),
            // After `t`, only the second tokens of `t`'s pairs are left, and
            // the next token is none of them.
            Cls::OneMore(t) => self.auto.step(q, t).map(|_| 0),
            Cls::Two(t, u) => {
                let q1 = self.auto.step(q, t)?;
                self.auto.step(q1, u).map(|_| 0)
            }
        }
    }

    fn paths(&mut self, items: &[FItem], p0: Cls) -> Vec<Path> {
        let mut paths = vec![Path {
            syms: Vec::new(),
            no_lt: 0,
            no_asi: 0,
            p: p0,
            q: 0,
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
                        p.q = self.auto.union(p.q, r);
                    }
                }
                FItem::T(t) => {
                    let c = self.term_cls(*t);
                    let mut out = Vec::with_capacity(paths.len());
                    for mut p in paths {
                        if let Some(q) = self.auto.step(p.q, *t) {
                            p.q = q;
                            p.p = self.combine(p.p, c);
                            p.syms.push(PSym::T(*t));
                            out.push(p);
                        }
                    }
                    paths = out;
                    pos += 1;
                }
                FItem::N(n) => {
                    let mut out = Vec::with_capacity(paths.len());
                    for mut p in paths {
                        if p.q == 0 && determined(p.p) {
                            p.syms.push(PSym::N(*n));
                            out.push(p);
                            continue;
                        }
                        let classes: Vec<Cls> =
                            self.inhabited[*n as usize].iter().copied().collect();
                        for c in classes {
                            let Some(q) = self.exit(p.q, c) else { continue };
                            let mut p2 = p.clone();
                            p2.syms.push(PSym::V(*n, c));
                            p2.q = q;
                            p2.p = self.combine(p.p, c);
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
}

fn cls_name(c: Cls, terminals: &[String]) -> String {
    let t = |x: u16| terminals[x as usize].as_str();
    match c {
        Cls::Empty => "<empty>".into(),
        Cls::Other => "<other>".into(),
        Cls::One(a) => format!("<{}>", t(a)),
        Cls::OneMore(a) => format!("<{} ...>", t(a)),
        Cls::Two(a, b) => format!("<{} {} ...>", t(a), t(b)),
    }
}

/// Applies the lookahead restrictions and removes the annotations.
pub fn transform(flat: &Flat, terminals: &[String]) -> Cfg {
    let nterms = terminals.len();
    let mut by_lhs: Vec<Vec<usize>> = vec![Vec::new(); flat.nonterms.len()];
    for (i, p) in flat.prods.iter().enumerate() {
        by_lhs[p.lhs as usize].push(i);
    }
    let mut r1 = vec![false; nterms];
    let mut r2 = HashSet::new();
    let mut warnings = Vec::new();
    for p in &flat.prods {
        for it in &p.items {
            if let FItem::Look(seqs) = it {
                for s in seqs {
                    for &t in s {
                        r1[t as usize] = true;
                    }
                    if s.len() == 2 {
                        r2.insert((s[0], s[1]));
                    }
                    if s.len() > 2 {
                        warnings.push(format!(
                            "line {}: lookahead sequences longer than two tokens are checked on their first two tokens only",
                            p.line
                        ));
                    }
                }
            }
        }
    }
    let mut cx = Ctx {
        flat,
        auto: Automaton::new(),
        r1,
        r2,
        inhabited: vec![BTreeSet::new(); flat.nonterms.len()],
    };
    let any_restriction = cx.r1.iter().any(|&b| b);
    // Least fixpoint of the inhabited classes.
    loop {
        if !any_restriction {
            break;
        }
        let mut changed = false;
        for (nt, prods_of) in by_lhs.iter().enumerate() {
            for &pi in prods_of {
                for path in cx.paths(&cx.flat.prods[pi].items, Cls::Empty) {
                    changed |= cx.inhabited[nt].insert(path.p);
                }
            }
        }
        if !changed {
            break;
        }
    }

    let mut nonterms: Vec<Nonterm> = flat
        .nonterms
        .iter()
        .map(|n| Nonterm {
            name: n.display(),
            base: n.base.clone(),
            params: n.params.clone(),
        })
        .collect();
    let mut variant_id: HashMap<(u32, Cls), u32> = HashMap::new();
    let mut queue: Vec<(u32, Cls, u32)> = Vec::new();
    let mut prods = Vec::new();
    let mut sym_of =
        |s: &PSym, nonterms: &mut Vec<Nonterm>, queue: &mut Vec<(u32, Cls, u32)>| -> u32 {
            match *s {
                PSym::T(t) => t as u32,
                PSym::N(n) => n + nterms as u32,
                PSym::V(n, c) => {
                    let id = *variant_id.entry((n, c)).or_insert_with(|| {
                        let base = &flat.nonterms[n as usize];
                        nonterms.push(Nonterm {
                            name: format!("{}{}", base.display(), cls_name(c, terminals)),
                            base: base.base.clone(),
                            params: base.params.clone(),
                        });
                        let id = (nonterms.len() - 1) as u32;
                        queue.push((n, c, id));
                        id
                    });
                    id + nterms as u32
                }
            }
        };
    let end_filter = |p: &Path,
                      line: usize,
                      lhs_name: &str,
                      auto: &Automaton,
                      warnings: &mut Vec<String>| {
        let mut f = Vec::new();
        for s in &auto.states[p.q as usize] {
            if s.len() == 1 {
                f.push(s[0]);
            } else {
                warnings.push(format!(
                    "line {line}: the lookahead restriction sequence `{}` reaches the end of {lhs_name} and is ignored there",
                    s.iter().map(|&t| terminals[t as usize].as_str()).collect::<Vec<_>>().join(" "),
                ));
            }
        }
        f
    };
    for fp in &flat.prods {
        for p in cx.paths(&fp.items, Cls::Other) {
            let rhs = p
                .syms
                .iter()
                .map(|s| sym_of(s, &mut nonterms, &mut queue))
                .collect();
            let filter = end_filter(
                &p,
                fp.line,
                &flat.nonterms[fp.lhs as usize].display(),
                &cx.auto,
                &mut warnings,
            );
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
        let (nt, c, lhs) = queue[done];
        done += 1;
        for &pi in &by_lhs[nt as usize] {
            let fp = &flat.prods[pi];
            for p in cx.paths(&fp.items, Cls::Empty) {
                if p.p != c {
                    continue;
                }
                let rhs = p
                    .syms
                    .iter()
                    .map(|s| sym_of(s, &mut nonterms, &mut queue))
                    .collect();
                let filter = end_filter(
                    &p,
                    fp.line,
                    &nonterms[lhs as usize].name.clone(),
                    &cx.auto,
                    &mut warnings,
                );
                prods.push(Prod {
                    lhs,
                    rhs,
                    no_lt: p.no_lt,
                    no_asi: p.no_asi,
                    end_filter: filter,
                    action: fp.action,
                    line: fp.line,
                });
            }
        }
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
