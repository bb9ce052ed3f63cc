//! Background compilation of full-tier recompilations (`jit::Tier`).
//!
//! Quick-tier code whose call count runs out asks for the full tier
//! (`bridge::calls::runtime_tier_up`). Building the Cranelift IR needs the
//! runtime (inline caches, string constants, templates: the host roots all
//! of them when the IR is built, for as long as the executor lives), but
//! Cranelift's passes only need the `ir::Function` and the target. So the
//! main thread builds the IR and hands it to one compile thread, shared by
//! every executor of the process, which runs `Context::compile` and sends
//! the machine code and its relocations back on the executor's own channel.
//! The main thread keeps running the quick code; at its next tier-up check
//! (`Executor::tier_up`, and every lazy compilation) it installs whatever
//! finished (`Jit::install`). Code memory is only ever written by the main
//! thread of its executor: the W^X discipline of `code_memory` holds.
//!
//! Jobs run in order, except that a loop asking for its function's full
//! tier by on-stack replacement (`Executor::osr_lambda`) puts the job first
//! (`submit` with `urgent`, `prioritize`): the quick code keeps running its
//! loop meanwhile and enters the full code once installed. (It used to
//! compile on the main thread, which stopped gbemu's main thread for 1.6 s
//! of full-tier compiles of 22 functions, 256 ms for the largest, on a
//! loaded machine.)
//!
//! Nothing waits for the compile thread: an executor dropped with jobs in
//! flight drops its receiver, and their results are discarded (never
//! installed); the thread blocks in `recv` when idle and does not keep the
//! process from exiting. `JSRUNTIME_SYNC_COMPILE=1` (or
//! `Executor::set_sync_compile`) compiles tier-ups on the main thread as
//! before.

use std::collections::{HashSet, VecDeque};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use cranelift_codegen::control::ControlPlane;
use cranelift_codegen::ir::Function;
use cranelift_codegen::isa::{OwnedTargetIsa, TargetIsa};
use cranelift_codegen::timing::PassTimes;
use cranelift_codegen::Context;
use cranelift_module::{FuncId, ModuleReloc};

use super::compiler::CompileError;
use super::FunctionTemplate;

/// Machine code ready to be defined in the module (`Jit::install`).
pub(crate) struct Code {
    pub bytes: Vec<u8>,
    pub alignment: u64,
    pub relocs: Vec<ModuleReloc>,
    /// The native frame's size (see `compiler::Compiled::frame_size`).
    pub frame_size: usize,
    /// Return addresses of the calls and their source positions (for the
    /// stack walk, `stack_walk::call_sites`).
    pub call_sites: Vec<(u32, u32)>,
}

/// Compiles the function in `ctx` for `isa` to bytes and relocations
/// (what `Module::define_function` does before defining them).
pub(crate) fn compile_to_code(
    ctx: &mut Context,
    isa: &dyn TargetIsa,
    id: FuncId,
) -> Result<Code, CompileError> {
    ctx.compile(isa, &mut ControlPlane::default())
        .map_err(|e| CompileError::Cranelift(format!("{:?}", e.inner)))?;
    let compiled = ctx
        .compiled_code()
        .ok_or_else(|| CompileError::Cranelift("no code after compiling".into()))?;
    let relocs = compiled
        .buffer
        .relocs()
        .iter()
        .map(|r| ModuleReloc::from_mach_reloc(r, &ctx.func, id))
        .collect();
    Ok(Code {
        bytes: compiled.code_buffer().to_vec(),
        alignment: compiled.buffer.alignment as u64,
        relocs,
        frame_size: compiled
            .buffer
            .frame_layout()
            .map_or(0, |l| l.frame_to_fp_offset as usize),
        call_sites: super::stack_walk::call_sites(compiled),
    })
}

/// A function for the compile thread.
struct Job {
    func: Function,
    id: FuncId,
    isa: OwnedTargetIsa,
    /// The template to install the code into (an address: only its
    /// executor's thread dereferences it).
    template: usize,
    reply: Sender<Done>,
}

/// A finished background compilation.
pub(crate) struct Done {
    /// The template (`*const FunctionTemplate`) that asked for it.
    pub template: usize,
    pub id: FuncId,
    pub code: Result<Code, CompileError>,
    /// IR instructions compiled, and the time Cranelift took.
    pub ir_insts: usize,
    pub time: Duration,
    /// Cranelift's pass timings of this compilation.
    pub passes: PassTimes,
    /// The job's IR function, emptied, for the executor's next full tier
    /// (`Jit::take_function`); `None` after a function of more than
    /// [`MAX_SPARE_INSTS`] instructions, whose capacity is not kept.
    pub spare: Option<Function>,
}

/// Spare functions an executor keeps ([`Done::spare`]).
pub(crate) const MAX_SPARE_FUNCTIONS: usize = 4;
/// The largest function (in IR instructions) whose emptied `Function` is
/// given back: larger ones are rare and would keep megabytes.
const MAX_SPARE_INSTS: usize = 20_000;

/// The jobs waiting for the compile thread, first first.
struct Queue {
    jobs: Mutex<VecDeque<Job>>,
    ready: Condvar,
}

impl Queue {
    /// The queue, locked (a panic elsewhere while it was held left it
    /// consistent: every operation on it is one push, pop or move).
    fn lock(&self) -> MutexGuard<'_, VecDeque<Job>> {
        self.jobs.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The process's compile thread and its queue (started on first use;
/// `None` if it cannot be started, and then tier-ups compile
/// synchronously).
fn worker() -> Option<&'static Queue> {
    static WORKER: OnceLock<Option<&'static Queue>> = OnceLock::new();
    *WORKER.get_or_init(|| {
        // Leaked: the queue lives as long as the process, as the thread.
        let queue: &'static Queue = Box::leak(Box::new(Queue {
            jobs: Mutex::new(VecDeque::new()),
            ready: Condvar::new(),
        }));
        std::thread::Builder::new()
            .name("jsruntime-compile".into())
            .spawn(move || run(queue))
            .ok()
            .map(|_| queue)
    })
}

/// The compile thread's loop: one job at a time, the first of the queue,
/// for as long as the process lives.
fn run(queue: &'static Queue) {
    let mut ctx = Context::new();
    // Drop any timings of this thread from before (there are none).
    let _ = cranelift_codegen::timing::take_current();
    loop {
        let job = {
            let mut jobs = queue.lock();
            loop {
                if let Some(job) = jobs.pop_front() {
                    break job;
                }
                jobs = queue.ready.wait(jobs).unwrap_or_else(|e| e.into_inner());
            }
        };
        let start = Instant::now();
        ctx.clear();
        ctx.func = job.func;
        let ir_insts = ctx.func.dfg.num_insts();
        let code = compile_to_code(&mut ctx, &*job.isa, job.id);
        let time = start.elapsed();
        let mut spare = std::mem::replace(&mut ctx.func, Function::new());
        ctx.clear();
        spare.clear();
        let done = Done {
            template: job.template,
            id: job.id,
            code,
            ir_insts,
            time,
            passes: cranelift_codegen::timing::take_current(),
            spare: (ir_insts <= MAX_SPARE_INSTS).then_some(spare),
        };
        // The executor may be gone: its results are dropped.
        let _ = job.reply.send(done);
    }
}

/// An executor's side of the compile thread: its reply channel and the
/// templates whose full tier is being compiled.
pub(crate) struct CompileThread {
    reply: Sender<Done>,
    finished: Receiver<Done>,
    pending: HashSet<usize>,
}

impl CompileThread {
    pub(crate) fn new() -> CompileThread {
        let (reply, finished) = channel();
        CompileThread {
            reply,
            finished,
            pending: HashSet::new(),
        }
    }

    /// Whether `template`'s full tier is being compiled.
    /// Compilations submitted and not installed yet.
    pub(crate) fn backlog(&self) -> usize {
        self.pending.len()
    }

    pub(crate) fn is_pending(&self, template: &FunctionTemplate) -> bool {
        self.pending
            .contains(&(template as *const FunctionTemplate as usize))
    }

    /// Hands `func` (function `id` of the module, the full tier of
    /// `template`) to the compile thread, at the front of its queue when
    /// `urgent`; gives it back when there is no compile thread.
    pub(crate) fn submit(
        &mut self,
        template: &FunctionTemplate,
        func: Function,
        id: FuncId,
        isa: OwnedTargetIsa,
        urgent: bool,
    ) -> Result<(), Box<Function>> {
        let Some(queue) = worker() else {
            return Err(Box::new(func));
        };
        let template = template as *const FunctionTemplate as usize;
        let job = Job {
            func,
            id,
            isa,
            template,
            reply: self.reply.clone(),
        };
        {
            let mut jobs = queue.lock();
            if urgent {
                jobs.push_front(job);
            } else {
                jobs.push_back(job);
            }
        }
        queue.ready.notify_one();
        self.pending.insert(template);
        Ok(())
    }

    /// Moves `template`'s job to the front of the queue if it is still
    /// waiting there (a loop of its quick code wants it now).
    pub(crate) fn prioritize(&self, template: &FunctionTemplate) {
        let Some(queue) = worker() else { return };
        let template = template as *const FunctionTemplate as usize;
        let mut jobs = queue.lock();
        // (A job of a dropped executor at the same address would only be
        // moved: its result is never installed.)
        let position = jobs.iter().position(|j| j.template == template);
        if let Some(job) = position.and_then(|i| jobs.remove(i)) {
            jobs.push_front(job);
        }
    }

    /// The next finished compilation, if any (does not wait).
    pub(crate) fn next_finished(&mut self) -> Option<Done> {
        let done = self.finished.try_recv().ok()?;
        self.pending.remove(&done.template);
        Some(done)
    }

    /// Waits for the next finished compilation (`None` when none is in
    /// flight); for tests and measurements that need the full tier now.
    pub(crate) fn wait_finished(&mut self) -> Option<Done> {
        if self.pending.is_empty() {
            return None;
        }
        let done = self.finished.recv().ok()?;
        self.pending.remove(&done.template);
        Some(done)
    }
}
