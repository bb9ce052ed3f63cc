//! Interrupt polls (`runtime::limits`): at every function entry and loop
//! header (so on every back-edge), one byte load from the runtime's
//! interrupt flag (its address is a constant of the code) and a branch to a
//! cold block that throws the termination exception. Exception landings of
//! `catch` and `finally` re-poll it, so that termination cannot be caught.

use cranelift_codegen::ir::{types, InstBuilder, MemFlagsData};

use super::{FunctionCompiler, I64};
use crate::backend::jit::RuntimeFn;

impl FunctionCompiler<'_, '_> {
    /// The flag's value (I8, nonzero: terminate), or `None` when the host
    /// has no interrupt flag.
    fn load_interrupt_flag(&mut self) -> Option<cranelift_codegen::ir::Value> {
        let address = self.host.interrupt_flag()?;
        let address = self.b.ins().iconst(I64, address as i64);
        // Not `readonly`/`can_move`: the flag changes under the code, so
        // the load must stay in the loop.
        let flags = MemFlagsData::trusted();
        Some(self.b.ins().load(types::I8, flags, address, 0))
    }

    /// Polls the interrupt flag: throws the termination exception (to the
    /// current handler, whose landing passes it on) when it is set.
    pub(super) fn poll_interrupt(&mut self) {
        let Some(flag) = self.load_interrupt_flag() else {
            return;
        };
        let slow = self.b.create_block();
        let cont = self.b.create_block();
        self.b.set_cold_block(slow);
        self.b.ins().brif(flag, slow, &[], cont, &[]);
        self.b.switch_to_block(slow);
        let scratch = self.scratch_addr();
        let status = self.call_runtime(RuntimeFn::Interrupt, &[self.ctx, scratch]);
        self.check_status(status);
        self.b.ins().jump(cont, &[]);
        self.b.switch_to_block(cont);
    }

    /// In an exception landing: while termination is requested, leave the
    /// function with the exception (in the scratch slot) instead of
    /// entering a `catch` or `finally` block.
    pub(super) fn skip_handler_when_terminating(&mut self) {
        let Some(flag) = self.load_interrupt_flag() else {
            return;
        };
        let cont = self.b.create_block();
        let throw_block = self.throw_block;
        self.b.ins().brif(flag, throw_block, &[], cont, &[]);
        self.b.switch_to_block(cont);
    }
}
