//! Symbols (6.1.5.1): unique cells with an optional description.
//!
//! Well-known symbols (`Symbol.iterator`, ...) are created with the runtime and
//! rooted by it ([`WellKnownSymbol`] indexes `Runtime::well_known_symbol`). The
//! global symbol registry used by `Symbol.for`/`Symbol.keyFor` (20.4.2.2) is a
//! map from description contents to symbol, also rooted by the runtime.

use std::collections::HashMap;

use crate::gc::{Gc, HeapObject, Trace, Tracer};
use crate::runtime::Runtime;
use crate::string::JsString;
use crate::value::Value;
use crate::JsResult;

/// A symbol cell.
pub struct Symbol {
    /// `[[Description]]`: a string or undefined.
    description: Value,
    /// Set for symbols created by `Symbol.for` (the registry key).
    registered: bool,
    /// A Private Name (6.2.12) of a class, used as a hidden property key
    /// (see `object/private.rs`); never a JavaScript value.
    private: bool,
}

impl Symbol {
    /// `[[Description]]`: a string value or undefined.
    pub fn description(&self) -> Value {
        self.description
    }

    /// The description, if it is a string.
    pub fn description_string(&self) -> Option<Gc<JsString>> {
        self.description.as_string()
    }

    /// Whether `Symbol.for` created the symbol (it is in the global registry).
    pub fn is_registered(&self) -> bool {
        self.registered
    }

    /// Whether the symbol is a Private Name (`#x`) of a class.
    pub fn is_private(&self) -> bool {
        self.private
    }
}

// SAFETY: reports the description.
unsafe impl Trace for Symbol {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.mark_value(self.description);
    }
}

impl HeapObject for Symbol {
    const NAME: &'static str = "Symbol";
}

macro_rules! well_known_symbols {
    ($($variant:ident => $desc:literal,)*) => {
        /// 6.1.5.1 Table 1: Well-known Symbols.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum WellKnownSymbol {
            $(#[doc = concat!("The well-known symbol `", $desc, "`.")] $variant,)*
        }

        impl WellKnownSymbol {
            /// Every well-known symbol, in the order of Table 1.
            pub const ALL: &'static [WellKnownSymbol] = &[$(WellKnownSymbol::$variant,)*];

            /// The `[[Description]]`, e.g. "Symbol.iterator".
            pub fn description(self) -> &'static str {
                match self { $(WellKnownSymbol::$variant => $desc,)* }
            }
        }
    };
}

well_known_symbols! {
    AsyncIterator => "Symbol.asyncIterator",
    HasInstance => "Symbol.hasInstance",
    IsConcatSpreadable => "Symbol.isConcatSpreadable",
    Iterator => "Symbol.iterator",
    Match => "Symbol.match",
    MatchAll => "Symbol.matchAll",
    Replace => "Symbol.replace",
    Search => "Symbol.search",
    Species => "Symbol.species",
    Split => "Symbol.split",
    ToPrimitive => "Symbol.toPrimitive",
    ToStringTag => "Symbol.toStringTag",
    Unscopables => "Symbol.unscopables",
}

/// The global symbol registry (GlobalSymbolRegistry, 20.4.2.2).
#[derive(Default)]
pub struct SymbolRegistry {
    by_key: HashMap<Vec<u16>, Gc<Symbol>>,
}

impl SymbolRegistry {
    pub(crate) fn trace(&self, tracer: &mut Tracer) {
        for s in self.by_key.values() {
            tracer.mark_cell(s.addr());
        }
    }
}

/// Allocates a symbol directly in a heap (used while the runtime is built).
pub(crate) fn new_symbol_cell(
    heap: &mut crate::gc::Heap,
    description: Value,
) -> Result<Gc<Symbol>, crate::gc::AllocError> {
    heap.alloc(Symbol {
        description,
        registered: false,
        private: false,
    })
}

impl Runtime {
    /// A new unique symbol; `description` is a string or undefined.
    pub fn new_symbol(&mut self, description: Value) -> JsResult<Gc<Symbol>> {
        debug_assert!(description.is_undefined() || description.is_string());
        self.alloc(Symbol {
            description,
            registered: false,
            private: false,
        })
    }

    /// A new Private Name (6.2.12) with the description `#name`: a unique
    /// property key that only the class's code can name.
    pub(crate) fn new_private_name(&mut self, description: Value) -> JsResult<Gc<Symbol>> {
        self.alloc(Symbol {
            description,
            registered: false,
            private: true,
        })
    }

    /// 20.4.2.2 Symbol.for(key): the registered symbol for `key`.
    pub fn symbol_for(&mut self, key: Gc<JsString>) -> JsResult<Gc<Symbol>> {
        let units = key.to_utf16();
        if let Some(&s) = self.symbol_registry.by_key.get(&units) {
            return Ok(s);
        }
        let s = self.alloc(Symbol {
            description: Value::string(key),
            registered: true,
            private: false,
        })?;
        self.symbol_registry.by_key.insert(units, s);
        Ok(s)
    }

    /// 20.4.2.6 Symbol.keyFor(sym): the registry key, if registered.
    pub fn symbol_key_for(&self, sym: Gc<Symbol>) -> Option<Gc<JsString>> {
        sym.registered
            .then(|| sym.description.as_string())
            .flatten()
    }

    /// One of the well-known symbols.
    pub fn well_known_symbol(&self, which: WellKnownSymbol) -> Gc<Symbol> {
        self.well_known_symbols[which as usize]
    }

    /// 20.4.3.3.1 SymbolDescriptiveString: "Symbol(desc)".
    pub fn symbol_descriptive_string(&mut self, sym: Gc<Symbol>) -> JsResult<Gc<JsString>> {
        let desc = sym
            .description_string()
            .map(|d| d.to_utf16())
            .unwrap_or_default();
        let mut units: Vec<u16> = "Symbol(".encode_utf16().collect();
        units.extend(desc);
        units.push(b')' as u16);
        self.new_string_utf16(&units)
    }
}
