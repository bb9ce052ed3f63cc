//! Property keys, attributes and descriptors (6.1.7.1, 6.2.6).
//!
//! A [`PropertyKey`] is an array index (`0..=2^32-2`, stored in elements), an
//! atom (interned string, compared by pointer) or a symbol. Every string key is
//! interned and every canonical array-index string becomes `Index`, so two keys
//! are the same property exactly when the `PropertyKey`s are equal.

use crate::gc::{Gc, Trace, Tracer};
use crate::string::JsString;
use crate::symbol::Symbol;
use crate::value::Value;

/// A property key; see the module docs.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum PropertyKey {
    /// An array index (6.1.7): canonical numeric string of 0..=4294967294.
    Index(u32),
    /// Any other string key, as an atom.
    String(Gc<JsString>),
    /// A symbol key.
    Symbol(Gc<Symbol>),
}

impl PropertyKey {
    /// Whether the key is a symbol.
    pub fn is_symbol(self) -> bool {
        matches!(self, PropertyKey::Symbol(_))
    }

    /// Whether the key is a Private Name (`#x`, see `object/private.rs`):
    /// hidden from [[OwnPropertyKeys]] and every user-visible operation.
    pub fn is_private(self) -> bool {
        matches!(self, PropertyKey::Symbol(s) if s.is_private())
    }

    /// The array index, if the key is one.
    pub fn as_index(self) -> Option<u32> {
        match self {
            PropertyKey::Index(i) => Some(i),
            _ => None,
        }
    }
}

// SAFETY: reports the atom or symbol.
unsafe impl Trace for PropertyKey {
    fn trace(&self, tracer: &mut Tracer) {
        match self {
            PropertyKey::Index(_) => {}
            PropertyKey::String(s) => tracer.mark_cell(s.addr()),
            PropertyKey::Symbol(s) => tracer.mark_cell(s.addr()),
        }
    }
}

/// Property attributes packed in a byte (the JIT tests these bits in shapes).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct Attributes(pub u8);

impl Attributes {
    /// Bit of [[Writable]] (data properties).
    pub const WRITABLE: u8 = 1;
    /// Bit of [[Enumerable]].
    pub const ENUMERABLE: u8 = 2;
    /// Bit of [[Configurable]].
    pub const CONFIGURABLE: u8 = 4;
    /// The property is an accessor: its slot holds the getter and the next
    /// slot the setter.
    pub const ACCESSOR: u8 = 8;

    /// writable, enumerable, configurable: what assignment creates.
    pub const DEFAULT_DATA: Attributes = Attributes(1 | 2 | 4);
    /// writable, configurable, not enumerable: built-in methods (18).
    pub const BUILTIN_METHOD: Attributes = Attributes(1 | 4);
    /// configurable only: function `length` and `name`.
    pub const CONFIGURABLE_ONLY: Attributes = Attributes(4);
    /// No bits: not writable, not enumerable, not configurable.
    pub const NONE: Attributes = Attributes(0);

    /// Data property attributes from the three flags.
    pub const fn new(writable: bool, enumerable: bool, configurable: bool) -> Attributes {
        Attributes(
            ((writable as u8) * Self::WRITABLE)
                | ((enumerable as u8) * Self::ENUMERABLE)
                | ((configurable as u8) * Self::CONFIGURABLE),
        )
    }

    /// Accessor property attributes (the [`Attributes::ACCESSOR`] bit set).
    pub const fn accessor(enumerable: bool, configurable: bool) -> Attributes {
        Attributes(
            Self::ACCESSOR
                | ((enumerable as u8) * Self::ENUMERABLE)
                | ((configurable as u8) * Self::CONFIGURABLE),
        )
    }

    /// [[Writable]] (meaningless for accessors).
    #[inline]
    pub const fn writable(self) -> bool {
        self.0 & Self::WRITABLE != 0
    }
    /// [[Enumerable]].
    #[inline]
    pub const fn enumerable(self) -> bool {
        self.0 & Self::ENUMERABLE != 0
    }
    /// [[Configurable]].
    #[inline]
    pub const fn configurable(self) -> bool {
        self.0 & Self::CONFIGURABLE != 0
    }
    /// Whether the property is an accessor.
    #[inline]
    pub const fn is_accessor(self) -> bool {
        self.0 & Self::ACCESSOR != 0
    }

    /// Slots the property occupies.
    #[inline]
    pub const fn slot_width(self) -> u32 {
        if self.is_accessor() {
            2
        } else {
            1
        }
    }
}

/// A Property Descriptor (6.2.6): every field optional.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PropertyDescriptor {
    /// [[Value]], if present.
    pub value: Option<Value>,
    /// [[Writable]], if present.
    pub writable: Option<bool>,
    /// [[Get]], if present: a function or undefined.
    pub get: Option<Value>,
    /// [[Set]], if present: a function or undefined.
    pub set: Option<Value>,
    /// [[Enumerable]], if present.
    pub enumerable: Option<bool>,
    /// [[Configurable]], if present.
    pub configurable: Option<bool>,
}

impl PropertyDescriptor {
    /// A complete data descriptor.
    pub fn data(value: Value, attrs: Attributes) -> PropertyDescriptor {
        PropertyDescriptor {
            value: Some(value),
            writable: Some(attrs.writable()),
            get: None,
            set: None,
            enumerable: Some(attrs.enumerable()),
            configurable: Some(attrs.configurable()),
        }
    }

    /// A complete accessor descriptor (`get`/`set` are functions or undefined).
    pub fn accessor(get: Value, set: Value, attrs: Attributes) -> PropertyDescriptor {
        PropertyDescriptor {
            value: None,
            writable: None,
            get: Some(get),
            set: Some(set),
            enumerable: Some(attrs.enumerable()),
            configurable: Some(attrs.configurable()),
        }
    }

    /// 6.2.6.1 IsAccessorDescriptor.
    pub fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }

    /// 6.2.6.2 IsDataDescriptor.
    pub fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }

    /// 6.2.6.3 IsGenericDescriptor.
    pub fn is_generic(&self) -> bool {
        !self.is_accessor() && !self.is_data()
    }

    /// Attributes of a complete descriptor (missing fields read as false).
    pub fn attributes(&self) -> Attributes {
        if self.is_accessor() {
            Attributes::accessor(
                self.enumerable.unwrap_or(false),
                self.configurable.unwrap_or(false),
            )
        } else {
            Attributes::new(
                self.writable.unwrap_or(false),
                self.enumerable.unwrap_or(false),
                self.configurable.unwrap_or(false),
            )
        }
    }
}

// SAFETY: reports every value field.
unsafe impl Trace for PropertyDescriptor {
    fn trace(&self, tracer: &mut Tracer) {
        self.value.trace(tracer);
        self.get.trace(tracer);
        self.set.trace(tracer);
    }
}
