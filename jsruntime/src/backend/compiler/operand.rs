//! The compile-time operand stack: [`Operand`], GetValue and PutValue of an
//! operand, the literal commands that push one, and the stack manipulation
//! commands (`Discard`, `Dup`, `Swap`, `Dereference`).

use cranelift_codegen::ir;
use cranelift_frontend::Variable;

use super::dynamic;
use super::{malformed, CompileError, FunctionCompiler};
use crate::semantics::{CacheId, FunctionId, Locator, StringId, Symbol};
use crate::value::Value;

/// An entry of the compile-time operand stack.
#[derive(Clone, Debug)]
pub(super) enum Operand {
    Undefined,
    Null,
    Boolean(bool),
    Number(f64),
    String(StringId),
    This,
    /// A boolean computed at runtime (`i8`, 0 or 1).
    Bool(ir::Value),
    /// Any value, NaN-boxed (`i64`).
    Any(ir::Value),
    /// A value that may be held unboxed (design step 3, see `values.rs`,
    /// [`super::values::Unboxed`]): when `raw` (`i8`) is 1 it is the `f64`
    /// `f` and `v` is 0 (the bits of +0, a Number); when `raw` is 0 it is
    /// the NaN-boxed `v`, and `f` is its `f64` if `v` is a Number. `exact`:
    /// boxed as it is (a typed array's float element), else re-canonicalised
    /// to an int32 when integral (an arithmetic result). Only the full tier
    /// of a function that is not a coroutine makes one (a coroutine's
    /// operand stack is saved as `i64` parts).
    /// `loose`: `f` is meaningful only when `raw` (a variable's companion,
    /// see `variables.rs`), else `f` is also `v`'s double when `v` is a
    /// Number.
    Num {
        raw: ir::Value,
        f: ir::Value,
        v: ir::Value,
        exact: bool,
        loose: bool,
    },
    /// An int32 that may be held unboxed (the full tier of a function that
    /// is not a coroutine, as [`Operand::Num`]): when `flag` (`i8`) is 1 it
    /// is the `i32` `i` and `v` is 0; when `flag` is 0 it is the NaN-boxed
    /// `v` (an int32 or not). An int32 arithmetic, bitwise or remainder
    /// result, a local's int32 companions (`variables.rs`).
    Int {
        flag: ir::Value,
        i: ir::Value,
        v: ir::Value,
    },
    /// An identifier reference.
    Variable(Symbol, Locator),
    /// An identifier reference whose value was read before a side effect
    /// that could change it (ECMA-262 evaluates GetValue of a left operand
    /// before the right one): still usable as a reference; as a value it is
    /// `value`, checked for the TDZ (or, for globals, existence) when used.
    Snapshot {
        symbol: Symbol,
        locator: Locator,
        value: ir::Value,
    },
    /// A property reference with its base and key already evaluated;
    /// `cache` is the access site when the key is a constant string (so an
    /// inline cache applies).
    Property {
        object: ir::Value,
        key: ir::Value,
        cache: Option<CacheId>,
    },
    /// The key of a private reference (`PrivateKey`): a private name.
    PrivateKey(ir::Value),
    /// A private reference `object.#x` (see `private.rs`); `cache` is the
    /// access site.
    Private {
        object: ir::Value,
        key: ir::Value,
        cache: Option<CacheId>,
    },
    /// The callee of a call whose function was already read, with its this
    /// value (`CalleeProperty`, `CalleeWithThis`).
    Method {
        function: ir::Value,
        this: ir::Value,
    },
    /// An identifier reference resolved through dynamic environments
    /// (`DynamicReference`).
    Dynamic(dynamic::DynamicRef),
    /// A closure being built: the capture cells collected so far.
    Closure {
        function: FunctionId,
        captures: Vec<ir::Value>,
    },
    /// In a coroutine, an operand whose SSA values live in variables (one per
    /// [`Operand::parts`] entry): it was below a control-flow split, and a
    /// suspend point in one branch redefines them (see `coroutine.rs`).
    /// Popping it reads the variables back into `shape`.
    Spilled {
        shape: Box<Operand>,
        vars: Vec<Variable>,
    },
}

impl Operand {
    pub(super) fn is_reference(&self) -> bool {
        match self {
            Operand::Spilled { shape, .. } => shape.is_reference(),
            _ => matches!(
                self,
                Operand::Variable(..)
                    | Operand::Snapshot { .. }
                    | Operand::Property { .. }
                    | Operand::Private { .. }
                    | Operand::Dynamic(_)
            ),
        }
    }

    /// The SSA values the operand holds, in a fixed order (all `i64` boxed
    /// values, except a `Bool`'s `i8`, a `Num`'s `i8` and `f64`, and a
    /// closure's capture cells).
    pub(super) fn parts(&self) -> Vec<ir::Value> {
        match self {
            Operand::Bool(v)
            | Operand::Any(v)
            | Operand::PrivateKey(v)
            | Operand::Snapshot { value: v, .. } => vec![*v],
            Operand::Property { object, key, .. } | Operand::Private { object, key, .. } => {
                vec![*object, *key]
            }
            Operand::Method { function, this } => vec![*function, *this],
            Operand::Num { raw, f, v, .. } => vec![*raw, *f, *v],
            Operand::Int { flag, i, v } => vec![*flag, *i, *v],
            Operand::Dynamic(r) => vec![r.key, r.object, r.this],
            Operand::Closure { captures, .. } => captures.clone(),
            _ => Vec::new(),
        }
    }

    /// The operand with its SSA values replaced by `parts` (as many as
    /// [`Operand::parts`] returned).
    pub(super) fn with_parts(&self, parts: &[ir::Value]) -> Operand {
        let mut op = self.clone();
        match &mut op {
            Operand::Bool(v)
            | Operand::Any(v)
            | Operand::PrivateKey(v)
            | Operand::Snapshot { value: v, .. } => *v = parts[0],
            Operand::Property { object, key, .. } | Operand::Private { object, key, .. } => {
                *object = parts[0];
                *key = parts[1];
            }
            Operand::Method { function, this } => {
                *function = parts[0];
                *this = parts[1];
            }
            Operand::Num { raw, f, v, .. } => {
                *raw = parts[0];
                *f = parts[1];
                *v = parts[2];
            }
            Operand::Int { flag, i, v } => {
                *flag = parts[0];
                *i = parts[1];
                *v = parts[2];
            }
            Operand::Dynamic(r) => {
                r.key = parts[0];
                r.object = parts[1];
                r.this = parts[2];
            }
            Operand::Closure { captures, .. } => *captures = parts.to_vec(),
            _ => {}
        }
        op
    }
}

impl FunctionCompiler<'_, '_> {
    pub(super) fn pop(&mut self) -> Result<Operand, CompileError> {
        match self.operands.pop() {
            Some(op) => Ok(self.unspill(op)),
            None => malformed("operand stack underflow"),
        }
    }

    /// An operand with its values at this point: a [`Operand::Spilled`] one
    /// reads its variables.
    pub(super) fn unspill(&mut self, op: Operand) -> Operand {
        match op {
            Operand::Spilled { shape, vars } => {
                let parts: Vec<ir::Value> = vars.iter().map(|&v| self.b.use_var(v)).collect();
                shape.with_parts(&parts)
            }
            op => op,
        }
    }

    /// GetValue (ECMA-262 6.2.5.5) of an operand, boxed.
    pub(super) fn value_of(&mut self, op: Operand) -> Result<ir::Value, CompileError> {
        let op = self.unspill(op);
        Ok(match op {
            Operand::Undefined => self.constant(Value::UNDEFINED),
            Operand::Null => self.constant(Value::NULL),
            Operand::Boolean(b) => self.constant(Value::from_bool(b)),
            Operand::Number(n) => self.constant(Value::number(n)),
            Operand::String(id) => {
                let v = self.host.string_constant(self.program, id)?;
                self.constant(v)
            }
            Operand::This => self.this_value(),
            Operand::Bool(b) => self.box_bool(b),
            Operand::Any(v) => v,
            Operand::Num {
                raw, f, v, exact, ..
            } => self.box_unboxed(raw, f, v, exact),
            Operand::Int { flag, i, v } => self.box_int_side(flag, i, v),
            Operand::Variable(symbol, locator) => self.load_variable(symbol, locator)?,
            Operand::Snapshot {
                symbol,
                locator,
                value,
            } => {
                let checked = match locator {
                    Locator::Argument(_) | Locator::Local(_) => {
                        let index = self.slot_index(locator)?;
                        self.is_lexical(index)
                    }
                    _ => true,
                };
                if checked {
                    self.check_initialized(value, symbol);
                }
                value
            }
            Operand::Property { object, key, cache } => self.get_property(object, key, cache),
            Operand::PrivateKey(v) => v,
            Operand::Private { object, key, cache } => self.get_private(object, key, cache),
            Operand::Method { function, .. } => function,
            Operand::Dynamic(r) => self.dynamic_get(r)?,
            Operand::Closure { function, captures } => self.create_closure(function, &captures)?,
            Operand::Spilled { .. } => return malformed("a spilled operand inside another"),
        })
    }

    /// PutValue of `value` into a reference operand.
    pub(super) fn put_value(
        &mut self,
        reference: &Operand,
        value: ir::Value,
        initialize: bool,
    ) -> Result<(), CompileError> {
        if let Operand::Spilled { .. } = reference {
            let reference = self.unspill(reference.clone());
            return self.put_value(&reference, value, initialize);
        }
        match *reference {
            Operand::Variable(symbol, locator)
            | Operand::Snapshot {
                symbol, locator, ..
            } => self.store_variable(symbol, locator, value, initialize),
            Operand::Property { object, key, cache } if !initialize => {
                self.set_property(object, key, value, cache);
                Ok(())
            }
            Operand::Private { object, key, cache } if !initialize => {
                self.set_private(object, key, value, cache);
                Ok(())
            }
            // A function declaration of eval code in a dynamic variable
            // environment initialises the property it just created.
            Operand::Dynamic(r) => self.dynamic_put(r, value),
            _ => malformed("assignment to a non-reference"),
        }
    }

    /// Snapshots the identifier references below the top `keep` operands,
    /// before a command that may change bindings (see [`Operand::Snapshot`]).
    /// Also called before control flow splits, so that no lazy reference is
    /// read in only one branch.
    pub(super) fn settle(&mut self, keep: usize) -> Result<(), CompileError> {
        let end = self.operands.len().saturating_sub(keep);
        for i in 0..end {
            if let Operand::Variable(symbol, locator) = self.operands[i] {
                let value = self.read_raw(symbol, locator)?;
                self.operands[i] = Operand::Snapshot {
                    symbol,
                    locator,
                    value,
                };
            }
        }
        Ok(())
    }

    /// `String(id)`: checks the id; the operand stays a constant.
    pub(super) fn string_literal(&mut self, id: StringId) -> Result<(), CompileError> {
        if id.0 as usize >= self.program.strings.len() {
            return malformed(format!("string {} out of range", id.0));
        }
        self.operands.push(Operand::String(id));
        Ok(())
    }

    /// `BigInt { radix, digits }`: a constant the host keeps alive.
    pub(super) fn bigint_literal(
        &mut self,
        radix: u32,
        digits: StringId,
    ) -> Result<(), CompileError> {
        let v = self.host.bigint_constant(self.program, radix, digits)?;
        let v = self.constant(v);
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// `TemplateObject(site)`: the site's template object, a constant.
    pub(super) fn template_object(&mut self, site: u32) -> Result<(), CompileError> {
        let v = self.host.template_object(self.program, site)?;
        let v = self.constant(v);
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// `Discard`.
    pub(super) fn discard(&mut self) -> Result<(), CompileError> {
        let op = self.pop()?;
        if op.is_reference() || matches!(op, Operand::Closure { .. }) {
            // ECMA-262 14.5.1: an expression statement still performs
            // GetValue (it may throw a ReferenceError or run a getter).
            self.value_of(op)?;
        }
        Ok(())
    }

    /// `Dup`: a closure being built is created first, so that both
    /// copies are the same function object.
    pub(super) fn dup(&mut self) -> Result<(), CompileError> {
        let top = self.pop()?;
        let top = if let Operand::Closure { .. } = top {
            Operand::Any(self.value_of(top)?)
        } else {
            top
        };
        self.operands.push(top.clone());
        self.operands.push(top);
        Ok(())
    }

    /// `Swap`.
    pub(super) fn swap(&mut self) -> Result<(), CompileError> {
        let a = self.pop()?;
        let b = self.pop()?;
        self.operands.push(a);
        self.operands.push(b);
        Ok(())
    }

    /// `Dereference`.
    pub(super) fn dereference(&mut self) -> Result<(), CompileError> {
        let reference = self.pop()?;
        let v = self.value_of(reference.clone())?;
        self.operands.push(reference);
        self.operands.push(Operand::Any(v));
        Ok(())
    }
}
