//! Property access: inline caches (get and set), property references and
//! callees, key pinning for read-modify-write, and the object and array
//! literal commands.

use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{self, Block, BlockArg, InstBuilder};

use super::element::ElementKinds;
use super::operand::Operand;
use super::{malformed, trusted, CompileError, FunctionCompiler, I32, I64, I8};
use crate::backend::jit::RuntimeFn;
use crate::object::exotic::FLAG_EXOTIC;
use crate::object::{
    value_vec::{VALUE_VEC_CAP_OFFSET, VALUE_VEC_LEN_OFFSET, VALUE_VEC_PTR_OFFSET},
    FLAG_EXTENSIBLE, OBJECT_FLAGS_OFFSET, OBJECT_PROTO_OFFSET, OBJECT_SHAPE_OFFSET,
    OBJECT_SLOTS_OFFSET,
};
use crate::object::{FLAG_LAZY, OBJECT_KIND_OFFSET};
use crate::runtime::inline_cache::{
    PropertyCache, CHAIN_MEMO_BYTES, FLAG_WATCHED, MEGA_CACHES_OFFSET, MEGA_HASH_MUL,
    MEGA_INDEX_BITS, ORDINARY_KIND_TAG, PRIM_STRING, PROTO_EPOCH,
};
use crate::semantics::{CacheId, Helper};
use crate::string::STRING_LENGTH_OFFSET;
use crate::value::{Value, PAYLOAD_MASK, TAG_INT32, TAG_OBJECT, TAG_SHIFT, TAG_STRING};

/// A monomorphic site's data entry read as constants when the IR is built
/// (`FunctionCompiler::fixed_entry`).
#[derive(Clone, Copy)]
struct FixedEntry {
    /// The receiver's shape (cell address).
    shape: u64,
    /// The slot's byte offset from the holder's cell or overflow array.
    offset: i32,
    /// Whether the slot is in the overflow array.
    indirect: bool,
    /// A prototype-chain entry: the receiver's [[Prototype]] (value bits),
    /// the holder's cell address and the epoch.
    chain: Option<(u64, u64, u64)>,
}

impl FunctionCompiler<'_, '_> {
    /// The access site whose inline cache applies to a key operand: only
    /// constant keys (`o.name`) are cached.
    /// Also notes the sites whose key is `length` (they try the array
    /// length fast path first).
    fn cache_for(
        &mut self,
        key: &Operand,
        cache: CacheId,
    ) -> Result<Option<CacheId>, CompileError> {
        if cache.0 >= self.script.num_inline_caches {
            return malformed(format!("inline cache {} out of range", cache.0));
        }
        Ok(match key {
            Operand::String(id) if !self.caches.is_null() => {
                if self.program.strings.get(id.0 as usize).map(String::as_str) == Some("length") {
                    self.length_sites.insert(cache.0);
                }
                Some(cache)
            }
            _ => None,
        })
    }

    /// The address of a cache entry (get or set direction) as a constant.
    fn cache_addr(&mut self, cache: Option<CacheId>, set: bool) -> (ir::Value, bool) {
        match cache {
            Some(c) if !self.caches.is_null() => {
                let index = 2 * c.0 as usize + set as usize;
                // The table has 2 * num_inline_caches entries (cache_for
                // checked the range).
                let addr = self.caches as usize + index * std::mem::size_of::<PropertyCache>();
                (self.b.ins().iconst(I64, addr as i64), true)
            }
            _ => (self.b.ins().iconst(I64, 0), false),
        }
    }

    /// The inline-cache check shared by gets and sets: branches to the
    /// returned block with the slot address when `object` is an object of
    /// the cached shape, else to `slow`.
    pub(super) fn cache_check(
        &mut self,
        object: ir::Value,
        ic: ir::Value,
        slow: Block,
    ) -> (Block, ir::Value) {
        let hit = self.b.create_block();
        let addr = self.b.append_block_param(hit, I64);
        let ptr = self.object_pointer(object, slow);
        self.shape_guard(ptr, ic, slow);
        let slot = self.cache_slot(ptr, ic);
        self.b.ins().jump(hit, &[BlockArg::Value(slot)]);
        (hit, addr)
    }

    /// The check of a get cache: [`Self::cache_check`] plus prototype-chain
    /// entries (`runtime/inline_cache`): when the entry has a holder, the
    /// receiver's [[Prototype]] and the global epoch must match, and the
    /// slot is the holder's.
    pub(super) fn get_cache_check(
        &mut self,
        object: ir::Value,
        ic: ir::Value,
        slow: Block,
    ) -> (Block, ir::Value) {
        let (hit, addr, _) = self.get_cache_check_or(object, ic, slow, slow);
        (hit, addr)
    }

    /// [`Self::get_cache_check`], where an object receiver that misses the
    /// entry goes to `miss` (anything else to `slow`); also returns the
    /// receiver's cell address, for `miss`.
    fn get_cache_check_or(
        &mut self,
        object: ir::Value,
        ic: ir::Value,
        slow: Block,
        miss: Block,
    ) -> (Block, ir::Value, ir::Value) {
        // The blocks in the order they had before the scan existed (the
        // order steers Cranelift's layout of the monomorphic path).
        let blocks = self.get_entry_blocks();
        let hit = self.b.create_block();
        let addr = self.b.append_block_param(hit, I64);
        let ptr = self.object_pointer(object, slow);
        self.shape_guard(ptr, ic, miss);
        self.get_entry_hit_in(ptr, ic, miss, hit, blocks);
        (hit, addr, ptr)
    }

    /// The blocks of [`Self::get_entry_hit`]: own, chain, chain hit.
    fn get_entry_blocks(&mut self) -> [Block; 3] {
        [
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        ]
    }

    /// The rest of a get entry's check once the object at `ptr` has the
    /// entry's shape (`entry`: the entry's address): jumps to `hit` with
    /// the address of the slot (the receiver's for an own entry; the
    /// holder's for a prototype-chain entry whose [[Prototype]] and epoch
    /// match), to `miss` otherwise.
    fn get_entry_hit(&mut self, ptr: ir::Value, entry: ir::Value, miss: Block, hit: Block) {
        let blocks = self.get_entry_blocks();
        self.get_entry_hit_in(ptr, entry, miss, hit, blocks);
    }

    /// [`Self::get_entry_hit`] in the given blocks.
    fn get_entry_hit_in(
        &mut self,
        ptr: ir::Value,
        entry: ir::Value,
        miss: Block,
        hit: Block,
        [own, chain, chain_hit]: [Block; 3],
    ) {
        let holder = self
            .b
            .ins()
            .load(I64, trusted(), entry, PropertyCache::HOLDER_OFFSET);
        // The kind of entry the site holds now is the likely one: the
        // other path is laid out after the function (`propagate_cold`).
        match self.entry_hint.take() {
            Some(true) => self.b.set_cold_block(own),
            Some(false) => self.b.set_cold_block(chain),
            None => {}
        }
        self.b.ins().brif(holder, chain, &[], own, &[]);
        // Own property: the receiver's slot.
        self.b.switch_to_block(own);
        let slot = self.cache_slot(ptr, entry);
        self.b.ins().jump(hit, &[BlockArg::Value(slot)]);
        // Prototype chain: same [[Prototype]], same epoch, the holder's slot.
        self.b.switch_to_block(chain);
        let both = self.chain_guard(ptr, entry);
        self.b.ins().brif(both, chain_hit, &[], miss, &[]);
        self.b.switch_to_block(chain_hit);
        // `holder` is a cell address, like `ptr`.
        let slot = self.cache_slot(holder, entry);
        self.b.ins().jump(hit, &[BlockArg::Value(slot)]);
    }

    /// Whether the named site `cache` (its get or `set` entry) had further
    /// entries when the IR is built (`PropertyCache::is_polymorphic`), or
    /// (a set site) stored through a transition entry for receivers of
    /// other prototypes (`PropertyCache::wants_chain_memo`): its full-tier
    /// code then scans the further entries inline after a miss on the
    /// first ([`Self::scan_extras`]) and probes the chain memo for
    /// transition entries ([`Self::chain_memo_hit`]). Never offline
    /// (`print_clif`), where the caches are placeholders that must not be
    /// read.
    fn polymorphic_site(&mut self, cache: Option<CacheId>, set: bool) -> bool {
        self.cache_entry(cache, set)
            .is_some_and(|entry| entry.is_polymorphic() || (set && entry.wants_chain_memo()))
    }

    /// The get (or `set`) entry of the named site `cache` as the IR is
    /// built, when the caches are real: never offline (`print_clif`), where
    /// they are placeholders that must not be read, nor in compact code.
    fn cache_entry(&mut self, cache: Option<CacheId>, set: bool) -> Option<&PropertyCache> {
        let cache = cache?;
        if self.compact()
            || self
                .host
                .intrinsic_constant(crate::runtime::Intrinsic::StringPrototype)
                .is_none()
        {
            return None;
        }
        let index = 2 * cache.0 as usize + set as usize;
        // SAFETY: the caches are real (the host gave a constant) and the
        // table has 2 * num_inline_caches entries (`cache_for` checked the
        // index); it lives as long as the executor and its entries are only
        // touched by this thread, which builds the IR.
        Some(unsafe { &*self.caches.add(index) })
    }

    /// The entry of a monomorphic named site `cache` (its get or `set`
    /// entry) as constants when it is a data entry (no transition, not
    /// primitive, no getter) as the IR is built: see [`FixedEntry`]. A
    /// non-dictionary shape never changes where a key's slot is, so the
    /// full tier compares the receiver's shape (and for a prototype-chain
    /// entry its [[Prototype]] and the epoch) with constants
    /// ([`Self::fixed_entry_check`]) instead of reading the entry: a few
    /// instructions instead of the generic check's loads, selects and
    /// branches. The host keeps the shape, the prototype and the holder
    /// alive as long as the code (no other cell can take their addresses).
    /// Set sites take own entries only.
    fn fixed_entry(&mut self, cache: Option<CacheId>, set: bool) -> Option<FixedEntry> {
        let entry = self.cache_entry(cache, set)?;
        let data = !entry.is_polymorphic()
            && entry.new_shape.get() == 0
            && entry.primitive.get() == 0
            && (!set || !entry.wants_chain_memo());
        let (shape, offset, indirect) =
            (entry.shape.get(), entry.offset.get(), entry.indirect.get());
        let (holder, proto, epoch) = (entry.holder.get(), entry.proto.get(), entry.epoch.get());
        let offset = i32::try_from(offset).ok()?;
        if !data || shape == 0 {
            return None;
        }
        let chain = if holder == 0 {
            None
        } else {
            // A stale entry (the epoch moved on) would miss at once.
            let current = PROTO_EPOCH.load(std::sync::atomic::Ordering::Relaxed);
            let proto_cell = proto & PAYLOAD_MASK;
            if set || epoch != current || proto >> TAG_SHIFT != TAG_OBJECT {
                return None;
            }
            if !self.host.keep_cell_alive(holder as usize)
                || !self.host.keep_cell_alive(proto_cell as usize)
            {
                return None;
            }
            Some((proto, holder, epoch))
        };
        self.host
            .keep_cell_alive(shape as usize)
            .then_some(FixedEntry {
                shape,
                offset,
                indirect: indirect != 0,
                chain,
            })
    }

    /// The check of a [`FixedEntry`]: branches to the returned `hit` block
    /// with the slot's address when `object` is an object of the entry's
    /// shape (and, for a prototype-chain entry, of its [[Prototype]] while
    /// the epoch is the same); a non-object goes to `slow`. Returns `(hit,
    /// slot address, receiver cell, refilled)`: an object of another shape
    /// goes to `refilled` (cold, left empty), where the caller runs the
    /// generic check of the site's first entry as the runtime has refilled
    /// it (a receiver whose shape changed after the compilation, such as an
    /// object that gained properties).
    fn fixed_entry_check(
        &mut self,
        object: ir::Value,
        entry: FixedEntry,
        slow: Block,
    ) -> (Block, ir::Value, ir::Value, Block) {
        let hit = self.b.create_block();
        let addr = self.b.append_block_param(hit, I64);
        let ptr = self.object_pointer(object, slow);
        let same_shape = self.b.create_block();
        let refilled = self.b.create_block();
        self.b.set_cold_block(refilled);
        let actual = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_SHAPE_OFFSET as i32);
        let same = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, actual, entry.shape as i64);
        self.b.ins().brif(same, same_shape, &[], refilled, &[]);
        self.b.switch_to_block(same_shape);
        let base = match entry.chain {
            None => ptr,
            Some((proto, holder, epoch)) => {
                let chain_hit = self.b.create_block();
                let actual_proto =
                    self.b
                        .ins()
                        .load(I64, trusted(), ptr, OBJECT_PROTO_OFFSET as i32);
                let actual_epoch = self.current_epoch();
                let same_proto = self
                    .b
                    .ins()
                    .icmp_imm_u(IntCC::Equal, actual_proto, proto as i64);
                let same_epoch = self
                    .b
                    .ins()
                    .icmp_imm_u(IntCC::Equal, actual_epoch, epoch as i64);
                let both = self.b.ins().band(same_proto, same_epoch);
                self.b.ins().brif(both, chain_hit, &[], slow, &[]);
                self.b.switch_to_block(chain_hit);
                self.b.ins().iconst(I64, holder as i64)
            }
        };
        let base = if entry.indirect {
            self.b.ins().load(
                I64,
                trusted(),
                base,
                (OBJECT_SLOTS_OFFSET + VALUE_VEC_PTR_OFFSET) as i32,
            )
        } else {
            base
        };
        let slot = self.b.ins().iadd_imm_s(base, entry.offset as i64);
        self.b.ins().jump(hit, &[BlockArg::Value(slot)]);
        (hit, addr, ptr, refilled)
    }

    /// [`PROTO_EPOCH`] now (prototype-chain and transition guards).
    fn current_epoch(&mut self) -> ir::Value {
        let epoch_addr = self.b.ins().iconst(I64, &PROTO_EPOCH as *const _ as i64);
        self.b.ins().load(I64, trusted(), epoch_addr, 0)
    }

    /// Whether the get entry of the named site `cache` holds a
    /// prototype-chain entry (`Some(true)`) or an own one when the IR is
    /// built; `None` when it is empty or cannot be read (as
    /// [`Self::polymorphic_site`]).
    fn entry_kind(&mut self, cache: Option<CacheId>) -> Option<bool> {
        let entry = self.cache_entry(cache, false)?;
        (entry.shape.get() != 0).then(|| entry.holder.get() != 0)
    }

    /// The scan of a polymorphic site's further entries
    /// (`PropertyCache::more`, `more_len`; `runtime/inline_cache`,
    /// "Polymorphic sites") for the object at `ptr`, which missed the first
    /// entry: the runtime's `poly_get`/`poly_set` loop, inline. For each
    /// entry of the object's shape, `check(self, entry, next)` emits the
    /// rest of the entry's guards and its hit, and branches to `next` when
    /// they fail (entries that depend on the prototype share a shape: one
    /// per prototype). No entry left goes to `slow`. The entries are read
    /// live: the runtime refills and grows them (a grown site's `more` is
    /// a new table) on the thread that runs this code.
    fn scan_extras(
        &mut self,
        ptr: ir::Value,
        ic: ir::Value,
        slow: Block,
        mut check: impl FnMut(&mut Self, ir::Value, Block),
    ) {
        let scan = self.b.create_block();
        let head = self.b.create_block();
        let entry = self.b.append_block_param(head, I64);
        let matched = self.b.create_block();
        let next = self.b.create_block();
        let size = std::mem::size_of::<PropertyCache>() as i64;
        let more = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::MORE_OFFSET);
        self.b.ins().brif(more, scan, &[], slow, &[]);
        self.b.switch_to_block(scan);
        let len = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::MORE_LEN_OFFSET);
        let bytes = self.b.ins().imul_imm_s(len, size);
        let end = self.b.ins().iadd(more, bytes);
        let shape = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_SHAPE_OFFSET as i32);
        self.b.ins().jump(head, &[BlockArg::Value(more)]);
        self.b.switch_to_block(head);
        let cached = self
            .b
            .ins()
            .load(I64, trusted(), entry, PropertyCache::SHAPE_OFFSET);
        let same = self.b.ins().icmp(IntCC::Equal, shape, cached);
        self.b.ins().brif(same, matched, &[], next, &[]);
        self.b.switch_to_block(matched);
        check(self, entry, next);
        self.b.switch_to_block(next);
        let following = self.b.ins().iadd_imm_s(entry, size);
        let more_left = self.b.ins().icmp(IntCC::UnsignedLessThan, following, end);
        self.b
            .ins()
            .brif(more_left, head, &[BlockArg::Value(following)], slow, &[]);
    }

    /// Continues (in a new block) with the cell address of `v` when it is an
    /// object; branches to `slow` otherwise.
    pub(super) fn object_pointer(&mut self, v: ir::Value, slow: Block) -> ir::Value {
        let object = self.b.create_block();
        let tag = self.b.ins().ushr_imm_u(v, TAG_SHIFT as i64);
        let is_object = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_OBJECT as i64);
        self.b.ins().brif(is_object, object, &[], slow, &[]);
        self.b.switch_to_block(object);
        self.b.ins().band_imm_u(v, PAYLOAD_MASK as i64)
    }

    /// Continues (in a new block) when the object at `ptr` has the shape
    /// cached in `ic`; branches to `slow` otherwise.
    fn shape_guard(&mut self, ptr: ir::Value, ic: ir::Value, slow: Block) {
        let same_shape = self.b.create_block();
        let shape = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_SHAPE_OFFSET as i32);
        let cached = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::SHAPE_OFFSET);
        let same = self.b.ins().icmp(IntCC::Equal, shape, cached);
        self.b.ins().brif(same, same_shape, &[], slow, &[]);
        self.b.switch_to_block(same_shape);
    }

    /// The guard of prototype-chain and transition entries: the object at
    /// `ptr` has the cached [[Prototype]] and the global epoch is the
    /// cached one (a boolean).
    fn chain_guard(&mut self, ptr: ir::Value, ic: ir::Value) -> ir::Value {
        let proto = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_PROTO_OFFSET as i32);
        self.proto_guard(proto, ic)
    }

    /// `proto` is the entry's cached [[Prototype]] and the global epoch is
    /// the cached one (a boolean): [`Self::chain_guard`] for an object's
    /// prototype, the string path for `%String.prototype%`.
    fn proto_guard(&mut self, proto: ir::Value, ic: ir::Value) -> ir::Value {
        let cached_proto = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::PROTO_OFFSET);
        let epoch = self.current_epoch();
        let cached_epoch = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::EPOCH_OFFSET);
        let same_proto = self.b.ins().icmp(IntCC::Equal, proto, cached_proto);
        let same_epoch = self.b.ins().icmp(IntCC::Equal, epoch, cached_epoch);
        self.b.ins().band(same_proto, same_epoch)
    }

    /// The address of the cached slot of the object at `ptr` (its inline
    /// slots or its overflow array).
    fn cache_slot(&mut self, ptr: ir::Value, ic: ir::Value) -> ir::Value {
        let offset = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::OFFSET_OFFSET);
        let indirect = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::INDIRECT_OFFSET);
        let slots = self.b.ins().load(
            I64,
            trusted(),
            ptr,
            (OBJECT_SLOTS_OFFSET + VALUE_VEC_PTR_OFFSET) as i32,
        );
        let base = self.b.ins().select(indirect, slots, ptr);
        self.b.ins().iadd(base, offset)
    }

    /// The feedback of a property access for its computed-key (element)
    /// part: the site's feedback byte address when quick code that tiers up
    /// records receiver kinds (`backend::feedback`), and the kinds the
    /// full tier emits inline (`None`: the site's feedback saw neither
    /// dense elements nor typed arrays, so it gets the call alone). A
    /// named site (`cached`) has neither.
    fn element_feedback(&mut self, cached: bool) -> (Option<ir::Value>, Option<ElementKinds>) {
        let site = if cached {
            None
        } else {
            self.feedback_site(true)
        };
        let kinds = if cached || self.compact() {
            Some(ElementKinds::ALL)
        } else {
            self.element_kinds()
        };
        (site, kinds)
    }

    /// GetValue of a property reference, with the inline cache fast path.
    pub(super) fn get_property(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        cache: Option<CacheId>,
    ) -> ir::Value {
        let (ic, cached) = self.cache_addr(cache, false);
        let (site, kinds) = self.element_feedback(cached);
        if self.compact() || kinds.is_none() {
            let scratch = self.scratch_addr();
            return match site {
                Some(site) => self.call_runtime_checked(
                    RuntimeFn::GetElementNoting,
                    &[self.ctx, object, key, ic, scratch, site],
                ),
                None => self.call_runtime_checked(
                    RuntimeFn::GetProperty,
                    &[self.ctx, object, key, ic, scratch],
                ),
            };
        }
        let kinds = kinds.unwrap_or(ElementKinds::ALL);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        let result = self.b.append_block_param(done, I64);
        if !cached {
            // A computed key: dense elements inline, else the runtime.
            self.get_element_fast(object, key, kinds, slow, done);
            self.b.switch_to_block(slow);
            let scratch = self.scratch_addr();
            let v = self.call_runtime_checked(
                RuntimeFn::GetProperty,
                &[self.ctx, object, key, ic, scratch],
            );
            self.b.ins().jump(done, &[BlockArg::Value(v)]);
            self.b.switch_to_block(done);
            return result;
        }
        if cache.is_some_and(|c| self.length_sites.contains(&c.0)) {
            let not_array = self.b.create_block();
            self.get_array_length_fast(object, ic, not_array, done);
            self.b.switch_to_block(not_array);
            // After the arrays' check: the common `a.length` of a loop
            // pays nothing for it.
            self.get_string_length_fast(object, done);
        }
        if let Some(proto) = cache.and_then(|c| self.string_entry_proto(c)) {
            self.get_string_entry_fast(object, ic, proto, slow, done);
        }
        self.entry_hint = self.entry_kind(cache);
        let (hit, slot) = if let Some(entry) = self.fixed_entry(cache, false) {
            self.entry_hint = None;
            let (hit, slot, ptr, refilled) = self.fixed_entry_check(object, entry, slow);
            self.b.switch_to_block(refilled);
            let blocks = self.get_entry_blocks();
            self.shape_guard(ptr, ic, slow);
            self.get_entry_hit_in(ptr, ic, slow, hit, blocks);
            (hit, slot)
        } else if self.polymorphic_site(cache, false) {
            // A miss on the first entry scans the further ones.
            let miss = self.b.create_block();
            let (hit, slot, ptr) = self.get_cache_check_or(object, ic, slow, miss);
            self.b.switch_to_block(miss);
            self.scan_extras(ptr, ic, slow, |this, entry, next| {
                this.get_entry_hit(ptr, entry, next, hit);
            });
            (hit, slot)
        } else {
            self.get_cache_check(object, ic, slow)
        };
        self.b.switch_to_block(hit);
        let v = self.b.ins().load(I64, trusted(), slot, 0);
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(slow);
        let scratch = self.scratch_addr();
        let v = self.call_runtime_checked(
            RuntimeFn::GetProperty,
            &[self.ctx, object, key, ic, scratch],
        );
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(done);
        result
    }

    /// The bits of %String.prototype% of the program's realm when the get
    /// site `cache` has a data entry for string receivers (it read a
    /// method such as `s.charCodeAt` on a string in the quick tier), so
    /// [`Self::get_string_entry_fast`] pays: `None` for every other site,
    /// whose code stays as it was, and offline (`print_clif`: the caches
    /// are placeholders).
    fn string_entry_proto(&mut self, cache: CacheId) -> Option<u64> {
        let proto = self
            .host
            .intrinsic_constant(crate::runtime::Intrinsic::StringPrototype)?;
        // The host's caches are real (it gave a constant); `cache_for`
        // checked the index. The IR is built on the thread that owns them.
        let index = 2 * cache.0 as usize;
        // SAFETY: the table has 2 * num_inline_caches entries and lives as
        // long as the executor; entries are only touched by this thread.
        let entry = unsafe { &*self.caches.add(index) };
        entry.has_string_entry().then_some(proto)
    }

    /// Whether a callee read with the constant key `key` at the get site
    /// `cache` is run inline as `String.prototype.charCodeAt` when it is
    /// that function ([`Self::char_code_call`]): full-tier code, a site
    /// that saw strings.
    fn char_code_key(&mut self, key: &Operand, cache: Option<CacheId>) -> bool {
        let (Operand::String(id), Some(cache)) = (key, cache) else {
            return false;
        };
        !self.compact()
            && self.program.strings.get(id.0 as usize).map(String::as_str) == Some("charCodeAt")
            && self.string_entry_proto(cache).is_some()
    }

    /// A string receiver at a named get site whose first entry is a data
    /// entry for strings (`runtime/inline_cache`, "Primitive entries"):
    /// 7.3.3 GetV reads the property on ToObject(s), whose own properties
    /// are indices and `length` only (10.4.3), so a named key other than
    /// `length` is found on the chain of %String.prototype%. The entry holds
    /// that holder and slot; it applies while the entry is still a string
    /// data entry (the runtime may refill it), its prototype is this realm's
    /// %String.prototype% and the epoch is unchanged (no watched object of
    /// the chain changed its shape). Jumps to `done` with the holder's slot;
    /// a string that fails the guards goes to `slow`; anything else
    /// continues in a new block.
    fn get_string_entry_fast(
        &mut self,
        object: ir::Value,
        ic: ir::Value,
        proto: u64,
        slow: Block,
        done: Block,
    ) {
        let string = self.b.create_block();
        let hit = self.b.create_block();
        let other = self.b.create_block();
        let tag = self.b.ins().ushr_imm_u(object, TAG_SHIFT as i64);
        let is_string = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_STRING as i64);
        self.b.ins().brif(is_string, string, &[], other, &[]);
        self.b.switch_to_block(string);
        let kind = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::PRIMITIVE_OFFSET);
        let is_data = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, kind, PRIM_STRING as i64);
        let proto = self.b.ins().iconst(I64, proto as i64);
        let guard = self.proto_guard(proto, ic);
        let ok = self.b.ins().band(is_data, guard);
        self.b.ins().brif(ok, hit, &[], slow, &[]);
        self.b.switch_to_block(hit);
        // The holder of a live entry is a live object cell (entries of dead
        // holders are cleared by `prune_inline_caches`).
        let holder = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::HOLDER_OFFSET);
        let slot = self.cache_slot(holder, ic);
        let v = self.b.ins().load(I64, trusted(), slot, 0);
        self.b.ins().jump(done, &[BlockArg::Value(v)]);
        self.b.switch_to_block(other);
    }

    /// `s.length` of a string `s` (10.4.3: a String object's `length`, read
    /// on the primitive without ToObject): the length field of the string
    /// cell, an int32 (strings are shorter than 2^30). Jumps to `done` with
    /// it; continues in a new block for any other value.
    fn get_string_length_fast(&mut self, object: ir::Value, done: Block) {
        let string = self.b.create_block();
        let other = self.b.create_block();
        let tag = self.b.ins().ushr_imm_u(object, TAG_SHIFT as i64);
        let is_string = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_STRING as i64);
        self.b.ins().brif(is_string, string, &[], other, &[]);
        self.b.switch_to_block(string);
        let ptr = self.b.ins().band_imm_u(object, PAYLOAD_MASK as i64);
        let len = self
            .b
            .ins()
            .uload32(trusted(), ptr, STRING_LENGTH_OFFSET as i32);
        let boxed = self.b.ins().bor_imm_u(len, (TAG_INT32 << TAG_SHIFT) as i64);
        self.b.ins().jump(done, &[BlockArg::Value(boxed)]);
        self.b.switch_to_block(other);
    }

    /// PutValue of a property reference, with the inline cache fast path.
    pub(super) fn set_property(
        &mut self,
        object: ir::Value,
        key: ir::Value,
        value: ir::Value,
        cache: Option<CacheId>,
    ) {
        let (ic, cached) = self.cache_addr(cache, true);
        let strict = self.script.flags.strict as i64;
        let (site, kinds) = self.element_feedback(cached);
        if self.compact() || kinds.is_none() {
            let strict = self.b.ins().iconst(I8, strict);
            let scratch = self.scratch_addr();
            match site {
                Some(site) => self.call_runtime_checked(
                    RuntimeFn::SetElementNoting,
                    &[self.ctx, object, key, value, strict, ic, scratch, site],
                ),
                None => self.call_runtime_checked(
                    RuntimeFn::SetProperty,
                    &[self.ctx, object, key, value, strict, ic, scratch],
                ),
            };
            return;
        }
        let kinds = kinds.unwrap_or(ElementKinds::ALL);
        let slow = self.b.create_block();
        self.b.set_cold_block(slow);
        let done = self.b.create_block();
        if let Some(entry) = self.fixed_entry(cache, true) {
            // An own data entry: the slot of the compiled-in shape.
            let (hit, slot, ptr, refilled) = self.fixed_entry_check(object, entry, slow);
            self.b.switch_to_block(hit);
            self.b.ins().store(trusted(), value, slot, 0);
            self.b.ins().jump(done, &[]);
            self.b.switch_to_block(refilled);
            let blocks = self.set_entry_blocks();
            self.shape_guard(ptr, ic, slow);
            self.set_entry_hit_in(ptr, value, ic, (slow, slow, done), false, blocks);
        } else if cached {
            let poly = self.polymorphic_site(cache, true);
            self.set_cache_hit_or_scan(object, value, ic, slow, done, poly);
        } else {
            // A computed key: dense elements inline, else the runtime.
            self.set_element_fast(object, key, value, kinds, slow, done);
        }
        self.b.switch_to_block(slow);
        let strict = self.b.ins().iconst(I8, strict);
        let scratch = self.scratch_addr();
        self.call_runtime_checked(
            RuntimeFn::SetProperty,
            &[self.ctx, object, key, value, strict, ic, scratch],
        );
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(done);
    }

    /// The fast path of a set cache (`runtime/inline_cache`): an own
    /// writable data property (store into its slot), or a transition entry
    /// (the object has the shape before the property was added, is
    /// extensible and not watched, its [[Prototype]] and the epoch are the
    /// cached ones: store into the inline slot and switch to the new
    /// shape). Jumps to `done` after a hit, to `slow` otherwise.
    pub(super) fn set_cache_hit(
        &mut self,
        object: ir::Value,
        value: ir::Value,
        ic: ir::Value,
        slow: Block,
        done: Block,
    ) {
        self.set_cache_hit_or_scan(object, value, ic, slow, done, false);
    }

    /// [`Self::set_cache_hit`], and with `poly` an object that misses the
    /// first entry scans the site's further entries
    /// ([`Self::scan_extras`]) before `slow`.
    fn set_cache_hit_or_scan(
        &mut self,
        object: ir::Value,
        value: ir::Value,
        ic: ir::Value,
        slow: Block,
        done: Block,
        poly: bool,
    ) {
        // The entry's blocks first, in the order they had before the scan
        // existed (the order steers Cranelift's layout).
        let blocks = self.set_entry_blocks();
        let miss = if poly { self.b.create_block() } else { slow };
        let ptr = self.object_pointer(object, slow);
        self.shape_guard(ptr, ic, miss);
        self.set_entry_hit_in(ptr, value, ic, (miss, slow, done), poly, blocks);
        if poly {
            self.b.switch_to_block(miss);
            self.scan_extras(ptr, ic, slow, |this, entry, next| {
                let blocks = this.set_entry_blocks();
                this.set_entry_hit_in(ptr, value, entry, (next, slow, done), true, blocks);
            });
        }
    }

    /// The blocks of [`Self::set_entry_hit_in`]: own, transition,
    /// transition hit.
    fn set_entry_blocks(&mut self) -> [Block; 3] {
        [
            self.b.create_block(),
            self.b.create_block(),
            self.b.create_block(),
        ]
    }

    /// The rest of a set entry's check once the object at `ptr` has the
    /// entry's shape (`ic`: the entry's address): the store and a jump to
    /// `done` on a hit, a jump to `miss` when the entry's guards fail, or
    /// to `slow` when the overflow storage must grow (the runtime's).
    /// With `memo`, a transition entry whose prototype guard fails still
    /// applies when the chain memo says the receiver's chain is clean
    /// ([`Self::chain_memo_hit`]).
    /// `targets` are (miss, slow, done); `blocks` come from
    /// [`Self::set_entry_blocks`].
    fn set_entry_hit_in(
        &mut self,
        ptr: ir::Value,
        value: ir::Value,
        ic: ir::Value,
        (miss, slow, done): (Block, Block, Block),
        memo: bool,
        [own, transition, transition_hit]: [Block; 3],
    ) {
        let new_shape = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::NEW_SHAPE_OFFSET);
        self.b.ins().brif(new_shape, transition, &[], own, &[]);
        self.b.switch_to_block(own);
        let slot = self.cache_slot(ptr, ic);
        self.b.ins().store(trusted(), value, slot, 0);
        self.b.ins().jump(done, &[]);
        self.b.switch_to_block(transition);
        let flags = self
            .b
            .ins()
            .load(I32, trusted(), ptr, OBJECT_FLAGS_OFFSET as i32);
        let mask = (FLAG_EXTENSIBLE | FLAG_WATCHED) as i64;
        let flags = self.b.ins().band_imm_u(flags, mask);
        let extensible = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, flags, FLAG_EXTENSIBLE as i64);
        let ok = self.chain_guard(ptr, ic);
        let ok = self.b.ins().band(ok, extensible);
        if memo {
            let other_proto = self.b.create_block();
            self.b.ins().brif(ok, transition_hit, &[], other_proto, &[]);
            self.b.switch_to_block(other_proto);
            self.chain_memo_hit(ptr, ic, transition_hit, miss);
        } else {
            self.b.ins().brif(ok, transition_hit, &[], miss, &[]);
        }
        self.b.switch_to_block(transition_hit);
        let offset = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::OFFSET_OFFSET);
        let indirect = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::INDIRECT_OFFSET);
        let inline = self.b.create_block();
        let overflow = self.b.create_block();
        let overflow_hit = self.b.create_block();
        self.b.ins().brif(indirect, overflow, &[], inline, &[]);
        // An inline slot: the offset is from the cell. Store the value,
        // then switch to the new shape.
        self.b.switch_to_block(inline);
        let slot = self.b.ins().iadd(ptr, offset);
        self.b.ins().store(trusted(), value, slot, 0);
        self.b
            .ins()
            .store(trusted(), new_shape, ptr, OBJECT_SHAPE_OFFSET as i32);
        self.b.ins().jump(done, &[]);
        // An overflow slot `index` (the offset is from the overflow
        // storage): the storage has it (`index < len`), or has room for it
        // (`index == len < cap`: the length grows by one, as
        // `ensure_slots` would grow it). Anything else (growing the storage)
        // is the runtime's.
        self.b.switch_to_block(overflow);
        let index = self.b.ins().ushr_imm_u(offset, 3);
        let len = self.b.ins().uload32(
            trusted(),
            ptr,
            (OBJECT_SLOTS_OFFSET + VALUE_VEC_LEN_OFFSET) as i32,
        );
        let cap = self.b.ins().uload32(
            trusted(),
            ptr,
            (OBJECT_SLOTS_OFFSET + VALUE_VEC_CAP_OFFSET) as i32,
        );
        let within = self
            .b
            .ins()
            .icmp(IntCC::UnsignedLessThanOrEqual, index, len);
        let room = self.b.ins().icmp(IntCC::UnsignedLessThan, index, cap);
        let ok = self.b.ins().band(within, room);
        self.b.ins().brif(ok, overflow_hit, &[], slow, &[]);
        self.b.switch_to_block(overflow_hit);
        let next = self.b.ins().iadd_imm_s(index, 1);
        let new_len = self.b.ins().umax(len, next);
        let new_len = self.b.ins().ireduce(I32, new_len);
        self.b.ins().store(
            trusted(),
            new_len,
            ptr,
            (OBJECT_SLOTS_OFFSET + VALUE_VEC_LEN_OFFSET) as i32,
        );
        let slots = self.b.ins().load(
            I64,
            trusted(),
            ptr,
            (OBJECT_SLOTS_OFFSET + VALUE_VEC_PTR_OFFSET) as i32,
        );
        let slot = self.b.ins().iadd(slots, offset);
        self.b.ins().store(trusted(), value, slot, 0);
        self.b
            .ins()
            .store(trusted(), new_shape, ptr, OBJECT_SHAPE_OFFSET as i32);
        self.b.ins().jump(done, &[]);
    }

    /// The transition entry `ic` for a receiver (at `ptr`, of the entry's
    /// shape) whose [[Prototype]] is not the entry's: the runtime's
    /// `transition_chain_ok` answered from its chain memo
    /// (`runtime/inline_cache`), inline. The receiver is an ordinary,
    /// extensible, unwatched object that is not lazy (its named properties
    /// are its shape's, so it lacks the key), its [[Prototype]] is an
    /// object, and the memo's entry for (that prototype, the entry's key)
    /// holds that prototype and the key at the current epoch: every object
    /// of the chain was found without a setter or a read-only property of
    /// the key and is watched since, so 10.1.9.2
    /// OrdinarySetWithOwnDescriptor adds the key to the receiver as the
    /// entry's transition does (the new shape does not depend on the
    /// prototype). Jumps to `hit` then, to `miss` otherwise.
    fn chain_memo_hit(&mut self, ptr: ir::Value, ic: ir::Value, hit: Block, miss: Block) {
        let probe = self.b.create_block();
        let lookup = self.b.create_block();
        let flags = self
            .b
            .ins()
            .load(I32, trusted(), ptr, OBJECT_FLAGS_OFFSET as i32);
        let mask = (FLAG_EXTENSIBLE | FLAG_WATCHED | FLAG_EXOTIC | FLAG_LAZY) as i64;
        let flags = self.b.ins().band_imm_u(flags, mask);
        let plain = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, flags, FLAG_EXTENSIBLE as i64);
        let kind = self
            .b
            .ins()
            .uload8(I32, trusted(), ptr, OBJECT_KIND_OFFSET as i32);
        let ordinary = self
            .b
            .ins()
            .icmp_imm_u(IntCC::Equal, kind, i64::from(ORDINARY_KIND_TAG));
        let proto = self
            .b
            .ins()
            .load(I64, trusted(), ptr, OBJECT_PROTO_OFFSET as i32);
        let tag = self.b.ins().ushr_imm_u(proto, TAG_SHIFT as i64);
        let is_object = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_OBJECT as i64);
        let ok = self.b.ins().band(plain, ordinary);
        let ok = self.b.ins().band(ok, is_object);
        self.b.ins().brif(ok, probe, &[], miss, &[]);
        self.b.switch_to_block(probe);
        // The runtime is at the start of the executor.
        let table = self
            .b
            .ins()
            .load(I64, trusted(), self.ctx, MEGA_CACHES_OFFSET);
        self.b.ins().brif(table, lookup, &[], miss, &[]);
        self.b.switch_to_block(lookup);
        // `inline_cache::mega_index(first, key)`.
        let first = self.b.ins().band_imm_u(proto, PAYLOAD_MASK as i64);
        let key = self
            .b
            .ins()
            .load(I64, trusted(), ic, PropertyCache::KEY_OFFSET);
        let a = self.b.ins().ushr_imm_u(first, 4);
        let k = self.b.ins().ushr_imm_u(key, 3);
        let k = self.b.ins().rotl_imm_u(k, 17);
        let h = self.b.ins().bxor(a, k);
        let h = self.b.ins().imul_imm_u(h, MEGA_HASH_MUL as i64);
        let index = self.b.ins().ushr_imm_u(h, i64::from(64 - MEGA_INDEX_BITS));
        let size = std::mem::size_of::<PropertyCache>() as i64;
        let bytes = self.b.ins().imul_imm_s(index, size);
        let entry = self.b.ins().iadd(table, bytes);
        let entry = self.b.ins().iadd_imm_s(entry, CHAIN_MEMO_BYTES);
        let memo_key = self
            .b
            .ins()
            .load(I64, trusted(), entry, PropertyCache::KEY_OFFSET);
        let memo_holder = self
            .b
            .ins()
            .load(I64, trusted(), entry, PropertyCache::HOLDER_OFFSET);
        let memo_epoch = self
            .b
            .ins()
            .load(I64, trusted(), entry, PropertyCache::EPOCH_OFFSET);
        let epoch = self.current_epoch();
        let same_key = self.b.ins().icmp(IntCC::Equal, memo_key, key);
        let same_holder = self.b.ins().icmp(IntCC::Equal, memo_holder, first);
        let same_epoch = self.b.ins().icmp(IntCC::Equal, memo_epoch, epoch);
        let ok = self.b.ins().band(same_key, same_holder);
        let ok = self.b.ins().band(ok, same_epoch);
        self.b.ins().brif(ok, hit, &[], miss, &[]);
    }

    /// A property reference that is read and then written (`o[k] += v`,
    /// `o[k]++`, `o[k] ??= v`) converts an object key with ToPropertyKey
    /// once: GetValue stores the converted key in the reference (6.2.5.5
    /// step 3.b), so PutValue does not call `toString` again. Primitive keys
    /// convert without side effects and are left as they are.
    pub(super) fn pin_property_key(&mut self, reference: Operand) -> Result<Operand, CompileError> {
        let Operand::Property {
            object,
            key,
            cache: None,
        } = reference
        else {
            return Ok(reference);
        };
        let tag = self.b.ins().ushr_imm_u(key, TAG_SHIFT as i64);
        let is_object = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, tag, TAG_OBJECT as i64);
        let check_base = self.b.create_block();
        self.b.set_cold_block(check_base);
        let convert = self.b.create_block();
        self.b.set_cold_block(convert);
        let done = self.b.create_block();
        let pinned = self.b.append_block_param(done, I64);
        self.b
            .ins()
            .brif(is_object, check_base, &[], done, &[BlockArg::Value(key)]);
        // GetValue converts the base with ToObject first (step 3.a): a
        // nullish base throws its TypeError before any `toString` runs.
        self.b.switch_to_block(check_base);
        let undefined =
            self.b
                .ins()
                .icmp_imm_s(IntCC::Equal, object, Value::UNDEFINED.to_bits() as i64);
        let null = self
            .b
            .ins()
            .icmp_imm_s(IntCC::Equal, object, Value::NULL.to_bits() as i64);
        let nullish = self.b.ins().bor(undefined, null);
        self.b
            .ins()
            .brif(nullish, done, &[BlockArg::Value(key)], convert, &[]);
        self.b.switch_to_block(convert);
        self.operands.push(Operand::Any(key));
        self.helper(Helper::ToPropertyKey)?;
        let converted = self.pop()?;
        let converted = self.value_of(converted)?;
        self.b.ins().jump(done, &[BlockArg::Value(converted)]);
        self.b.switch_to_block(done);
        Ok(Operand::Property {
            object,
            key: pinned,
            cache: None,
        })
    }

    /// `GetProperty(cache)`: the value of `object[key]`.
    pub(super) fn read_property(&mut self, cache: CacheId) -> Result<(), CompileError> {
        let key = self.pop()?;
        let object = self.pop()?;
        if let Operand::PrivateKey(key) = key {
            let reference = self.private_reference(object, key, cache)?;
            let v = self.value_of(reference)?;
            self.operands.push(Operand::Any(v));
            return Ok(());
        }
        let cache = self.cache_for(&key, cache)?;
        let object = self.value_of(object)?;
        let key = self.value_of(key)?;
        if cache.is_none() {
            // A float element, unboxed for the operator that reads it
            // (`element.rs`).
            if let Some(num) = self.get_element_unboxed(object, key) {
                self.operands.push(num);
                return Ok(());
            }
        }
        let v = self.value_of(Operand::Property { object, key, cache })?;
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// `PropertyReference(cache)`.
    pub(super) fn property_reference(&mut self, cache: CacheId) -> Result<(), CompileError> {
        let key = self.pop()?;
        let object = self.pop()?;
        if let Operand::PrivateKey(key) = key {
            let reference = self.private_reference(object, key, cache)?;
            self.operands.push(reference);
            return Ok(());
        }
        let cache = self.cache_for(&key, cache)?;
        let object = self.value_of(object)?;
        let key = self.value_of(key)?;
        self.operands.push(Operand::Property { object, key, cache });
        Ok(())
    }

    /// `CalleeProperty(cache)`: the method, read now, and its this value.
    pub(super) fn callee_property(&mut self, cache: CacheId) -> Result<(), CompileError> {
        let key = self.pop()?;
        let object = self.pop()?;
        if let Operand::PrivateKey(key) = key {
            let reference = self.private_reference(object, key, cache)?;
            let Operand::Private { object: this, .. } = reference else {
                return malformed("private callee");
            };
            let function = self.value_of(reference)?;
            self.operands.push(Operand::Method { function, this });
            return Ok(());
        }
        let cache = self.cache_for(&key, cache)?;
        let math = self.math_intrinsic_key(&key);
        let char_code = self.char_code_key(&key, cache);
        let object = self.value_of(object)?;
        let key = self.value_of(key)?;
        let function = self.value_of(Operand::Property { object, key, cache })?;
        if let Some((op, address)) = math {
            self.math_callees.push((function, op, address));
        }
        if char_code {
            self.char_code_callees.push(function);
        }
        self.operands.push(Operand::Method {
            function,
            this: object,
        });
        Ok(())
    }

    /// `CalleeWithThis`.
    pub(super) fn callee_with_this(&mut self) -> Result<(), CompileError> {
        let this = self.pop()?;
        let function = self.pop()?;
        let function = self.value_of(function)?;
        let this = self.value_of(this)?;
        self.operands.push(Operand::Method { function, this });
        Ok(())
    }

    /// `Object` or `Array`: `f` creates the empty object or array.
    pub(super) fn create_literal(&mut self, f: RuntimeFn) -> Result<(), CompileError> {
        let scratch = self.scratch_addr();
        let v = self.call_runtime_checked(f, &[self.ctx, scratch]);
        self.operands.push(Operand::Any(v));
        Ok(())
    }

    /// `CreateDataProperty`.
    pub(super) fn create_data_property(&mut self) -> Result<(), CompileError> {
        let value = self.pop()?;
        let key = self.pop()?;
        let object = self.pop()?;
        let object = self.value_of(object)?;
        let key = self.value_of(key)?;
        let value = self.value_of(value)?;
        let scratch = self.scratch_addr();
        self.call_runtime_checked(
            RuntimeFn::CreateDataProperty,
            &[self.ctx, object, key, value, scratch],
        );
        self.operands.push(Operand::Any(object));
        Ok(())
    }

    /// `PushArrayConstants(list)`: one runtime call appends the whole run.
    pub(super) fn push_array_constants(&mut self, list: u32) -> Result<(), CompileError> {
        let array = self.pop()?;
        let array = self.value_of(array)?;
        let (values, count) = self.host.constant_list(self.program, list)?;
        let values = self.b.ins().iconst(I64, values as i64);
        let count = self.b.ins().iconst(I32, i64::from(count));
        let scratch = self.scratch_addr();
        self.call_runtime_checked(
            RuntimeFn::PushArrayValues,
            &[self.ctx, array, values, count, scratch],
        );
        self.operands.push(Operand::Any(array));
        Ok(())
    }

    /// `PushArrayElement`.
    pub(super) fn push_array_element(&mut self) -> Result<(), CompileError> {
        let value = self.pop()?;
        let array = self.pop()?;
        let array = self.value_of(array)?;
        let value = self.value_of(value)?;
        let scratch = self.scratch_addr();
        self.call_runtime_checked(
            RuntimeFn::PushArrayElement,
            &[self.ctx, array, value, scratch],
        );
        self.operands.push(Operand::Any(array));
        Ok(())
    }
}
