//! Calls (`Call`, `New`, direct eval), closures and their captures, the
//! arguments objects, and the runtime helpers (`Helper`).

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, BlockArg, InstBuilder};
use cranelift_module::Module;

use super::operand::Operand;
use super::{malformed, trusted, CompileError, FunctionCompiler, I32, I64, I8};
use crate::backend::jit::RuntimeFn;
use crate::backend::Closure;
use crate::object::{FLAG_CLOSURE, OBJECT_CLOSURE_OFFSET, OBJECT_FLAGS_OFFSET};
use crate::runtime::limits::CHARGED_ARGUMENTS;
use crate::semantics::{ArgumentsMapping, FunctionId, Helper, Locator};
use crate::value::{Value, PAYLOAD_MASK, TAG_OBJECT, TAG_SHIFT, TAG_STRING};

impl FunctionCompiler<'_, '_> {
    /// Call (7.3.14) of a value: closures are called directly through their
    /// lambda (the callee is an object with [`FLAG_CLOSURE`], whose closure
    /// is at [`OBJECT_CLOSURE_OFFSET`]) after an inline stack-limit check;
    /// everything else, and a nearly exhausted stack, goes through
    /// `runtime_call`. Returns the result (exceptions branch to the handler).
    pub(super) fn call_value(
        &mut self,
        function: ir::Value,
        this: ir::Value,
        argc: ir::Value,
        argv: ir::Value,
        scratch: ir::Value,
    ) -> ir::Value {
        if !self.host.direct_closure_calls() || self.compact() {
            let s = self.call_runtime(
                RuntimeFn::Call,
                &[self.ctx, function, this, argc, argv, scratch],
            );
            self.check_status(s);
            return self.b.ins().stack_load(I64, I64, self.scratch, 0);
        }
        let check_flags = self.b.create_block();
        let check_stack = self.b.create_block();
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        // Laid out after the function (`propagate_cold`): a closure's call
        // falls through, and the runtime call of a built-in costs far more
        // than the two jumps it takes.
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        let status = self.b.append_block_param(done, I32);
        let tag = self.b.ins().ushr_imm_u(function, TAG_SHIFT as i64);
        let is_object = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_OBJECT as i64);
        self.b.ins().brif(is_object, check_flags, &[], slow, &[]);

        self.b.switch_to_block(check_flags);
        let ptr = self.b.ins().band_imm_u(function, PAYLOAD_MASK as i64);
        let flags = self
            .b
            .ins()
            .load(I32, trusted(), ptr, OBJECT_FLAGS_OFFSET as i32);
        let is_closure = self.b.ins().band_imm_u(flags, FLAG_CLOSURE as i64);
        self.b.ins().brif(is_closure, check_stack, &[], slow, &[]);

        // The executor starts with its runtime (repr(C)), so the stack limit
        // is at a fixed offset from `ctx`.
        self.b.switch_to_block(check_stack);
        let sp = self.b.ins().get_stack_pointer(I64);
        let limit = self.b.ins().load(
            I64,
            trusted(),
            self.ctx,
            std::mem::offset_of!(crate::runtime::Runtime, stack_limit) as i32,
        );
        let low = self.b.ins().icmp(IntCC::UnsignedLessThan, sp, limit);
        self.b.ins().brif(low, slow, &[], fast, &[]);

        self.b.switch_to_block(fast);
        let (closure, lambda) = self.closure_lambda(ptr);
        let s = self.call_lambda(lambda, [self.ctx, closure, this, argc, argv, scratch]);
        self.b.ins().jump(done, &[BlockArg::Value(s)]);

        self.b.switch_to_block(slow);
        let s = self.call_runtime(
            RuntimeFn::Call,
            &[self.ctx, function, this, argc, argv, scratch],
        );
        self.b.ins().jump(done, &[BlockArg::Value(s)]);

        self.b.switch_to_block(done);
        self.check_status(status);
        self.b.ins().stack_load(I64, I64, self.scratch, 0)
    }

    /// The closure body and the lambda of the closure object whose cell is
    /// at `ptr` (an object with [`FLAG_CLOSURE`]).
    fn closure_lambda(&mut self, ptr: ir::Value) -> (ir::Value, ir::Value) {
        let cell = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_CLOSURE_OFFSET as i32);
        let closure = self
            .b
            .ins()
            .iadd_imm_s(cell, crate::gc::CELL_BODY_OFFSET as i64);
        let lambda = self
            .b
            .ins()
            .load(I64, trusted(), closure, Closure::LAMBDA_OFFSET);
        (closure, lambda)
    }

    /// Calls `lambda` with the lambda signature (`ctx`, closure, this,
    /// argc, argv, return slot) and returns its status.
    pub(super) fn call_lambda(&mut self, lambda: ir::Value, args: [ir::Value; 6]) -> ir::Value {
        let mut sig = self.runtime.module.make_signature();
        for t in [I64, I64, I64, I32, I64, I64] {
            sig.params.push(ir::AbiParam::new(t));
        }
        sig.returns.push(ir::AbiParam::new(I32));
        let sig = self.b.import_signature(sig);
        let call = self.b.ins().call_indirect(sig, lambda, &args);
        self.b.inst_results(call)[0]
    }

    pub(super) fn create_closure(
        &mut self,
        function: FunctionId,
        captures: &[ir::Value],
    ) -> Result<ir::Value, CompileError> {
        let expected = self
            .program
            .function(function)
            .map(|s| s.captures.len())
            .ok_or_else(|| CompileError::Malformed(format!("no function {}", function.0)))?;
        if captures.len() != expected {
            return malformed(format!(
                "closure of fn{} has {} captures, expected {expected}",
                function.0,
                captures.len()
            ));
        }
        if let Some(slot) = self.argv {
            for (i, &c) in captures.iter().enumerate() {
                self.b.ins().stack_store(I64, c, slot, (i * 8) as i32);
            }
        }
        self.create_closure_stored(function, captures.len())
    }

    /// `CreateClosure` of `function` with its `count` capture cells already
    /// in the argument area.
    fn create_closure_stored(
        &mut self,
        function: FunctionId,
        count: usize,
    ) -> Result<ir::Value, CompileError> {
        let template = self.host.template(function)?;
        let template = self.b.ins().iconst(I64, template as i64);
        let vector = match self.argv {
            Some(slot) if count > 0 => self.b.ins().stack_addr(I64, slot, 0),
            _ => self.b.ins().iconst(I64, 0),
        };
        let count = self.b.ins().iconst(I32, count as i64);
        let scratch = self.scratch_addr();
        let slots = std::mem::take(&mut self.slot_captures);
        if slots != 0 {
            let slots = self.b.ins().iconst(I64, slots as i64);
            return Ok(self.call_runtime_checked(
                RuntimeFn::CreateClosureFromSlots,
                &[self.ctx, template, count, vector, slots, scratch],
            ));
        }
        Ok(self.call_runtime_checked(
            RuntimeFn::CreateClosure,
            &[self.ctx, template, count, vector, scratch],
        ))
    }

    /// `ArgumentsObject(mapping)`: the capture cells of the mapped
    /// parameters go to the argument area, then one runtime call.
    pub(super) fn arguments_object(
        &mut self,
        mapping: ArgumentsMapping,
    ) -> Result<(), CompileError> {
        let count = match mapping {
            ArgumentsMapping::Mapped(n) => n,
            ArgumentsMapping::Unmapped => 0,
        };
        let zero = self.b.ins().iconst(I64, 0);
        for i in 0..count {
            let locator = Locator::Argument(i);
            let mapped = self.script.scopes.first().is_some_and(|s| {
                s.variables
                    .iter()
                    .any(|v| v.locator == locator && v.captured)
            });
            let cell = if mapped {
                self.capture_cell(locator)?
            } else {
                zero
            };
            let Some(argv) = self.argv else {
                return malformed("no argument area for the arguments object");
            };
            self.b.ins().stack_store(I64, cell, argv, i as i32 * 8);
        }
        let cells = match self.argv {
            Some(argv) if count > 0 => self.b.ins().stack_addr(I64, argv, 0),
            _ => zero,
        };
        let count = self.b.ins().iconst(I32, count as i64);
        let mapped = self
            .b
            .ins()
            .iconst(I8, matches!(mapping, ArgumentsMapping::Mapped(_)) as i64);
        let scratch = self.scratch_addr();
        let v = self.call_runtime_checked(
            RuntimeFn::CreateArgumentsObject,
            &[
                self.ctx,
                self.closure,
                self.argc,
                self.argv_ptr,
                cells,
                count,
                mapped,
                scratch,
            ],
        );
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// GetValue of each operand, in order, stored in the argument area;
    /// returns its address (null when there are no operands).
    pub(super) fn argument_area(&mut self, args: Vec<Operand>) -> Result<ir::Value, CompileError> {
        // Each value stored as soon as it is read, when reading cannot
        // write the area itself (a lazy closure stores its captures
        // there): a read of an int32 local boxes it into a new value, and
        // `g(x0, x1, ..., x64999)` kept 65,000 of them live up to the
        // stores, which took the quick tier's register allocator minutes
        // (a run_bytes fuzz timeout).
        let in_place = args.iter().all(|arg| {
            !matches!(
                arg,
                Operand::Closure { .. }
                    | Operand::Dynamic(_)
                    | Operand::Property { .. }
                    | Operand::Private { .. }
            )
        });
        if let (true, Some(slot)) = (in_place, self.argv) {
            if !args.is_empty() {
                for (i, arg) in args.into_iter().enumerate() {
                    let v = self.value_of(arg)?;
                    self.b.ins().stack_store(I64, v, slot, (i * 8) as i32);
                }
                return Ok(self.b.ins().stack_addr(I64, slot, 0));
            }
        }
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            values.push(self.value_of(arg)?);
        }
        Ok(match self.argv {
            Some(slot) if !values.is_empty() => {
                for (i, &v) in values.iter().enumerate() {
                    self.b.ins().stack_store(I64, v, slot, (i * 8) as i32);
                }
                self.b.ins().stack_addr(I64, slot, 0)
            }
            _ => self.b.ins().iconst(I64, 0),
        })
    }

    /// `Helper(h)`: the inline ones, or one `runtime_helper` call with the
    /// operands in the argument area.
    pub(super) fn helper(&mut self, helper: Helper) -> Result<(), CompileError> {
        match helper {
            Helper::Hole => {
                let v = self.constant(Value::HOLE);
                self.operands.push(Operand::Any(v));
                return Ok(());
            }
            Helper::IsHole => {
                let v = self.pop()?;
                let v = self.value_of(v)?;
                let hole = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::Equal, v, Value::HOLE.to_bits() as i64);
                let b = self.box_bool(hole);
                self.operands.push(Operand::Any(b));
                return Ok(());
            }
            // The this binding of a derived constructor: only undefined
            // (before `super()`) calls the runtime, which throws.
            Helper::CheckThis => {
                let v = self.pop()?;
                let v = self.value_of(v)?;
                let unbound = self.b.create_block();
                self.b.set_cold_block(unbound);
                let done = self.b.create_block();
                let undefined =
                    self.b
                        .ins()
                        .icmp_imm_s(IntCC::Equal, v, Value::UNDEFINED.to_bits() as i64);
                self.b.ins().brif(undefined, unbound, &[], done, &[]);
                self.b.switch_to_block(unbound);
                self.operands.push(Operand::Any(v));
                self.runtime_helper(helper)?;
                self.pop()?;
                self.b.ins().jump(done, &[]);
                self.b.switch_to_block(done);
                self.operands.push(Operand::Any(v));
                return Ok(());
            }
            _ => {}
        }
        self.runtime_helper(helper)
    }

    /// One `runtime_helper` call with the operands of `helper` in the
    /// argument area.
    fn runtime_helper(&mut self, helper: Helper) -> Result<(), CompileError> {
        let n = helper.arity();
        if self.operands.len() < n {
            return malformed("operand stack underflow in a helper");
        }
        let args = self.operands.split_off(self.operands.len() - n);
        let argv = self.argument_area(args)?;
        let code = self.b.ins().iconst(I32, helper.code() as i64);
        let argc = self.b.ins().iconst(I32, n as i64);
        let scratch = self.scratch_addr();
        let v =
            self.call_runtime_checked(RuntimeFn::Helper, &[self.ctx, code, argc, argv, scratch]);
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// `Closure(function)`: the closure is created when its captures are
    /// collected and its value is used.
    pub(super) fn closure(&mut self, function: FunctionId) -> Result<(), CompileError> {
        if self.program.function(function).is_none() {
            return malformed(format!("no function {}", function.0));
        }
        self.operands.push(Operand::Closure {
            function,
            captures: Vec::new(),
        });
        Ok(())
    }

    /// `Capture(locator)`. The captures of a closure directly follow its
    /// `Closure`, and nothing between them uses the argument area: each cell
    /// goes there at once, and the closure is created with the last one.
    /// Otherwise every cell would stay live across the blocks that create the
    /// later ones (40,000 captured locals took 114 s in the register
    /// allocator).
    ///
    /// Compact code stores the address of a captured frame slot instead of
    /// its cell, flagged in `slot_captures`, and one
    /// `runtime_create_closure_from_slots` makes the cells and the closure
    /// (terser's module function: 2,096 captures for 785 closures, each a
    /// call, a branch and a block before).
    pub(super) fn capture(&mut self, locator: Locator) -> Result<(), CompileError> {
        let Some(Operand::Closure { function, captures }) = self.operands.last() else {
            return malformed("Capture without a Closure");
        };
        let (function, index) = (*function, captures.len());
        let expected = self
            .program
            .function(function)
            .map_or(0, |s| s.captures.len());
        if index == 0 {
            self.slot_captures = 0;
        }
        let by_slot = self.compact()
            && self.argv.is_some()
            && expected <= 64
            && !matches!(locator, Locator::Capture(_));
        let cell = if by_slot {
            let slot = self.captured_slot(locator)?;
            self.b.ins().stack_addr(I64, slot, 0)
        } else {
            self.capture_cell(locator)?
        };
        let Some(Operand::Closure { captures, .. }) = self.operands.last_mut() else {
            return malformed("Capture without a Closure");
        };
        captures.push(cell);
        if let Some(slot) = self.argv.filter(|_| index < expected) {
            if by_slot {
                self.slot_captures |= 1 << index;
            }
            self.b
                .ins()
                .stack_store(I64, cell, slot, (index * 8) as i32);
            if index + 1 == expected {
                let closure = self.create_closure_stored(function, expected)?;
                if let Some(top) = self.operands.last_mut() {
                    *top = Operand::Any(closure);
                }
            }
        }
        Ok(())
    }

    /// `Call(argc)`, or `New(argc)` when `new`: a property reference, a method
    /// or a dynamic reference supplies the this value of a call.
    pub(super) fn call(&mut self, argc: u16, new: bool) -> Result<(), CompileError> {
        let argc = argc as usize;
        if self.operands.len() < argc + 1 {
            return malformed("operand stack underflow in a call");
        }
        let args = self.operands.split_off(self.operands.len() - argc);
        let callee = self.pop()?;
        let (function, this) = match callee {
            Operand::Property { object, .. } | Operand::Private { object, .. } if !new => {
                let f = self.value_of(callee)?;
                (f, object)
            }
            Operand::Method { function, this } if !new => {
                if let Some((op, address)) = self.take_math_callee(function) {
                    return self.math_call(op, address, function, this, args);
                }
                if let Some(i) = self.char_code_callees.iter().position(|&v| v == function) {
                    self.char_code_callees.swap_remove(i);
                    if args.len() == 1 {
                        return self.char_code_call(function, this, args);
                    }
                }
                (function, this)
            }
            Operand::Dynamic(r) if !new => (self.dynamic_get(r)?, r.this),
            other => {
                let f = self.value_of(other)?;
                let undefined = self.constant(Value::UNDEFINED);
                (f, undefined)
            }
        };
        let argv = self.argument_area(args)?;
        let argc_n = argc;
        let argc = self.b.ins().iconst(I32, argc as i64);
        let scratch = self.scratch_addr();
        let result = if !new {
            self.call_value(function, this, argc, argv, scratch)
        } else if self.host.direct_closure_calls() && argc_n <= CHARGED_ARGUMENTS {
            self.construct_direct(function, argc, argv, scratch)
        } else {
            self.call_runtime_checked(RuntimeFn::New, &[self.ctx, function, argc, argv, scratch])
        };
        self.operands.push(Operand::Any(result));
        Ok(())
    }

    /// `s.charCodeAt(i)` (`Call(1)` of a callee read as `charCodeAt` at a
    /// site that saw strings): when the callee is the original
    /// `String.prototype.charCodeAt` (a native function whose [[Call]] is
    /// [`crate::builtins::string::CHAR_CODE_AT`], of any realm), the this
    /// value a string and the argument an int32, 22.1.3.3 reduces to the
    /// code unit at `i` or NaN: `runtime_char_code_at`, a call without the
    /// generic call's frame, arguments area or status. Anything else takes
    /// the generic call (ToIntegerOrInfinity of an object argument runs
    /// there). The argument is evaluated before the test either way.
    pub(super) fn char_code_call(
        &mut self,
        function: ir::Value,
        this: ir::Value,
        args: Vec<Operand>,
    ) -> Result<(), CompileError> {
        let mut values = Vec::with_capacity(args.len());
        for arg in args {
            values.push(self.value_of(arg)?);
        }
        let Some(&index) = values.first() else {
            return malformed("charCodeAt call without its argument");
        };
        let fast = self.b.create_block();
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let address = crate::builtins::string::CHAR_CODE_AT as usize;
        let same = self.is_native_function(function, address, slow);
        let this_tag = self.b.ins().ushr_imm_u(this, TAG_SHIFT as i64);
        let string = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, this_tag, TAG_STRING as i64);
        let int32 = self.is_int32(index);
        let ok = self.b.ins().band(same, string);
        let ok = self.b.ins().band(ok, int32);
        self.b.ins().brif(ok, fast, &[], slow, &[]);
        self.b.switch_to_block(fast);
        let r = self.call_runtime(RuntimeFn::CharCodeAt, &[self.ctx, this, index]);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(slow);
        let argv = self.argument_area(values.into_iter().map(Operand::Any).collect())?;
        let argc = self.b.ins().iconst(I32, 1);
        let scratch = self.scratch_addr();
        let r = self.call_value(function, this, argc, argv, scratch);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);
        self.b.switch_to_block(done);
        self.operands.push(Operand::Any(result));
        Ok(())
    }

    /// `New(argc)` of a base constructor closure without a Rust frame in
    /// between: `runtime_construct_this` makes the this value (or answers
    /// undefined for any other callee, which takes `runtime_new`), then the
    /// constructor's lambda is called directly with NewTarget offered, as
    /// `construct_hook` does, and an object result replaces the this value
    /// (10.2.2 steps 10-12 for a base constructor).
    fn construct_direct(
        &mut self,
        function: ir::Value,
        argc: ir::Value,
        argv: ir::Value,
        scratch: ir::Value,
    ) -> ir::Value {
        use crate::backend::bridge::calls::{NEW_TARGET_CLOSURE_OFFSET, NEW_TARGET_VALUE_OFFSET};
        let this =
            self.call_runtime_checked(RuntimeFn::ConstructThis, &[self.ctx, function, scratch]);
        let fast = self.b.create_block();
        let generic = self.b.create_block();
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        let undefined = Value::UNDEFINED.to_bits() as i64;
        let is_undefined = self.b.ins().icmp_imm_s(IntCC::Equal, this, undefined);
        self.b.ins().brif(is_undefined, generic, &[], fast, &[]);

        self.b.switch_to_block(fast);
        let ptr = self.b.ins().band_imm_u(function, PAYLOAD_MASK as i64);
        let (closure, lambda) = self.closure_lambda(ptr);
        // PendingNewTarget::offer(closure, F).
        self.b.ins().store(
            trusted(),
            closure,
            self.ctx,
            NEW_TARGET_CLOSURE_OFFSET as i32,
        );
        self.b.ins().store(
            trusted(),
            function,
            self.ctx,
            NEW_TARGET_VALUE_OFFSET as i32,
        );
        let status = self.call_lambda(lambda, [self.ctx, closure, this, argc, argv, scratch]);
        // PendingNewTarget::withdraw().
        let null = self.b.ins().iconst(I64, 0);
        self.b
            .ins()
            .store(trusted(), null, self.ctx, NEW_TARGET_CLOSURE_OFFSET as i32);
        let undefined = self.b.ins().iconst(I64, undefined);
        self.b.ins().store(
            trusted(),
            undefined,
            self.ctx,
            NEW_TARGET_VALUE_OFFSET as i32,
        );
        self.check_status(status);
        let r = self.b.ins().stack_load(I64, I64, self.scratch, 0);
        let tag = self.b.ins().ushr_imm_u(r, TAG_SHIFT as i64);
        let is_object = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_OBJECT as i64);
        let chosen = self.b.ins().select(is_object, r, this);
        self.b.ins().jump(done, &[BlockArg::Value(chosen)]);

        self.b.switch_to_block(generic);
        let r =
            self.call_runtime_checked(RuntimeFn::New, &[self.ctx, function, argc, argv, scratch]);
        self.b.ins().jump(done, &[BlockArg::Value(r)]);

        self.b.switch_to_block(done);
        result
    }

    /// `DirectEval(argc)`.
    pub(super) fn direct_eval(&mut self, argc: u16) -> Result<(), CompileError> {
        let scope = self.pop()?;
        let scope = self.value_of(scope)?;
        let argc = argc as usize;
        if self.operands.len() < argc + 1 {
            return malformed("operand stack underflow in a direct eval");
        }
        let args = self.operands.split_off(self.operands.len() - argc);
        let callee = self.pop()?;
        let callee = self.value_of(callee)?;
        let argv = self.argument_area(args)?;
        let argc = self.b.ins().iconst(I32, argc as i64);
        let scratch = self.scratch_addr();
        let result = self.call_runtime_checked(
            RuntimeFn::DirectEval,
            &[self.ctx, callee, argc, argv, scope, scratch],
        );
        self.operands.push(Operand::Any(result));
        Ok(())
    }

    /// `Arguments(start)`: a rest parameter.
    pub(super) fn rest_arguments(&mut self, start: u16) -> Result<(), CompileError> {
        let start = self.b.ins().iconst(I32, start as i64);
        let scratch = self.scratch_addr();
        let v = self.call_runtime_checked(
            RuntimeFn::CreateArguments,
            &[self.ctx, self.argc, self.argv_ptr, start, scratch],
        );
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// `NewTarget`.
    pub(super) fn new_target(&mut self) -> Result<(), CompileError> {
        let v = self.call_runtime(RuntimeFn::NewTarget, &[self.ctx, self.closure]);
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// `ActiveScriptOrModule`: the host's constant for the code's script or
    /// module.
    pub(super) fn active_script_or_module(&mut self) -> Result<(), CompileError> {
        let referrer = self.host.active_script_or_module();
        let v = self.constant(referrer);
        self.operands.push(Operand::Any(v));
        Ok(())
    }
}
