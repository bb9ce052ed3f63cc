//! The generated LALR(1) tables and the production information.
//!
//! `build.rs` runs `lalrgen` on `grammar/es2025.grammar` and writes, in
//! `OUT_DIR`, a blob of packed tables and a small Rust file with the
//! [`Action`] enum. The blob is decoded once, on first use, into the arrays
//! below (row-displacement ACTION and GOTO tables; see `lalrgen::tables`).

#[allow(clippy::all, missing_docs, dead_code)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/parser_tables.rs"));
}

pub use generated::Action;
use generated::{BLOB, START_STATES};

use std::sync::OnceLock;

// The encodings below must match lalrgen::tables.
pub(crate) const ACT_SHIFT: u32 = 1 << 30;
pub(crate) const ACT_REDUCE: u32 = 2 << 30;
pub(crate) const ACT_ACCEPT: u32 = 3 << 30;
pub(crate) const ACT_KIND_MASK: u32 = 3 << 30;
pub(crate) const ACT_NO_LT: u32 = 1 << 29;
pub(crate) const ACT_NO_ASI: u32 = 1 << 28;
pub(crate) const ACT_VALUE_MASK: u32 = (1 << 28) - 1;
pub(crate) const INFO_DEFAULT_REDUCE: u32 = 1 << 31;
/// Goal class 0 of `lalrgen::Config::ecmascript`: the state accepts a
/// RegularExpressionLiteral.
pub(crate) const INFO_REGEXP: u32 = 1;
pub(crate) const INFO_DO_WHILE: u32 = 1 << 8;

const EMPTY: u32 = u32::MAX;

/// Per state: ACTION row placement and the info word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct StateRow {
    pub base: u32,
    pub key: u32,
    pub info: u32,
}

/// Per production: what a reduction needs.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ProdInfo {
    pub lhs: u32,
    pub len: u32,
    pub action: u16,
}

/// The decoded tables.
pub struct Tables {
    pub(crate) states: Box<[StateRow]>,
    /// ACTION comb vector: (check key, entry).
    pub(crate) actions: Box<[(u32, u32)]>,
    pub(crate) goto_base: Box<[u32]>,
    pub(crate) goto_default: Box<[u32]>,
    /// GOTO comb vector: (check nonterminal, target state).
    pub(crate) gotos: Box<[(u32, u32)]>,
    pub(crate) prods: Box<[ProdInfo]>,
    nt_base: Box<[u32]>,
    nt_params: Box<[u32]>,
    strings: Vec<&'static str>,
    pub(crate) start_script: u32,
    pub(crate) start_module: u32,
}

impl Tables {
    /// The ACTION entry for `state` and terminal `t` (0: error).
    #[inline(always)]
    pub(crate) fn action(&self, state: u32, t: u32) -> u32 {
        let row = self.states[state as usize];
        match self.actions.get((row.base + t) as usize) {
            Some(&(check, value)) if check == row.key => value,
            _ => 0,
        }
    }

    /// GOTO for `state` and nonterminal `nt`.
    #[inline(always)]
    pub(crate) fn goto(&self, state: u32, nt: u32) -> u32 {
        let base = self.goto_base[nt as usize];
        match self.gotos.get((base + state) as usize) {
            Some(&(check, target)) if check == nt => target,
            _ => self.goto_default[nt as usize],
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
}

fn decode() -> Option<Tables> {
    if BLOB.get(..8)? != b"LALRTBL1" {
        return None;
    }
    let mut r = Reader { pos: 12 };
    let state_info = r.array()?;
    let action_base = r.array()?;
    let action_key = r.array()?;
    let action_check = r.array()?;
    let action_value = r.array()?;
    let goto_base = r.array()?;
    let goto_default = r.array()?;
    let goto_check = r.array()?;
    let goto_value = r.array()?;
    let prod_lhs = r.array()?;
    let prod_len = r.array()?;
    let prod_action = r.array()?;
    let nt_base = r.array()?;
    let nt_params = r.array()?;
    let _start_states = r.array()?;
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
    let nactions = Action::ALL.len();
    Some(Tables {
        states: state_info
            .iter()
            .zip(action_base.iter().zip(&action_key))
            .map(|(&info, (&base, &key))| StateRow { base, key, info })
            .collect(),
        actions: action_check.into_iter().zip(action_value).collect(),
        goto_base: goto_base.into(),
        goto_default: goto_default.into(),
        gotos: goto_check.into_iter().zip(goto_value).collect(),
        prods: prod_lhs
            .iter()
            .zip(prod_len.iter().zip(&prod_action))
            .map(|(&lhs, (&len, &action))| ProdInfo {
                lhs,
                len,
                action: if (action as usize) < nactions {
                    action as u16
                } else {
                    0
                },
            })
            .collect(),
        nt_base: nt_base.into(),
        nt_params: nt_params.into(),
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
