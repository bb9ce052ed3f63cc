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

use std::io;

use cranelift_jit::{BranchProtection, JITMemoryKind, JITMemoryProvider};
use cranelift_module::{ModuleError, ModuleResult};

/// The size of a chunk (a function larger than this gets a chunk of its
/// own, rounded up to pages).
const CHUNK_SIZE: usize = 1 << 20;

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
}

impl Arena {
    fn new(finished: libc::c_int) -> Arena {
        Arena {
            finished,
            chunks: Vec::new(),
            position: 0,
            protected: 0,
        }
    }

    fn allocate(&mut self, size: usize, align: u64, page: usize) -> io::Result<*mut u8> {
        let align = usize::try_from(align)
            .ok()
            .filter(|a| a.is_power_of_two() && *a <= page)
            .ok_or_else(|| io::Error::other("unsupported code alignment"))?;
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
        self.position = start + size;
        // SAFETY: `start + size <= chunk.len` (checked above).
        Ok(unsafe { chunk.base.add(start) })
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
}
