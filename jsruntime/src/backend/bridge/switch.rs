//! `CaseIndex` tables with selectors that are not int32 constants (strings,
//! other numbers, booleans, `null`): a hash table the compiled code looks the
//! `switch` value up in (14.12.2 CaseBlockEvaluation).

use std::collections::HashMap;

use crate::backend::Executor;
use crate::semantics::{CompileCommand, Program};
use crate::string::hash_units;
use crate::value::Value;

/// The string selectors of one hash: (code units, clause).
// GC: code units and clause indexes, no references.
type StringBucket = Vec<(Box<[u16]>, u32)>;

/// The constant selectors of a `CaseTable` that the code does not test
/// inline (its `others`), by value, with the clause each selects. Plain data
/// (no heap cells), built once per table by the host and kept as long as the
/// program's code.
#[derive(Debug, Default)]
pub struct CaseLookup {
    /// String selectors by [`hash_units`] of their code units.
    // GC: code units copied out of the program's literals, no references.
    strings: HashMap<u32, StringBucket>,
    /// Numbers that are not int32 (by the bits of `Value::number`), and
    /// booleans and `null` (by their value bits). NaN is left out.
    values: HashMap<u64, u32>,
    /// The clause when nothing matches.
    fallback: u32,
}

impl CaseLookup {
    /// The lookup of `Program::case_tables[table]`'s `others`, `None` when
    /// the table is missing or holds another command. The first selector of
    /// a value wins (source order).
    pub(crate) fn new(program: &Program, table: u32) -> Option<CaseLookup> {
        let t = program.case_tables.get(table as usize)?;
        let mut lookup = CaseLookup {
            fallback: t.fallback,
            ..CaseLookup::default()
        };
        for (c, clause) in &t.others {
            let bits = match *c {
                CompileCommand::String(id) => {
                    // GC: the literal's code units (plain data).
                    let units: Box<[u16]> = match program.string_units(id) {
                        Some(u) => u.into(),
                        None => program.strings.get(id.0 as usize)?.encode_utf16().collect(),
                    };
                    let bucket = lookup
                        .strings
                        .entry(hash_units(units.iter().copied()))
                        .or_default();
                    if !bucket.iter().any(|(u, _)| *u == units) {
                        bucket.push((units, *clause));
                    }
                    continue;
                }
                // 7.2.15 IsStrictlyEqual: NaN equals nothing.
                CompileCommand::Number(x) if x.is_nan() => continue,
                CompileCommand::Number(x) => Value::number(x).to_bits(),
                CompileCommand::Boolean(b) => Value::from_bool(b).to_bits(),
                CompileCommand::Null => Value::NULL.to_bits(),
                CompileCommand::Undefined => Value::UNDEFINED.to_bits(),
                _ => return None,
            };
            lookup.values.entry(bits).or_insert(*clause);
        }
        Some(lookup)
    }

    /// The clause of the selector strictly equal to `v` (7.2.15
    /// IsStrictlyEqual: strings by code units, numbers by value), else the
    /// fallback.
    pub(crate) fn find(&self, v: Value) -> u32 {
        if let Some(s) = v.as_string() {
            if self.strings.is_empty() {
                return self.fallback;
            }
            // `hash` flattens a rope (malloc only, no collection).
            let Some(bucket) = self.strings.get(&s.hash()) else {
                return self.fallback;
            };
            let view = s.view();
            return bucket
                .iter()
                .find(|(units, _)| {
                    units.len() == view.len() && units.iter().copied().eq(view.units())
                })
                .map_or(self.fallback, |&(_, clause)| clause);
        }
        // Canonical bits: an integral double and its int32 are one key.
        let bits = v
            .as_number()
            .map_or(v.to_bits(), |x| Value::number(x).to_bits());
        self.values.get(&bits).copied().unwrap_or(self.fallback)
    }
}

/// `CaseIndex` of a value the code does not test inline: the clause of
/// `table` (a [`CaseLookup`]) it selects. Never throws, never allocates on
/// the GC heap.
///
/// # Safety
/// `table` must point to a live `CaseLookup` (the host keeps it as long as
/// the code); `v` must be a valid value.
pub unsafe extern "C" fn runtime_case_lookup(
    ctx: *mut Executor,
    table: *const CaseLookup,
    v: u64,
) -> u32 {
    let _ = ctx;
    // SAFETY: see the function's contract.
    let (table, v) = unsafe { (&*table, Value::from_bits(v)) };
    table.find(v)
}
