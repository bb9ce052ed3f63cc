//! Conservative scanning of the native stack.
//!
//! The collector treats every aligned word between the current stack pointer
//! and the top (highest address) of the thread's stack as a possible reference.
//! JIT-compiled frames, runtime functions called from them and built-ins all
//! live on this one stack, so a `Value` or `Gc` held in any local variable or
//! spill slot keeps its cell alive without stack maps.
//!
//! * **Stack top.** [`thread_stack_top`] asks the OS (`pthread_getattr_np` on
//!   Linux) for the bounds of the current thread's stack. The runtime records it
//!   when it is created, so every frame of the thread that owns the runtime is
//!   covered, wherever the runtime is entered from. (The runtime is `!Send`.)
//! * **Registers.** A reference may live only in a callee-saved register of
//!   some caller frame. [`scan`] first stores the callee-saved registers into an
//!   array in its own frame (inline assembly on x86_64 — rbx, rbp, r12–r15 — and
//!   aarch64 — x19–x29, d8–d15), so they are scanned with the stack; the
//!   caller-saved ones are already spilled by the calls leading here.
//! * **Words.** Each word is checked both as a raw address and, if it carries a
//!   heap tag, as a NaN-boxed value ([`super::Heap::mark_conservative`]).

/// Reads the bounds `(lowest, highest)` of the current thread's stack (the
/// highest address is exclusive: the stack grows down from it).
#[cfg(target_os = "linux")]
pub fn thread_stack_bounds() -> (usize, usize) {
    // SAFETY: pthread_getattr_np fills `attr` for the calling thread; we
    // destroy it after reading the stack bounds.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return fallback_stack_bounds();
        }
        let mut addr: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let rc = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        if rc != 0 {
            return fallback_stack_bounds();
        }
        (addr as usize, addr as usize + size)
    }
}

#[cfg(not(target_os = "linux"))]
pub fn thread_stack_bounds() -> (usize, usize) {
    fallback_stack_bounds()
}

thread_local! {
    /// The lowest address of this thread's stack (0: not read yet).
    static STACK_LOW: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Bytes of native stack left below the caller's frame on this thread.
/// Recursive Rust code that is not bounded by the JavaScript stack check
/// (the analyzer) asks it before descending.
#[inline]
pub fn remaining() -> usize {
    let low = STACK_LOW.with(|c| {
        if c.get() == 0 {
            c.set(thread_stack_bounds().0);
        }
        c.get()
    });
    let marker = 0u8;
    let sp = std::hint::black_box(&marker) as *const u8 as usize;
    sp.saturating_sub(low)
}

/// The address of a local of the caller (about its stack pointer).
#[inline(always)]
pub fn current_sp() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// The top of the current thread's stack; see [`thread_stack_bounds`].
pub fn thread_stack_top() -> usize {
    thread_stack_bounds().1
}

/// Without OS help: a generous distance above the current frame, which is
/// only safe if the runtime is created near the thread's entry point, and an
/// assumed 1 MiB below it. Kept for portability; Linux uses exact bounds.
#[allow(dead_code)]
fn fallback_stack_bounds() -> (usize, usize) {
    let marker = 0usize;
    let here = std::hint::black_box(&marker) as *const usize as usize;
    (here.saturating_sub(1 << 20), here + 64 * 1024)
}

/// Number of callee-saved words [`spill_registers`] stores.
const SPILL_WORDS: usize = 24;

#[inline(never)]
fn spill_registers(buf: &mut [usize; SPILL_WORDS]) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: only stores registers into `buf`, which has room for them.
    unsafe {
        std::arch::asm!(
            "mov [{b}], rbx",
            "mov [{b} + 8], rbp",
            "mov [{b} + 16], r12",
            "mov [{b} + 24], r13",
            "mov [{b} + 32], r14",
            "mov [{b} + 40], r15",
            b = in(reg) buf.as_mut_ptr(),
            options(nostack, preserves_flags),
        );
    }
    #[cfg(target_arch = "aarch64")]
    // SAFETY: only stores registers into `buf`, which has room for them.
    unsafe {
        std::arch::asm!(
            "stp x19, x20, [{b}]",
            "stp x21, x22, [{b}, #16]",
            "stp x23, x24, [{b}, #32]",
            "stp x25, x26, [{b}, #48]",
            "stp x27, x28, [{b}, #64]",
            "str x29, [{b}, #80]",
            "stp d8, d9, [{b}, #88]",
            "stp d10, d11, [{b}, #104]",
            "stp d12, d13, [{b}, #120]",
            "stp d14, d15, [{b}, #136]",
            b = in(reg) buf.as_mut_ptr(),
            options(nostack, preserves_flags),
        );
    }
    std::hint::black_box(buf);
}

/// Calls `visit` with every word of the stack from the current frame up to
/// `stack_top`, callee-saved registers included.
#[inline(never)]
pub fn scan(stack_top: usize, visit: &mut dyn FnMut(usize)) {
    let mut regs = [0usize; SPILL_WORDS];
    spill_registers(&mut regs);
    for &r in &regs {
        visit(r);
    }
    let sp = std::hint::black_box(&regs) as *const _ as usize;
    let mut addr = sp & !(std::mem::size_of::<usize>() - 1);
    while addr + std::mem::size_of::<usize>() <= stack_top {
        // SAFETY: [sp, stack_top) is the mapped, in-use part of this thread's
        // stack; a volatile read keeps the compiler from reasoning about the
        // (possibly uninitialised) contents.
        let word = unsafe { std::ptr::read_volatile(addr as *const usize) };
        visit(word);
        addr += std::mem::size_of::<usize>();
    }
    std::hint::black_box(&regs);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_local_on_the_stack() {
        let top = thread_stack_top();
        let needle: usize = std::hint::black_box(0x1234_5678_9abc_def0);
        let mut found = false;
        scan(top, &mut |w| found |= w == needle);
        assert!(found);
        std::hint::black_box(needle);
    }
}
