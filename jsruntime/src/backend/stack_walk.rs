//! Stack traces captured when they are asked for (`new Error()`,
//! `Error.captureStackTrace`, `console.trace`), as V8 captures them: a
//! walk of the native stack that finds the compiled frames on it.
//!
//! * **The code map.** Every compiled function (both tiers, coroutine
//!   bodies too) is registered with its code range, its program and
//!   function, the distance from its stack pointer to its frame pointer,
//!   and its call sites: the return address of every call instruction
//!   (Cranelift's `call_sites` of the finalized buffer), each with the
//!   source position of the command that made the call (the compiler sets
//!   the builder's source location per command; the buffer's `srclocs`
//!   map code offsets back to it). Nothing is added to compiled code.
//! * **The walk** (x86-64) reads the stack words from its own frame up to
//!   the stack's top, as the collector's conservative scan does. A word
//!   equal to the return address of a known call site, in a slot where a
//!   call pushes its return address (8 mod 16: the stack pointer is 16-byte
//!   aligned at every call), is a frame of that function, stopped at that
//!   call. Its frame pointer follows from the slot (`slot + 8 +
//!   sp_to_fp`) and the scan continues at the frame's own return-address
//!   slot, so the spill slots of a compiled frame are never read as frames;
//!   a frame called directly by compiled code is found at once there.
//!   Rust frames in between (runtime functions, built-ins that call back)
//!   have no frame pointers in release builds and are scanned word by word.
//! * **Bounds.** The scan stops at the stack pointer of the outermost
//!   entry from Rust into compiled code ([`enter_js`]: calls of closures
//!   from Rust and coroutine resumptions; every other way into compiled
//!   code is called from compiled code), not at the top of the thread's
//!   stack, which may hold large Rust frames (the embedder's).
//! * **Limits.** A stale return address left in an uninitialised slot of a
//!   Rust frame could show as an extra frame; the alignment test and the
//!   exact-address match make this rare. At most
//!   [`super::exception_trace::MAX_FRAMES`] frames are kept. Other
//!   architectures get no frames (the header only).

use crate::gc::Gc;
use crate::object::{JsObject, ObjectKind};
use crate::runtime::Runtime;
use crate::semantics::{FunctionId, HIDDEN_CALL_POSITION};

use super::exception_trace::{Site, MAX_FRAMES};
use super::Executor;

/// One compiled function's code.
struct CodeEntry {
    start: usize,
    end: usize,
    program: usize,
    function: FunctionId,
    /// From the stack pointer (after the prologue) up to the frame pointer.
    sp_to_fp: usize,
    /// (return-address offset, source position), sorted by offset.
    sites: Box<[(u32, u32)]>,
}

/// Every compiled function's code range and call sites (see the module
/// docs).
#[derive(Default)]
pub(crate) struct CodeMap {
    /// Sorted by `start` (ranges never overlap: code memory is never
    /// reused; the entries of freed programs are removed, `reclaim`).
    entries: Vec<CodeEntry>,
    low: usize,
    high: usize,
    /// The stack pointer of the outermost entry into compiled code (0:
    /// none running).
    entry_sp: usize,
    /// The markers of the running interpreted calls (`interp::run`),
    /// outermost first.
    pub(crate) interp_frames: Vec<usize>,
    /// The `\n    at …` line of each call site met so far (a site's
    /// program, function and position never change).
    lines: std::collections::HashMap<Site, Box<str>>,
}

/// The call sites of the function just compiled: for each call instruction
/// The source position of the call by which quick code enters the full
/// code of its own activation (`compiler/osr.rs`): the walk skips it.
pub(crate) const OSR_TRANSFER_POSITION: u32 = u32::MAX - 1;

/// its return address's offset and the source position (`u32::MAX`:
/// unknown) of the code before it.
pub(crate) fn call_sites(code: &cranelift_codegen::CompiledCode) -> Vec<(u32, u32)> {
    let srclocs = code.buffer.get_srclocs_sorted();
    let mut sites: Vec<(u32, u32)> = code
        .buffer
        .call_sites()
        .map(|c| {
            let at = c.ret_addr.saturating_sub(1);
            // The srcloc range holding the call instruction's last byte.
            let i = srclocs.partition_point(|s| s.end <= at);
            let position = srclocs
                .get(i)
                .filter(|s| s.start <= at)
                .map_or(u32::MAX, |s| s.loc.bits());
            (c.ret_addr, position)
        })
        .collect();
    sites.sort_unstable();
    sites
}

impl CodeMap {
    /// Registers a compiled function.
    pub(crate) fn register(
        &mut self,
        address: *const u8,
        size: usize,
        program: usize,
        function: FunctionId,
        sp_to_fp: usize,
        sites: Vec<(u32, u32)>,
    ) {
        let start = address as usize;
        if size == 0 || sites.is_empty() {
            return;
        }
        let end = start + size;
        let entry = CodeEntry {
            start,
            end,
            program,
            function,
            sp_to_fp,
            sites: sites.into_boxed_slice(),
        };
        let i = self.entries.partition_point(|e| e.start < start);
        self.entries.insert(i, entry);
        if self.entries.len() == 1 {
            self.low = start;
            self.high = end;
        } else {
            self.low = self.low.min(start);
            self.high = self.high.max(end);
        }
    }

    /// The program whose compiled code contains the address `word` (any
    /// address of a registered function, not only its call sites).
    pub(crate) fn program_at(&self, word: usize) -> Option<usize> {
        if word < self.low || word >= self.high {
            return None;
        }
        let i = self.entries.partition_point(|e| e.start <= word);
        let e = self.entries.get(i.checked_sub(1)?)?;
        (word < e.end).then_some(e.program)
    }

    /// Forgets the code and the call-site lines of freed programs.
    pub(crate) fn forget(&mut self, programs: &std::collections::HashSet<usize>) {
        self.entries.retain(|e| !programs.contains(&e.program));
        self.lines
            .retain(|site, _| !programs.contains(&site.program));
        self.low = self.entries.iter().map(|e| e.start).min().unwrap_or(0);
        self.high = self.entries.iter().map(|e| e.end).max().unwrap_or(0);
    }

    /// The function and call site whose return address is `word`.
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    #[inline]
    fn lookup(&self, word: usize) -> Option<(&CodeEntry, u32)> {
        if word < self.low || word >= self.high {
            return None;
        }
        let i = self.entries.partition_point(|e| e.start <= word);
        let e = self.entries.get(i.checked_sub(1)?)?;
        if word >= e.end {
            return None;
        }
        let offset = (word - e.start) as u32;
        let j = e.sites.binary_search_by_key(&offset, |s| s.0).ok()?;
        Some((e, e.sites[j].1))
    }

    /// The compiled frames on the stack from the caller up, innermost
    /// first (see the module docs), at most [`MAX_FRAMES`].
    #[cfg(target_arch = "x86_64")]
    #[inline(never)]
    fn walk(&self, stack_top: usize) -> Vec<Site> {
        let mut sites = Vec::new();
        // Interpreted frames, innermost (lowest address) last in the list.
        let mut markers = self.interp_frames.iter().rev().peekable();
        const WORD: usize = std::mem::size_of::<usize>();
        let mut addr = (crate::gc::stack::current_sp() + WORD - 1) & !(WORD - 1);
        // Return-address slots are 8 mod 16.
        if addr.is_multiple_of(16) {
            addr += WORD;
        }
        while addr + WORD <= stack_top && sites.len() < MAX_FRAMES {
            while let Some(&&m) = markers.peek() {
                if m > addr || sites.len() >= MAX_FRAMES {
                    break;
                }
                markers.next();
                // SAFETY: a listed marker belongs to a running interpreted
                // call, whose template and code outlive it.
                let (template, code, pc) = unsafe {
                    let m = &*(m as *const super::interp::run::Marker);
                    (&*m.template, &*m.code, m.pc)
                };
                let position = code.positions.get(pc).copied().unwrap_or(u32::MAX);
                // `pc` is past the ops after on-stack replacement.
                if pc < code.positions.len() && position != HIDDEN_CALL_POSITION {
                    sites.push(Site {
                        program: template.program,
                        function: template.function,
                        offset: position,
                    });
                }
            }
            // SAFETY: `addr` is word-aligned and between this frame and the
            // top of the thread's stack, which is mapped and readable (the
            // collector's conservative scan reads the same words).
            let word = unsafe { std::ptr::read_volatile(addr as *const usize) };
            if let Some((e, position)) = self.lookup(word) {
                // A quick frame that moved into the full code of the same
                // activation (on-stack replacement) is not a frame of its own.
                // Nor is function 0's call of a chunk of a huge top level
                // (`semantics/analyzer/chunks.rs`): the chunk stands for it.
                if position != OSR_TRANSFER_POSITION && position != HIDDEN_CALL_POSITION {
                    sites.push(Site {
                        program: e.program,
                        function: e.function,
                        offset: position,
                    });
                }
                // The frame's own return address: above its saved frame
                // pointer.
                let fp = addr + WORD + e.sp_to_fp;
                addr = fp + WORD;
            } else {
                addr += 2 * WORD;
            }
        }
        sites
    }

    #[cfg(not(target_arch = "x86_64"))]
    fn walk(&self, _stack_top: usize) -> Vec<Site> {
        Vec::new()
    }
}

/// Notes a call from Rust into compiled code: the outermost one bounds the
/// walk. Returns what [`leave_js`] restores after the call.
///
/// # Safety
/// `exec` is a live executor.
#[inline]
pub(crate) unsafe fn enter_js(exec: *mut Executor) -> usize {
    // SAFETY: see the function's contract.
    let map = unsafe { &mut (*exec).state.code_map };
    let saved = map.entry_sp;
    let sp = crate::gc::stack::current_sp();
    if sp > saved {
        map.entry_sp = sp;
    }
    saved
}

/// The call noted by [`enter_js`] returned.
///
/// # Safety
/// `exec` is a live executor.
#[inline]
pub(crate) unsafe fn leave_js(exec: *mut Executor, saved: usize) {
    // SAFETY: see the function's contract.
    unsafe { (*exec).state.code_map.entry_sp = saved };
}

/// [`crate::runtime::HostHooks::capture_stack`]: the `    at …` lines of
/// the compiled frames on the stack, innermost first. With `skip_to`, the
/// frames up to and including the innermost one of that function are left
/// out (V8 leaves out the constructor of the error and what it called);
/// all of them when `required` and that function has no frame.
pub(crate) fn capture_stack_hook(
    rt: &mut Runtime,
    skip_to: Option<Gc<JsObject>>,
    required: bool,
    limit: usize,
) -> String {
    let mut stack_top = rt.stack_top();
    // SAFETY: the hook is installed only on an executor's runtime, which is
    // the executor's first field (`backend::executor`).
    let exec = unsafe { &mut *(rt as *mut Runtime as *mut Executor) };
    let entry = exec.state.code_map.entry_sp;
    if entry != 0 && entry < stack_top {
        stack_top = entry;
    }
    let mut sites = exec.state.code_map.walk(stack_top);
    if let Some(f) = skip_to {
        let found = match f.kind() {
            ObjectKind::Function(closure) => {
                // SAFETY: a closure's template is boxed and lives as long
                // as the executor that created the closure (`f` holds it).
                let template = unsafe { &*(*closure.as_ptr()).template };
                sites
                    .iter()
                    .position(|s| s.program == template.program && s.function == template.function)
            }
            _ => None,
        };
        match found {
            Some(i) => drop(sites.drain(..=i)),
            None if required => sites.clear(),
            None => {}
        }
    }
    sites.truncate(limit);
    let mut text = String::new();
    for site in &sites {
        let line = match exec.state.code_map.lines.get(site) {
            Some(line) => line,
            None => {
                let line = format!("\n    {}", exec.frame(site)).into_boxed_str();
                exec.state.code_map.lines.entry(*site).or_insert(line)
            }
        };
        text.push_str(line);
    }
    text
}
