//! Compressed tables and their serialisation.
//!
//! ACTION is split in two, which is what makes it small:
//!
//! * **Shifts** (and the accept entry) are packed by row displacement ("comb
//!   vectors", as in yacc/bison): the entries of each row are placed at
//!   `base[row] + terminal` in one shared vector, and a `check` vector
//!   records which row owns each slot. Identical rows share one placement,
//!   and shift rows are far more often identical than whole ACTION rows (the
//!   states of one expression level differ only in their reductions). A shift
//!   value is `target << 2 | flags` (`[no LineTerminator here]`, `[no ASI]`);
//!   the accept entry is the value 0 (no shift goes to a start state).
//! * **Reductions** are a short list per state of (production, lookahead set),
//!   the lookahead sets being bit sets over the terminals, deduplicated
//!   globally (a few hundred distinct sets cover every state).
//!
//! The error entries are exact: a terminal with neither a shift nor a
//! reduction is an error in that state (no default reductions on error, so
//! automatic semicolon insertion sees the state that rejected the token).
//! GOTO has a default target per nonterminal (its most frequent one); the
//! other entries are packed by row displacement per state (columns:
//! nonterminals), identical rows sharing a placement.
//!
//! Per state there is also an info word: either "reduce production p without
//! looking at the next token" (a state whose only action is one reduction and
//! which does not shift any terminal), or flags: the lexical goal bits and the
//! do-while ASI flag.
//!
//! Every array is serialised in the narrowest of 1, 2 or 4 bytes per element
//! that holds its largest value.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::lr::{Act, Lalr};
use crate::Config;

/// ACTION entry encoding (u32) returned by [`Packed::action`]: kind in bits
/// 30..31, flags in 28..29, value (state or production) in bits 0..27.
pub const ACT_SHIFT: u32 = 1 << 30;
pub const ACT_REDUCE: u32 = 2 << 30;
pub const ACT_ACCEPT: u32 = 3 << 30;
pub const ACT_KIND_MASK: u32 = 3 << 30;
pub const ACT_NO_LT: u32 = 1 << 29;
pub const ACT_NO_ASI: u32 = 1 << 28;
pub const ACT_VALUE_MASK: u32 = (1 << 28) - 1;

/// Shift value flags (the low two bits of a shift value).
pub const SHIFT_NO_LT: u32 = 1;
pub const SHIFT_NO_ASI: u32 = 2;

/// State info word: bit 31 = default reduction (production in the low bits);
/// otherwise bits 0..7 = lexical goal classes whose alternative terminals
/// the state accepts, bit 8 = the state shifts the `;` that ends a do-while.
/// Serialised in 16 bits, with the default-reduction flag in bit 15
/// ([`INFO_SERIAL_DEFAULT_REDUCE`]).
pub const INFO_DEFAULT_REDUCE: u32 = 1 << 31;
pub const INFO_SERIAL_DEFAULT_REDUCE: u32 = 1 << 15;
/// Productions must be below this (default reductions in the info word).
pub const MAX_PRODUCTIONS: usize = 1 << 15;
pub const INFO_DO_WHILE: u32 = 1 << 8;

/// Packed tables, as serialised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Packed {
    pub nterms: u32,
    pub state_info: Vec<u32>,
    pub shift_base: Vec<u32>,
    pub shift_key: Vec<u32>,
    pub shift_check: Vec<u32>,
    pub shift_value: Vec<u32>,
    /// Reductions of state `s`: `red_start[s]..red_start[s + 1]`.
    pub red_start: Vec<u32>,
    pub red_prod: Vec<u32>,
    /// Lookahead set number of each reduction.
    pub red_la: Vec<u32>,
    /// The lookahead sets, `la_words()` words each; bit `t % 32` of word
    /// `t / 32` is terminal `t`.
    pub la_bits: Vec<u32>,
    pub goto_base: Vec<u32>,
    pub goto_key: Vec<u32>,
    pub goto_default: Vec<u32>,
    pub goto_check: Vec<u32>,
    pub goto_value: Vec<u32>,
    pub prod_lhs: Vec<u32>,
    pub prod_len: Vec<u32>,
    pub prod_action: Vec<u32>,
    pub nt_base: Vec<u32>,
    pub nt_params: Vec<u32>,
    pub strings: Vec<String>,
    pub start_states: Vec<u32>,
}

impl Packed {
    /// Words per lookahead set.
    pub fn la_words(&self) -> usize {
        (self.nterms as usize).div_ceil(32)
    }

    /// The ACTION entry (0 = error) for `state` and terminal `t`, in the
    /// `ACT_*` encoding.
    pub fn action(&self, state: u32, t: u32) -> u32 {
        let s = state as usize;
        let i = (self.shift_base[s] + t) as usize;
        if i < self.shift_check.len() && self.shift_check[i] == self.shift_key[s] {
            let v = self.shift_value[i];
            if v == 0 {
                return ACT_ACCEPT;
            }
            let mut a = ACT_SHIFT | (v >> 2);
            if v & SHIFT_NO_LT != 0 {
                a |= ACT_NO_LT;
            }
            if v & SHIFT_NO_ASI != 0 {
                a |= ACT_NO_ASI;
            }
            return a;
        }
        let w = self.la_words();
        for r in self.red_start[s] as usize..self.red_start[s + 1] as usize {
            let set = self.red_la[r] as usize * w;
            if self.la_bits[set + t as usize / 32] & (1 << (t % 32)) != 0 {
                return ACT_REDUCE | self.red_prod[r];
            }
        }
        0
    }
    /// GOTO for `state` and nonterminal `nt`.
    pub fn goto(&self, state: u32, nt: u32) -> u32 {
        let s = state as usize;
        let i = (self.goto_base[s] + nt) as usize;
        if i < self.goto_check.len() && self.goto_check[i] == self.goto_key[s] {
            self.goto_value[i]
        } else {
            self.goto_default[nt as usize]
        }
    }
}

const EMPTY: u32 = u32::MAX;

/// Row displacement packing. Returns (base per row, key per row, check, value);
/// the vectors are padded so that `base + column < len` for every column.
fn pack(rows: &[Vec<(u32, u32)>], ncols: u32) -> (Vec<u32>, Vec<u32>, Vec<u32>, Vec<u32>) {
    let mut unique: HashMap<&[(u32, u32)], u32> = HashMap::new();
    let mut key = Vec::with_capacity(rows.len());
    let mut reps: Vec<usize> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let k = *unique.entry(r.as_slice()).or_insert_with(|| {
            reps.push(i);
            (reps.len() - 1) as u32
        });
        key.push(k);
    }
    let mut order: Vec<usize> = (0..reps.len()).collect();
    order.sort_by_key(|&u| std::cmp::Reverse(rows[reps[u]].len()));
    let mut check: Vec<u32> = Vec::new();
    let mut value: Vec<u32> = Vec::new();
    let mut unique_base = vec![0u32; reps.len()];
    let mut first_free = 0usize;
    for u in order {
        let r = &rows[reps[u]];
        if r.is_empty() {
            continue;
        }
        let c0 = r[0].0 as usize;
        let mut base = first_free.saturating_sub(c0);
        loop {
            if r.iter().all(|&(c, _)| {
                let i = base + c as usize;
                i >= check.len() || check[i] == EMPTY
            }) {
                break;
            }
            base += 1;
        }
        for &(c, v) in r {
            let i = base + c as usize;
            if i >= check.len() {
                check.resize(i + 1, EMPTY);
                value.resize(i + 1, 0);
            }
            check[i] = u as u32;
            value[i] = v;
        }
        while first_free < check.len() && check[first_free] != EMPTY {
            first_free += 1;
        }
        unique_base[u] = base as u32;
    }
    let max_base = unique_base.iter().copied().max().unwrap_or(0);
    let len = max_base as usize + ncols as usize;
    if check.len() < len {
        check.resize(len, EMPTY);
        value.resize(len, 0);
    }
    let base = key.iter().map(|&k| unique_base[k as usize]).collect();
    (base, key, check, value)
}

/// Builds the packed tables and the lexical-goal / do-while information;
/// conflicts found here (lexical goal conflicts) are appended to `conflicts`.
pub fn build(lalr: &Lalr, config: &Config, conflicts: &mut Vec<String>) -> Packed {
    let nterms = lalr.cfg.nterms;
    let tindex = |n: &str| config.terminals.iter().position(|t| t == n);
    let classes: Vec<(Vec<u16>, Vec<u16>)> = config
        .goal_classes
        .iter()
        .map(|(a, b)| {
            (
                a.iter()
                    .filter_map(|n| tindex(n))
                    .map(|t| t as u16)
                    .collect(),
                b.iter()
                    .filter_map(|n| tindex(n))
                    .map(|t| t as u16)
                    .collect(),
            )
        })
        .collect();
    let do_while = config
        .do_while
        .as_ref()
        .and_then(|[d, r, s]| Some((tindex(d)? as u32, tindex(r)? as u32, tindex(s)? as u32)));

    let mut p = Packed {
        nterms: nterms as u32,
        ..Packed::default()
    };
    if lalr.cfg.prods.len() >= MAX_PRODUCTIONS {
        conflicts.push(format!(
            "{} productions: the table encoding allows at most {}",
            lalr.cfg.prods.len(),
            MAX_PRODUCTIONS - 1
        ));
    }
    let words = nterms.div_ceil(32);
    let mut shift_rows = Vec::with_capacity(lalr.states.len());
    let mut la_index: HashMap<Vec<u32>, u32> = HashMap::new();
    for (s, st) in lalr.states.iter().enumerate() {
        let shifts_terminal = st.actions.iter().any(|(_, a)| !matches!(a, Act::Reduce(_)));
        // The terminals that decide the lexical goal: a merged state (unit
        // elimination) reads its token where its first original state did.
        let acted: Vec<u16> = match &st.merged {
            Some(m) => m.info_terminals.clone(),
            None => st.actions.iter().map(|&(t, _)| t).collect(),
        };
        let mut info = 0;
        if st.merged.as_ref().is_none_or(|m| m.default)
            && st.reductions.len() == 1
            && !shifts_terminal
            && lalr.cfg.prods[st.reductions[0] as usize]
                .end_filter
                .is_empty()
        {
            info = INFO_DEFAULT_REDUCE | st.reductions[0];
        } else {
            for (ci, (def, alt)) in classes.iter().enumerate() {
                let has = |set: &[u16]| acted.iter().any(|t| set.contains(t));
                if has(alt) {
                    info |= 1 << ci;
                    if has(def) {
                        let names = |set: &[u16]| {
                            set.iter()
                                .filter(|t| acted.contains(t))
                                .map(|&t| lalr.terminal_names[t as usize].as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        };
                        let mut r = format!(
                            "lexical goal conflict in state {s}: the state accepts both {} and {}, so the lexer cannot be told which goal to use\n  kernel items:\n",
                            names(def),
                            names(alt)
                        );
                        for &it in &st.kernel {
                            let _ = writeln!(r, "    {}", lalr.item_string(it));
                        }
                        let _ = writeln!(
                            r,
                            "  sample input reaching the state: {}",
                            lalr.sample_prefix(s as u32)
                        );
                        conflicts.push(r);
                    }
                }
            }
            if let Some((d, r, semi)) = do_while {
                let dw = st.items.iter().any(|&it| {
                    let pr = &lalr.cfg.prods[lalr.item_prod[it as usize] as usize];
                    let dot = lalr.item_dot[it as usize] as usize;
                    dot >= 1
                        && dot + 1 == pr.rhs.len()
                        && pr.rhs[dot] == semi
                        && pr.rhs[dot - 1] == r
                        && pr.rhs[0] == d
                });
                if dw {
                    info |= INFO_DO_WHILE;
                }
            }
        }
        p.state_info.push(info);
        let mut row: Vec<(u32, u32)> = Vec::new();
        for &(t, a) in &st.actions {
            let v = match a {
                Act::Shift(target) => {
                    let mut v = target << 2;
                    if st.no_lt.binary_search(&t).is_ok() {
                        v |= SHIFT_NO_LT;
                    }
                    if st.no_asi.binary_search(&t).is_ok() {
                        v |= SHIFT_NO_ASI;
                    }
                    v
                }
                Act::Accept => 0,
                Act::Reduce(_) => continue,
            };
            row.push((t as u32, v));
        }
        shift_rows.push(row);
        // Reductions with their (conflict-resolved) lookahead sets.
        p.red_start.push(p.red_prod.len() as u32);
        let mut by_prod: Vec<(u32, Vec<u32>)> = Vec::new();
        for &(t, a) in &st.actions {
            if let Act::Reduce(pr) = a {
                let set = match by_prod.iter_mut().find(|(q, _)| *q == pr) {
                    Some((_, set)) => set,
                    None => {
                        by_prod.push((pr, vec![0; words]));
                        &mut by_prod.last_mut().expect("just pushed").1
                    }
                };
                set[t as usize / 32] |= 1 << (t % 32);
            }
        }
        for (pr, set) in by_prod {
            let next = la_index.len() as u32;
            let id = *la_index.entry(set.clone()).or_insert_with(|| {
                p.la_bits.extend_from_slice(&set);
                next
            });
            p.red_prod.push(pr);
            p.red_la.push(id);
        }
    }
    p.red_start.push(p.red_prod.len() as u32);
    let (b, k, c, v) = pack(&shift_rows, nterms as u32);
    p.shift_base = b;
    p.shift_key = k;
    p.shift_check = c;
    p.shift_value = v;

    // GOTO.
    let nnt = lalr.cfg.nonterms.len();
    let mut cols: Vec<Vec<(u32, u32)>> = vec![Vec::new(); nnt];
    for (s, st) in lalr.states.iter().enumerate() {
        for &(x, t) in &st.trans {
            if x as usize >= nterms {
                cols[x as usize - nterms].push((s as u32, t));
            }
        }
    }
    // Rows per state (identical rows share a placement), without the entries
    // that equal their nonterminal's default.
    let mut goto_rows: Vec<Vec<(u32, u32)>> = vec![Vec::new(); lalr.states.len()];
    for (nt, col) in cols.iter().enumerate() {
        let mut count: HashMap<u32, usize> = HashMap::new();
        for &(_, t) in col {
            *count.entry(t).or_default() += 1;
        }
        let def = count
            .iter()
            .max_by_key(|&(t, c)| (*c, std::cmp::Reverse(*t)))
            .map(|(&t, _)| t)
            .unwrap_or(0);
        p.goto_default.push(def);
        for &(s, t) in col {
            if t != def {
                goto_rows[s as usize].push((nt as u32, t));
            }
        }
    }
    let (b, k, c, v) = pack(&goto_rows, nnt as u32);
    p.goto_base = b;
    p.goto_key = k;
    p.goto_check = c;
    p.goto_value = v;

    for pr in &lalr.cfg.prods {
        p.prod_lhs.push(pr.lhs);
        p.prod_len.push(pr.rhs.len() as u32);
        p.prod_action.push(pr.action as u32);
    }
    let mut strings: HashMap<String, u32> = HashMap::new();
    let mut intern = |s: &str, list: &mut Vec<String>| -> u32 {
        *strings.entry(s.to_string()).or_insert_with(|| {
            list.push(s.to_string());
            (list.len() - 1) as u32
        })
    };
    let mut list = Vec::new();
    for nt in &lalr.cfg.nonterms {
        p.nt_base.push(intern(&nt.base, &mut list));
        p.nt_params.push(intern(&nt.params, &mut list));
    }
    p.strings = list;
    p.start_states = lalr.start_states.clone();
    p
}

/// A state's info word as serialised (and as the driver reads it): the
/// default-reduce flag moved to [`INFO_SERIAL_DEFAULT_REDUCE`].
pub fn serial_state_info(i: u32) -> u32 {
    if i & INFO_DEFAULT_REDUCE != 0 {
        INFO_SERIAL_DEFAULT_REDUCE | (i & ACT_VALUE_MASK)
    } else {
        i
    }
}

/// Serialises the tables: magic `LALRTBL2`, then each array as
/// `u32 count, u32 element width (1, 2 or 4)`, the little-endian elements,
/// and zero padding to a multiple of 4 bytes. Strings are one byte array of
/// the concatenated UTF-8 text plus an array of end offsets.
pub fn serialize(p: &Packed) -> Vec<u8> {
    let mut out = b"LALRTBL2".to_vec();
    out.extend_from_slice(&p.nterms.to_le_bytes());
    let info: Vec<u32> = p.state_info.iter().map(|&i| serial_state_info(i)).collect();
    let arrays: [&[u32]; 20] = [
        &info,
        &p.shift_base,
        &p.shift_key,
        &p.shift_check,
        &p.shift_value,
        &p.red_start,
        &p.red_prod,
        &p.red_la,
        &p.la_bits,
        &p.goto_base,
        &p.goto_key,
        &p.goto_default,
        &p.goto_check,
        &p.goto_value,
        &p.prod_lhs,
        &p.prod_len,
        &p.prod_action,
        &p.nt_base,
        &p.nt_params,
        &p.start_states,
    ];
    for a in &arrays {
        write_array(&mut out, a);
    }
    let mut text = Vec::new();
    let mut ends = Vec::new();
    for s in &p.strings {
        text.extend_from_slice(s.as_bytes());
        ends.push(text.len() as u32);
    }
    write_array(&mut out, &ends);
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(&1u32.to_le_bytes());
    out.extend_from_slice(&text);
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
    out
}

fn write_array(out: &mut Vec<u8>, a: &[u32]) {
    // EMPTY check slots become the maximum of the chosen width.
    let max = a.iter().copied().filter(|&x| x != EMPTY).max().unwrap_or(0);
    let width: u32 = if max < 0xFF {
        1
    } else if max < 0xFFFF {
        2
    } else {
        4
    };
    out.extend_from_slice(&(a.len() as u32).to_le_bytes());
    out.extend_from_slice(&width.to_le_bytes());
    for &x in a {
        match width {
            1 => out.push(if x == EMPTY { 0xFF } else { x as u8 }),
            2 => out.extend_from_slice(&(if x == EMPTY { 0xFFFF } else { x as u16 }).to_le_bytes()),
            _ => out.extend_from_slice(&x.to_le_bytes()),
        }
    }
    while !out.len().is_multiple_of(4) {
        out.push(0);
    }
}

/// Reads what [`serialize`] wrote (used by tests; the parser has its own
/// reader with the same logic).
pub fn deserialize(bytes: &[u8]) -> Option<Packed> {
    let mut pos = 8;
    if bytes.get(..8)? != b"LALRTBL2" {
        return None;
    }
    let u32_at = |pos: usize| -> Option<u32> {
        Some(u32::from_le_bytes(
            bytes.get(pos..pos + 4)?.try_into().ok()?,
        ))
    };
    let nterms = u32_at(pos)?;
    pos += 4;
    let read = |pos: &mut usize| -> Option<Vec<u32>> {
        let n = u32_at(*pos)? as usize;
        let w = u32_at(*pos + 4)? as usize;
        *pos += 8;
        let mut v = Vec::with_capacity(n);
        for i in 0..n {
            let at = *pos + i * w;
            let x = match w {
                1 => {
                    let b = *bytes.get(at)?;
                    if b == 0xFF {
                        EMPTY
                    } else {
                        b as u32
                    }
                }
                2 => {
                    let h = u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?);
                    if h == 0xFFFF {
                        EMPTY
                    } else {
                        h as u32
                    }
                }
                _ => u32_at(at)?,
            };
            v.push(x);
        }
        *pos += (n * w).div_ceil(4) * 4;
        Some(v)
    };
    let mut p = Packed {
        nterms,
        ..Packed::default()
    };
    p.state_info = read(&mut pos)?
        .into_iter()
        .map(|i| {
            if i & INFO_SERIAL_DEFAULT_REDUCE != 0 {
                INFO_DEFAULT_REDUCE | (i & (INFO_SERIAL_DEFAULT_REDUCE - 1))
            } else {
                i
            }
        })
        .collect();
    p.shift_base = read(&mut pos)?;
    p.shift_key = read(&mut pos)?;
    p.shift_check = read(&mut pos)?;
    p.shift_value = read(&mut pos)?;
    p.red_start = read(&mut pos)?;
    p.red_prod = read(&mut pos)?;
    p.red_la = read(&mut pos)?;
    p.la_bits = read(&mut pos)?;
    p.goto_base = read(&mut pos)?;
    p.goto_key = read(&mut pos)?;
    p.goto_default = read(&mut pos)?;
    p.goto_check = read(&mut pos)?;
    p.goto_value = read(&mut pos)?;
    p.prod_lhs = read(&mut pos)?;
    p.prod_len = read(&mut pos)?;
    p.prod_action = read(&mut pos)?;
    p.nt_base = read(&mut pos)?;
    p.nt_params = read(&mut pos)?;
    p.start_states = read(&mut pos)?;
    let ends = read(&mut pos)?;
    let n = u32_at(pos)? as usize;
    let text = std::str::from_utf8(bytes.get(pos + 8..pos + 8 + n)?).ok()?;
    let mut start = 0;
    for e in ends {
        p.strings.push(text.get(start..e as usize)?.to_string());
        start = e as usize;
    }
    Some(p)
}
