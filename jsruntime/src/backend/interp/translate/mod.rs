//! Compile script -> interpreter ops. The translator mirrors the Cranelift
//! compiler's walk (`compiler/operand.rs`, `control_flow.rs`,
//! `variables.rs`): the same compile-time operand stack of values and
//! unread references (settled before a command that may change a binding),
//! the same structured control flow, but each operand is a frame slot, so
//! the output is a list of ops over slots with resolved jump targets.
//!
//! Every operand has a fixed place: a value or an identifier reference one
//! slot (an unread reference keeps its slot for its value), a property
//! reference or a method two (object and key, or this and function). So
//! the operands of a call are in consecutive slots and the branches of a
//! conditional leave their value in the same slot.

use super::{CaseIndex, Code, Op, OsrItem, OsrLoop, Slot, MAX_FRAME, NO_OSR, NO_SLOT};
use crate::backend::bridge::set_global_mode as mode;
use crate::backend::compiler::{CompileError, CompileHost};
use crate::backend::FunctionTemplate;
use crate::runtime::inline_cache::PropertyCache;
use crate::semantics::{
    ArgumentsMapping, CacheId, CompileCommand, CompileScript, FunctionId, Helper, Locator,
    LoopFlags, Program, ScopeRef, ShortCircuitKind, Symbol, UnaryOperator, VariableKind,
};
use crate::value::Value;

/// How a missing global is read (`compiler::variables::GlobalMiss`).
const MISS_UNDEFINED: u8 = 0;
const MISS_THROW: u8 = 1;
const MISS_HOLE: u8 = 2;

#[derive(Clone, Debug)]
enum Opnd {
    /// A value in `slot`.
    Value { slot: Slot },
    /// A literal, in the constants' slot `src` (`string`: a string, a
    /// cacheable key); `slot` is its place on the stack.
    Const { slot: Slot, src: Slot, string: bool },
    /// An identifier reference not read yet (its value goes to `slot`).
    Var {
        symbol: Symbol,
        locator: Locator,
        slot: Slot,
    },
    /// An identifier reference read before a side effect: its raw value
    /// (maybe the hole) is in `slot`.
    Snap {
        symbol: Symbol,
        locator: Locator,
        slot: Slot,
    },
    /// `object[key]`: the object in `slot`, the key in `key` (`slot + 1`,
    /// or a constant's slot when the site is cached).
    Prop {
        slot: Slot,
        key: Slot,
        cache: Option<CacheId>,
    },
    /// A callee with its this value: this in `slot`, the function in
    /// `slot + 1`.
    Method { slot: Slot },
    /// A closure being built: its captures go to the slots above `slot`.
    Closure {
        slot: Slot,
        template: *const FunctionTemplate,
        count: u32,
        expected: u32,
    },
}

impl Opnd {
    fn base(&self) -> Slot {
        match *self {
            Opnd::Value { slot }
            | Opnd::Const { slot, .. }
            | Opnd::Var { slot, .. }
            | Opnd::Snap { slot, .. }
            | Opnd::Prop { slot, .. }
            | Opnd::Method { slot }
            | Opnd::Closure { slot, .. } => slot,
        }
    }

    fn size(&self) -> u32 {
        match self {
            Opnd::Prop { .. } | Opnd::Method { .. } => 2,
            _ => 1,
        }
    }

    fn is_reference(&self) -> bool {
        matches!(
            self,
            Opnd::Var { .. } | Opnd::Snap { .. } | Opnd::Prop { .. }
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Init,
    Test,
    Next,
    Body,
    PostTest,
    Done,
}

enum Flow {
    If {
        /// The conditional jump to the alternative.
        skip: usize,
        /// The jump over the alternative.
        end: Option<usize>,
        depth: usize,
        has_value: bool,
    },
    Short {
        exit: usize,
        assign: Option<Opnd>,
        result: Slot,
        depth: usize,
        floor: Slot,
    },
    Loop {
        flags: LoopFlags,
        labels: Vec<Symbol>,
        header: u32,
        cont: Option<u32>,
        skip_next: Option<usize>,
        breaks: Vec<usize>,
        continues: Vec<usize>,
        stage: Stage,
        scope_depth: usize,
    },
    Label {
        symbol: Symbol,
        breaks: Vec<usize>,
        scope_depth: usize,
    },
    Switch {
        op: usize,
        next: usize,
        depth: usize,
    },
    Try(Box<flow::TryFlow>),
}

struct Translator<'a, 'h> {
    program: &'a Program,
    script: &'a CompileScript,
    host: &'h mut dyn CompileHost,
    ops: Vec<Op>,
    positions: Vec<u32>,
    position: u32,
    operands: Vec<Opnd>,
    flows: Vec<Flow>,
    scopes: Vec<ScopeRef>,
    pending_labels: Vec<Symbol>,
    /// Slot of each parameter and local.
    bindings: Vec<Slot>,
    captured: Vec<bool>,
    kinds: Vec<Option<VariableKind>>,
    caches: *const PropertyCache,
    /// Two slots for the steps of one command.
    scratch: Slot,
    /// Where `return` leaves its value when finally blocks run first.
    return_slot: Slot,
    /// The exception handlers, innermost first.
    handlers: Vec<super::Handler>,
    /// The constants, copied to the frame from `const_base` at entry.
    constants: Vec<u64>,
    constant_slots: std::collections::HashMap<u64, Slot>,
    const_base: Slot,
    /// The command's result is discarded (the next command is `Discard`).
    discarded: bool,
    stack_base: Slot,
    /// Operands go at or above it (a logical assignment keeps its
    /// reference below).
    floor: Slot,
    max_slot: Slot,
    /// The function's feedback table (`backend::feedback`), or null.
    feedback: *mut u8,
    command_index: usize,
    /// Loops met so far (`LoopStart` order, as the compiler numbers them).
    loops: u32,
    osr: Vec<OsrLoop>,
    /// The largest save area (words).
    osr_words: Slot,
    /// The scopes declaring each binding (none: a temporary).
    slot_scopes: Vec<Vec<ScopeRef>>,
}

fn unsupported<T>(what: &'static str) -> Result<T, CompileError> {
    Err(CompileError::Unsupported(what))
}

/// The value of a literal command (`None`: not a literal).
fn literal(
    program: &Program,
    host: &mut dyn CompileHost,
    command: &CompileCommand,
) -> Result<Option<Value>, CompileError> {
    use CompileCommand as C;
    Ok(Some(match *command {
        C::Undefined => Value::UNDEFINED,
        C::Null => Value::NULL,
        C::Boolean(b) => Value::from_bool(b),
        C::Number(n) => Value::number(n),
        C::String(id) => host.string_constant(program, id)?,
        C::BigInt { radix, digits } => host.bigint_constant(program, radix, digits)?,
        C::TemplateObject(site) => host.template_object(program, site)?,
        _ => return Ok(None),
    }))
}

/// Translates `function` of `program`, or says why the interpreter cannot
/// run it.
pub(crate) fn translate(
    program: &Program,
    function: FunctionId,
    host: &mut dyn CompileHost,
) -> Result<Code, CompileError> {
    let script = program
        .function(function)
        .ok_or_else(|| CompileError::Malformed(format!("no function {}", function.0)))?;
    for command in &script.commands {
        use CompileCommand as C;
        match command {
            C::DynamicReference { .. }
            | C::GetSuperProperty(_)
            | C::DefinePrivateField(_)
            | C::SuperCall(_)
            | C::SuperCallForward
            | C::DirectEval(_)
            | C::ActiveScriptOrModule
            | C::DeclareGlobalVar(_)
            | C::PrivateKey
            | C::JumpTable(_)
            | C::GeneratorStart(_)
            | C::Await(_)
            | C::Yield(_)
            | C::YieldDelegate(_)
            | C::AsyncYieldDelegate(_)
            | C::Helper(Helper::CheckThis) => {
                if std::env::var_os("JSRUNTIME_COMPILE_LOG").is_some() {
                    eprintln!("interp: unsupported {command:?}");
                }
                return unsupported("command");
            }
            _ => {}
        }
    }
    if script.eval_scope.is_some() {
        return unsupported("eval scope");
    }
    let num_params = script.num_params as usize;
    let num_slots = num_params + script.num_locals as usize;
    let (captured, kinds) = script.binding_table().map_err(|symbol| {
        CompileError::Malformed(format!(
            "variable {} declared outside the function's bindings",
            program.symbol_name(symbol)
        ))
    })?;
    let mut bindings = Vec::with_capacity(num_slots);
    let mut next: Slot = 0;
    for &c in &captured {
        bindings.push(next);
        next += if c { 2 } else { 1 };
    }
    let scratch = next;
    // The return value of a `return` that runs finally blocks first.
    let return_slot = next + 2;
    // The literals, in slots of their own (copied in at entry).
    let const_base = next + 3;
    let mut constants = Vec::new();
    let mut constant_slots = std::collections::HashMap::new();
    for command in &script.commands {
        if let Some(v) = literal(program, &mut *host, command)? {
            let bits = v.to_bits();
            constant_slots.entry(bits).or_insert_with(|| {
                constants.push(bits);
                const_base + constants.len() as Slot - 1
            });
        }
    }
    let stack_base = const_base + constants.len() as Slot;
    let caches = if script.num_inline_caches > 0 {
        host.inline_caches(script.num_inline_caches * 2)
    } else {
        std::ptr::null()
    };
    let interrupt_flag = host.interrupt_flag();
    // Recorded as quick code does, for the full tier.
    let feedback = if crate::backend::compiler::is_huge(script) {
        std::ptr::null_mut()
    } else {
        host.feedback(2 * script.commands.len(), true)
    };
    let mut t = Translator {
        program,
        script,
        host,
        ops: Vec::with_capacity(script.commands.len() * 2),
        positions: Vec::with_capacity(script.commands.len() * 2),
        position: u32::MAX,
        operands: Vec::new(),
        flows: Vec::new(),
        scopes: Vec::new(),
        pending_labels: Vec::new(),
        bindings,
        captured,
        kinds,
        caches,
        scratch,
        return_slot,
        handlers: Vec::new(),
        constants,
        constant_slots,
        const_base,
        discarded: false,
        stack_base,
        floor: stack_base,
        max_slot: stack_base,
        feedback,
        command_index: 0,
        loops: 0,
        osr: Vec::new(),
        osr_words: 0,
        slot_scopes: crate::backend::compiler::coroutine::slot_scopes(script, num_slots),
    };
    for (i, command) in script.commands.iter().enumerate() {
        t.position = script.position(i).unwrap_or(u32::MAX);
        t.command_index = i;
        t.discarded = matches!(script.commands.get(i + 1), Some(CompileCommand::Discard));
        if command.settles() {
            t.settle(command.stack_effect().max_pops())?;
        }
        t.command(command)?;
        if t.max_slot as usize > MAX_FRAME {
            return unsupported("frame too large");
        }
    }
    if !t.flows.is_empty() {
        return Err(CompileError::Malformed("unclosed construct".into()));
    }
    if (t.max_slot + t.osr_words) as usize > MAX_FRAME {
        return unsupported("frame too large");
    }
    // Falling off the end returns undefined.
    let dst = t.scratch;
    t.emit(Op::Const {
        dst,
        bits: Value::UNDEFINED.to_bits(),
    });
    t.emit(Op::Return { src: dst });
    let captured_slots = t
        .captured
        .iter()
        .zip(&t.bindings)
        .filter(|(c, _)| **c)
        .map(|(_, &s)| s)
        .collect();
    if std::env::var_os("JSRUNTIME_INTERP_PROFILE").is_some() {
        eprintln!(
            "interp translate fn{}: {} loops, {} with on-stack replacement, osr_capable {}",
            function.0,
            t.loops,
            t.osr.len(),
            crate::backend::compiler::has_osr_entries(program, function)
        );
    }
    let uses_this = script.commands.contains(&CompileCommand::This);
    Ok(Code {
        ops: t.ops,
        positions: t.positions,
        frame_size: (t.max_slot + t.osr_words) as usize,
        num_params,
        bindings: t.bindings,
        captured: captured_slots,
        coerce_this: uses_this && !script.flags.strict,
        strict: script.flags.strict,
        interrupt_flag,
        osr: t.osr,
        handlers: t.handlers,
        osr_area: t.max_slot,
        const_base: t.const_base,
        constants: t.constants,
    })
}

impl Translator<'_, '_> {
    fn emit(&mut self, op: Op) {
        self.ops.push(op);
        self.positions.push(self.position);
    }

    fn here(&self) -> u32 {
        self.ops.len() as u32
    }

    fn patch(&mut self, at: usize, to: u32) {
        match &mut self.ops[at] {
            Op::Jump { target } | Op::JumpIf { target, .. } | Op::JumpIfNullish { target, .. } => {
                *target = to
            }
            _ => {}
        }
    }

    /// The current command's feedback byte (`element`: its element site),
    /// or null.
    fn site(&self, element: bool) -> *mut u8 {
        if self.feedback.is_null() {
            return std::ptr::null_mut();
        }
        self.feedback
            .wrapping_add(2 * self.command_index + element as usize)
    }

    /// The element site of an access with this cache (none when cached).
    fn element_site(&self, cache: *const PropertyCache) -> *mut u8 {
        if cache.is_null() {
            self.site(true)
        } else {
            std::ptr::null_mut()
        }
    }

    fn use_slot(&mut self, slot: Slot) {
        self.max_slot = self.max_slot.max(slot + 1);
    }

    /// Where the next operand goes.
    fn next_slot(&mut self) -> Slot {
        let s = self
            .operands
            .last()
            .map_or(self.stack_base, |o| o.base() + o.size())
            .max(self.floor);
        self.use_slot(s + 1);
        s
    }

    fn push_value(&mut self, slot: Slot) {
        self.use_slot(slot);
        self.operands.push(Opnd::Value { slot });
    }

    fn pop(&mut self) -> Result<Opnd, CompileError> {
        self.operands
            .pop()
            .ok_or_else(|| CompileError::Malformed("operand stack underflow".into()))
    }

    fn name(&mut self, symbol: Symbol) -> u32 {
        self.host.global_name(self.program, symbol)
    }

    fn binding_index(&self, locator: Locator) -> Option<usize> {
        self.script.binding_index(locator)
    }

    fn is_lexical(&self, index: usize) -> bool {
        self.kinds[index].is_some_and(|k| k.is_lexical())
    }

    /// `dst = object[key]` through the site's get cache (when the key is
    /// constant), recording element feedback otherwise.
    fn emit_get(&mut self, dst: Slot, object: Slot, key: Slot, cache: Option<CacheId>) {
        let cache = self.cache(cache, false);
        let site = self.element_site(cache);
        self.emit(Op::GetProperty {
            dst,
            object,
            key,
            cache,
            site,
        });
    }

    fn cache(&self, cache: Option<CacheId>, set: bool) -> *const PropertyCache {
        match cache {
            Some(c) if !self.caches.is_null() && c.0 < self.script.num_inline_caches => {
                // The table has a get and a set entry per site.
                self.caches.wrapping_add(2 * c.0 as usize + set as usize)
            }
            _ => std::ptr::null(),
        }
    }

    // ----- Reading and writing operands -----

    /// Snapshots the unread identifier references below the top `keep`
    /// operands (`compiler/operand.rs`, `settle`).
    fn settle(&mut self, keep: usize) -> Result<(), CompileError> {
        let end = self.operands.len().saturating_sub(keep);
        for i in 0..end {
            if let Opnd::Var {
                symbol,
                locator,
                slot,
            } = self.operands[i]
            {
                self.read_variable(symbol, locator, slot, MISS_HOLE, false)?;
                self.operands[i] = Opnd::Snap {
                    symbol,
                    locator,
                    slot,
                };
            }
        }
        Ok(())
    }

    /// Reads a binding into `dst`; `check`: the TDZ check of a read.
    fn read_variable(
        &mut self,
        symbol: Symbol,
        locator: Locator,
        dst: Slot,
        miss: u8,
        check: bool,
    ) -> Result<(), CompileError> {
        self.use_slot(dst);
        match locator {
            Locator::Argument(_) | Locator::Local(_) => {
                let Some(index) = self.binding_index(locator) else {
                    return Err(CompileError::Malformed(format!("no slot for {locator}")));
                };
                let src = self.bindings[index];
                self.emit(Op::Move { dst, src });
                if check && self.is_lexical(index) {
                    let name = self.name(symbol);
                    self.emit(Op::CheckHole { slot: dst, name });
                }
            }
            Locator::Capture(i) => {
                self.emit(Op::GetCapture {
                    dst,
                    index: u32::from(i),
                });
                if check {
                    let name = self.name(symbol);
                    self.emit(Op::CheckHole { slot: dst, name });
                }
            }
            Locator::Global | Locator::None => {
                let name = self.name(symbol);
                if let Some((address, _)) = self.host.global_lexical(name) {
                    self.emit(Op::GetGlobalLexical { dst, address });
                    if miss != MISS_HOLE {
                        self.emit(Op::CheckHole { slot: dst, name });
                    }
                    return Ok(());
                }
                let cache = self
                    .host
                    .global_cache(name)
                    .map_or(std::ptr::null(), |(_, ic)| ic);
                self.emit(Op::GetGlobal {
                    dst,
                    name,
                    miss,
                    cache,
                });
            }
        }
        Ok(())
    }

    /// GetValue of `op` into `dst`; returns `dst`.
    fn read_into(&mut self, op: &Opnd, dst: Slot) -> Result<Slot, CompileError> {
        self.use_slot(dst);
        match *op {
            Opnd::Value { slot } | Opnd::Const { src: slot, .. } => {
                if slot != dst {
                    self.emit(Op::Move { dst, src: slot });
                }
            }
            Opnd::Var {
                symbol, locator, ..
            } => self.read_variable(symbol, locator, dst, MISS_THROW, true)?,
            Opnd::Snap {
                symbol,
                locator,
                slot,
            } => {
                let name = self.name(symbol);
                if slot != dst {
                    self.emit(Op::Move { dst, src: slot });
                }
                let may_be_hole = match self.binding_index(locator) {
                    Some(index) => self.is_lexical(index),
                    None => true,
                };
                if may_be_hole {
                    self.emit(Op::CheckHole { slot: dst, name });
                }
            }
            Opnd::Prop { slot, key, cache } => self.emit_get(dst, slot, key, cache),
            Opnd::Method { slot } => {
                if slot + 1 != dst {
                    self.emit(Op::Move { dst, src: slot + 1 });
                }
            }
            Opnd::Closure { .. } => return unsupported("closure value before its captures"),
        }
        Ok(dst)
    }

    /// GetValue of `op` into its own slot.
    fn value_here(&mut self, op: &Opnd) -> Result<Slot, CompileError> {
        let dst = op.base();
        self.read_into(op, dst)
    }

    /// GetValue of `op`, for an op that reads it now: the slot that holds
    /// it (a constant's or a local's slot, or the operand's own).
    fn value(&mut self, op: &Opnd) -> Result<Slot, CompileError> {
        match *op {
            Opnd::Const { src, .. } => Ok(src),
            Opnd::Value { slot } => Ok(slot),
            Opnd::Var {
                symbol,
                locator: locator @ (Locator::Argument(_) | Locator::Local(_)),
                ..
            } => {
                let Some(index) = self.binding_index(locator) else {
                    return Err(CompileError::Malformed(format!("no slot for {locator}")));
                };
                let slot = self.bindings[index];
                if self.is_lexical(index) {
                    let name = self.name(symbol);
                    self.emit(Op::CheckHole { slot, name });
                }
                Ok(slot)
            }
            _ => self.value_here(op),
        }
    }

    /// PutValue (6.2.5.6) of the value in `src` to the reference `op`, or
    /// InitializeReferencedBinding when `initialize`.
    fn put_value(&mut self, op: &Opnd, src: Slot, initialize: bool) -> Result<(), CompileError> {
        match *op {
            Opnd::Var {
                symbol, locator, ..
            }
            | Opnd::Snap {
                symbol, locator, ..
            } => self.store_variable(symbol, locator, src, initialize),
            Opnd::Prop { slot, key, cache } => {
                let cache = self.cache(cache, true);
                let site = self.element_site(cache);
                self.emit(Op::SetProperty {
                    object: slot,
                    key,
                    src,
                    cache,
                    site,
                });
                Ok(())
            }
            _ => Err(CompileError::Malformed(
                "assignment to a non-reference".into(),
            )),
        }
    }

    fn store_variable(
        &mut self,
        symbol: Symbol,
        locator: Locator,
        src: Slot,
        initialize: bool,
    ) -> Result<(), CompileError> {
        match locator {
            Locator::Argument(_) | Locator::Local(_) => {
                let Some(index) = self.binding_index(locator) else {
                    return Err(CompileError::Malformed(format!("no slot for {locator}")));
                };
                let slot = self.bindings[index];
                if !initialize {
                    // 9.1.1.1.5 SetMutableBinding: the TDZ first, then the
                    // TypeError of a constant.
                    if self.is_lexical(index) {
                        let name = self.name(symbol);
                        self.emit(Op::CheckHole { slot, name });
                    }
                    if self.kinds[index] == Some(VariableKind::Const) {
                        let name = self.name(symbol);
                        self.emit(Op::ThrowConst { name });
                        return Ok(());
                    }
                }
                self.emit(Op::Move { dst: slot, src });
            }
            Locator::Capture(i) => {
                if !initialize {
                    let name = self.name(symbol);
                    let temp = self.scratch + 1;
                    self.emit(Op::GetCapture {
                        dst: temp,
                        index: u32::from(i),
                    });
                    self.emit(Op::CheckHole { slot: temp, name });
                    if self.script.readonly_captures.get(i as usize) == Some(&true) {
                        return Ok(());
                    }
                    if self.script.const_captures.get(i as usize) == Some(&true) {
                        self.emit(Op::ThrowConst { name });
                        return Ok(());
                    }
                }
                self.emit(Op::SetCapture {
                    index: u32::from(i),
                    src,
                });
            }
            Locator::Global | Locator::None => {
                let name = self.name(symbol);
                if let Some((address, mutable)) = self.host.global_lexical(name) {
                    if !initialize {
                        let temp = self.scratch + 1;
                        self.emit(Op::GetGlobalLexical { dst: temp, address });
                        self.emit(Op::CheckHole { slot: temp, name });
                        if !mutable {
                            self.emit(Op::ThrowConst { name });
                            return Ok(());
                        }
                    }
                    self.emit(Op::SetGlobalLexical { src, address });
                    return Ok(());
                }
                let mode = mode::of(
                    initialize,
                    self.program.declarations.deletable,
                    self.script.flags.strict,
                );
                let cache = if mode == mode::SLOPPY || mode == mode::STRICT {
                    self.host
                        .global_cache(name)
                        .map_or(std::ptr::null(), |(_, ic)| ic.wrapping_add(1))
                } else {
                    std::ptr::null()
                };
                self.emit(Op::SetGlobal {
                    name,
                    src,
                    mode,
                    cache,
                });
            }
        }
        Ok(())
    }

    /// ToPropertyKey of a computed key before the reference is both read
    /// and written (`compiler/property.rs`, `pin_property_key`): the
    /// conversion runs once.
    fn pin_key(&mut self, op: &Opnd) {
        if let Opnd::Prop {
            slot, cache: None, ..
        } = *op
        {
            self.emit(Op::PinKey {
                object: slot,
                key: slot + 1,
            });
        }
    }

    // ----- Commands -----

    fn command(&mut self, command: &CompileCommand) -> Result<(), CompileError> {
        use CompileCommand as C;
        match *command {
            C::Undefined
            | C::Null
            | C::Boolean(_)
            | C::Number(_)
            | C::String(_)
            | C::BigInt { .. }
            | C::TemplateObject(_) => {
                let v = literal(self.program, &mut *self.host, command)?
                    .ok_or_else(|| CompileError::Malformed("not a literal".into()))?;
                let Some(&src) = self.constant_slots.get(&v.to_bits()) else {
                    return Err(CompileError::Malformed("literal without a slot".into()));
                };
                let slot = self.next_slot();
                self.operands.push(Opnd::Const {
                    slot,
                    src,
                    string: matches!(command, C::String(_)),
                });
            }
            C::This => {
                let dst = self.next_slot();
                self.emit(Op::This { dst });
                self.push_value(dst);
            }
            C::VariableReference(symbol, locator) => {
                let slot = self.next_slot();
                self.operands.push(Opnd::Var {
                    symbol,
                    locator,
                    slot,
                });
            }
            C::GetProperty(cache) => self.get_property(cache)?,
            C::PropertyReference(cache) => {
                let (slot, key, cache) = self.property_operands(cache)?;
                self.operands.push(Opnd::Prop { slot, key, cache });
            }
            C::CalleeProperty(cache) => {
                let (slot, key, cache) = self.property_operands(cache)?;
                self.emit_get(slot + 1, slot, key, cache);
                self.operands.push(Opnd::Method { slot });
            }
            C::CalleeWithThis => {
                let this = self.pop()?;
                let function = self.pop()?;
                let slot = function.base();
                let f = self.value(&function)?;
                let t = self.value(&this)?;
                // this in the first slot, the function in the second.
                let scratch = self.scratch;
                self.emit(Op::Move {
                    dst: scratch,
                    src: f,
                });
                self.emit(Op::Move { dst: slot, src: t });
                self.emit(Op::Move {
                    dst: slot + 1,
                    src: scratch,
                });
                self.use_slot(slot + 1);
                self.operands.push(Opnd::Method { slot });
            }
            C::PushScope(scope) => self.push_scope(scope)?,
            C::PopScope(scope) => {
                if self.scopes.last() != Some(&scope) {
                    return Err(CompileError::Malformed("PopScope does not match".into()));
                }
                self.escape_scope(scope);
                self.scopes.pop();
            }
            C::DeclareVars(scope) => self.declare_vars(scope)?,
            C::Initialize => {
                let value = self.pop()?;
                let reference = self.pop()?;
                let v = self.value(&value)?;
                self.put_value(&reference, v, true)?;
            }
            C::Closure(function) => self.closure(function)?,
            C::Capture(locator) => self.capture(locator)?,
            C::Call(argc) => self.call(argc as usize, false)?,
            C::New(argc) => self.call(argc as usize, true)?,
            C::Return(has_value) => {
                let src = if has_value {
                    let v = self.pop()?;
                    self.value(&v)?
                } else {
                    let dst = self.scratch;
                    self.emit(Op::Const {
                        dst,
                        bits: Value::UNDEFINED.to_bits(),
                    });
                    dst
                };
                self.return_from(src)?;
            }
            C::Throw => {
                let v = self.pop()?;
                let src = self.value(&v)?;
                self.emit(Op::Throw { src });
            }
            C::Object => {
                let dst = self.next_slot();
                self.emit(Op::CreateObject { dst });
                self.push_value(dst);
            }
            C::Array => {
                let dst = self.next_slot();
                self.emit(Op::CreateArray { dst });
                self.push_value(dst);
            }
            C::CreateDataProperty => {
                let value = self.pop()?;
                let key = self.pop()?;
                let object = self.pop()?;
                let o = self.value_here(&object)?;
                let k = self.value(&key)?;
                let v = self.value(&value)?;
                self.emit(Op::CreateDataProperty {
                    object: o,
                    key: k,
                    src: v,
                });
                self.push_value(o);
            }
            C::PushArrayElement => {
                let value = self.pop()?;
                let array = self.pop()?;
                let a = self.value_here(&array)?;
                let v = self.value(&value)?;
                self.emit(Op::PushElement { array: a, src: v });
                self.push_value(a);
            }
            C::PushArrayConstants(list) => {
                let array = self.pop()?;
                let a = self.value_here(&array)?;
                let (values, count) = self.host.constant_list(self.program, list)?;
                self.emit(Op::PushConstants {
                    array: a,
                    values,
                    count,
                });
                self.push_value(a);
            }
            C::Unary(op) => self.unary(op)?,
            C::Binary(op) => {
                let rhs = self.pop()?;
                let lhs = self.pop()?;
                let dst = lhs.base();
                let a = self.value(&lhs)?;
                let b = self.value(&rhs)?;
                let site = self.site(false);
                self.emit(Op::Binary {
                    dst,
                    op,
                    a,
                    b,
                    site,
                });
                self.push_value(dst);
            }
            C::Assignment => {
                let value = self.pop()?;
                let reference = self.pop()?;
                let v = self.value(&value)?;
                self.put_value(&reference, v, false)?;
                let dst = reference.base();
                if dst != v && !self.discarded {
                    self.emit(Op::Move { dst, src: v });
                }
                self.push_value(dst);
            }
            C::CompoundAssignmentBegin => {
                let reference = self.pop()?;
                if !reference.is_reference() {
                    return Err(CompileError::Malformed(
                        "compound assignment to a non-reference".into(),
                    ));
                }
                self.pin_key(&reference);
                let old = reference.base() + reference.size();
                self.read_into(&reference, old)?;
                self.operands.push(reference);
                self.push_value(old);
            }
            C::CompoundAssignment(op) => {
                let rhs = self.pop()?;
                let old = self.pop()?;
                let reference = self.pop()?;
                let r = old.base();
                let a = self.value(&old)?;
                let b = self.value(&rhs)?;
                let site = self.site(false);
                self.emit(Op::Binary {
                    dst: r,
                    op,
                    a,
                    b,
                    site,
                });
                self.put_value(&reference, r, false)?;
                let dst = reference.base();
                if !self.discarded {
                    self.emit(Op::Move { dst, src: r });
                }
                self.push_value(dst);
            }
            C::ShortCircuit(kind) => self.short_circuit(kind, false)?,
            C::ShortCircuitAssignment(kind) => self.short_circuit(kind, true)?,
            C::ShortCircuitEnd => self.short_circuit_end()?,
            C::IfThen => {
                let condition = self.pop()?;
                let cond = self.value(&condition)?;
                let skip = self.ops.len();
                self.emit(Op::JumpIf {
                    cond,
                    when: false,
                    target: 0,
                });
                self.flows.push(Flow::If {
                    skip,
                    end: None,
                    depth: self.operands.len(),
                    has_value: false,
                });
            }
            C::Else => self.else_branch()?,
            C::IfStatement | C::IfElseStatement | C::ConditionalExpression => {
                self.end_if(command)?
            }
            C::CaseIndex(table) => self.case_index(table)?,
            C::SwitchCases(clauses) => {
                let index = self.pop()?;
                let src = self.value(&index)?;
                let op = self.ops.len();
                self.emit(Op::Switch {
                    src,
                    targets: vec![0; clauses as usize + 1].into_boxed_slice(),
                });
                self.flows.push(Flow::Switch {
                    op,
                    next: 0,
                    depth: self.operands.len(),
                });
            }
            C::SwitchClause(k) => self.switch_clause(Some(k))?,
            C::SwitchEnd => self.switch_clause(None)?,
            C::LoopStart(flags) => {
                let labels = std::mem::take(&mut self.pending_labels);
                self.flows.push(Flow::Loop {
                    flags,
                    labels,
                    header: 0,
                    cont: None,
                    skip_next: None,
                    breaks: Vec::new(),
                    continues: Vec::new(),
                    stage: Stage::Init,
                    scope_depth: self.scopes.len(),
                });
                if !flags.has(LoopFlags::INIT) {
                    self.loop_enter()?;
                }
            }
            C::LoopInit => {
                match self.flows.last() {
                    Some(Flow::Loop {
                        stage: Stage::Init, ..
                    }) => {}
                    _ => return Err(CompileError::Malformed("LoopInit out of place".into())),
                }
                self.loop_enter()?;
            }
            C::LoopTest => self.loop_test()?,
            C::LoopNext => self.loop_next()?,
            C::LoopBody => self.loop_body()?,
            C::LoopEnd => self.loop_end()?,
            C::LabelStart(symbol) => {
                self.flows.push(Flow::Label {
                    symbol,
                    breaks: Vec::new(),
                    scope_depth: self.scopes.len(),
                });
                self.pending_labels.push(symbol);
            }
            C::LabelEnd(symbol) => {
                let Some(Flow::Label {
                    symbol: s, breaks, ..
                }) = self.flows.pop()
                else {
                    return Err(CompileError::Malformed(
                        "LabelEnd without LabelStart".into(),
                    ));
                };
                if s != symbol {
                    return Err(CompileError::Malformed("LabelEnd does not match".into()));
                }
                let here = self.here();
                for b in breaks {
                    self.patch(b, here);
                }
            }
            C::Break(label) => self.jump_out(label, false)?,
            C::Continue(label) => self.jump_out(label, true)?,
            C::Try {
                has_catch,
                has_finally,
            } => self.try_start(has_catch, has_finally)?,
            C::Catch(has_parameter) => self.catch(has_parameter)?,
            C::Finally => self.finally()?,
            C::TryEnd => self.try_end()?,
            C::Discard => {
                let op = self.pop()?;
                if op.is_reference() {
                    // 14.5.1: an expression statement still performs GetValue.
                    self.value(&op)?;
                }
            }
            C::Dup => {
                let top = self.pop()?;
                let top = match top {
                    Opnd::Closure { .. } => return unsupported("Dup of a closure being built"),
                    other => other,
                };
                self.operands.push(top.clone());
                let dst = self.next_slot();
                let copy = match top {
                    Opnd::Value { slot } => {
                        self.emit(Op::Move { dst, src: slot });
                        Opnd::Value { slot: dst }
                    }
                    Opnd::Const { src, string, .. } => Opnd::Const {
                        slot: dst,
                        src,
                        string,
                    },
                    Opnd::Var {
                        symbol, locator, ..
                    } => Opnd::Var {
                        symbol,
                        locator,
                        slot: dst,
                    },
                    Opnd::Snap {
                        symbol,
                        locator,
                        slot,
                    } => {
                        self.emit(Op::Move { dst, src: slot });
                        Opnd::Snap {
                            symbol,
                            locator,
                            slot: dst,
                        }
                    }
                    Opnd::Prop { slot, key, cache } => {
                        self.emit(Op::Move { dst, src: slot });
                        let key = if key == slot + 1 {
                            self.emit(Op::Move {
                                dst: dst + 1,
                                src: slot + 1,
                            });
                            dst + 1
                        } else {
                            key
                        };
                        self.use_slot(dst + 1);
                        Opnd::Prop {
                            slot: dst,
                            key,
                            cache,
                        }
                    }
                    Opnd::Method { slot } => {
                        self.emit(Op::Move { dst, src: slot });
                        self.emit(Op::Move {
                            dst: dst + 1,
                            src: slot + 1,
                        });
                        self.use_slot(dst + 1);
                        Opnd::Method { slot: dst }
                    }
                    Opnd::Closure { .. } => unreachable!(),
                };
                self.operands.push(copy);
            }
            C::Swap => self.swap()?,
            C::Dereference => {
                let reference = self.pop()?;
                let dst = reference.base() + reference.size();
                self.read_into(&reference, dst)?;
                self.operands.push(reference);
                self.push_value(dst);
            }
            C::Debugger => {}
            C::NewTarget => {
                let dst = self.next_slot();
                self.emit(Op::NewTarget { dst });
                self.push_value(dst);
            }
            C::DefineField(cache) => {
                let value = self.pop()?;
                let key = self.pop()?;
                let object = self.pop()?;
                let cached = matches!(key, Opnd::Const { string: true, .. });
                let o = self.value_here(&object)?;
                let k = self.value(&key)?;
                let v = self.value(&value)?;
                let cache = self.cache(cached.then_some(cache), true);
                self.emit(Op::DefineField {
                    object: o,
                    key: k,
                    src: v,
                    cache,
                });
                self.push_value(o);
            }
            C::Arguments(start) => {
                let dst = self.next_slot();
                self.emit(Op::RestArguments {
                    dst,
                    start: u32::from(start),
                });
                self.push_value(dst);
            }
            C::ArgumentsObject(mapping) => self.arguments_object(mapping)?,
            C::Helper(helper) => self.helper(helper)?,
            _ => return unsupported("command"),
        }
        Ok(())
    }
}

mod expressions;
mod flow;
