//! Cell storage: size-class segregated, aligned blocks plus a large-object space.
//!
//! * A *block* is `BLOCK_SIZE` bytes aligned to `BLOCK_SIZE` (obtained with
//!   `mmap` on Unix so emptied blocks go back to the OS), holding cells of a
//!   single size class. Block metadata (cell size, free list) lives outside the
//!   block, in `Heap::blocks`, found through `block_map` by base address.
//! * Free cells have a zero header word; the next free cell's address is
//!   stored in their second word (the intrusive free list).
//! * Cells larger than `MAX_SMALL_CELL` are allocated individually with the
//!   global allocator and kept in an ordered map (address → size) so an
//!   interior pointer can be resolved with one range query.
//!
//! Sweeping visits every cell of every block: dead cells are dropped and their
//! header cleared; the free list is rebuilt in address order; fully empty blocks
//! are pooled (a few) or unmapped.

use std::alloc::Layout;
use std::collections::BTreeMap;

use hashbrown::HashMap;

use super::{cell_size_of, init_cell, CellHeader, Gc, HeapObject, Tracer, CELL_BODY_OFFSET};

/// Size and alignment of a block.
pub const BLOCK_SIZE: usize = 64 * 1024;
/// Largest cell allocated in blocks.
pub const MAX_SMALL_CELL: usize = 8192;
/// Cell alignment (every cell address is a multiple of this).
pub const CELL_ALIGN: usize = 16;
/// Largest single cell: bigger requests fail with [`AllocError`] (which the
/// runtime turns into a RangeError) instead of aborting the process.
pub const MAX_CELL_SIZE: usize = 1 << 31;
/// Collect at least every this many allocated bytes.
pub const MIN_THRESHOLD: usize = 8 << 20;
/// Empty blocks kept for reuse instead of being unmapped: at least as many
/// as the minimum allocation budget fills, and up to the next budget (the
/// live bytes after a collection, see [`Heap::sweep`]), so a program whose
/// garbage dies young does not map and unmap (and page-fault) its blocks
/// every cycle. They were in use at the last peak, so keeping them does not
/// raise the peak; when the live heap shrinks the pool shrinks with it.
const MIN_POOLED_BLOCKS: usize = MIN_THRESHOLD / BLOCK_SIZE;

/// Whether each collection prints a line of counters to stderr
/// (`JSRUNTIME_GC_LOG=1`: the bytes allocated since the previous
/// collection, the live bytes and the next budget).
fn log_enabled() -> bool {
    static LOG: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *LOG.get_or_init(|| {
        std::env::var_os("JSRUNTIME_GC_LOG").is_some_and(|v| !v.is_empty() && v != "0")
    })
}

const SIZE_CLASSES: [usize; 32] = [
    16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768, 896, 1024,
    1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096, 5120, 6144, 7168, 8192,
];

/// Allocation failed: the request is too large or the OS refused memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocError;

/// Counters for tests, benchmarks and `--stats` output.
#[derive(Debug, Clone, Copy, Default)]
pub struct HeapStats {
    /// Collections run so far.
    pub collections: usize,
    /// Bytes in live cells after the last collection.
    pub live_bytes: usize,
    /// Blocks in use (not counting the pool).
    pub blocks: usize,
    /// Cells too large for a block, allocated on their own.
    pub large_objects: usize,
    /// Total bytes ever allocated in cells.
    pub total_allocated: u64,
    /// Time spent marking (roots, tracing, weak processing and the weak
    /// tables pruned before the sweep), over all collections (`jstb run
    /// --stats`).
    pub mark_time: std::time::Duration,
    /// Time spent sweeping, over all collections.
    pub sweep_time: std::time::Duration,
}

struct Block {
    base: usize,
    cell_size: usize,
    cell_count: usize,
    /// Address of the first free cell, 0 when full.
    free: usize,
}

struct SizeClass {
    size: usize,
    /// Ids of this class's blocks.
    blocks: Vec<u32>,
    /// Index into `blocks` where the next search for a free cell starts.
    cursor: usize,
    /// The bump range: the cells `bump..limit` (a multiple of `size` apart)
    /// of the class's newest block, never handed out since the block was
    /// taken (header word zero). A new block starts as one whole range
    /// instead of a free list, so taking it does not write every cell, and
    /// allocating from it is an add and a compare. Empty (`bump == limit`)
    /// outside a fresh block; sweeping ends it (the rest of the block joins
    /// its free list, the cells read as free).
    bump: usize,
    limit: usize,
}

/// The cell store. See the module docs.
pub struct Heap {
    blocks: Vec<Option<Block>>,
    free_block_ids: Vec<u32>,
    block_map: HashMap<usize, u32>,
    classes: Vec<SizeClass>,
    /// Size class index for `(size + 15) / 16`.
    class_of: Vec<u8>,
    large: BTreeMap<usize, usize>,
    pool: Vec<usize>,
    /// The part of the last chunk not handed out as blocks yet
    /// (`next..end`, see [`CHUNK_SIZE`]).
    chunk_next: usize,
    chunk_end: usize,
    min_addr: usize,
    max_addr: usize,
    allocated_since_gc: usize,
    threshold: usize,
    /// Cap of `threshold` (set with a heap limit).
    max_threshold: Option<usize>,
    /// Collection is suppressed while non-zero.
    inhibit: u32,
    /// GC stress mode (see [`super::stress`]): collect at every this many
    /// allocations; 0 when off.
    stress_interval: u32,
    /// Allocations left before the next stress collection.
    stress_countdown: u32,
    /// Whether swept cells are filled with [`POISON_WORD`].
    poison: bool,
    stats: HeapStats,
}

impl Default for Heap {
    fn default() -> Self {
        Self::new()
    }
}

impl Heap {
    /// An empty heap.
    pub fn new() -> Heap {
        let mut class_of = vec![0u8; MAX_SMALL_CELL / CELL_ALIGN + 1];
        for (i, c) in class_of.iter_mut().enumerate() {
            let size = i * CELL_ALIGN;
            *c = SIZE_CLASSES.iter().position(|&s| s >= size).unwrap_or(0) as u8;
        }
        Heap {
            blocks: Vec::new(),
            free_block_ids: Vec::new(),
            block_map: HashMap::new(),
            classes: SIZE_CLASSES
                .iter()
                .map(|&size| SizeClass {
                    size,
                    blocks: Vec::new(),
                    cursor: 0,
                    bump: 0,
                    limit: 0,
                })
                .collect(),
            class_of,
            large: BTreeMap::new(),
            pool: Vec::new(),
            chunk_next: 0,
            chunk_end: 0,
            min_addr: usize::MAX,
            max_addr: 0,
            allocated_since_gc: 0,
            threshold: MIN_THRESHOLD,
            max_threshold: None,
            inhibit: 0,
            stress_interval: 0,
            stress_countdown: 0,
            poison: cfg!(debug_assertions),
            stats: HeapStats::default(),
        }
    }

    /// The heap's counters.
    pub fn stats(&self) -> HeapStats {
        HeapStats {
            blocks: self.block_map.len(),
            large_objects: self.large.len(),
            ..self.stats
        }
    }

    /// The bytes a heap limit counts: everything the process has allocated
    /// when [`super::accounting::CountingAllocator`] is the global
    /// allocator, otherwise the live cells at the last collection plus
    /// what was allocated since (cells and noted external memory).
    pub fn footprint(&self) -> usize {
        match super::accounting::allocated() {
            Some(bytes) => bytes,
            None => self
                .stats
                .live_bytes
                .saturating_add(self.allocated_since_gc),
        }
    }

    /// Caps the allocation budget between collections (a heap limit needs
    /// collections often enough to notice it is reached).
    pub fn set_max_threshold(&mut self, cap: Option<usize>) {
        self.max_threshold = cap;
        if let Some(cap) = cap {
            self.threshold = self.threshold.min(cap);
        }
    }

    /// Whether the allocation budget since the last collection is used up.
    /// In stress mode the threshold is zero, so this is true at every
    /// allocation and [`Heap::stress_tick`] decides (the test stays one
    /// compare when stress mode is off).
    #[inline]
    pub fn should_collect(&self) -> bool {
        self.allocated_since_gc >= self.threshold && self.inhibit == 0
    }

    /// Turns GC stress mode on (collect at every `interval`-th allocation
    /// and poison freed cells) or off (`interval == 0`).
    pub fn set_stress(&mut self, interval: u32) {
        self.stress_interval = interval;
        self.stress_countdown = interval;
        self.poison = interval != 0 || cfg!(debug_assertions);
        self.threshold = if interval != 0 {
            0
        } else {
            MIN_THRESHOLD.max(self.stats.live_bytes)
        };
    }

    /// The stress interval (0 when stress mode is off).
    pub fn stress_interval(&self) -> u32 {
        self.stress_interval
    }

    /// Called when [`Heap::should_collect`] is true: whether to collect now.
    /// Outside stress mode always true; in stress mode true at every
    /// `interval`-th call.
    #[inline]
    pub fn stress_tick(&mut self) -> bool {
        if self.stress_interval == 0 {
            return true;
        }
        self.stress_countdown = self.stress_countdown.saturating_sub(1);
        if self.stress_countdown == 0 {
            self.stress_countdown = self.stress_interval;
            true
        } else {
            false
        }
    }

    /// Suppresses collection until the matching [`Heap::allow_gc`] (used
    /// while the runtime builds its roots).
    pub fn inhibit_gc(&mut self) {
        self.inhibit += 1;
    }

    /// Ends one [`Heap::inhibit_gc`].
    pub fn allow_gc(&mut self) {
        self.inhibit = self.inhibit.saturating_sub(1);
    }

    /// Counts memory a cell owns outside the heap (string buffers, slot
    /// vectors) toward the next collection.
    #[inline]
    pub fn note_external_alloc(&mut self, bytes: usize) {
        self.allocated_since_gc = self.allocated_since_gc.saturating_add(bytes);
    }

    /// Allocates a cell holding `value`. Never collects: the runtime decides
    /// when to collect (it knows the roots).
    #[inline]
    pub fn alloc<T: HeapObject>(&mut self, value: T) -> Result<Gc<T>, AllocError> {
        let addr = self.alloc_uninit::<T>()?;
        // SAFETY: `addr` is a free cell of at least `size_of::<T>()` bytes
        // plus the header, 16-aligned.
        Ok(unsafe { init_cell(addr, value) })
    }

    /// Allocates a cell of `size` bytes holding `value` followed by
    /// `size - cell_size_of::<T>()` bytes the caller initialises before the
    /// next allocation (a *tail*: `T`'s drop and trace functions own it, as
    /// a coroutine object's frame, see `backend::coroutine`). Never collects.
    pub fn alloc_with_tail<T: HeapObject>(
        &mut self,
        value: T,
        size: usize,
    ) -> Result<Gc<T>, AllocError> {
        const { assert!(std::mem::align_of::<T>() <= CELL_ALIGN) };
        if size < cell_size_of::<T>() || size > MAX_CELL_SIZE {
            return Err(AllocError);
        }
        let addr = self.alloc_cell(size)?;
        // SAFETY: `addr` is a free cell of at least `size` bytes, 16-aligned.
        Ok(unsafe { init_cell(addr, value) })
    }

    /// The address of a free cell for a `T`, counted as allocated; the
    /// caller must initialise it with [`init_cell`] before anything else
    /// touches the heap (a sweep would read its header). Lets the body be
    /// built straight into the cell after the allocation
    /// ([`crate::runtime::Runtime::alloc_with`]).
    #[inline]
    pub(crate) fn alloc_uninit<T: HeapObject>(&mut self) -> Result<usize, AllocError> {
        const { assert!(std::mem::align_of::<T>() <= CELL_ALIGN) };
        self.alloc_cell(cell_size_of::<T>())
    }

    #[inline]
    fn alloc_cell(&mut self, size: usize) -> Result<usize, AllocError> {
        self.stats.total_allocated += size as u64;
        self.allocated_since_gc += size;
        if size <= MAX_SMALL_CELL {
            let class = self.class_of[size.div_ceil(CELL_ALIGN)] as usize;
            let sc = &mut self.classes[class];
            // The bump range of the newest block first: when it is not
            // empty, every other block of the class is full (the search
            // cursor went past them before the block was taken).
            if sc.bump < sc.limit {
                let cell = sc.bump;
                sc.bump += sc.size;
                return Ok(cell);
            }
            self.alloc_small(class)
        } else {
            self.alloc_large(size)
        }
    }

    #[inline(never)]
    fn alloc_small(&mut self, class: usize) -> Result<usize, AllocError> {
        let sc = &mut self.classes[class];
        while sc.cursor < sc.blocks.len() {
            let id = sc.blocks[sc.cursor];
            let block = self.blocks[id as usize]
                .as_mut()
                .expect("class lists live blocks");
            if block.free != 0 {
                let cell = block.free;
                // SAFETY: free cells store the next free cell in their second word.
                block.free = unsafe { *((cell + 8) as *const usize) };
                // The next allocation of this class reads that cell's
                // second word: start loading it now.
                super::prefetch(block.free);
                return Ok(cell);
            }
            sc.cursor += 1;
        }
        let id = self.new_block(class)?;
        let block = self.blocks[id as usize].as_ref().expect("just created");
        let (base, end) = (block.base, block.base + block.cell_count * block.cell_size);
        let sc = &mut self.classes[class];
        sc.bump = base + sc.size;
        sc.limit = end;
        Ok(base)
    }

    fn new_block(&mut self, class: usize) -> Result<u32, AllocError> {
        let (base, pooled) = match self.pool.pop() {
            Some(base) => (base, true),
            None => (self.map_block().ok_or(AllocError)?, false),
        };
        if (base + BLOCK_SIZE) as u64 > crate::value::PAYLOAD_MASK {
            unmap_block(base);
            return Err(AllocError);
        }
        let cell_size = self.classes[class].size;
        let cell_count = BLOCK_SIZE / cell_size;
        // Every cell of a new or pooled block must read as free (header word
        // zero): the caller hands the cells out from a bump range, and the
        // sweep and the conservative scan read the headers of the cells not
        // handed out yet. A fresh mapping is zeroed; a pooled block was
        // swept empty in its *old* size class, whose free-list links (or
        // poison) may sit where this class's headers are: clear them.
        if pooled {
            for i in 0..cell_count {
                // SAFETY: a cell slot of this block, which is ours and unused.
                unsafe { *((base + i * cell_size) as *mut usize) = 0 };
            }
        }
        let block = Block {
            base,
            cell_size,
            cell_count,
            free: 0,
        };
        let id = match self.free_block_ids.pop() {
            Some(id) => {
                self.blocks[id as usize] = Some(block);
                id
            }
            None => {
                self.blocks.push(Some(block));
                (self.blocks.len() - 1) as u32
            }
        };
        self.block_map.insert(base, id);
        self.min_addr = self.min_addr.min(base);
        self.max_addr = self.max_addr.max(base + BLOCK_SIZE);
        let sc = &mut self.classes[class];
        sc.blocks.push(id);
        sc.cursor = sc.blocks.len() - 1;
        Ok(id)
    }

    fn alloc_large(&mut self, size: usize) -> Result<usize, AllocError> {
        if size > MAX_CELL_SIZE {
            return Err(AllocError);
        }
        let layout = Layout::from_size_align(size, CELL_ALIGN).map_err(|_| AllocError)?;
        // SAFETY: the layout has a non-zero size.
        let ptr = unsafe { std::alloc::alloc(layout) } as usize;
        if ptr == 0 {
            return Err(AllocError);
        }
        if (ptr + size) as u64 > crate::value::PAYLOAD_MASK {
            // SAFETY: allocated just above with this layout.
            unsafe { std::alloc::dealloc(ptr as *mut u8, layout) };
            return Err(AllocError);
        }
        self.large.insert(ptr, size);
        self.min_addr = self.min_addr.min(ptr);
        self.max_addr = self.max_addr.max(ptr + size);
        Ok(ptr)
    }

    /// The allocated cell containing `addr`, if any (conservative scanning).
    /// Accepts interior pointers.
    pub fn find_cell(&self, addr: usize) -> Option<usize> {
        if addr < self.min_addr || addr >= self.max_addr {
            return None;
        }
        let base = addr & !(BLOCK_SIZE - 1);
        let cell = if let Some(&id) = self.block_map.get(&base) {
            let block = self.blocks[id as usize].as_ref()?;
            let index = (addr - base) / block.cell_size;
            if index >= block.cell_count {
                return None;
            }
            base + index * block.cell_size
        } else {
            let (&start, &size) = self.large.range(..=addr).next_back()?;
            if addr >= start + size {
                return None;
            }
            start
        };
        // SAFETY: `cell` is the start of a cell slot inside memory we own.
        let header = unsafe { &*(cell as *const CellHeader) };
        header.is_allocated().then_some(cell)
    }

    /// Marks the cell a stack word may refer to, raw or NaN-boxed.
    pub(crate) fn mark_conservative(&self, word: usize, tracer: &mut Tracer) {
        if let Some(cell) = self.find_cell(word) {
            tracer.mark_cell(cell);
        }
        if word as u64 >= crate::value::HEAP_LIMIT {
            let untagged = (word as u64 & crate::value::PAYLOAD_MASK) as usize;
            if let Some(cell) = self.find_cell(untagged) {
                tracer.mark_cell(cell);
            }
        }
    }

    /// A full collection: marks from the native stack (when `stack_top` is
    /// given) and from `trace_roots`, runs the weak phase ([`super::weak`]),
    /// lets `prune_weak` drop unmarked entries
    /// from weak tables (query with [`Gc::is_marked`]), then sweeps.
    pub fn collect(
        &mut self,
        stack_top: Option<usize>,
        trace_roots: impl FnOnce(&mut Tracer),
        prune_weak: impl FnOnce(),
    ) {
        let mut tracer = Tracer::new();
        if let Some(top) = stack_top {
            super::stack::scan(top, &mut |word| self.mark_conservative(word, &mut tracer));
        }
        trace_roots(&mut tracer);
        tracer.drain();
        // Ephemerons and weak references (no finalization queue here).
        super::weak::process_weak(&mut tracer, &mut Vec::new());
        tracing::trace!(marked = tracer.marked_cells(), "gc: marking done");
        prune_weak();
        self.sweep();
    }

    /// Frees every unmarked cell and clears the marks of the survivors. Call
    /// after marking (and weak-table pruning) is complete.
    pub(crate) fn sweep(&mut self) {
        let start = std::time::Instant::now();
        self.sweep_cells();
        self.stats.sweep_time += start.elapsed();
    }

    /// Adds a collection's marking time to the statistics.
    pub(crate) fn note_mark_time(&mut self, time: std::time::Duration) {
        self.stats.mark_time += time;
    }

    fn sweep_cells(&mut self) {
        let poison = self.poison;
        let mut live = 0usize;
        let mut emptied = Vec::new();
        for (id, slot) in self.blocks.iter_mut().enumerate() {
            let Some(block) = slot else { continue };
            let cell_size = block.cell_size;
            let mut live_cells = 0usize;
            rebuild_free_list(block, |cell| {
                // SAFETY: `cell` is a cell slot of this block.
                let header = unsafe { &*(cell as *const CellHeader) };
                if !header.is_allocated() {
                    return false;
                }
                if header.is_marked() {
                    header.word.set(header.word.get() & !super::MARK_BIT);
                    live_cells += 1;
                    return true;
                }
                // SAFETY: a dead, allocated cell: drop its body once, then clear
                // the header so it reads as free.
                unsafe { free_cell(cell) };
                if poison {
                    // SAFETY: the cell is dead and ours; the free list's two
                    // words are written by `rebuild_free_list` after this.
                    unsafe { poison_cell(cell, cell_size) };
                }
                false
            });
            live += live_cells * cell_size;
            if live_cells == 0 {
                emptied.push(id as u32);
            }
        }
        // The pool may hold as many blocks as the next allocation budget
        // (the live bytes in blocks, at least MIN_THRESHOLD) fills.
        let max_pooled = MIN_POOLED_BLOCKS.max(live / BLOCK_SIZE);
        let any_emptied = !emptied.is_empty();
        for id in emptied {
            let block = self.blocks[id as usize].take().expect("listed above");
            self.block_map.remove(&block.base);
            self.free_block_ids.push(id);
            if self.pool.len() < max_pooled {
                self.pool.push(block.base);
            } else {
                unmap_block(block.base);
            }
        }
        if any_emptied {
            // One pass over the class lists (not one `retain` per emptied
            // block): drop the ids whose block was just released.
            let blocks = &self.blocks;
            for sc in &mut self.classes {
                sc.blocks.retain(|&b| blocks[b as usize].is_some());
            }
        }
        while self.pool.len() > max_pooled {
            if let Some(base) = self.pool.pop() {
                unmap_block(base);
            }
        }
        for sc in &mut self.classes {
            sc.cursor = 0;
            // The untouched rest of a bump range read as free cells above
            // and is on its block's free list now (or the block is pooled).
            sc.bump = 0;
            sc.limit = 0;
        }
        let mut dead_large = Vec::new();
        for (&addr, &size) in &self.large {
            // SAFETY: large-object addresses are allocated cells.
            let header = unsafe { &*(addr as *const CellHeader) };
            if header.is_marked() {
                header.word.set(header.word.get() & !super::MARK_BIT);
                live += size;
            } else {
                dead_large.push((addr, size));
            }
        }
        for (addr, size) in dead_large {
            self.large.remove(&addr);
            // SAFETY: dead cell, dropped once, then its memory is released with
            // the layout used to allocate it.
            unsafe {
                free_cell(addr);
                if poison {
                    poison_cell(addr, size);
                }
                std::alloc::dealloc(
                    addr as *mut u8,
                    Layout::from_size_align_unchecked(size, CELL_ALIGN),
                );
            }
        }
        self.stats.collections += 1;
        self.stats.live_bytes = live;
        let allocated = self.allocated_since_gc;
        self.allocated_since_gc = 0;
        self.threshold = if self.stress_interval != 0 {
            0
        } else {
            MIN_THRESHOLD
                .max(live)
                .min(self.max_threshold.unwrap_or(usize::MAX))
        };
        if log_enabled() {
            eprintln!(
                "gc {}: {} KB allocated since the last, {} KB live in {} blocks + {} large, next budget {} KB",
                self.stats.collections,
                allocated >> 10,
                live >> 10,
                self.block_map.len(),
                self.large.len(),
                self.threshold >> 10
            );
        }
    }
}

impl Drop for Heap {
    fn drop(&mut self) {
        // Run every remaining drop function (cells own Rust allocations), then
        // release the memory.
        for block in self.blocks.iter().flatten() {
            for i in 0..block.cell_count {
                let cell = block.base + i * block.cell_size;
                // SAFETY: cell slots of a block we own.
                if unsafe { &*(cell as *const CellHeader) }.is_allocated() {
                    // SAFETY: allocated cell, dropped once.
                    unsafe { free_cell(cell) };
                }
            }
            unmap_block(block.base);
        }
        for (&addr, &size) in &self.large {
            // SAFETY: allocated large cell, dropped once and released with its layout.
            unsafe {
                free_cell(addr);
                std::alloc::dealloc(
                    addr as *mut u8,
                    Layout::from_size_align_unchecked(size, CELL_ALIGN),
                );
            }
        }
        for &base in &self.pool {
            unmap_block(base);
        }
        let mut base = self.chunk_next;
        while base < self.chunk_end {
            unmap_block(base);
            base += BLOCK_SIZE;
        }
    }
}

/// Drops a cell's body and marks the cell free.
///
/// # Safety
/// `cell` must be an allocated cell that nothing will use again.
unsafe fn free_cell(cell: usize) {
    // SAFETY: guaranteed by the caller.
    let header = unsafe { &*(cell as *const CellHeader) };
    if let Some(drop) = header.vtable().drop {
        // SAFETY: the body follows the header and is dropped only here.
        unsafe { drop((cell + CELL_BODY_OFFSET) as *mut u8) };
    }
    header.word.set(0);
}

/// The word written over freed cells when poisoning is on: as a `Value` it
/// is an object whose address (`0xDBDB_DBDB_DBDB`) is outside user space, and
/// as a pointer, length or vtable it is non-canonical, so a use after free
/// faults or fails loudly instead of reading stale data.
pub const POISON_WORD: u64 = 0xFFFC_DBDB_DBDB_DBDB;

/// Fills a dead cell's memory with [`POISON_WORD`] (header included: a
/// small cell's first two words are rewritten by the free list).
///
/// # Safety
/// `cell..cell + size` must be a dead cell's memory, 8-aligned.
unsafe fn poison_cell(cell: usize, size: usize) {
    let words = size / 8;
    // SAFETY: the caller guarantees the range is ours and unused.
    unsafe { std::slice::from_raw_parts_mut(cell as *mut u64, words) }.fill(POISON_WORD);
}

/// Rebuilds `block.free` from the cells for which `keep` returns false, in
/// address order.
fn rebuild_free_list(block: &mut Block, mut keep: impl FnMut(usize) -> bool) {
    let mut head = 0usize;
    for i in (0..block.cell_count).rev() {
        let cell = block.base + i * block.cell_size;
        if !keep(cell) {
            // SAFETY: a free cell slot of this block (>= 16 bytes): header word
            // zero, next pointer in the second word.
            unsafe {
                *(cell as *mut usize) = 0;
                *((cell + 8) as *mut usize) = head;
            }
            head = cell;
        }
    }
    block.free = head;
}

impl Heap {
    /// A fresh (zeroed) block: the next one of the current chunk, from a
    /// new chunk when it is used up, or mapped alone when no chunk can be.
    fn map_block(&mut self) -> Option<usize> {
        if self.chunk_next == self.chunk_end {
            // Small heaps keep ordinary pages: a huge page would be resident
            // whole for a few blocks.
            let huge = self.block_map.len() * BLOCK_SIZE >= HUGE_PAGES_FROM;
            if let Some(chunk) = map_chunk(huge) {
                (self.chunk_next, self.chunk_end) = (chunk, chunk + CHUNK_SIZE);
            } else {
                return map_block();
            }
        }
        let base = self.chunk_next;
        self.chunk_next += BLOCK_SIZE;
        Some(base)
    }
}

/// Blocks are carved from mappings of this size and alignment, which the
/// kernel may back with huge pages (`MADV_HUGEPAGE`, honoured when
/// transparent huge pages are in `madvise` or `always` mode): a growing
/// heap then takes one page fault per chunk instead of one per 4 KiB page
/// (acorn's 52 MB heap spent 4% of its run in faults from first writes to
/// new blocks), and marking and sweeping miss the TLB less. A block
/// returned to the system is unmapped on its own.
const CHUNK_SIZE: usize = 2 << 20;
/// Heap size (bytes in blocks) from which new chunks ask for huge pages.
/// Blocks returned to the system from a huge page leave it resident until
/// the kernel splits it (under memory pressure): typescript's peak RSS was
/// 365 or 410 MB from run to run with them, against 365 MB without. And a
/// huge page can cost more than its 512 small ones when the kernel must
/// compact memory to find one: from 16 MB, esprima's system time was
/// 0.07-0.21 s from run to run against 0.07-0.10 s without. From 64 MB
/// only heaps whose marking the TLB slows get them (async_pingpong's 230
/// MB, against node --jitless's time: 0.86x with them from 16 MB, 0.99x
/// from 64 MB, 1.03x without).
const HUGE_PAGES_FROM: usize = 64 << 20;
const _: () = assert!(CHUNK_SIZE.is_multiple_of(BLOCK_SIZE));

/// A fresh mapping of [`CHUNK_SIZE`] bytes aligned to its size.
#[cfg(unix)]
fn map_chunk(huge: bool) -> Option<usize> {
    let base = map_aligned(CHUNK_SIZE)?;
    if huge {
        // SAFETY: advice on our own new mapping; failure (no THP support)
        // leaves ordinary pages.
        unsafe {
            libc::madvise(base as *mut libc::c_void, CHUNK_SIZE, libc::MADV_HUGEPAGE);
        }
    }
    Some(base)
}

#[cfg(not(unix))]
fn map_chunk(_huge: bool) -> Option<usize> {
    None
}

#[cfg(unix)]
fn map_block() -> Option<usize> {
    map_aligned(BLOCK_SIZE)
}

/// A fresh anonymous mapping of `len` bytes aligned to `len` (a power of
/// two): twice the size is mapped and the ends trimmed.
#[cfg(unix)]
fn map_aligned(len: usize) -> Option<usize> {
    let size = len * 2;
    // SAFETY: an anonymous private mapping; no existing memory is affected.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return None;
    }
    let addr = p as usize;
    let aligned = (addr + len - 1) & !(len - 1);
    // SAFETY: trimming the parts of our own mapping outside the aligned block.
    unsafe {
        if aligned > addr {
            libc::munmap(addr as *mut libc::c_void, aligned - addr);
        }
        let end = addr + size;
        if end > aligned + len {
            libc::munmap((aligned + len) as *mut libc::c_void, end - aligned - len);
        }
    }
    Some(aligned)
}

#[cfg(unix)]
fn unmap_block(base: usize) {
    // SAFETY: `base` is a block mapped by `map_block` and no longer used.
    unsafe {
        libc::munmap(base as *mut libc::c_void, BLOCK_SIZE);
    }
}

#[cfg(not(unix))]
fn map_block() -> Option<usize> {
    let layout = Layout::from_size_align(BLOCK_SIZE, BLOCK_SIZE).ok()?;
    // SAFETY: non-zero size.
    let p = unsafe { std::alloc::alloc_zeroed(layout) } as usize;
    (p != 0).then_some(p)
}

#[cfg(not(unix))]
fn unmap_block(base: usize) {
    // SAFETY: allocated by `map_block` with this layout.
    unsafe {
        std::alloc::dealloc(
            base as *mut u8,
            Layout::from_size_align_unchecked(BLOCK_SIZE, BLOCK_SIZE),
        )
    }
}
