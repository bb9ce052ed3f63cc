//! Template objects of tagged templates (ECMA-262 13.2.8.4
//! GetTemplateObject).
//!
//! The backend creates the template object of a site when it compiles the
//! function containing the site and keeps it rooted for the life of the
//! program (`CompileHost::template_object`), so every evaluation of the
//! site passes the same object, as the per-realm [[TemplateMap]] of the
//! spec requires. Creating it early is not observable: the arrays are built
//! with CreateDataProperty and DefinePropertyOrThrow, which run no code.

use super::{Attributes, JsObject, PropertyDescriptor, PropertyKey};
use crate::gc::Gc;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// 13.2.8.4 GetTemplateObject steps 9-13: the frozen array of the cooked
/// strings (undefined for a part with a NotEscapeSequence) whose `raw`
/// property is the frozen array of the raw strings.
pub fn create_template_object(
    rt: &mut Runtime,
    cooked: &[Value],
    raw: &[Value],
) -> JsResult<Gc<JsObject>> {
    let template = rt.new_array(0)?;
    let raw_obj = rt.new_array(0)?;
    for (i, &v) in cooked.iter().enumerate() {
        rt.create_data_property_or_throw(template, PropertyKey::Index(i as u32), v)?;
    }
    for (i, &v) in raw.iter().enumerate() {
        rt.create_data_property_or_throw(raw_obj, PropertyKey::Index(i as u32), v)?;
    }
    // Step 11: SetIntegrityLevel(rawObj, frozen).
    rt.set_integrity_level(raw_obj, true)?;
    // Step 12: `raw` is non-writable, non-enumerable, non-configurable.
    let key = rt.key("raw")?;
    rt.define_property_or_throw(
        template,
        key,
        PropertyDescriptor::data(Value::object(raw_obj), Attributes::NONE),
    )?;
    // Step 13: SetIntegrityLevel(template, frozen).
    rt.set_integrity_level(template, true)?;
    Ok(template)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_objects_are_frozen_with_a_raw_array() {
        let mut rt = Runtime::new();
        let a = rt.atom("a").unwrap();
        let raw_a = rt.atom("\\a").unwrap();
        let t = create_template_object(
            &mut rt,
            &[Value::string(a), Value::UNDEFINED],
            &[Value::string(raw_a), Value::string(raw_a)],
        )
        .unwrap();
        assert!(!rt.is_extensible(t).unwrap());
        let d = rt
            .get_own_property(t, PropertyKey::Index(0))
            .unwrap()
            .unwrap();
        assert_eq!((d.writable, d.configurable), (Some(false), Some(false)));
        assert_eq!(
            rt.get(t, PropertyKey::Index(1), Value::object(t)).unwrap(),
            Value::UNDEFINED
        );
        let raw = rt.get_by_name(t, "raw").unwrap().as_object().unwrap();
        assert!(!rt.is_extensible(raw).unwrap());
        let key = rt.key("raw").unwrap();
        let d = rt.get_own_property(t, key).unwrap().unwrap();
        assert_eq!(d.enumerable, Some(false));
        assert_eq!(rt.get_by_name(raw, "length").unwrap(), Value::from_i32(2));
    }
}
