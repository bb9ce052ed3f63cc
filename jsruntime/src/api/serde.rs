//! Serde support (feature `serde`, on by default): [`Serde<T>`] carries any
//! `Serialize`/`Deserialize` type across as a JavaScript value, a struct as
//! a plain object; `serde_json::Value` converts directly.
//!
//! The data model is JSON's: numbers are `f64` (integers up to 2^53 are
//! exact), maps have string keys, `None`/unit are `null`, and `undefined`
//! reads as `null`.

use super::convert::{FromJs, IntoJs};
use super::value::wrong_kind;
use super::{Context, Error, JsValue, Result, ValueKind};

/// A Rust value converted through serde: `Serde(my_struct)` as an argument
/// or return value, `Serde<MyStruct>` as a parameter type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Serde<T>(pub T);

impl<T: serde::Serialize> IntoJs for Serde<T> {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        let json = serde_json::to_value(&self.0)
            .map_err(|e| Error::conversion("Rust value", "JavaScript value", e.to_string()))?;
        json.into_js(ctx)
    }
}

impl<T: serde::de::DeserializeOwned> FromJs for Serde<T> {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        let json = serde_json::Value::from_js(ctx, v)?;
        serde_json::from_value(json).map(Serde).map_err(|e| {
            Error::conversion(v.kind().name(), std::any::type_name::<T>(), e.to_string())
        })
    }
}

impl IntoJs for serde_json::Value {
    fn into_js(self, ctx: &mut Context) -> Result<JsValue> {
        use serde_json::Value as J;
        match self {
            J::Null => Ok(JsValue::NULL),
            J::Bool(b) => Ok(JsValue::boolean(b)),
            J::Number(n) => Ok(JsValue::number(n.as_f64().unwrap_or(f64::NAN))),
            J::String(s) => ctx.string(&s),
            J::Array(items) => items.into_js(ctx),
            J::Object(map) => {
                let o = ctx.object()?;
                for (k, v) in map {
                    let v = v.into_js(ctx)?;
                    ctx.create_property(&o, &k, &v)?;
                }
                Ok(o)
            }
        }
    }
}

/// Nesting beyond this is refused (cycles, or data too deep for JSON).
const MAX_DEPTH: u32 = 512;

impl FromJs for serde_json::Value {
    fn from_js(ctx: &mut Context, v: &JsValue) -> Result<Self> {
        to_json(ctx, v, 0)
    }
}

fn to_json(ctx: &mut Context, v: &JsValue, depth: u32) -> Result<serde_json::Value> {
    use serde_json::Value as J;
    if depth > MAX_DEPTH {
        return Err(Error::conversion(
            "object",
            "serde value",
            "nested too deeply (a cycle?)",
        ));
    }
    Ok(match v.kind() {
        ValueKind::Undefined | ValueKind::Null => J::Null,
        ValueKind::Boolean => J::Bool(v.as_bool().unwrap_or(false)),
        ValueKind::Number => {
            let n = v.as_number().unwrap_or(f64::NAN);
            if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
                if n >= 0.0 {
                    J::from(n as u64)
                } else {
                    J::from(n as i64)
                }
            } else {
                serde_json::Number::from_f64(n).map_or(J::Null, J::Number)
            }
        }
        ValueKind::String => J::String(v.as_string().unwrap_or_default()),
        ValueKind::Object if v.is_array() => {
            let items: Vec<JsValue> = Vec::from_js(ctx, v)?;
            let mut out = Vec::with_capacity(items.len());
            for item in &items {
                out.push(to_json(ctx, item, depth + 1)?);
            }
            J::Array(out)
        }
        ValueKind::Object => {
            let keys = v.keys(ctx)?;
            let mut map = serde_json::Map::new();
            for k in keys {
                let value: JsValue = v.get(ctx, k.as_str())?;
                if value.is_undefined() || value.is_function() {
                    continue;
                }
                map.insert(k, to_json(ctx, &value, depth + 1)?);
            }
            J::Object(map)
        }
        _ => return Err(wrong_kind(v, "serde value")),
    })
}
