//! Serde support (feature `serde`, on by default): [`Serde<T>`] carries any
//! `Serialize`/`Deserialize` type across as a JavaScript value, a struct as
//! a plain object; `serde_json::Value` converts directly.
//!
//! The conversion is direct: a `serde::Serializer` that builds JavaScript
//! values and a `serde::Deserializer` that reads them, with nothing in
//! between. The data model is JSON's:
//!
//! | Rust (serde) | JavaScript |
//! | --- | --- |
//! | `bool` | boolean |
//! | integers, floats | number (`f64`: integers up to 2^53 are exact) |
//! | `char`, `String`, `&str` | string |
//! | `None`, `()`, unit structs | `null` (into Rust, `undefined` too) |
//! | `Some(v)`, newtype structs | the value itself |
//! | sequences, tuples, bytes | Array |
//! | maps (string or integer keys), structs | plain object |
//! | enums | externally tagged: `"Unit"`, `{ "Newtype": v }`, `{ "Tuple": [..] }`, `{ "Struct": {..} }` |
//!
//! Into Rust, a struct's fields are read by name with `Get` (so accessors
//! and inherited properties count, and a field whose value is `undefined` is
//! missing); other objects are read through their own enumerable string
//! keys, skipping `undefined` and function values as `JSON.stringify` does.
//! A BigInt reads as an integer when it fits the Rust type.
//!
//! GC: the objects and arrays under construction are kept in a rooted list
//! of the context (`ApiState::scratch`), never only in the serializer's
//! state, which serde may put anywhere; a value just made is stored at once
//! (a local on the native stack in between, which the collector scans).

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::ser::{self, Serialize};

use super::convert::{FromJs, IntoJs};
use super::{Context, Error, JsValue, Result};
use crate::gc::Gc;
use crate::object::{Attributes, JsObject, PropertyKey, StoredProperty};
use crate::value::Value;

/// A Rust value converted through serde: `Serde(my_struct)` as an argument
/// or return value, `Serde<MyStruct>` as a parameter type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Serde<T>(pub T);

impl<T: Serialize> IntoJs for Serde<T> {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        let v = ctx.serialize(&self.0)?;
        Ok(ctx.handle(v))
    }
}

impl<T: de::DeserializeOwned> FromJs for Serde<T> {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        ctx.deserialize(v).map(Serde)
    }
}

impl IntoJs for serde_json::Value {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        let v = ctx.serialize(&self)?;
        Ok(ctx.handle(v))
    }
}

impl FromJs for serde_json::Value {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        ctx.deserialize(v)
    }
}

impl Context {
    /// A serde value as a raw JavaScript value (on the caller's stack: root
    /// it before allocating).
    fn serialize<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<Value> {
        let base = self.state.scratch.len();
        let r = value.serialize(Ser {
            ctx: self,
            depth: 0,
        });
        // After an error the partial objects are garbage.
        self.state.scratch.truncate(base);
        r.map_err(|e| e.into_error("Rust value", "JavaScript value"))
    }

    /// A JavaScript value as a serde value.
    fn deserialize<T: de::DeserializeOwned>(&mut self, v: &JsValue) -> Result<T> {
        // The handle keeps the value alive; what is read from it is reachable
        // from it or held on the stack.
        let value = self.raw(v)?;
        T::deserialize(De {
            ctx: self,
            value,
            depth: 0,
        })
        .map_err(|e| e.into_error(v.kind().name(), std::any::type_name::<T>()))
    }
}

/// Nesting beyond this is refused (cycles, or data too deep for the native
/// stack).
const MAX_DEPTH: u32 = 256;

/// The longest array read into a Rust sequence.
const MAX_ELEMENTS: f64 = (1u32 << 26) as f64;

// ---- errors ----

/// The error type serde's traits need: an API error, and whether it is a
/// message of serde's (`custom`), which becomes a conversion error naming
/// both types at the boundary.
#[derive(Debug)]
struct SerdeError {
    error: Error,
    custom: bool,
}

impl SerdeError {
    fn into_error(self, from: &'static str, to: &'static str) -> Error {
        if self.custom {
            Error::conversion(from, to, self.error.message())
        } else {
            self.error
        }
    }
}

impl From<Error> for SerdeError {
    fn from(error: Error) -> SerdeError {
        SerdeError {
            error,
            custom: false,
        }
    }
}

impl fmt::Display for SerdeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl std::error::Error for SerdeError {}

impl ser::Error for SerdeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerdeError {
            error: Error::new(msg.to_string()),
            custom: true,
        }
    }
}

impl de::Error for SerdeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerdeError {
            error: Error::new(msg.to_string()),
            custom: true,
        }
    }
}

type SResult<T> = std::result::Result<T, SerdeError>;

/// Whether one more level of nesting is refused: past [`MAX_DEPTH`], or
/// when the native stack is as low as the JavaScript recursion limit (a
/// debug build's frames are large).
fn nesting_refused(ctx: &Context, depth: u32) -> bool {
    depth >= MAX_DEPTH || crate::gc::stack::current_sp() < ctx.exec.runtime.stack_limit
}

fn too_deep() -> SerdeError {
    SerdeError {
        error: Error::new("nested too deeply (a cycle?)"),
        custom: true,
    }
}

// ---- the serializer: Rust to JavaScript ----

/// Serializes one value into a raw JavaScript value.
struct Ser<'a> {
    ctx: &'a mut Context,
    depth: u32,
}

impl Context {
    fn ser_string(&mut self, s: &str) -> SResult<Value> {
        let r = self.exec.runtime.new_string(s);
        Ok(Value::string(self.check(r)?))
    }

    /// Starts an object under construction: its index in the scratch list.
    fn ser_begin_object(&mut self) -> SResult<usize> {
        let r = self.exec.runtime.new_object();
        let o = self.check(r)?;
        self.state.scratch.push(Value::object(o));
        Ok(self.state.scratch.len() - 1)
    }

    /// The object under construction at `slot`.
    fn ser_object(&self, slot: usize) -> SResult<Gc<JsObject>> {
        // The slot holds the object `ser_begin_object` pushed until
        // `ser_end` truncates the list.
        self.state
            .scratch
            .get(slot)
            .and_then(|v| v.as_object())
            .ok_or_else(|| ser::Error::custom("lost the object under construction"))
    }

    /// Defines `key: value` on the object at `slot` (CreateDataProperty).
    fn ser_define(&mut self, slot: usize, key: &'static str, value: Value) -> SResult<()> {
        // `value` is a local of this frame while the key is made.
        let key = self.static_key(key)?;
        self.ser_define_key(slot, key, value)
    }

    fn ser_define_key(&mut self, slot: usize, key: PropertyKey, value: Value) -> SResult<()> {
        let o = self.ser_object(slot)?;
        // 7.3.5 CreateDataProperty on an object this module made with
        // OrdinaryObjectCreate and no code has seen yet: ordinary,
        // extensible, and any existing `key` is a configurable writable
        // data property, so ValidateAndApplyPropertyDescriptor always
        // succeeds and amounts to storing the property.
        let prop = StoredProperty::Data(value, Attributes::DEFAULT_DATA);
        let r = self.exec.runtime.store_property(o, key, prop);
        Ok(self.check(r)?)
    }

    /// Ends the object or list started at `slot`: the value, off the list.
    fn ser_end(&mut self, slot: usize) -> Value {
        let v = self.state.scratch.get(slot).unwrap_or(Value::UNDEFINED);
        self.state.scratch.truncate(slot);
        v
    }

    /// `{ variant: value }`.
    fn ser_wrap(&mut self, variant: &'static str, value: Value) -> SResult<Value> {
        // `value` stays on this frame's stack while the object is made.
        let slot = self.ser_begin_object()?;
        self.ser_define(slot, variant, value)?;
        Ok(self.ser_end(slot))
    }
}

impl<'a> Ser<'a> {
    fn nested(&mut self) -> SResult<Ser<'_>> {
        if nesting_refused(self.ctx, self.depth) {
            return Err(too_deep());
        }
        Ok(Ser {
            ctx: self.ctx,
            depth: self.depth + 1,
        })
    }
}

impl<'a> ser::Serializer for Ser<'a> {
    type Ok = Value;
    type Error = SerdeError;
    type SerializeSeq = SeqSer<'a>;
    type SerializeTuple = SeqSer<'a>;
    type SerializeTupleStruct = SeqSer<'a>;
    type SerializeTupleVariant = SeqSer<'a>;
    type SerializeMap = MapSer<'a>;
    type SerializeStruct = MapSer<'a>;
    type SerializeStructVariant = MapSer<'a>;

    fn serialize_bool(self, v: bool) -> SResult<Value> {
        Ok(Value::from_bool(v))
    }
    fn serialize_i8(self, v: i8) -> SResult<Value> {
        Ok(Value::from_i32(v.into()))
    }
    fn serialize_i16(self, v: i16) -> SResult<Value> {
        Ok(Value::from_i32(v.into()))
    }
    fn serialize_i32(self, v: i32) -> SResult<Value> {
        Ok(Value::from_i32(v))
    }
    fn serialize_i64(self, v: i64) -> SResult<Value> {
        Ok(Value::number(v as f64))
    }
    fn serialize_i128(self, v: i128) -> SResult<Value> {
        Ok(Value::number(v as f64))
    }
    fn serialize_u8(self, v: u8) -> SResult<Value> {
        Ok(Value::from_i32(v.into()))
    }
    fn serialize_u16(self, v: u16) -> SResult<Value> {
        Ok(Value::from_i32(v.into()))
    }
    fn serialize_u32(self, v: u32) -> SResult<Value> {
        Ok(Value::from_u32(v))
    }
    fn serialize_u64(self, v: u64) -> SResult<Value> {
        Ok(Value::number(v as f64))
    }
    fn serialize_u128(self, v: u128) -> SResult<Value> {
        Ok(Value::number(v as f64))
    }
    fn serialize_f32(self, v: f32) -> SResult<Value> {
        Ok(Value::number(v.into()))
    }
    fn serialize_f64(self, v: f64) -> SResult<Value> {
        Ok(Value::number(v))
    }
    fn serialize_char(self, v: char) -> SResult<Value> {
        self.ctx.ser_string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> SResult<Value> {
        self.ctx.ser_string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> SResult<Value> {
        let values: Vec<Value> = v.iter().map(|&b| Value::from_i32(b.into())).collect();
        // Numbers only: nothing to root.
        let r = self.ctx.exec.runtime.create_array_from_list(&values);
        Ok(Value::object(self.ctx.check(r)?))
    }
    fn serialize_none(self) -> SResult<Value> {
        Ok(Value::NULL)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> SResult<Value> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> SResult<Value> {
        Ok(Value::NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> SResult<Value> {
        Ok(Value::NULL)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> SResult<Value> {
        self.ctx.ser_string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> SResult<Value> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> SResult<Value> {
        let v = value.serialize(self.nested()?)?;
        self.ctx.ser_wrap(variant, v)
    }
    fn serialize_seq(self, len: Option<usize>) -> SResult<SeqSer<'a>> {
        SeqSer::new(self, len, None)
    }
    fn serialize_tuple(self, len: usize) -> SResult<SeqSer<'a>> {
        SeqSer::new(self, Some(len), None)
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> SResult<SeqSer<'a>> {
        SeqSer::new(self, Some(len), None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> SResult<SeqSer<'a>> {
        SeqSer::new(self, Some(len), Some(variant))
    }
    fn serialize_map(self, _: Option<usize>) -> SResult<MapSer<'a>> {
        MapSer::new(self, None)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> SResult<MapSer<'a>> {
        MapSer::new(self, None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> SResult<MapSer<'a>> {
        MapSer::new(self, Some(variant))
    }
}

/// An array under construction: its elements are pushed on the scratch
/// list after `base`, and become an Array at the end.
struct SeqSer<'a> {
    ctx: &'a mut Context,
    depth: u32,
    base: usize,
    variant: Option<&'static str>,
}

impl<'a> SeqSer<'a> {
    fn new(s: Ser<'a>, len: Option<usize>, variant: Option<&'static str>) -> SResult<SeqSer<'a>> {
        if nesting_refused(s.ctx, s.depth) {
            return Err(too_deep());
        }
        let base = s.ctx.state.scratch.len();
        s.ctx.state.scratch.reserve(len.unwrap_or(0).min(1 << 16));
        Ok(SeqSer {
            ctx: s.ctx,
            depth: s.depth + 1,
            base,
            variant,
        })
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        let v = value.serialize(Ser {
            ctx: self.ctx,
            depth: self.depth,
        })?;
        self.ctx.state.scratch.push(v);
        Ok(())
    }

    fn finish(self) -> SResult<Value> {
        let ctx = self.ctx;
        let items = &ctx.state.scratch.as_slice()[self.base..];
        // The elements stay rooted by the scratch list while the array is
        // allocated.
        let r = ctx.exec.runtime.create_array_from_list(items);
        let a = Value::object(ctx.check(r)?);
        ctx.state.scratch.truncate(self.base);
        match self.variant {
            Some(variant) => ctx.ser_wrap(variant, a),
            None => Ok(a),
        }
    }
}

impl ser::SerializeSeq for SeqSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        self.element(value)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

impl ser::SerializeTuple for SeqSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        self.element(value)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for SeqSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        self.element(value)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for SeqSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        self.element(value)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

/// An object under construction (a map or a struct), at `slot` of the
/// scratch list; a map's pending key is pushed after it.
struct MapSer<'a> {
    ctx: &'a mut Context,
    depth: u32,
    slot: usize,
    variant: Option<&'static str>,
}

impl<'a> MapSer<'a> {
    fn new(s: Ser<'a>, variant: Option<&'static str>) -> SResult<MapSer<'a>> {
        if nesting_refused(s.ctx, s.depth) {
            return Err(too_deep());
        }
        let slot = s.ctx.ser_begin_object()?;
        Ok(MapSer {
            ctx: s.ctx,
            depth: s.depth + 1,
            slot,
            variant,
        })
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<Value> {
        value.serialize(Ser {
            ctx: self.ctx,
            depth: self.depth,
        })
    }

    fn finish(self) -> SResult<Value> {
        let o = self.ctx.ser_end(self.slot);
        match self.variant {
            Some(variant) => self.ctx.ser_wrap(variant, o),
            None => Ok(o),
        }
    }
}

impl ser::SerializeMap for MapSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> SResult<()> {
        let k = key.serialize(KeySer { ctx: self.ctx })?;
        // Rooted until its value is defined.
        self.ctx.state.scratch.push(k);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> SResult<()> {
        let v = self.value(value)?;
        let k = self.ctx.state.scratch.get(self.slot + 1);
        let Some(k) = k else {
            return Err(ser::Error::custom("a map value without its key"));
        };
        let r = self.ctx.exec.runtime.to_property_key(k);
        let key = self.ctx.check(r)?;
        self.ctx.ser_define_key(self.slot, key, v)?;
        self.ctx.state.scratch.truncate(self.slot + 1);
        Ok(())
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

impl ser::SerializeStruct for MapSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> SResult<()> {
        let v = self.value(value)?;
        self.ctx.ser_define(self.slot, key, v)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for MapSer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> SResult<()> {
        let v = self.value(value)?;
        self.ctx.ser_define(self.slot, key, v)
    }
    fn end(self) -> SResult<Value> {
        self.finish()
    }
}

/// Serializes a map key: a string (an atom) or an integer (a number).
struct KeySer<'a> {
    ctx: &'a mut Context,
}

fn bad_key() -> SerdeError {
    ser::Error::custom("map keys must be strings, integers, chars or booleans")
}

impl KeySer<'_> {
    fn text(self, s: &str) -> SResult<Value> {
        let r = self.ctx.exec.runtime.atom(s);
        Ok(Value::string(self.ctx.check(r)?))
    }
}

impl ser::Serializer for KeySer<'_> {
    type Ok = Value;
    type Error = SerdeError;
    type SerializeSeq = ser::Impossible<Value, SerdeError>;
    type SerializeTuple = ser::Impossible<Value, SerdeError>;
    type SerializeTupleStruct = ser::Impossible<Value, SerdeError>;
    type SerializeTupleVariant = ser::Impossible<Value, SerdeError>;
    type SerializeMap = ser::Impossible<Value, SerdeError>;
    type SerializeStruct = ser::Impossible<Value, SerdeError>;
    type SerializeStructVariant = ser::Impossible<Value, SerdeError>;

    fn serialize_bool(self, v: bool) -> SResult<Value> {
        self.text(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> SResult<Value> {
        self.text(&v.to_string())
    }
    fn serialize_i16(self, v: i16) -> SResult<Value> {
        self.text(&v.to_string())
    }
    fn serialize_i32(self, v: i32) -> SResult<Value> {
        self.text(&v.to_string())
    }
    fn serialize_i64(self, v: i64) -> SResult<Value> {
        self.text(&v.to_string())
    }
    fn serialize_i128(self, v: i128) -> SResult<Value> {
        self.text(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> SResult<Value> {
        self.text(&v.to_string())
    }
    fn serialize_u16(self, v: u16) -> SResult<Value> {
        self.text(&v.to_string())
    }
    fn serialize_u32(self, v: u32) -> SResult<Value> {
        self.text(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> SResult<Value> {
        self.text(&v.to_string())
    }
    fn serialize_u128(self, v: u128) -> SResult<Value> {
        self.text(&v.to_string())
    }
    fn serialize_f32(self, _: f32) -> SResult<Value> {
        Err(bad_key())
    }
    fn serialize_f64(self, _: f64) -> SResult<Value> {
        Err(bad_key())
    }
    fn serialize_char(self, v: char) -> SResult<Value> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> SResult<Value> {
        self.text(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> SResult<Value> {
        Err(bad_key())
    }
    fn serialize_none(self) -> SResult<Value> {
        Err(bad_key())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> SResult<Value> {
        Err(bad_key())
    }
    fn serialize_unit(self) -> SResult<Value> {
        Err(bad_key())
    }
    fn serialize_unit_struct(self, _: &'static str) -> SResult<Value> {
        Err(bad_key())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> SResult<Value> {
        self.text(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> SResult<Value> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> SResult<Value> {
        Err(bad_key())
    }
    fn serialize_seq(self, _: Option<usize>) -> SResult<Self::SerializeSeq> {
        Err(bad_key())
    }
    fn serialize_tuple(self, _: usize) -> SResult<Self::SerializeTuple> {
        Err(bad_key())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> SResult<Self::SerializeTupleStruct> {
        Err(bad_key())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> SResult<Self::SerializeTupleVariant> {
        Err(bad_key())
    }
    fn serialize_map(self, _: Option<usize>) -> SResult<Self::SerializeMap> {
        Err(bad_key())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> SResult<Self::SerializeStruct> {
        Err(bad_key())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> SResult<Self::SerializeStructVariant> {
        Err(bad_key())
    }
}

// ---- the deserializer: JavaScript to Rust ----

/// Deserializes one JavaScript value. The value is on the native stack (in
/// this struct, which serde takes by value) or reachable from the value
/// the caller's handle roots.
struct De<'a> {
    ctx: &'a mut Context,
    value: Value,
    depth: u32,
}

impl<'a> De<'a> {
    fn invalid(&self, exp: &dyn de::Expected) -> SerdeError {
        let v = self.value;
        let unexpected = match v.type_of() {
            crate::value::ValueType::Symbol => de::Unexpected::Other("symbol"),
            crate::value::ValueType::BigInt => de::Unexpected::Other("bigint"),
            _ if v.as_object().is_some_and(|o| o.is_callable()) => {
                de::Unexpected::Other("function")
            }
            _ => de::Unexpected::Other("JavaScript value"),
        };
        de::Error::invalid_type(unexpected, exp)
    }

    fn child(&mut self, value: Value) -> SResult<De<'_>> {
        if nesting_refused(self.ctx, self.depth) {
            return Err(too_deep());
        }
        Ok(De {
            ctx: self.ctx,
            value,
            depth: self.depth + 1,
        })
    }

    fn deserialize_number<'de, V: Visitor<'de>>(self, n: f64, visitor: V) -> SResult<V::Value> {
        if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            if n >= 0.0 {
                visitor.visit_u64(n as u64)
            } else {
                visitor.visit_i64(n as i64)
            }
        } else {
            visitor.visit_f64(n)
        }
    }

    fn deserialize_bigint<'de, V: Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        use num_traits::ToPrimitive;
        let Some(b) = self.value.as_bigint() else {
            return Err(self.invalid(&visitor));
        };
        let x = b.value();
        if let Some(u) = x.to_u64() {
            visitor.visit_u64(u)
        } else if let Some(i) = x.to_i64() {
            visitor.visit_i64(i)
        } else if let Some(u) = x.to_u128() {
            visitor.visit_u128(u)
        } else if let Some(i) = x.to_i128() {
            visitor.visit_i128(i)
        } else {
            Err(de::Error::custom("BigInt out of range of i128 and u128"))
        }
    }

    /// The object and length of an array to read as a sequence.
    fn array(&mut self) -> SResult<(Gc<JsObject>, u32)> {
        let Some(o) = self.value.as_object() else {
            return Err(self.invalid(&"an array"));
        };
        let r = self.ctx.exec.runtime.length_of_array_like(o);
        let len = self.ctx.check(r)?;
        // A hostile `{ length: 4e9 }` is an error, not a huge allocation.
        if !(0.0..=MAX_ELEMENTS).contains(&len) {
            return Err(de::Error::custom(format!("length {len} is too large")));
        }
        Ok((o, len as u32))
    }
}

impl<'de> de::Deserializer<'de> for De<'_> {
    type Error = SerdeError;

    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> SResult<V::Value> {
        let v = self.value;
        if v.is_nullish() || v.is_hole() {
            return visitor.visit_unit();
        }
        if let Some(b) = v.as_bool() {
            return visitor.visit_bool(b);
        }
        if let Some(n) = v.as_number() {
            return self.deserialize_number(n, visitor);
        }
        if let Some(s) = v.as_string() {
            return visitor.visit_string(s.to_rust_string());
        }
        if v.is_bigint() {
            return self.deserialize_bigint(visitor);
        }
        let Some(o) = v.as_object() else {
            return Err(self.invalid(&visitor));
        };
        if o.is_callable() {
            return Err(self.invalid(&visitor));
        }
        if o.is_array() {
            let (o, len) = self.array()?;
            return visitor.visit_seq(SeqDe {
                de: self,
                array: o,
                len,
                index: 0,
            });
        }
        let r = self.ctx.exec.runtime.own_property_keys_rooted(o);
        let keys = self.ctx.check(r)?;
        visitor.visit_map(MapDe {
            de: self,
            object: o,
            keys,
            index: 0,
            value: Value::UNDEFINED,
        })
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        if self.value.is_nullish() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        match self.value.as_number() {
            Some(n) => visitor.visit_f64(n),
            None => self.deserialize_any(visitor),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        match self.value.as_string() {
            Some(s) => visitor.visit_string(s.to_rust_string()),
            None => self.deserialize_any(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        self.deserialize_string(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> SResult<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    /// A struct's fields are read by name (7.3.2 Get), in declaration order.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> SResult<V::Value> {
        match self.value.as_object() {
            Some(o) if !o.is_array() && !o.is_callable() => visitor.visit_map(FieldsDe {
                de: self,
                object: o,
                fields,
                index: 0,
                value: Value::UNDEFINED,
            }),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        mut self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> SResult<V::Value> {
        let v = self.value;
        if let Some(s) = v.as_string() {
            let name: de::value::StringDeserializer<SerdeError> =
                s.to_rust_string().into_deserializer();
            return visitor.visit_enum(name);
        }
        // `{ Variant: value }`: exactly one own enumerable string key.
        let Some(o) = v.as_object().filter(|o| !o.is_callable() && !o.is_array()) else {
            return Err(self.invalid(&"a string or an object with one key"));
        };
        let entries = self.ctx.entries_of(o)?;
        if entries.len() != 2 {
            return Err(de::Error::invalid_length(
                entries.len() / 2,
                &"an object with one key (the variant)",
            ));
        }
        let (name, value) = (entries[0], entries[1]);
        let name = name
            .as_string()
            .map(|s| s.to_rust_string())
            .unwrap_or_default();
        // `entries` keeps the value rooted while the variant is read.
        let child = self.child(value)?;
        visitor.visit_enum(EnumDe { de: child, name })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 char bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier
    }
}

impl Context {
    /// The own enumerable string-keyed properties of `o` as a rooted list of
    /// (key string, value) pairs, flattened (EnumerableOwnProperties).
    fn entries_of(&mut self, o: Gc<JsObject>) -> SResult<crate::gc::RootedList<Value>> {
        let r = self.exec.runtime.own_property_keys_rooted(o);
        let keys = self.check(r)?;
        let mut out = self.exec.runtime.rooted_list::<Value>();
        for &key in keys.as_slice() {
            if let Some((name, value)) = self.entry(o, key)? {
                out.push(name);
                out.push(value);
            }
        }
        Ok(out)
    }

    /// Step 4.a.ii of EnumerableOwnProperties (#sec-enumerableownproperties)
    /// for one key: its name and value when it is a string key still
    /// present and enumerable. The name is a string value.
    fn entry(&mut self, o: Gc<JsObject>, key: PropertyKey) -> SResult<Option<(Value, Value)>> {
        let name = match key {
            PropertyKey::Symbol(_) => return Ok(None),
            PropertyKey::String(s) => Value::string(s),
            PropertyKey::Index(i) => {
                let r = self.exec.runtime.new_string(&i.to_string());
                Value::string(self.check(r)?)
            }
        };
        let r = self.exec.runtime.get_own_property(o, key);
        if self.check(r)?.and_then(|d| d.enumerable) != Some(true) {
            return Ok(None);
        }
        // `name` is on this frame's stack while the getter runs.
        let r = self.exec.runtime.get(o, key, Value::object(o));
        let value = self.check(r)?;
        Ok(Some((name, value)))
    }
}

/// An Array read as a sequence.
struct SeqDe<'a> {
    de: De<'a>,
    array: Gc<JsObject>,
    len: u32,
    index: u32,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'_> {
    type Error = SerdeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> SResult<Option<T::Value>> {
        if self.index >= self.len {
            return Ok(None);
        }
        let key = PropertyKey::Index(self.index);
        self.index += 1;
        let r = self
            .de
            .ctx
            .exec
            .runtime
            .get(self.array, key, Value::object(self.array));
        let v = self.de.ctx.check(r)?;
        seed.deserialize(self.de.child(v)?).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some((self.len - self.index) as usize)
    }
}

/// An object read as a map: its own enumerable string keys, skipping
/// `undefined` and function values (as `JSON.stringify` does).
struct MapDe<'a> {
    de: De<'a>,
    object: Gc<JsObject>,
    keys: crate::gc::RootedList<PropertyKey>,
    index: usize,
    /// The value of the key just returned (on the stack: this struct is a
    /// local of `deserialize_any`).
    value: Value,
}

impl<'de> de::MapAccess<'de> for MapDe<'_> {
    type Error = SerdeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> SResult<Option<K::Value>> {
        while let Some(key) = self.keys.get(self.index) {
            self.index += 1;
            let Some((name, value)) = self.de.ctx.entry(self.object, key)? else {
                continue;
            };
            if value.is_undefined() || value.as_object().is_some_and(|o| o.is_callable()) {
                continue;
            }
            self.value = value;
            let name = name
                .as_string()
                .map(|s| s.to_rust_string())
                .unwrap_or_default();
            return seed.deserialize(KeyDe(name)).map(Some);
        }
        Ok(None)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> SResult<V::Value> {
        let v = std::mem::replace(&mut self.value, Value::UNDEFINED);
        seed.deserialize(self.de.child(v)?)
    }
}

/// An object read as a struct: each field by name, missing when
/// `undefined`.
struct FieldsDe<'a> {
    de: De<'a>,
    object: Gc<JsObject>,
    fields: &'static [&'static str],
    index: usize,
    /// The value of the field just returned (see `MapDe::value`).
    value: Value,
}

impl<'de> de::MapAccess<'de> for FieldsDe<'_> {
    type Error = SerdeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> SResult<Option<K::Value>> {
        while let Some(&name) = self.fields.get(self.index) {
            self.index += 1;
            let key = self.de.ctx.static_key(name)?;
            let o = self.object;
            let r = self.de.ctx.exec.runtime.get(o, key, Value::object(o));
            let value = self.de.ctx.check(r)?;
            if value.is_undefined() {
                continue;
            }
            self.value = value;
            let name: de::value::BorrowedStrDeserializer<'_, SerdeError> =
                de::value::BorrowedStrDeserializer::new(name);
            return seed.deserialize(name).map(Some);
        }
        Ok(None)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> SResult<V::Value> {
        let v = std::mem::replace(&mut self.value, Value::UNDEFINED);
        seed.deserialize(self.de.child(v)?)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.fields.len() - self.index)
    }
}

/// An enum variant: its name and (for `{ Variant: value }`) its value.
struct EnumDe<'a> {
    de: De<'a>,
    name: String,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumDe<'a> {
    type Error = SerdeError;
    type Variant = De<'a>;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> SResult<(V::Value, De<'a>)> {
        let name: de::value::StringDeserializer<SerdeError> = self.name.into_deserializer();
        let v = seed.deserialize(name)?;
        Ok((v, self.de))
    }
}

impl<'de> de::VariantAccess<'de> for De<'_> {
    type Error = SerdeError;
    fn unit_variant(self) -> SResult<()> {
        de::Deserialize::deserialize(self)
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> SResult<T::Value> {
        seed.deserialize(self)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> SResult<V::Value> {
        de::Deserializer::deserialize_seq(self, visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> SResult<V::Value> {
        de::Deserializer::deserialize_struct(self, "", fields, visitor)
    }
}

/// A property name as a map key: a string, or parsed when the key type is
/// a number, a boolean or a char (`HashMap<u32, T>` from `{ "1": .. }`).
struct KeyDe(String);

macro_rules! parse_key {
    ($($method:ident $visit:ident $t:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
            match self.0.parse::<$t>() {
                Ok(v) => visitor.$visit(v),
                Err(_) => visitor.visit_string(self.0),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for KeyDe {
    type Error = SerdeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        visitor.visit_string(self.0)
    }

    parse_key! {
        deserialize_bool visit_bool bool,
        deserialize_i8 visit_i8 i8,
        deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32,
        deserialize_i64 visit_i64 i64,
        deserialize_i128 visit_i128 i128,
        deserialize_u8 visit_u8 u8,
        deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32,
        deserialize_u64 visit_u64 u64,
        deserialize_u128 visit_u128 u128,
        deserialize_f32 visit_f32 f32,
        deserialize_f64 visit_f64 f64
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> SResult<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> SResult<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> SResult<V::Value> {
        let name: de::value::StringDeserializer<SerdeError> = self.0.into_deserializer();
        visitor.visit_enum(name)
    }

    serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}
