//! Annex B.2.2.2-14: the HTML methods of String.prototype (`anchor`, `big`,
//! ..., `sup`), each a call of B.2.2.2.1 CreateHTML.

use super::units::{this_to_string, Units};
use crate::builtins::arg;
use crate::runtime::Runtime;
use crate::value::Value;
use crate::JsResult;

/// B.2.2.2.1 CreateHTML ( string, tag, attribute, value )
/// (#sec-createhtml). `attribute` is None for the methods without one.
fn create_html(
    rt: &mut Runtime,
    string: Value,
    method: &str,
    tag: &str,
    attribute: Option<(&str, Value)>,
) -> JsResult<Value> {
    // Steps 1-2.
    let s = this_to_string(rt, string, method)?;
    // Step 4: ToString of the value happens before anything is built.
    let attribute = match attribute {
        Some((name, value)) => Some((name, rt.to_string(value)?)),
        None => None,
    };
    let mut out = Units::with_capacity(s.len() + 2 * tag.len() + 5);
    out.push(u16::from(b'<'));
    out.push_str(tag);
    if let Some((name, v)) = attribute {
        out.push(u16::from(b' '));
        out.push_str(name);
        out.push_str("=\"");
        // Step 4.b: every " of the value becomes &quot;.
        for u in v.view().units() {
            if u == u16::from(b'"') {
                out.push_str("&quot;");
            } else {
                out.push(u);
            }
        }
        out.push(u16::from(b'"'));
    }
    out.push(u16::from(b'>'));
    out.push_all(s.view());
    out.push_str("</");
    out.push_str(tag);
    out.push(u16::from(b'>'));
    Units::check_length(rt, out.len() as f64)?;
    Ok(Value::string(out.finish(rt)?))
}

/// One HTML method: `$name(method, tag)` or `$name(method, tag, attribute)`
/// taking the attribute's value from the first argument.
macro_rules! html_method {
    ($(#[$doc:meta])* $fn:ident, $method:literal, $tag:literal) => {
        $(#[$doc])*
        pub(super) fn $fn(rt: &mut Runtime, this: Value, _: &[Value]) -> JsResult<Value> {
            create_html(rt, this, $method, $tag, None)
        }
    };
    ($(#[$doc:meta])* $fn:ident, $method:literal, $tag:literal, $attr:literal) => {
        $(#[$doc])*
        pub(super) fn $fn(rt: &mut Runtime, this: Value, args: &[Value]) -> JsResult<Value> {
            create_html(rt, this, $method, $tag, Some(($attr, arg(args, 0))))
        }
    };
}

html_method!(
    /// B.2.2.2 String.prototype.anchor ( name ).
    anchor, "anchor", "a", "name"
);
html_method!(
    /// B.2.2.3 String.prototype.big ( ).
    big, "big", "big"
);
html_method!(
    /// B.2.2.4 String.prototype.blink ( ).
    blink, "blink", "blink"
);
html_method!(
    /// B.2.2.5 String.prototype.bold ( ).
    bold, "bold", "b"
);
html_method!(
    /// B.2.2.6 String.prototype.fixed ( ).
    fixed, "fixed", "tt"
);
html_method!(
    /// B.2.2.7 String.prototype.fontcolor ( color ).
    fontcolor, "fontcolor", "font", "color"
);
html_method!(
    /// B.2.2.8 String.prototype.fontsize ( size ).
    fontsize, "fontsize", "font", "size"
);
html_method!(
    /// B.2.2.9 String.prototype.italics ( ).
    italics, "italics", "i"
);
html_method!(
    /// B.2.2.10 String.prototype.link ( url ).
    link, "link", "a", "href"
);
html_method!(
    /// B.2.2.11 String.prototype.small ( ).
    small, "small", "small"
);
html_method!(
    /// B.2.2.12 String.prototype.strike ( ).
    strike, "strike", "strike"
);
html_method!(
    /// B.2.2.13 String.prototype.sub ( ).
    sub, "sub", "sub"
);
html_method!(
    /// B.2.2.14 String.prototype.sup ( ).
    sup, "sup", "sup"
);
