//! Memory for compiled code: functions packed into large chunks.
//!
//! Cranelift's default provider maps at least one fresh page per finalized
//! function (each lazy compilation finalizes at once, since the function is
//! called right after): a program of 2,000 small functions made 2,000
//! `mmap`s, 3,500 `mprotect`s and 2,000 page faults, a quarter of the time
//! of a 1,000-module graph, and used 4 KiB per function whatever its size.
//! This provider bump-allocates every function in 1 MiB chunks instead.
//!
//! Pages stay W^X: a page is writable or executable, never both. Finalizing
//! makes the pages written since the last finalization read+execute; the
//! next allocation, when it starts in the last (partly used) executable
//! page, makes that page writable again until the next finalization. The
//! runtime is single-threaded and compiles between calls, so no code on
//! that page runs while it is writable (a lazy compilation returns into
//! its caller only after `Jit::finish_function` finalized). Tier-ups
//! compiled on the compile thread (`compile_thread`) come back as bytes;
//! the executor's thread defines and finalizes them (`Jit::install`), so
//! this memory has a single writer.
//!
//! Only code is expected (the JIT defines no data objects); writable and
//! read-only requests get their own chunks with the same scheme.
//!
//! On x86-64 the `Jit` owns this memory itself (`Jit::place` copies and
//! relocates each function here, and no name is declared in the module),
//! and code can be **freed**: the code of a dead eval program goes back to
//! a free list ([`CodeMemory::free_code`], from `reclaim`), whose ranges
//! are coalesced and reused first-fit before the bump position moves on;
//! alignment padding and the unused tail of a full chunk go there too.
//! Reusing a range makes its pages writable again until the next
//! finalization, which gives them back their protection: the same W^X rule
//! as the bump allocation (nothing runs on those pages while they are
//! written, on the one thread that runs this memory's code). Freed pages
//! keep their protection and contents until reused. Allocations are whole
//! `GRAIN`s (16 bytes), so freed neighbours always tile. The
//! `JITMemoryProvider` implementation remains for the module (it allocates
//! nothing on x86-64).

use std::collections::BTreeMap;
use std::io;

use cranelift_jit::{BranchProtection, JITMemoryKind, JITMemoryProvider};
use cranelift_module::{ModuleError, ModuleResult};

/// The size of a chunk (a function larger than this gets a chunk of its
/// own, rounded up to pages).
const CHUNK_SIZE: usize = 1 << 20;

/// The unit of allocation (and the least alignment) in code memory.
const GRAIN: usize = 16;

fn page_size() -> usize {
    // SAFETY: sysconf has no memory-safety preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if size > 0 {
        size as usize
    } else {
        4096
    }
}

/// One mapped chunk.
struct Chunk {
    base: *mut u8,
    len: usize,
}

/// Chunks of one kind of memory, the current one bump-allocated.
struct Arena {
    /// Protection applied at finalization.
    finished: libc::c_int,
    chunks: Vec<Chunk>,
    /// Next free byte in the last chunk.
    position: usize,
    /// Offset in the last chunk up to which pages have the `finished`
    /// protection (page-aligned); pages from here on are writable.
    protected: usize,
    /// Freed ranges (start address to length), coalesced: reused before the
    /// bump position moves on (see [`CodeMemory::free_code`]).
    free: BTreeMap<usize, usize>,
    /// Page ranges (address, length) made writable again for allocations
    /// from `free`, given back their protection at the next finalization.
    reopened: Vec<(usize, usize)>,
}

impl Arena {
    fn new(finished: libc::c_int) -> Arena {
        Arena {
            finished,
            chunks: Vec::new(),
            position: 0,
            protected: 0,
            free: BTreeMap::new(),
            reopened: Vec::new(),
        }
    }

    fn allocate(&mut self, size: usize, align: u64, page: usize) -> io::Result<*mut u8> {
        let align = usize::try_from(align)
            .ok()
            .filter(|a| a.is_power_of_two() && *a <= page)
            .ok_or_else(|| io::Error::other("unsupported code alignment"))?;
        // Every allocation covers whole `GRAIN`s, so freed neighbours tile
        // and coalesce.
        let size = size
            .max(1)
            .checked_add(GRAIN - 1)
            .map(|s| s & !(GRAIN - 1))
            .ok_or_else(|| io::Error::other("code too large"))?;
        let align = align.max(GRAIN);
        if let Some(p) = self.allocate_freed(size, align, page)? {
            return Ok(p);
        }
        let start = self
            .position
            .checked_add(align - 1)
            .map(|p| p & !(align - 1));
        let fits = match (self.chunks.last(), start) {
            (Some(chunk), Some(start)) => {
                start.checked_add(size).is_some_and(|end| end <= chunk.len)
            }
            _ => false,
        };
        if !fits {
            // The rest of the current chunk stays usable through the free
            // list.
            if let Some(chunk) = self.chunks.last() {
                let tail = self.position.min(chunk.len);
                if tail < chunk.len {
                    self.insert_free(chunk.base as usize + tail, chunk.len - tail);
                }
            }
            self.new_chunk(size, page)?;
            // A fresh chunk starts page-aligned and writable.
            let chunk = self
                .chunks
                .last()
                .ok_or_else(|| io::Error::other("no chunk"))?;
            self.position = size;
            return Ok(chunk.base);
        }
        let (Some(chunk), Some(start)) = (self.chunks.last(), start) else {
            return Err(io::Error::other("no chunk"));
        };
        // The last finalized page may be shared with the new allocation:
        // make it writable again (everything after it still is).
        let first_page = start & !(page - 1);
        if first_page < self.protected {
            // SAFETY: the range lies inside this chunk's mapping.
            let r = unsafe {
                libc::mprotect(
                    chunk.base.add(first_page).cast(),
                    self.protected - first_page,
                    libc::PROT_READ | libc::PROT_WRITE,
                )
            };
            if r != 0 {
                return Err(io::Error::last_os_error());
            }
            self.protected = first_page;
        }
        let base = chunk.base;
        if start > self.position {
            // Alignment padding: free for a later, smaller allocation.
            self.insert_free(base as usize + self.position, start - self.position);
        }
        self.position = start + size;
        // SAFETY: `start + size <= chunk.len` (checked above).
        Ok(unsafe { base.add(start) })
    }

    /// Allocates `size` bytes (a multiple of `GRAIN`) aligned to `align`
    /// from the first freed range that holds them, making the pages they
    /// cover writable until the next finalization (`None`: no range fits).
    fn allocate_freed(
        &mut self,
        size: usize,
        align: usize,
        page: usize,
    ) -> io::Result<Option<*mut u8>> {
        let found = self.free.iter().find_map(|(&at, &len)| {
            let start = at.checked_add(align - 1)? & !(align - 1);
            let end = start.checked_add(size)?;
            (end <= at + len).then_some((at, len, start, end))
        });
        let Some((at, len, start, end)) = found else {
            return Ok(None);
        };
        let first_page = start & !(page - 1);
        let end_page = (end + page - 1) & !(page - 1);
        // SAFETY: the pages lie inside a chunk's mapping (freed ranges come
        // from allocations of this arena). Nothing on them runs while they
        // are writable: the runtime writes code between calls, on the one
        // thread that runs this memory's code (see the module docs).
        let r = unsafe {
            libc::mprotect(
                first_page as *mut libc::c_void,
                end_page - first_page,
                libc::PROT_READ | libc::PROT_WRITE,
            )
        };
        if r != 0 {
            return Err(io::Error::last_os_error());
        }
        self.reopened.push((first_page, end_page - first_page));
        self.free.remove(&at);
        if start > at {
            self.free.insert(at, start - at);
        }
        if at + len > end {
            self.free.insert(end, at + len - end);
        }
        Ok(Some(start as *mut u8))
    }

    /// Adds `[at, at + len)` to the free list, merged with its neighbours.
    fn insert_free(&mut self, mut at: usize, mut len: usize) {
        if len == 0 {
            return;
        }
        if let Some((&before, &before_len)) = self.free.range(..at).next_back() {
            if before + before_len == at {
                self.free.remove(&before);
                at = before;
                len += before_len;
            }
        }
        if let Some(after_len) = self.free.remove(&(at + len)) {
            len += after_len;
        }
        self.free.insert(at, len);
    }

    /// Frees `[at, at + len)`, an allocation of this arena (`len` as
    /// requested: rounded up to `GRAIN` here as at allocation). The pages
    /// keep their protection until reused.
    fn free_range(&mut self, at: usize, len: usize) {
        let len = (len.max(1) + GRAIN - 1) & !(GRAIN - 1);
        self.insert_free(at, len);
    }

    /// Bytes in the free list (tests, statistics).
    fn free_bytes(&self) -> usize {
        self.free.values().sum()
    }

    /// Finalizes the current chunk first (its written pages get their
    /// protection), then maps a new one for at least `size` bytes.
    fn new_chunk(&mut self, size: usize, page: usize) -> io::Result<()> {
        self.finalize(page)?;
        let len = size
            .max(CHUNK_SIZE)
            .checked_add(page - 1)
            .map(|l| l & !(page - 1))
            .ok_or_else(|| io::Error::other("code too large"))?;
        // SAFETY: an anonymous private mapping at an address of the
        // kernel's choice; the result is checked.
        let base = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if base == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        self.chunks.push(Chunk {
            base: base.cast(),
            len,
        });
        self.position = 0;
        self.protected = 0;
        Ok(())
    }

    /// Gives the pages written since the last call their final protection.
    fn finalize(&mut self, page: usize) -> io::Result<()> {
        for (at, len) in std::mem::take(&mut self.reopened) {
            // SAFETY: pages of a chunk's mapping made writable by
            // `allocate_freed`.
            let r = unsafe { libc::mprotect(at as *mut libc::c_void, len, self.finished) };
            if r != 0 {
                return Err(io::Error::last_os_error());
            }
        }
        let Some(chunk) = self.chunks.last() else {
            return Ok(());
        };
        let end = (self.position + page - 1) & !(page - 1);
        if end > self.protected {
            // SAFETY: the range lies inside this chunk's mapping.
            let r = unsafe {
                libc::mprotect(
                    chunk.base.add(self.protected).cast(),
                    end - self.protected,
                    self.finished,
                )
            };
            if r != 0 {
                return Err(io::Error::last_os_error());
            }
            self.protected = end;
        }
        Ok(())
    }

    fn free(&mut self) {
        for chunk in self.chunks.drain(..) {
            // SAFETY: each chunk is a mapping made by `new_chunk`, unmapped
            // once (the caller guarantees no code in it runs again).
            unsafe {
                libc::munmap(chunk.base.cast(), chunk.len);
            }
        }
        self.position = 0;
        self.protected = 0;
        self.free.clear();
        self.reopened.clear();
    }
}

/// The JIT's memory provider (see the module documentation).
pub(crate) struct CodeMemory {
    page: usize,
    code: Arena,
    writable: Arena,
    read_only: Arena,
}

// SAFETY: the chunks are owned mappings, not shared with anything else;
// moving the provider to another thread moves that ownership.
unsafe impl Send for CodeMemory {}

impl CodeMemory {
    pub(crate) fn new() -> CodeMemory {
        CodeMemory {
            page: page_size(),
            code: Arena::new(libc::PROT_READ | libc::PROT_EXEC),
            writable: Arena::new(libc::PROT_READ | libc::PROT_WRITE),
            read_only: Arena::new(libc::PROT_READ),
        }
    }

    /// Allocates `size` bytes of code aligned to `align`, writable until
    /// the next [`CodeMemory::finalize_code`]. Freed ranges are reused
    /// first.
    pub(crate) fn allocate_code(&mut self, size: usize, align: u64) -> io::Result<*mut u8> {
        let page = self.page;
        self.code.allocate(size, align, page)
    }

    /// Makes the code written since the last call executable (and no
    /// longer writable).
    pub(crate) fn finalize_code(&mut self) -> io::Result<()> {
        let page = self.page;
        self.code.finalize(page)
    }

    /// Gives back `len` bytes of code at `at` (an allocation of
    /// [`CodeMemory::allocate_code`] of that size) for reuse.
    ///
    /// # Safety
    ///
    /// No frame of that code is running or will run: nothing may call or
    /// return into it again.
    pub(crate) unsafe fn free_code(&mut self, at: *const u8, len: usize) {
        self.code.free_range(at as usize, len);
    }

    /// Bytes of code memory in the free list.
    pub(crate) fn free_code_bytes(&self) -> usize {
        self.code.free_bytes()
    }

    /// Bytes of code memory mapped.
    pub(crate) fn mapped_code_bytes(&self) -> usize {
        self.code.chunks.iter().map(|c| c.len).sum()
    }
}

impl Drop for CodeMemory {
    /// Unmaps every chunk: the `Jit` owning this memory is dropped with its
    /// runtime, after which none of its code runs. (Cranelift's own
    /// providers leak finalized memory instead; a process that makes many
    /// runtimes, like a test262 worker, then ran out of mappings:
    /// `vm.max_map_count` after about 30,000 runtimes.)
    fn drop(&mut self) {
        // SAFETY: see above: nothing calls or returns into this code again.
        unsafe { self.free_memory() };
    }
}

impl JITMemoryProvider for CodeMemory {
    fn allocate(&mut self, size: usize, align: u64, kind: JITMemoryKind) -> io::Result<*mut u8> {
        let page = self.page;
        match kind {
            JITMemoryKind::Executable => self.code.allocate(size, align, page),
            JITMemoryKind::Writable => self.writable.allocate(size, align, page),
            JITMemoryKind::ReadOnly => self.read_only.allocate(size, align, page),
        }
    }

    unsafe fn free_memory(&mut self) {
        self.code.free();
        self.writable.free();
        self.read_only.free();
    }

    fn finalize(&mut self, _branch_protection: BranchProtection) -> ModuleResult<()> {
        // x86-64 keeps instruction caches coherent with data writes, and
        // the pipeline is serialized by the mprotect system call; other
        // targets use Cranelift's own provider (see `Jit::new`).
        let page = self.page;
        for arena in [&mut self.code, &mut self.writable, &mut self.read_only] {
            arena
                .finalize(page)
                .map_err(|e| ModuleError::Backend(e.into()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_functions_and_keeps_them_executable() {
        let mut memory = CodeMemory::new();
        // `ret` (0xC3) written at each allocation; all of them callable after
        // each finalization, including those on a page made writable again.
        let mut code = Vec::new();
        for i in 0..200 {
            let p = memory
                .allocate(100 + i, 16, JITMemoryKind::Executable)
                .expect("allocate");
            assert_eq!(p as usize % 16, 0);
            // SAFETY: 100+ bytes were allocated at `p` and are writable.
            unsafe { p.write(0xC3) };
            memory.finalize(BranchProtection::None).expect("finalize");
            code.push(p);
            for &f in &code {
                // SAFETY: `f` holds a `ret` instruction on an executable page.
                let f: extern "C" fn() = unsafe { std::mem::transmute(f) };
                f();
            }
        }
        // All in one chunk: 200 functions of ~200 bytes.
        assert_eq!(memory.code.chunks.len(), 1);
        // A function larger than a chunk gets its own.
        let big = memory
            .allocate(CHUNK_SIZE + 1, 16, JITMemoryKind::Executable)
            .expect("allocate big");
        // SAFETY: writable until finalized.
        unsafe { big.write(0xC3) };
        memory.finalize(BranchProtection::None).expect("finalize");
        // SAFETY: a `ret` on an executable page.
        let f: extern "C" fn() = unsafe { std::mem::transmute(big) };
        f();
        assert_eq!(memory.code.chunks.len(), 2);
        // SAFETY: nothing runs from this memory afterwards.
        unsafe { memory.free_memory() };
    }

    /// Writes `ret` at `p` and calls it.
    fn write_ret_and_call(memory: &mut CodeMemory, p: *mut u8) {
        // SAFETY: `p` was just allocated and is writable until finalized.
        unsafe { p.write(0xC3) };
        memory.finalize_code().expect("finalize");
        // SAFETY: a `ret` instruction on an executable page.
        let f: extern "C" fn() = unsafe { std::mem::transmute(p) };
        f();
    }

    #[test]
    fn freed_code_is_reused_and_coalesced() {
        let mut memory = CodeMemory::new();
        let a = memory.allocate_code(100, 16).expect("a");
        write_ret_and_call(&mut memory, a);
        let b = memory.allocate_code(40, 16).expect("b");
        write_ret_and_call(&mut memory, b);
        let c = memory.allocate_code(200, 16).expect("c");
        write_ret_and_call(&mut memory, c);
        // Sizes are whole grains: 100 -> 112, 40 -> 48.
        assert_eq!(b as usize, a as usize + 112);
        assert_eq!(c as usize, b as usize + 48);
        // SAFETY: `a` and `b` never run again.
        unsafe {
            memory.free_code(a, 100);
            memory.free_code(b, 40);
        }
        // Coalesced into one range of 160 bytes.
        assert_eq!(memory.code.free.len(), 1);
        assert_eq!(memory.free_code_bytes(), 160);
        // A 150-byte function fits there (on an executable page made
        // writable again); `c` still runs after its page was reopened.
        let d = memory.allocate_code(150, 16).expect("d");
        assert_eq!(d, a);
        write_ret_and_call(&mut memory, d);
        // SAFETY: `c` holds a `ret` on an executable page.
        let f: extern "C" fn() = unsafe { std::mem::transmute(c) };
        f();
        assert_eq!(memory.free_code_bytes(), 0);
        // An allocation that fits nowhere in the list is bumped.
        let e = memory.allocate_code(64, 16).expect("e");
        assert_eq!(e as usize, c as usize + 208);
        write_ret_and_call(&mut memory, e);
        // Alignment padding stays free for later, smaller allocations.
        let f = memory.allocate_code(16, 64).expect("f");
        assert_eq!(f as usize % 64, 0);
        write_ret_and_call(&mut memory, f);
        let padding = f as usize - (e as usize + 64);
        assert_eq!(memory.free_code_bytes(), padding);
        // SAFETY: nothing runs from this memory afterwards.
        unsafe { memory.free_memory() };
    }

    #[test]
    fn a_loop_of_freed_functions_stays_in_one_chunk() {
        let mut memory = CodeMemory::new();
        let mut live = Vec::new();
        for i in 0..100_000usize {
            let size = 100 + (i * 37) % 900;
            let p = memory.allocate_code(size, 16).expect("allocate");
            write_ret_and_call(&mut memory, p);
            live.push((p, size));
            if live.len() > 50 {
                let (q, len) = live.remove(i % 50);
                // SAFETY: never called again.
                unsafe { memory.free_code(q, len) };
            }
        }
        // About 51 live functions of at most 1,008 bytes: far from a chunk,
        // where 10^5 functions without reuse would take 54 chunks.
        assert_eq!(memory.mapped_code_bytes(), CHUNK_SIZE);
        for &(p, _) in &live {
            // SAFETY: live functions hold `ret`.
            let f: extern "C" fn() = unsafe { std::mem::transmute(p) };
            f();
        }
        // SAFETY: nothing runs from this memory afterwards.
        unsafe { memory.free_memory() };
    }
}
