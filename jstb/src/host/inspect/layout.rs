//! The layout half of the inspector: how the formatted entries of one
//! value become text (node's `reduceToSingleString`, `isBelowBreakLength`
//! and `groupArrayElements`: one line when it fits, else one entry a line,
//! short array items in aligned columns).

use jsruntime::gc::Gc;
use jsruntime::object::{JsObject, PropertyKey};
use jsruntime::Value;

use super::{js_len, visible_len, Ctx, Extras};

impl Ctx<'_> {
    /// node's `reduceToSingleString` (compact mode 3).
    pub(super) fn reduce_to_single_string(
        &mut self,
        mut output: Vec<String>,
        base: &str,
        braces: &[String; 2],
        extras: Extras,
        recurse_times: usize,
        array: Option<Gc<JsObject>>,
    ) -> String {
        let entries = output.len();
        if extras == Extras::Array && entries > 6 {
            output = self.group_array_elements(output, array);
        }
        if self.current_depth - recurse_times < self.opts.compact && entries == output.len() {
            let start =
                output.len() + self.indentation_lvl + js_len(&braces[0]) + js_len(base) + 10;
            if self.is_below_break_length(&output, start, base) {
                let joined = output.join(", ");
                if !joined.contains('\n') {
                    let b = if base.is_empty() {
                        String::new()
                    } else {
                        format!("{base} ")
                    };
                    return format!("{b}{} {joined} {}", braces[0], braces[1]);
                }
            }
        }
        let indentation = format!("\n{}", " ".repeat(self.indentation_lvl));
        let b = if base.is_empty() {
            String::new()
        } else {
            format!("{base} ")
        };
        format!(
            "{b}{}{indentation}  {}{indentation}{}",
            braces[0],
            output.join(&format!(",{indentation}  ")),
            braces[1]
        )
    }

    fn is_below_break_length(&self, output: &[String], start: usize, base: &str) -> bool {
        let mut total = output.len() + start;
        if total + output.len() > self.opts.break_length {
            return false;
        }
        for o in output {
            total += visible_len(o);
            if total > self.opts.break_length {
                return false;
            }
        }
        base.is_empty() || !base.contains('\n')
    }

    /// node's `groupArrayElements`: many short items in aligned columns.
    fn group_array_elements(
        &mut self,
        output: Vec<String>,
        array: Option<Gc<JsObject>>,
    ) -> Vec<String> {
        let mut total_length = 0usize;
        let mut max_length = 0usize;
        let mut output_length = output.len();
        // The "... N more items" entry is not grouped.
        if self.opts.max_array_length < output.len() {
            output_length -= 1;
        }
        let separator_space = 2;
        let mut data_len = Vec::with_capacity(output_length);
        for item in output.iter().take(output_length) {
            let len = visible_len(item);
            data_len.push(len);
            total_length += len + separator_space;
            max_length = max_length.max(len);
        }
        let actual_max = max_length + separator_space;
        if actual_max * 3 + self.indentation_lvl < self.opts.break_length
            && (total_length as f64 / actual_max as f64 > 5.0 || max_length <= 6)
        {
            let approx_char_heights = 2.5;
            let average_bias =
                (actual_max as f64 - total_length as f64 / output.len() as f64).sqrt();
            let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
            let columns = [
                ((approx_char_heights * biased_max * output_length as f64).sqrt() / biased_max)
                    .round() as usize,
                (self.opts.break_length - self.indentation_lvl) / actual_max,
                self.opts.compact * 4,
                15,
            ]
            .into_iter()
            .min()
            .unwrap_or(1);
            if columns <= 1 {
                return output;
            }
            let mut max_line_length = Vec::with_capacity(columns);
            for i in 0..columns {
                let mut line_length = 0;
                let mut j = i;
                while j < output_length {
                    line_length = line_length.max(data_len[j]);
                    j += columns;
                }
                max_line_length.push(line_length + separator_space);
            }
            // Numbers and bigints are right-aligned.
            let mut pad_start = array.is_some();
            if let Some(a) = array {
                for i in 0..output.len() {
                    let v = self
                        .rt
                        .get(a, PropertyKey::Index(i as u32), Value::object(a))
                        .unwrap_or(Value::UNDEFINED);
                    if !(v.is_number() || v.is_bigint()) {
                        pad_start = false;
                        break;
                    }
                }
            }
            let mut tmp = Vec::new();
            let mut i = 0;
            while i < output_length {
                let max = (i + columns).min(output_length);
                let mut line = String::new();
                let mut j = i;
                while j < max - 1 {
                    let cell = format!("{}, ", output[j]);
                    line.push_str(&pad(&cell, max_line_length[j - i], pad_start));
                    j += 1;
                }
                if pad_start {
                    let width = max_line_length[j - i] - separator_space;
                    line.push_str(&pad(&output[j], width, true));
                } else {
                    line.push_str(&output[j]);
                }
                tmp.push(line);
                i += columns;
            }
            if output_length < output.len() {
                tmp.push(output[output_length].clone());
            }
            return tmp;
        }
        output
    }
}

fn pad(s: &str, width: usize, start: bool) -> String {
    let len = visible_len(s);
    if len >= width {
        return s.to_string();
    }
    let fill = " ".repeat(width - len);
    if start {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}
