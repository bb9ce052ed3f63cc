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
        // An atomic load: the flag changes under the code, and a plain load
        // would be forwarded from the previous one (alias analysis sees no
        // store in an empty loop) and hoisted out of the loop. On x86-64 and
        // AArch64 it is an ordinary byte load.
        let flags = MemFlagsData::trusted();
        Some(self.b.ins().atomic_load(types::I8, flags, address))
    }

    /// Polls the interrupt flag: when it is set, leaves the function with
    /// the termination exception. The slow path never comes back (one
    /// shared cold block per function), so nothing is live across its call
    /// and the loop's registers are not spilled for it.
    pub(super) fn poll_interrupt(&mut self) {
        let Some(flag) = self.load_interrupt_flag() else {
            return;
        };
        let cont = self.b.create_block();
        let (terminate, fresh) = match self.terminate_block {
            Some(block) => (block, false),
            None => {
                let block = self.b.create_block();
                self.b.set_cold_block(block);
                self.terminate_block = Some(block);
                (block, true)
            }
        };
        self.b.ins().brif(flag, terminate, &[], cont, &[]);
        if fresh {
            self.b.switch_to_block(terminate);
            let scratch = self.scratch_addr();
            // Writes the termination exception to the scratch slot.
            self.call_runtime(RuntimeFn::Interrupt, &[self.ctx, scratch]);
            let throw_block = self.throw_block;
            self.b.ins().jump(throw_block, &[]);
        }
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
