//! LR(0) automaton and LALR(1) lookaheads (DeRemer & Pennello, "Efficient
//! Computation of LALR(1) Look-Ahead Sets", TOPLAS 1982), the ACTION/GOTO
//! entries, and conflict detection with reports.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::lookahead::{Cfg, Nonterm, Prod};

/// One entry of the ACTION table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Shift(u32),
    Reduce(u32),
    Accept,
}

/// An LR(0) state with its LALR(1) actions.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Kernel item ids (sorted).
    pub kernel: Vec<u32>,
    /// Kernel and closure item ids.
    pub items: Vec<u32>,
    /// Transitions on symbols (terminal `s < nterms`, else nonterminal), sorted.
    pub trans: Vec<(u32, u32)>,
    /// Productions reduced in this state.
    pub reductions: Vec<u32>,
    /// Terminal actions, sorted by terminal, conflicts resolved to the first.
    pub actions: Vec<(u16, Act)>,
    /// Terminals whose shift is under `[no LineTerminator here]`.
    pub no_lt: Vec<u16>,
    /// Terminals whose shift is under `[no ASI]`.
    pub no_asi: Vec<u16>,
    /// Per reduction: its lookahead terminals (after end filters).
    pub lookaheads: Vec<Vec<u16>>,
    /// Set on the states made by unit-production elimination
    /// ([`crate::units`]).
    pub merged: Option<crate::units::Merged>,
}

/// The automaton of the augmented grammar.
pub struct Lalr {
    /// The grammar with one `$accept_S -> S EOF` production per start symbol
    /// appended (nonterminals and productions after the originals).
    pub cfg: Cfg,
    pub states: Vec<State>,
    /// Start state per start symbol, in `cfg.starts` order.
    pub start_states: Vec<u32>,
    pub conflicts: Vec<String>,
    /// Items: production and dot per item id.
    pub item_prod: Vec<u32>,
    pub item_dot: Vec<u16>,
    pub prod_first_item: Vec<u32>,
    /// Grammar names of the terminals.
    pub terminal_names: Vec<String>,
}

struct Bits {
    words: usize,
    data: Vec<u64>,
}

impl Bits {
    fn new(rows: usize, bits: usize) -> Self {
        let words = bits.div_ceil(64).max(1);
        Bits {
            words,
            data: vec![0; rows * words],
        }
    }
    fn set(&mut self, row: usize, bit: usize) {
        self.data[row * self.words + bit / 64] |= 1 << (bit % 64);
    }
    fn union_into(&mut self, dst: usize, src: usize) {
        if dst == src {
            return;
        }
        for w in 0..self.words {
            let v = self.data[src * self.words + w];
            self.data[dst * self.words + w] |= v;
        }
    }
    fn copy_into(&mut self, dst: usize, src: usize) {
        for w in 0..self.words {
            self.data[dst * self.words + w] = self.data[src * self.words + w];
        }
    }
    fn iter_row(&self, row: usize) -> impl Iterator<Item = usize> + '_ {
        let words = &self.data[row * self.words..(row + 1) * self.words];
        words.iter().enumerate().flat_map(|(wi, &w)| {
            (0..64)
                .filter(move |b| w & (1u64 << b) != 0)
                .map(move |b| wi * 64 + b)
        })
    }
}

/// DeRemer & Pennello's DIGRAPH: `F(x) = F'(x) ∪ ⋃{F(y) | x R y}`, by
/// Tarjan's SCC traversal, iteratively so deep relations cannot overflow the
/// stack.
fn digraph(edges: &[Vec<u32>], f: &mut Bits) {
    let n = edges.len();
    let infinity = usize::MAX;
    let mut depth = vec![0usize; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut frames: Vec<(u32, usize, usize)> = Vec::new(); // (x, next edge, d)
    for start in 0..n {
        if depth[start] != 0 {
            continue;
        }
        stack.push(start as u32);
        depth[start] = stack.len();
        frames.push((start as u32, 0, stack.len()));
        while let Some(frame) = frames.last_mut() {
            let x = frame.0 as usize;
            if frame.1 < edges[x].len() {
                let y = edges[x][frame.1] as usize;
                frame.1 += 1;
                if depth[y] == 0 {
                    stack.push(y as u32);
                    depth[y] = stack.len();
                    frames.push((y as u32, 0, stack.len()));
                    continue;
                }
                depth[x] = depth[x].min(depth[y]);
                f.union_into(x, y);
                continue;
            }
            let d = frame.2;
            frames.pop();
            if depth[x] == d {
                while let Some(top) = stack.pop() {
                    let top = top as usize;
                    depth[top] = infinity;
                    if top == x {
                        break;
                    }
                    f.copy_into(top, x);
                }
            }
            if let Some(parent) = frames.last() {
                let p = parent.0 as usize;
                depth[p] = depth[p].min(depth[x]);
                f.union_into(p, x);
            }
        }
    }
}

impl Lalr {
    pub fn sym_name(&self, s: u32) -> String {
        if (s as usize) < self.cfg.nterms {
            self.terminal_names[s as usize].clone()
        } else {
            self.cfg.nonterms[s as usize - self.cfg.nterms].name.clone()
        }
    }

    pub fn item_string(&self, item: u32) -> String {
        let p = &self.cfg.prods[self.item_prod[item as usize] as usize];
        let dot = self.item_dot[item as usize] as usize;
        let mut s = format!("{} ->", self.cfg.nonterms[p.lhs as usize].name);
        for (i, &x) in p.rhs.iter().enumerate() {
            if i == dot {
                s.push_str(" .");
            }
            if p.no_lt & (1 << i) != 0 {
                s.push_str(" [no LineTerminator here]");
            }
            if p.no_asi & (1 << i) != 0 {
                s.push_str(" [no ASI]");
            }
            s.push(' ');
            s.push_str(&self.sym_name(x));
        }
        if dot == p.rhs.len() {
            s.push_str(" .");
        }
        if !p.end_filter.is_empty() {
            let names: Vec<&str> = p
                .end_filter
                .iter()
                .map(|&t| self.cfg_terminal(t as u32))
                .collect();
            let _ = write!(s, "  [lookahead not in {{ {} }}]", names.join(", "));
        }
        let _ = write!(s, "   (line {})", p.line);
        s
    }

    fn cfg_terminal(&self, t: u32) -> &str {
        &self.terminal_names[t as usize]
    }

    fn next_sym(&self, item: u32) -> Option<u32> {
        let p = &self.cfg.prods[self.item_prod[item as usize] as usize];
        p.rhs.get(self.item_dot[item as usize] as usize).copied()
    }

    pub fn goto(&self, state: u32, sym: u32) -> Option<u32> {
        let t = &self.states[state as usize].trans;
        t.binary_search_by_key(&sym, |&(s, _)| s)
            .ok()
            .map(|i| t[i].1)
    }
}

/// Builds the automaton. `eof` is the end-of-input terminal.
pub fn build(mut cfg: Cfg, terminals: &[String], eof: u16) -> Lalr {
    let nterms = cfg.nterms;
    // Augment.
    let mut accept_prods = Vec::new();
    for (name, nt) in cfg.starts.clone() {
        cfg.nonterms.push(Nonterm {
            name: format!("$accept_{name}"),
            base: format!("$accept_{name}"),
            params: String::new(),
        });
        let lhs = (cfg.nonterms.len() - 1) as u32;
        cfg.prods.push(Prod {
            lhs,
            rhs: vec![nt + nterms as u32, eof as u32],
            no_lt: 0,
            no_asi: 0,
            end_filter: Vec::new(),
            action: 0,
            line: 0,
        });
        accept_prods.push((cfg.prods.len() - 1) as u32);
    }
    let nnt = cfg.nonterms.len();
    let mut prods_of: Vec<Vec<u32>> = vec![Vec::new(); nnt];
    for (i, p) in cfg.prods.iter().enumerate() {
        prods_of[p.lhs as usize].push(i as u32);
    }
    let mut prod_first_item = Vec::with_capacity(cfg.prods.len());
    let mut item_prod = Vec::new();
    let mut item_dot = Vec::new();
    for (i, p) in cfg.prods.iter().enumerate() {
        prod_first_item.push(item_prod.len() as u32);
        for d in 0..=p.rhs.len() {
            item_prod.push(i as u32);
            item_dot.push(d as u16);
        }
    }
    let next_of = |item: u32| -> Option<u32> {
        let p = &cfg.prods[item_prod[item as usize] as usize];
        p.rhs.get(item_dot[item as usize] as usize).copied()
    };

    // LR(0) states.
    let mut states: Vec<State> = Vec::new();
    let mut index: HashMap<Vec<u32>, u32> = HashMap::new();
    let mut start_states = Vec::new();
    for &ap in &accept_prods {
        let k = vec![prod_first_item[ap as usize]];
        index.insert(k.clone(), states.len() as u32);
        start_states.push(states.len() as u32);
        states.push(State {
            kernel: k,
            ..State::default()
        });
    }
    let mut mark = vec![u32::MAX; nnt];
    let mut s = 0;
    while s < states.len() {
        let mut items = states[s].kernel.clone();
        let mut i = 0;
        while i < items.len() {
            if let Some(x) = next_of(items[i]) {
                if x as usize >= nterms {
                    let a = x as usize - nterms;
                    if mark[a] != s as u32 {
                        mark[a] = s as u32;
                        for &p in &prods_of[a] {
                            items.push(prod_first_item[p as usize]);
                        }
                    }
                }
            }
            i += 1;
        }
        let mut moves: Vec<(u32, u32)> = Vec::new();
        let mut reductions = Vec::new();
        for &it in &items {
            match next_of(it) {
                Some(x) => moves.push((x, it + 1)),
                None => reductions.push(item_prod[it as usize]),
            }
        }
        moves.sort_unstable();
        let mut trans = Vec::new();
        let mut j = 0;
        while j < moves.len() {
            let x = moves[j].0;
            let mut kernel = Vec::new();
            while j < moves.len() && moves[j].0 == x {
                kernel.push(moves[j].1);
                j += 1;
            }
            kernel.dedup();
            let target = match index.get(&kernel) {
                Some(&t) => t,
                None => {
                    let t = states.len() as u32;
                    index.insert(kernel.clone(), t);
                    states.push(State {
                        kernel,
                        ..State::default()
                    });
                    t
                }
            };
            trans.push((x, target));
        }
        reductions.sort_unstable();
        reductions.dedup();
        let st = &mut states[s];
        st.items = items;
        st.trans = trans;
        st.reductions = reductions;
        s += 1;
    }

    // Nullable nonterminals.
    let mut nullable = vec![false; nnt];
    loop {
        let mut changed = false;
        for p in &cfg.prods {
            if !nullable[p.lhs as usize]
                && p.rhs
                    .iter()
                    .all(|&x| x as usize >= nterms && nullable[x as usize - nterms])
            {
                nullable[p.lhs as usize] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let is_nullable = |x: u32| x as usize >= nterms && nullable[x as usize - nterms];

    // Nonterminal transitions.
    let mut nt_trans: Vec<(u32, u32)> = Vec::new();
    let mut nt_index: HashMap<(u32, u32), u32> = HashMap::new();
    for (s, st) in states.iter().enumerate() {
        for &(x, _) in &st.trans {
            if x as usize >= nterms {
                nt_index.insert((s as u32, x), nt_trans.len() as u32);
                nt_trans.push((s as u32, x));
            }
        }
    }
    let goto = |s: u32, x: u32| -> u32 {
        let t = &states[s as usize].trans;
        match t.binary_search_by_key(&x, |&(y, _)| y) {
            Ok(i) => t[i].1,
            Err(_) => u32::MAX,
        }
    };
    let n = nt_trans.len();
    let mut f = Bits::new(n, nterms);
    let mut reads: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (xi, &(p, a)) in nt_trans.iter().enumerate() {
        let r = goto(p, a);
        for &(y, _) in &states[r as usize].trans {
            if (y as usize) < nterms {
                f.set(xi, y as usize);
            } else if is_nullable(y) {
                reads[xi].push(nt_index[&(r, y)]);
            }
        }
    }
    digraph(&reads, &mut f);
    // includes and lookback.
    let mut includes: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut lookback: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    for (xi, &(p0, b)) in nt_trans.iter().enumerate() {
        for &pi in &prods_of[b as usize - nterms] {
            let rhs = &cfg.prods[pi as usize].rhs;
            let mut st = p0;
            for (i, &x) in rhs.iter().enumerate() {
                if x as usize >= nterms && rhs[i + 1..].iter().all(|&y| is_nullable(y)) {
                    let yi = nt_index[&(st, x)];
                    includes[yi as usize].push(xi as u32);
                }
                st = goto(st, x);
            }
            lookback.entry((st, pi)).or_default().push(xi as u32);
        }
    }
    digraph(&includes, &mut f);

    let terminal_names: Vec<String> = terminals.to_vec();
    let mut lalr = Lalr {
        cfg,
        states,
        start_states,
        conflicts: Vec::new(),
        item_prod,
        item_dot,
        prod_first_item,
        terminal_names,
    };

    // ACTION entries and conflicts.
    let accept_set: Vec<u32> = accept_prods.clone();
    let mut conflicts = Vec::new();
    let mut la_bits = vec![false; nterms];
    for s in 0..lalr.states.len() {
        let mut row: Vec<Vec<Act>> = vec![Vec::new(); nterms];
        let st = &lalr.states[s];
        for &(x, t) in &st.trans {
            if (x as usize) < nterms {
                let accepting = x == eof as u32
                    && st
                        .kernel
                        .iter()
                        .any(|&it| accept_set.contains(&lalr.item_prod[it as usize]));
                row[x as usize].push(if accepting {
                    Act::Accept
                } else {
                    Act::Shift(t)
                });
            }
        }
        let mut lookaheads = Vec::new();
        for &p in &st.reductions {
            la_bits.iter_mut().for_each(|b| *b = false);
            if let Some(xs) = lookback.get(&(s as u32, p)) {
                for &x in xs {
                    for t in f.iter_row(x as usize) {
                        la_bits[t] = true;
                    }
                }
            }
            for &t in &lalr.cfg.prods[p as usize].end_filter {
                la_bits[t as usize] = false;
            }
            let la: Vec<u16> = (0..nterms)
                .filter(|&t| la_bits[t])
                .map(|t| t as u16)
                .collect();
            for &t in &la {
                row[t as usize].push(Act::Reduce(p));
            }
            lookaheads.push(la);
        }
        let mut actions = Vec::new();
        for (t, acts) in row.iter().enumerate() {
            if acts.is_empty() {
                continue;
            }
            if acts.len() > 1 {
                conflicts.push(lalr.conflict_report(s as u32, t as u16, acts));
            }
            actions.push((t as u16, acts[0]));
        }
        // [no LineTerminator here] / [no ASI] provenance through the closure.
        let (no_lt, no_asi, mism) = lalr.shift_flags(s as u32);
        for (t, what) in mism {
            conflicts.push(lalr.flag_report(s as u32, t, what));
        }
        let st = &mut lalr.states[s];
        st.actions = actions;
        st.lookaheads = lookaheads;
        st.no_lt = no_lt;
        st.no_asi = no_asi;
    }
    lalr.conflicts = conflicts;
    lalr
}

impl Lalr {
    /// Computes, for the terminal shifts of state `s`, whether they are
    /// under `[no LineTerminator here]` / `[no ASI]`. An annotation in front of
    /// a nonterminal applies to the first token of the nonterminal, so the
    /// flags flow from an item to the closure items it adds. A terminal reached
    /// both with and without a flag is a mismatch.
    fn shift_flags(&self, s: u32) -> (Vec<u16>, Vec<u16>, Vec<(u16, &'static str)>) {
        let st = &self.states[s as usize];
        let nterms = self.cfg.nterms;
        // Per item index in st.items: bits 0/1 = reached without/with no-LT,
        // bits 2/3 = reached without/with no-ASI.
        let pos: HashMap<u32, usize> = st
            .items
            .iter()
            .enumerate()
            .map(|(i, &it)| (it, i))
            .collect();
        let mut state = vec![0u8; st.items.len()];
        let mut work: Vec<usize> = Vec::new();
        let mut first_of: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, &it) in st.items.iter().enumerate() {
            if self.item_dot[it as usize] == 0 {
                let p = &self.cfg.prods[self.item_prod[it as usize] as usize];
                first_of.entry(p.lhs).or_default().push(i);
            }
        }
        for &k in &st.kernel {
            let i = pos[&k];
            state[i] = 0b0101;
            work.push(i);
        }
        // A kernel item that is also a closure item (dot 0) is handled by the
        // same propagation.
        while let Some(i) = work.pop() {
            let it = st.items[i];
            let p = &self.cfg.prods[self.item_prod[it as usize] as usize];
            let d = self.item_dot[it as usize] as usize;
            let Some(&x) = p.rhs.get(d) else { continue };
            if (x as usize) < nterms {
                continue;
            }
            let mut bits = state[i];
            if p.no_lt & (1 << d) != 0 {
                bits = (bits & !0b0011) | 0b0010;
            }
            if p.no_asi & (1 << d) != 0 {
                bits = (bits & !0b1100) | 0b1000;
            }
            if let Some(children) = first_of.get(&(x - nterms as u32)) {
                for &c in children {
                    if state[c] | bits != state[c] {
                        state[c] |= bits;
                        work.push(c);
                    }
                }
            }
        }
        let mut lt: HashMap<u16, u8> = HashMap::new();
        let mut asi: HashMap<u16, u8> = HashMap::new();
        for (i, &it) in st.items.iter().enumerate() {
            let p = &self.cfg.prods[self.item_prod[it as usize] as usize];
            let d = self.item_dot[it as usize] as usize;
            let Some(&x) = p.rhs.get(d) else { continue };
            if (x as usize) >= nterms {
                continue;
            }
            let mut bits = state[i];
            if p.no_lt & (1 << d) != 0 {
                bits = (bits & !0b0011) | 0b0010;
            }
            if p.no_asi & (1 << d) != 0 {
                bits = (bits & !0b1100) | 0b1000;
            }
            *lt.entry(x as u16).or_default() |= bits & 0b0011;
            *asi.entry(x as u16).or_default() |= (bits >> 2) & 0b0011;
        }
        let mut no_lt = Vec::new();
        let mut no_asi = Vec::new();
        let mut mism = Vec::new();
        for (&t, &b) in &lt {
            match b {
                0b10 => no_lt.push(t),
                0b11 => mism.push((t, "[no LineTerminator here]")),
                _ => {}
            }
        }
        for (&t, &b) in &asi {
            match b {
                0b10 => no_asi.push(t),
                0b11 => mism.push((t, "[no ASI]")),
                _ => {}
            }
        }
        no_lt.sort_unstable();
        no_asi.sort_unstable();
        mism.sort_unstable();
        (no_lt, no_asi, mism)
    }

    /// A shortest symbol path from a start state to `s`, as a sample input.
    pub fn sample_prefix(&self, s: u32) -> String {
        let mut parent: Vec<Option<(u32, u32)>> = vec![None; self.states.len()];
        let mut seen = vec![false; self.states.len()];
        let mut queue = std::collections::VecDeque::new();
        for &st in &self.start_states {
            seen[st as usize] = true;
            queue.push_back(st);
        }
        while let Some(q) = queue.pop_front() {
            if q == s {
                break;
            }
            for &(x, t) in &self.states[q as usize].trans {
                if !seen[t as usize] {
                    seen[t as usize] = true;
                    parent[t as usize] = Some((q, x));
                    queue.push_back(t);
                }
            }
        }
        let mut syms = Vec::new();
        let mut cur = s;
        while let Some((p, x)) = parent[cur as usize] {
            syms.push(x);
            cur = p;
        }
        syms.reverse();
        let shortest = self.shortest_yields();
        let mut out = Vec::new();
        for &x in &syms {
            self.expand_shortest(x, &shortest, &mut out, 0);
        }
        let symbols: Vec<String> = syms.iter().map(|&x| self.sym_name(x)).collect();
        format!("{}\n    (symbols: {})", out.join(" "), symbols.join(" "))
    }

    fn shortest_yields(&self) -> Vec<Option<(usize, u32)>> {
        let nterms = self.cfg.nterms;
        let mut best: Vec<Option<(usize, u32)>> = vec![None; self.cfg.nonterms.len()];
        loop {
            let mut changed = false;
            for (pi, p) in self.cfg.prods.iter().enumerate() {
                let mut len = 0usize;
                let mut ok = true;
                for &x in &p.rhs {
                    if (x as usize) < nterms {
                        len += 1;
                    } else if let Some((l, _)) = best[x as usize - nterms] {
                        len += l;
                    } else {
                        ok = false;
                        break;
                    }
                }
                if ok && best[p.lhs as usize].is_none_or(|(l, _)| len < l) {
                    best[p.lhs as usize] = Some((len, pi as u32));
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        best
    }

    fn expand_shortest(
        &self,
        x: u32,
        best: &[Option<(usize, u32)>],
        out: &mut Vec<String>,
        depth: usize,
    ) {
        let nterms = self.cfg.nterms;
        if (x as usize) < nterms {
            out.push(self.terminal_names[x as usize].clone());
            return;
        }
        if depth > 200 || out.len() > 200 {
            out.push("...".into());
            return;
        }
        if let Some((_, p)) = best[x as usize - nterms] {
            for &y in &self.cfg.prods[p as usize].rhs {
                self.expand_shortest(y, best, out, depth + 1);
            }
        }
    }

    fn state_listing(&self, s: u32, t: Option<u16>) -> String {
        let st = &self.states[s as usize];
        let mut out = String::new();
        let _ = writeln!(out, "  kernel items:");
        for &it in &st.kernel {
            let _ = writeln!(out, "    {}", self.item_string(it));
        }
        if let Some(t) = t {
            let rel: Vec<u32> = st
                .items
                .iter()
                .copied()
                .filter(|it| !st.kernel.contains(it))
                .filter(|&it| self.next_sym(it) == Some(t as u32) || self.next_sym(it).is_none())
                .collect();
            if !rel.is_empty() {
                let _ = writeln!(out, "  closure items involved:");
                for it in rel {
                    let _ = writeln!(out, "    {}", self.item_string(it));
                }
            }
        }
        out
    }

    fn conflict_report(&self, s: u32, t: u16, acts: &[Act]) -> String {
        let kind = if acts
            .iter()
            .any(|a| matches!(a, Act::Shift(_) | Act::Accept))
        {
            "shift/reduce"
        } else {
            "reduce/reduce"
        };
        let mut out = format!(
            "{kind} conflict in state {s} on lookahead {}\n",
            self.terminal_names[t as usize]
        );
        let st = &self.states[s as usize];
        for a in acts {
            match a {
                Act::Shift(_) | Act::Accept => {
                    let _ = writeln!(out, "  shift, from:");
                    for &it in &st.items {
                        if self.next_sym(it) == Some(t as u32) {
                            let _ = writeln!(out, "    {}", self.item_string(it));
                        }
                    }
                }
                Act::Reduce(p) => {
                    let _ = writeln!(
                        out,
                        "  reduce: {}",
                        self.item_string(
                            self.prod_first_item[*p as usize]
                                + self.cfg.prods[*p as usize].rhs.len() as u32
                        )
                    );
                }
            }
        }
        out.push_str(&self.state_listing(s, Some(t)));
        let _ = writeln!(
            out,
            "  sample input reaching the state: {}",
            self.sample_prefix(s)
        );
        out
    }

    fn flag_report(&self, s: u32, t: u16, what: &str) -> String {
        let mut out = format!(
            "annotation conflict in state {s}: the shift of {} is under {what} for some items and not for others\n",
            self.terminal_names[t as usize]
        );
        out.push_str(&self.state_listing(s, Some(t)));
        let _ = writeln!(
            out,
            "  sample input reaching the state: {}",
            self.sample_prefix(s)
        );
        out
    }
}
