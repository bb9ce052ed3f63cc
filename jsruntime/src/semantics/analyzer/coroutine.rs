//! Generators and async functions: the suspend points of a coroutine.
//!
//! A generator or async function is analysed like any function; its script
//! additionally starts with `JumpTable(n)` (inserted when the function is
//! finished, see [`Analyzer::finish_coroutine`]) and numbers its suspend
//! points `1..=n` in evaluation order: `GeneratorStart` at the end of
//! FunctionDeclarationInstantiation of a generator, then every `await`,
//! `yield` and `yield*`. The backend turns each into a return with
//! `Status::Suspend` and a resume block reached from the jump table.

use super::*;

impl<'a> Analyzer<'a> {
    /// Whether the function being emitted is a generator (sync or async).
    fn in_generator(&mut self) -> bool {
        self.cur().script.flags.generator
    }

    /// Whether the function being emitted is async (an async function,
    /// arrow, method or generator).
    fn in_async(&mut self) -> bool {
        self.cur().script.flags.r#async
    }

    /// The next resume state of the current function.
    fn next_state(&mut self) -> u32 {
        let f = self.cur();
        f.states += 1;
        f.states
    }

    /// 27.5.3.1 GeneratorStart / 27.6.3.3 AsyncGeneratorStart: the call of
    /// a generator function ends here, after FunctionDeclarationInstantiation
    /// (15.5.2 EvaluateGeneratorBody steps 1-4), returning the generator.
    pub(super) fn generator_start(&mut self) {
        if self.in_generator() {
            let state = self.next_state();
            self.emit(CompileCommand::GeneratorStart(state));
        }
    }

    /// `await e` (15.8.5, 27.7.5.3 Await).
    pub(super) fn await_expression(&mut self, children: &[usize]) -> Result<()> {
        let Some(&operand) = children.first() else {
            return self.err("malformed await expression");
        };
        self.expression(operand)?;
        self.emit_await();
        Ok(())
    }

    /// Await of the value on top of the stack.
    pub(super) fn emit_await(&mut self) {
        let state = self.next_state();
        self.emit(CompileCommand::Await(state));
    }

    /// `yield` and `yield e` (15.5.5, 27.5.3.7 Yield): an async generator
    /// awaits the value first (27.6.3.8 AsyncGeneratorYield gets `? Await(value)`).
    pub(super) fn yield_expression(&mut self, children: &[usize]) -> Result<()> {
        match children.first() {
            Some(&operand) => self.expression(operand)?,
            None => self.emit(CompileCommand::Undefined),
        }
        if self.in_async() {
            self.emit_await();
        }
        let state = self.next_state();
        self.emit(CompileCommand::Yield(state));
        Ok(())
    }

    /// `yield* e` (15.5.5): GetIterator, then the delegation loop (four
    /// suspend points in an async generator).
    pub(super) fn yield_delegate(&mut self, children: &[usize]) -> Result<()> {
        let Some(&operand) = children.first() else {
            return self.err("malformed yield* expression");
        };
        self.expression(operand)?;
        if self.in_async() {
            self.emit(CompileCommand::Helper(Helper::GetAsyncIterator));
            let state = self.next_state();
            for _ in 1..4 {
                self.next_state();
            }
            self.emit(CompileCommand::AsyncYieldDelegate(state));
            return Ok(());
        }
        self.emit(CompileCommand::Helper(Helper::GetIterator));
        let state = self.next_state();
        self.emit(CompileCommand::YieldDelegate(state));
        Ok(())
    }

    /// The value of a `return` statement of an async generator is awaited
    /// (14.10.1 ReturnStatement evaluation step 3).
    pub(super) fn await_return_value(&mut self) {
        if self.in_async() && self.in_generator() {
            self.emit_await();
        }
    }

    /// Inserts `JumpTable(n)` at the start of a finished coroutine.
    pub(super) fn finish_coroutine(f: &mut FnCtx) {
        let flags = f.script.flags;
        if flags.generator || flags.r#async {
            f.script
                .insert_commands(0, vec![CompileCommand::JumpTable(f.states)], 0);
        }
    }
}
