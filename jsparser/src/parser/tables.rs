//! The generated LALR(1) tables and the production information.
//!
//! `build.rs` runs `lalrgen` on `grammar/es2025.grammar` and writes, in
//! `OUT_DIR`, a blob of packed tables and a Rust file with the [`Action`]
//! enum and the driver's small tables as `static` data (per-state rows,
//! reduction lists with lookahead bit sets, production information; see
//! `static_tables` in `build.rs` and `lalrgen::tables`). The large
//! row-displacement shift and GOTO comb vectors are read in place from the
//! blob. Nothing is decoded at startup but the blob's header and the
//! 213 grammar-name strings.

#[allow(clippy::all, missing_docs, dead_code)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/parser_tables.rs"));
}

pub use generated::Action;
pub(crate) use generated::PRODUCTION_TABLE;
use generated::{
    BLOB, GOTO_DEFAULT, LA_BITS, NT_BASE, NT_PARAMS, PRODS, REDUCE_INFO, REDUCTIONS, START_STATES,
    STATE_ROWS,
};

use std::sync::OnceLock;

// The encodings below must match lalrgen::tables (serialised form).
/// Shift value flags (the low two bits; the target state is `value >> 2`).
pub(crate) const SHIFT_NO_LT: u16 = 1;
pub(crate) const SHIFT_NO_ASI: u16 = 2;
/// The shift value of the accept entry.
pub(crate) const SHIFT_ACCEPT: u16 = 0;
/// Info word: default reduction, production in the low 15 bits.
pub(crate) const INFO_DEFAULT_REDUCE: u16 = 1 << 15;
pub(crate) const INFO_PROD_MASK: u16 = (1 << 15) - 1;
/// Goal class 0 of `lalrgen::Config::ecmascript`: the state accepts a
/// RegularExpressionLiteral.
pub(crate) const INFO_REGEXP: u16 = 1;
pub(crate) const INFO_DO_WHILE: u16 = 1 << 8;

/// Flag on a production's length in `Tables::reduce_info`: a unit
/// production without an action label, whose reduction is not reported to
/// the sink (the generator eliminates most of them from the tables).
pub(crate) const REDUCE_SILENT: u16 = 1 << 15;

/// An unused comb slot in the serialised tables (any width).
const EMPTY: u32 = u32::MAX;

/// Per state: where its rows are and the info word.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct StateRow {
    pub shift_base: u32,
    pub goto_base: u32,
    pub red_start: u32,
    pub shift_key: u16,
    pub goto_key: u16,
    pub red_len: u16,
    pub info: u16,
}

/// A [`StateRow`] in the generated `STATE_ROWS`.
#[allow(clippy::too_many_arguments)]
const fn row(
    shift_base: u32,
    goto_base: u32,
    red_start: u32,
    shift_key: u16,
    goto_key: u16,
    red_len: u16,
    info: u16,
) -> StateRow {
    StateRow {
        shift_base,
        goto_base,
        red_start,
        shift_key,
        goto_key,
        red_len,
        info,
    }
}

/// A [`ProdInfo`] in the generated `PRODS` (an action number out of range
/// stands for `Action::Pass`, 0).
const fn prod(lhs: u16, len: u16, action: u16) -> ProdInfo {
    ProdInfo {
        lhs: lhs as u32,
        len: len as u32,
        action: if (action as usize) < Action::ALL.len() {
            action
        } else {
            0
        },
    }
}

/// Per production: what a reduction needs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ProdInfo {
    pub lhs: u32,
    pub len: u32,
    pub action: u16,
}

/// A comb slot: the owning row key and the value. Unused slots have a key
/// that no row has.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub check: u16,
    pub value: u16,
}

/// A comb-compressed table of slots, read in place: `check` and `value`
/// are arrays of little-endian u16 (the blob's own arrays when they are
/// serialised 16 bits wide, so startup decodes nothing; a converted copy
/// otherwise). An empty slot's check is `u16::MAX`, which no state uses
/// as its key.
pub(crate) struct SlotTable {
    check: &'static [u8],
    value: &'static [u8],
}

impl SlotTable {
    #[inline(always)]
    pub(crate) fn get(&self, i: usize) -> Option<Slot> {
        let c = self.check.get(2 * i..2 * i + 2)?;
        let v = self.value.get(2 * i..2 * i + 2)?;
        Some(Slot {
            check: u16::from_le_bytes([c[0], c[1]]),
            value: u16::from_le_bytes([v[0], v[1]]),
        })
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.check.len() / 2
    }
}

/// The tables.
pub struct Tables {
    pub(crate) states: &'static [StateRow],
    /// Shift comb vector (values: `target << 2 | flags`, or accept).
    pub(crate) shifts: SlotTable,
    /// Reductions: (production, lookahead set) per entry.
    pub(crate) reds: &'static [(u16, u16)],
    /// Lookahead sets, `la_words` words each.
    pub(crate) la_bits: &'static [u32],
    pub(crate) la_words: usize,
    /// GOTO comb vector and the default target per nonterminal.
    pub(crate) gotos: SlotTable,
    pub(crate) goto_default: &'static [u16],
    /// Per production for the driver: (lhs, rhs length), the length with
    /// [`REDUCE_SILENT`] set for a unit production labelled `Pass`.
    pub(crate) reduce_info: &'static [(u16, u16)],
    pub(crate) prods: &'static [ProdInfo],
    nt_base: &'static [u32],
    nt_params: &'static [u32],
    strings: Vec<&'static str>,
    pub(crate) start_script: u32,
    pub(crate) start_module: u32,
}

impl Tables {
    /// The shift entry of `row` for terminal `t`, if any.
    #[inline(always)]
    pub(crate) fn shift(&self, row: &StateRow, t: usize) -> Option<u16> {
        match self.shifts.get(row.shift_base as usize + t) {
            Some(s) if s.check == row.shift_key => Some(s.value),
            _ => None,
        }
    }

    /// The production `row` reduces on terminal `t`, if any.
    #[inline(always)]
    pub(crate) fn reduction(&self, row: &StateRow, t: usize) -> Option<u16> {
        let start = row.red_start as usize;
        let reds = self.reds.get(start..start + row.red_len as usize)?;
        for &(p, la) in reds {
            let w = la as usize * self.la_words + t / 32;
            if self
                .la_bits
                .get(w)
                .is_some_and(|&b| b & (1 << (t % 32)) != 0)
            {
                return Some(p);
            }
        }
        None
    }

    /// Whether `state` has any action on terminal `t`; for a shift, its
    /// value.
    pub(crate) fn has_action(&self, state: u32, t: usize) -> Option<Option<u16>> {
        let row = self.states.get(state as usize)?;
        if let Some(v) = self.shift(row, t) {
            return Some(Some(v));
        }
        self.reduction(row, t).map(|_| None)
    }

    /// GOTO for `state` and nonterminal `nt` (`u32::MAX` for a state that
    /// does not exist, which the tables never produce).
    #[inline(always)]
    pub(crate) fn goto(&self, state: u32, nt: u16) -> u32 {
        let Some(row) = self.states.get(state as usize) else {
            return u32::MAX;
        };
        match self.gotos.get(row.goto_base as usize + nt as usize) {
            Some(s) if s.check == row.goto_key => s.value as u32,
            _ => self
                .goto_default
                .get(nt as usize)
                .map_or(u32::MAX, |&d| d as u32),
        }
    }

    /// Number of LALR(1) states.
    pub fn state_count(&self) -> usize {
        self.states.len()
    }

    /// Number of productions.
    pub fn production_count(&self) -> usize {
        self.prods.len()
    }

    /// Size of the serialised tables in bytes.
    pub fn blob_len(&self) -> usize {
        BLOB.len()
    }
}

struct Reader {
    pos: usize,
}

impl Reader {
    fn u32_at(&self, at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(BLOB.get(at..at + 4)?.try_into().ok()?))
    }
    fn array(&mut self) -> Option<Vec<u32>> {
        let n = self.u32_at(self.pos)? as usize;
        let w = self.u32_at(self.pos + 4)? as usize;
        self.pos += 8;
        let data = BLOB.get(self.pos..self.pos + n * w)?;
        let v = match w {
            1 => data
                .iter()
                .map(|&b| if b == 0xFF { EMPTY } else { b as u32 })
                .collect(),
            2 => data
                .chunks_exact(2)
                .map(|c| match u16::from_le_bytes([c[0], c[1]]) {
                    0xFFFF => EMPTY,
                    h => h as u32,
                })
                .collect(),
            4 => data
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
            _ => return None,
        };
        self.pos += (n * w).div_ceil(4) * 4;
        Some(v)
    }
    /// Steps over `n` arrays.
    fn skip(&mut self, n: usize) -> Option<()> {
        for _ in 0..n {
            self.raw()?;
        }
        Some(())
    }
    /// An array left in the blob (the large slot arrays are read once,
    /// straight into their final form).
    fn raw(&mut self) -> Option<RawArray> {
        let n = self.u32_at(self.pos)? as usize;
        let w = self.u32_at(self.pos + 4)? as usize;
        self.pos += 8;
        let data = BLOB.get(self.pos..self.pos + n * w)?;
        if !matches!(w, 1 | 2 | 4) {
            return None;
        }
        self.pos += (n * w).div_ceil(4) * 4;
        Some(RawArray { data, w })
    }
}

/// A serialised array of `len()` elements of `w` bytes (`0xFF`/`0xFFFF`
/// standing for `EMPTY` in the narrow forms).
struct RawArray {
    data: &'static [u8],
    w: usize,
}

impl RawArray {
    fn len(&self) -> usize {
        self.data.len() / self.w
    }

    /// The elements as little-endian u16 (`EMPTY` as `u16::MAX`): the blob
    /// itself when it holds them so, else a converted copy kept for the
    /// life of the process (the tables are decoded once). `None` when an
    /// element does not fit.
    fn as_u16_le(&self) -> Option<&'static [u8]> {
        if self.w == 2 {
            return Some(self.data);
        }
        let mut out = Vec::with_capacity(self.len() * 2);
        let mut wide = false;
        self.for_each(|x| {
            let h = if x == EMPTY {
                u16::MAX
            } else {
                wide |= x >= u32::from(u16::MAX);
                x as u16
            };
            out.extend_from_slice(&h.to_le_bytes());
        });
        if wide {
            return None;
        }
        Some(Box::leak(out.into_boxed_slice()))
    }

    /// Calls `f` with every element, in order.
    #[inline]
    fn for_each(&self, mut f: impl FnMut(u32)) {
        match self.w {
            1 => self
                .data
                .iter()
                .for_each(|&b| f(if b == 0xFF { EMPTY } else { b as u32 })),
            2 => self.data.chunks_exact(2).for_each(|c| {
                f(match u16::from_le_bytes([c[0], c[1]]) {
                    0xFFFF => EMPTY,
                    h => h as u32,
                })
            }),
            _ => self
                .data
                .chunks_exact(4)
                .for_each(|c| f(u32::from_le_bytes([c[0], c[1], c[2], c[3]]))),
        }
    }
}

fn decode() -> Option<Tables> {
    if BLOB.get(..8)? != b"LALRTBL2" {
        return None;
    }
    let nterms = Reader { pos: 8 }.u32_at(8)? as usize;
    // Only the comb vectors and the strings are taken from the blob; the
    // other arrays are skipped (their static copies are generated from the
    // same lalrgen output).
    let mut r = Reader { pos: 12 };
    r.skip(3)?; // state_info, shift_base, shift_key
    let shift_check = r.raw()?;
    let shift_value = r.raw()?;
    r.skip(7)?; // red_start, red_prod, red_la, la_bits, goto_base, goto_key, goto_default
    let goto_check = r.raw()?;
    let goto_value = r.raw()?;
    r.skip(6)?; // prod_lhs, prod_len, prod_action, nt_base, nt_params, start_states
    let ends = r.array()?;
    let n = r.u32_at(r.pos)? as usize;
    let text: &'static str = std::str::from_utf8(BLOB.get(r.pos + 8..r.pos + 8 + n)?).ok()?;
    let mut strings = Vec::with_capacity(ends.len());
    let mut start = 0;
    for e in ends {
        strings.push(text.get(start..e as usize)?);
        start = e as usize;
    }
    let start_of = |name: &str| {
        START_STATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, s)| s)
    };
    // Values must fit in 16 bits (build.rs checks the state count).
    // The slot arrays stay in the blob (see `SlotTable`): decoding them
    // (230,000 slots) was the largest part of a hello world's startup.
    let slots = |check: &RawArray, value: &RawArray| -> Option<SlotTable> {
        if check.len() != value.len() {
            return None;
        }
        Some(SlotTable {
            check: check.as_u16_le()?,
            value: value.as_u16_le()?,
        })
    };
    Some(Tables {
        states: &STATE_ROWS,
        shifts: slots(&shift_check, &shift_value)?,
        reds: &REDUCTIONS,
        la_bits: &LA_BITS,
        la_words: nterms.div_ceil(32),
        gotos: slots(&goto_check, &goto_value)?,
        goto_default: &GOTO_DEFAULT,
        reduce_info: &REDUCE_INFO,
        prods: &PRODS,
        nt_base: &NT_BASE,
        nt_params: &NT_PARAMS,
        strings,
        start_script: start_of("Script")?,
        start_module: start_of("Module")?,
    })
}

/// The tables, decoded on first use.
pub fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    // The blob is generated by build.rs in the same build: failing to decode
    // it is a build bug, not something input can cause.
    TABLES.get_or_init(|| decode().expect("jsparser: corrupt generated parser tables"))
}

/// The semantic action label of production `p` (`Action::Pass` for an
/// unknown production).
pub fn production_action(p: u16) -> Action {
    tables()
        .prods
        .get(p as usize)
        .map_or(Action::Pass, |i| Action::ALL[i.action as usize])
}

/// The number of right-hand side symbols of production `p`.
pub fn production_len(p: u16) -> usize {
    tables().prods.get(p as usize).map_or(0, |i| i.len as usize)
}

/// The rule name of the left-hand side of production `p`, e.g. `IfStatement`.
pub fn production_lhs_name(p: u16) -> &'static str {
    let t = tables();
    t.prods
        .get(p as usize)
        .and_then(|i| t.nt_base.get(i.lhs as usize))
        .and_then(|&s| t.strings.get(s as usize).copied())
        .unwrap_or("")
}

/// The parameters set on the left-hand side of production `p`, e.g.
/// `In, Yield` (empty when none).
pub fn production_lhs_params(p: u16) -> &'static str {
    let t = tables();
    t.prods
        .get(p as usize)
        .and_then(|i| t.nt_params.get(i.lhs as usize))
        .and_then(|&s| t.strings.get(s as usize).copied())
        .unwrap_or("")
}

/// Number of productions.
pub fn production_count() -> usize {
    tables().prods.len()
}

#[cfg(test)]
mod static_tables {
    use super::*;

    /// The static tables generated by build.rs hold what the blob holds.
    #[test]
    fn static_tables_match_the_blob() {
        let mut r = Reader { pos: 12 };
        let mut next = || r.array().expect("blob array");
        let [state_info, shift_base, shift_key, _, _, red_start, red_prod, red_la, la_bits, goto_base, goto_key, goto_default, _, _, prod_lhs, prod_len, prod_action, nt_base, nt_params] =
            std::array::from_fn(|_| next());
        assert_eq!(STATE_ROWS.len(), state_info.len());
        for (s, row) in STATE_ROWS.iter().enumerate() {
            assert_eq!(row.info as u32, state_info[s]);
            assert_eq!(row.shift_base, shift_base[s]);
            assert_eq!(row.shift_key as u32, shift_key[s]);
            assert_eq!(row.goto_base, goto_base[s]);
            assert_eq!(row.goto_key as u32, goto_key[s]);
            assert_eq!(row.red_start, red_start[s]);
            assert_eq!(row.red_len as u32, red_start[s + 1] - red_start[s]);
        }
        let reds: Vec<(u32, u32)> = REDUCTIONS
            .iter()
            .map(|&(p, l)| (p as u32, l as u32))
            .collect();
        let expect: Vec<(u32, u32)> = red_prod
            .iter()
            .copied()
            .zip(red_la.iter().copied())
            .collect();
        assert_eq!(reds, expect);
        assert_eq!(LA_BITS[..], la_bits[..]);
        let gd: Vec<u32> = GOTO_DEFAULT.iter().map(|&d| d as u32).collect();
        assert_eq!(gd, goto_default);
        assert_eq!(NT_BASE[..], nt_base[..]);
        assert_eq!(NT_PARAMS[..], nt_params[..]);
        assert_eq!(PRODS.len(), prod_lhs.len());
        for (i, p) in PRODS.iter().enumerate() {
            assert_eq!(
                (p.lhs, p.len, p.action as u32),
                (prod_lhs[i], prod_len[i], prod_action[i])
            );
            let silent = if prod_action[i] == 0 && prod_len[i] == 1 {
                REDUCE_SILENT
            } else {
                0
            };
            assert_eq!(
                REDUCE_INFO[i],
                (prod_lhs[i] as u16, prod_len[i] as u16 | silent)
            );
        }
    }
}

#[cfg(test)]
mod decode_cost {
    /// The time to decode the tables (startup cost of the first parse).
    #[test]
    #[ignore]
    fn decode_cost() {
        let mut best = std::time::Duration::MAX;
        for _ in 0..20 {
            let t = std::time::Instant::now();
            let tables = super::decode();
            best = best.min(t.elapsed());
            assert!(tables.is_some());
        }
        let t = super::tables();
        eprintln!(
            "decode: {best:?} for {} states, {} shift slots, {} goto slots, blob {} bytes",
            t.states.len(),
            t.shifts.len(),
            t.gotos.len(),
            t.blob_len()
        );
    }
}
