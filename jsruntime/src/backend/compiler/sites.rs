//! Exception sites: where compiled code records the source position of an
//! exception that passes through it (see `backend::exception_trace`).
//!
//! Every place that raises or propagates an exception branches to a *raise
//! block* instead of straight to its handler: a cold block that passes its
//! position to the handler's *note block*, which calls
//! `runtime_note_exception_site(ctx, template, position, exception)` and then
//! jumps to the handler. The normal path is unchanged (the branch on the
//! status existed already, only its target differs). Raise blocks are shared
//! by the sites with the same position and handler, note blocks by the sites
//! with the same handler (one call per handler, not per site: a raise block
//! is two instructions; 200,000 statements of a top level each had their
//! own call), and both are filled after the function body, when the builder
//! is free to switch blocks.

use hashbrown::HashMap;

use cranelift_codegen::ir::{Block, BlockArg, InstBuilder};

use super::{FunctionCompiler, I32, I64};
use crate::backend::jit::RuntimeFn;

/// Position used when a script has no source positions.
pub(super) const UNKNOWN_POSITION: u32 = u32::MAX;

/// The raise blocks of one function.
pub(super) struct Sites {
    /// The function's template (identifies it to the runtime), as bits.
    pub(super) template: u64,
    /// Source position of the command being lowered.
    pub(super) position: u32,
    blocks: HashMap<(u32, Block), Block>,
    /// Raise blocks to fill: (block, position, handler).
    pending: Vec<(Block, u32, Block)>,
    /// The note block of each handler, in order of creation (filled with
    /// the raise blocks), and its index by handler.
    notes: Vec<(Block, Block)>,
    note_of: HashMap<Block, usize>,
}

impl Sites {
    pub(super) fn new() -> Sites {
        Sites {
            template: 0,
            position: UNKNOWN_POSITION,
            blocks: HashMap::new(),
            pending: Vec::new(),
            notes: Vec::new(),
            note_of: HashMap::new(),
        }
    }
}

impl FunctionCompiler<'_, '_> {
    /// The block an exception raised by the current command goes to: it
    /// notes the site, then continues at the innermost handler.
    pub(super) fn raise_block(&mut self) -> Block {
        let handler = self.handler_block();
        let position = self.sites.position;
        if let Some(&block) = self.sites.blocks.get(&(position, handler)) {
            return block;
        }
        let block = self.b.create_block();
        self.b.set_cold_block(block);
        self.sites.blocks.insert((position, handler), block);
        self.sites.pending.push((block, position, handler));
        block
    }

    /// Fills the raise blocks (after the body: every block before is
    /// terminated, so the builder may switch to them).
    pub(super) fn fill_raise_blocks(&mut self) {
        for (block, position, handler) in std::mem::take(&mut self.sites.pending) {
            let note = match self.sites.note_of.get(&handler) {
                Some(&i) => self.sites.notes[i].0,
                None => {
                    let note = self.b.create_block();
                    self.b.set_cold_block(note);
                    self.b.append_block_param(note, I32);
                    self.sites.note_of.insert(handler, self.sites.notes.len());
                    self.sites.notes.push((note, handler));
                    note
                }
            };
            self.b.switch_to_block(block);
            self.b
                .set_srcloc(cranelift_codegen::ir::SourceLoc::new(position));
            let position = self.b.ins().iconst(I32, position as i64);
            self.b.ins().jump(note, &[BlockArg::Value(position)]);
        }
        for (note, handler) in std::mem::take(&mut self.sites.notes) {
            self.b.switch_to_block(note);
            self.b
                .set_srcloc(cranelift_codegen::ir::SourceLoc::default());
            let position = self.b.block_params(note)[0];
            let template = self.b.ins().iconst(I64, self.sites.template as i64);
            let exception = self.b.ins().stack_load(I64, I64, self.scratch, 0);
            self.call_runtime(
                RuntimeFn::NoteExceptionSite,
                &[self.ctx, template, position, exception],
            );
            self.b.ins().jump(handler, &[]);
        }
        self.sites.note_of.clear();
    }
}
