//! Early errors of a RegularExpressionLiteral (13.2.7.2 / 22.2.1 Patterns,
//! Annex B.1.2 for patterns without the `u` / `v` flag).
//!
//! Flags are checked here. The pattern is parsed by the `regress` crate,
//! which implements the ES2025 pattern grammar: Unicode mode (`u`), Unicode
//! sets mode (`v`: class set operations, `\q{}`, properties of strings),
//! named groups (duplicates in different alternatives), modifiers
//! `(?i-m:...)`, and in non-Unicode mode the Annex B.1.2 extensions
//! (`/{/`, `/]/`, `/\c/`, `/a{,/`, `\8`, octal escapes, `[\d-a]`,
//! quantified lookaheads, identity escapes, `\k` without named groups). A
//! survey of those forms found no Annex B pattern that regress rejects, so no
//! pre-check is needed; `tests` below pin that down so a regress upgrade
//! that broke it would be noticed.
//!
//! One regress bug is worked around: in Unicode mode, after a lead surrogate
//! `\uD83D` it tries to read a trail `\uXXXX`, and when that fails (e.g.
//! `\uD83D\u{DC38}+`) it resumes *after* the second `\u`, so `{DC38}` is
//! misread as a quantifier and a valid pattern is rejected. When regress
//! rejects a `u`/`v` pattern, such lone lead surrogates are rewritten to the
//! equivalent `\u{D83D}` form and the pattern is tried again.
//!
//! The rule is that a valid pattern must never be rejected, so regress's
//! implementation limits (nesting depth, number of groups or loops) and any
//! panic inside regress count as "valid". Two early errors that regress
//! misses are found by a scan of our own first ([`check_missed_errors`]):
//! a quantified `\b` / `\B` (`/\b*/`, in every mode), and `\q` outside a
//! class in `v` mode (`/\q{a}/v`).
//!
//! regress recurses and has super-linear pre-passes, so a linear scan of the
//! pattern comes first (robustness, see `jsparser/tests/robustness.rs`):
//! groups nested deeper than regress's limit (256) or one group name used
//! more than 1,000 times are accepted unchecked (as its limits are), and a
//! pattern with more than 64 `|` is validated on a thread whose stack is
//! sized for it (regress nests alternatives as a binary tree, recursively),
//! up to 1 GB of stack: about 250,000 alternatives; beyond, unchecked.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Validates the body (between the slashes) and the flags of a regular
/// expression literal: only `dgimsuvy`, each at most once, not both `u` and
/// `v`; the pattern must parse under those flags.
pub fn validate_regexp(body: &str, flags: &str) -> Result<(), String> {
    let mut seen = 0u8;
    for c in flags.chars() {
        let bit = match c {
            'd' => 0,
            'g' => 1,
            'i' => 2,
            'm' => 3,
            's' => 4,
            'u' => 5,
            'v' => 6,
            'y' => 7,
            _ => return Err(format!("Invalid regular expression flags '{flags}'")),
        };
        if seen & (1 << bit) != 0 {
            return Err(format!(
                "Invalid regular expression flags '{flags}': duplicate flag '{c}'"
            ));
        }
        seen |= 1 << bit;
    }
    let unicode = seen & (1 << 5) != 0;
    let unicode_sets = seen & (1 << 6) != 0;
    if unicode && unicode_sets {
        return Err(format!(
            "Invalid regular expression flags '{flags}': 'u' and 'v' cannot be combined"
        ));
    }
    check_missed_errors(body, unicode_sets)
        .map_err(|e| format!("Invalid regular expression: /{body}/{flags}: {e}"))?;
    // Only u / v change the pattern grammar; leaving out i, m, s (and the
    // optimiser) keeps validation cheap.
    let regress_flags = regress::Flags {
        unicode,
        unicode_sets,
        no_opt: true,
        ..regress::Flags::default()
    };
    let shape = PatternShape::of(body, unicode_sets);
    if shape.depth > REGRESS_MAX_DEPTH || shape.same_name_groups > MAX_SAME_NAME_GROUPS {
        // regress would report its nesting limit (after a pre-pass that is
        // quadratic in depth), or compare the groups pairwise.
        return Ok(());
    }
    if shape.alternatives > ALTERNATIVES_ON_CALLER_STACK {
        // regress nests `a|b|c...` as a right-leaning binary tree that it
        // walks and drops recursively: 100,000 alternatives need far more
        // than a 2 MB stack. Such (rare) patterns are validated on a thread
        // with a stack sized for them; when none can be had, unchecked.
        let stack = (8 << 20) + shape.alternatives.saturating_mul(STACK_PER_ALTERNATIVE);
        if stack > MAX_VALIDATION_STACK {
            return Ok(());
        }
        let (body, flags) = (body.to_string(), flags.to_string());
        return std::thread::Builder::new()
            .name("regexp-validation".into())
            .stack_size(stack)
            .spawn(move || validate_on_this_stack(&body, &flags, regress_flags))
            .ok()
            .and_then(|t| t.join().ok())
            .unwrap_or(Ok(()));
    }
    validate_on_this_stack(body, flags, regress_flags)
}

/// The early errors of 22.2.1.1 that regress does not report, found by one
/// linear scan that skips escapes and classes:
///
/// - `\b` and `\B` are Assertions, which take no Quantifier (22.2.1; in
///   Annex B.1.2 only lookaheads are QuantifiableAssertions, and a braced
///   quantifier after an assertion is an InvalidBracedQuantifier).
/// - In `v` mode, `\q` (ClassStringDisjunction) only exists inside a
///   class: elsewhere it is an IdentityEscape, which in Unicode mode must be
///   a SyntaxCharacter or `/`.
fn check_missed_errors(body: &str, unicode_sets: bool) -> Result<(), &'static str> {
    let b = body.as_bytes();
    // Depth of nested classes (only `v` nests them).
    let mut classes = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                if classes == 0 {
                    match b.get(i + 1) {
                        Some(b'b' | b'B') if starts_quantifier(b, i + 2) => {
                            return Err("Nothing to repeat");
                        }
                        Some(b'q') if unicode_sets => return Err("Invalid escape"),
                        _ => {}
                    }
                }
                i += 2;
                continue;
            }
            b'[' if classes == 0 || unicode_sets => classes += 1,
            b']' if classes > 0 => classes -= 1,
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Whether a Quantifier starts at `at`: `*`, `+`, `?`, or a complete
/// `{n}`, `{n,}`, `{n,m}`.
fn starts_quantifier(b: &[u8], at: usize) -> bool {
    match b.get(at) {
        Some(b'*' | b'+' | b'?') => true,
        Some(b'{') => {
            let digits = |from: usize| {
                b[from.min(b.len())..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count()
            };
            let mut j = at + 1;
            let n = digits(j);
            if n == 0 {
                return false;
            }
            j += n;
            if b.get(j) == Some(&b',') {
                j += 1;
                j += digits(j);
            }
            b.get(j) == Some(&b'}')
        }
        _ => false,
    }
}

/// regress's `MAX_NESTING_DEPTH` (groups and, with `v`, nested classes).
const REGRESS_MAX_DEPTH: usize = 256;
/// Occurrences of one group name above which regress's pairwise duplicate
/// check (quadratic) is skipped.
const MAX_SAME_NAME_GROUPS: usize = 1000;
/// `|` count up to which regress runs on the caller's stack (a debug build
/// uses about 1.5 KB of stack per alternative).
const ALTERNATIVES_ON_CALLER_STACK: usize = 64;
const STACK_PER_ALTERNATIVE: usize = 4096;
const MAX_VALIDATION_STACK: usize = 1 << 30;

/// What decides regress's stack depth and running time, from one linear
/// scan that skips escapes and classes the way regress's group pre-pass
/// does.
#[derive(Debug, Default, PartialEq)]
struct PatternShape {
    /// Deepest group nesting.
    depth: usize,
    /// Number of `|` outside classes.
    alternatives: usize,
    /// The most occurrences of one capture group name.
    same_name_groups: usize,
}

impl PatternShape {
    fn of(body: &str, unicode_sets: bool) -> PatternShape {
        let b = body.as_bytes();
        let mut shape = PatternShape::default();
        let mut names: std::collections::HashMap<&[u8], usize> = Default::default();
        let mut depth = 0usize;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 1,
                b'[' => {
                    // Nested classes only with `v`; `]` may not be escaped.
                    let mut classes = 1usize;
                    let mut deepest = 1usize;
                    i += 1;
                    while i < b.len() {
                        match b[i] {
                            b'\\' => i += 1,
                            b'[' if unicode_sets => {
                                classes += 1;
                                deepest = deepest.max(classes);
                            }
                            b']' => {
                                classes -= 1;
                                if classes == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                    shape.depth = shape.depth.max(depth + deepest);
                }
                b'(' => {
                    depth += 1;
                    shape.depth = shape.depth.max(depth);
                    if b.get(i + 1..i + 3) == Some(b"?<") {
                        // The name's characters (escapes included), up to
                        // `>`: each byte is scanned once.
                        let rest = &b[i + 3..];
                        let len = rest
                            .iter()
                            .take_while(|&&c| {
                                c.is_ascii_alphanumeric() || b"_$\\{}".contains(&c) || c >= 0x80
                            })
                            .count();
                        if len > 0 && rest.get(len) == Some(&b'>') {
                            let count = names.entry(&rest[..len]).or_default();
                            *count += 1;
                            shape.same_name_groups = shape.same_name_groups.max(*count);
                        }
                    }
                }
                b')' => depth = depth.saturating_sub(1),
                b'|' => shape.alternatives += 1,
                _ => {}
            }
            i += 1;
        }
        shape
    }
}

fn validate_on_this_stack(
    body: &str,
    flags: &str,
    regress_flags: regress::Flags,
) -> Result<(), String> {
    let unicode = regress_flags.unicode || regress_flags.unicode_sets;
    let parse = |pattern: &str| {
        catch_unwind(AssertUnwindSafe(|| {
            regress::Regex::with_flags(pattern, regress_flags).map(|_| ())
        }))
    };
    let mut result = parse(body);
    if matches!(result, Ok(Err(_))) && unicode {
        if let Some(rewritten) = brace_lone_lead_surrogates(body) {
            result = parse(&rewritten);
        }
    }
    match result {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) if is_implementation_limit(&e.text) => Ok(()),
        Ok(Err(e)) => Err(format!("Invalid regular expression: /{body}/{flags}: {e}")),
        // A bug in regress is no reason to reject the program.
        Err(_) => Ok(()),
    }
}

/// Rewrites each `\uXXXX` lead surrogate that is not followed by a
/// `\uXXXX` trail surrogate as `\u{XXXX}` (same meaning in Unicode mode);
/// None when there is none.
fn brace_lone_lead_surrogates(body: &str) -> Option<String> {
    let b = body.as_bytes();
    let hex4 = |at: usize| -> Option<u32> {
        let digits = b.get(at..at + 4)?;
        let text = std::str::from_utf8(digits).ok()?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u32::from_str_radix(text, 16).ok()
    };
    let mut out = String::with_capacity(body.len() + 8);
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        // `i` is a backslash: look at the escape, then skip it whole.
        if b.get(i + 1) == Some(&b'u') {
            if let Some(lead @ 0xD800..=0xDBFF) = hex4(i + 2) {
                let trail = if b.get(i + 6) == Some(&b'\\') && b.get(i + 7) == Some(&b'u') {
                    hex4(i + 8)
                } else {
                    None
                };
                if !matches!(trail, Some(0xDC00..=0xDFFF)) {
                    out.push_str(body.get(copied..i).unwrap_or(""));
                    out.push_str(&format!("\\u{{{lead:X}}}"));
                    i += 6;
                    copied = i;
                    continue;
                }
            }
        }
        i += 2;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(body.get(copied..).unwrap_or(""));
    Some(out)
}

/// regress errors that reflect its own limits, not the ECMAScript grammar.
fn is_implementation_limit(message: &str) -> bool {
    matches!(
        message,
        "Regular expression is too deeply nested"
            | "Capture group count limit exceeded"
            | "Loop count limit exceeded"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(body: &str, flags: &str) {
        if let Err(e) = validate_regexp(body, flags) {
            panic!("/{body}/{flags} rejected: {e}");
        }
    }

    fn bad(body: &str, flags: &str) {
        assert!(
            validate_regexp(body, flags).is_err(),
            "/{body}/{flags} accepted"
        );
    }

    #[test]
    fn valid_flags() {
        for flags in ["", "g", "dgimsuy", "dgimsvy", "yg", "v"] {
            ok("a", flags);
        }
    }

    #[test]
    fn invalid_flags() {
        for flags in ["x", "gg", "uv", "vu", "G", "é", "ii", "gimsuyg"] {
            bad("a", flags);
        }
    }

    #[test]
    fn annex_b_forms_are_valid_without_u() {
        for body in [
            "{",
            "}",
            "]",
            "a{",
            "a{,",
            "a{1",
            "a{1,",
            "a{,5}",
            "x{1},",
            "\\c",
            "\\c1",
            "[\\c]",
            "[\\c1]",
            "\\c_",
            "\\8",
            "\\9",
            "\\1",
            "\\01",
            "\\377",
            "[\\1]",
            "[\\8]",
            "\\k",
            "\\k<a>",
            "\\p{L}",
            "\\p",
            "\\u12",
            "\\x1",
            "\\z",
            "\\-",
            "[\\d-a]",
            "[a-\\d]",
            "[\\s-\\d]",
            "(?=a)*",
            "(?!a){2}",
            "\\u{1}",
            "(a)\\2",
            "[\\z]",
            "\\_",
            "\\/",
        ] {
            ok(body, "");
        }
    }

    #[test]
    fn annex_b_forms_are_invalid_with_u() {
        for body in [
            "{", "]", "\\c", "\\8", "\\z", "\\-", "[\\d-a]", "a{,5}", "(?=a)*", "(a)\\2",
        ] {
            bad(body, "u");
        }
    }

    #[test]
    fn es2025_features() {
        ok("(?<a>x)|(?<a>y)", "");
        ok("(?i:a)(?-i:b)", "");
        ok("(?ims-:a)", "");
        ok("(?<=a)b(?<!c)", "");
        ok("\\p{Script=Greek}", "u");
        ok("\\p{RGI_Emoji}", "v");
        ok("[\\p{L}--[a-z]]", "v");
        ok("[[a-z]&&[aeiou]]", "v");
        ok("[\\q{abc|d}]", "v");
        ok("(?<\\u{1d49c}>.)\\k<\\u{1d49c}>", "");
        ok("[\\u{1F600}-\\u{1F64F}]", "u");
    }

    #[test]
    fn syntax_errors() {
        bad("(", "");
        bad(")", "");
        bad("[", "");
        bad("*", "");
        bad("a**", "");
        bad("{1}", "");
        bad("x{2,1}", "");
        bad("[z-a]", "");
        bad("(?<a>a)(?<a>b)", "");
        bad("(?<=a)*", "");
        bad("\\p{Foo}", "u");
        bad("\\u{110000}", "u");
        bad("[(]", "v");
        bad("(?ii:a)", "");
        bad("(?-:a)", "");
    }

    #[test]
    fn quantified_word_boundaries() {
        for flags in ["", "u", "v"] {
            for body in [
                "\\b*", "\\B+", "a\\b?", "\\b{2}", "\\B{2,}", "\\b{1,3}", "(\\b*)",
            ] {
                bad(body, flags);
            }
            for body in ["\\b", "[\\b]*", "\\\\b*", "\\ba*", "(?:\\b)*"] {
                ok(body, flags);
            }
        }
        // Annex B.1.2: a `{` that starts no quantifier is a character.
        for body in ["\\b{", "\\b{a}", "\\b{2,", "\\B{,2}"] {
            ok(body, "");
        }
    }

    #[test]
    fn class_string_disjunction_only_in_classes() {
        bad("\\q{a}", "v");
        bad("a|\\q{abc|d}", "v");
        bad("\\q", "v");
        ok("[\\q{a}]", "v");
        ok("[[a]\\q{bc}]", "v");
        ok("[a--\\q{a}]", "v");
        ok("\\[\\q{a}]", "");
        // Without `v`, `\q` is an identity escape (Annex B) or an error
        // regress reports.
        ok("\\q{a}", "");
        bad("\\q{a}", "u");
    }

    #[test]
    fn implementation_limits_are_not_errors() {
        let deep = format!("{}a{}", "(".repeat(2000), ")".repeat(2000));
        ok(&deep, "");
        ok(&"(a)".repeat(70000), "");
    }

    #[test]
    fn lone_lead_surrogate_before_braced_escape() {
        ok("\\uD83D\\u{DC38}+", "u");
        ok("\\uD83D\\u{3042}*", "u");
        ok("\\uD83D\\uDC38+", "u");
        ok("[\\uD83D\\u{DC38}]", "u");
        ok("[\\uD83D\\u{DC38}]", "v");
        assert_eq!(
            brace_lone_lead_surrogates("a\\uD83D\\u{1}\\\\uD83D\\uD83D\\uDC00"),
            Some("a\\u{D83D}\\u{1}\\\\uD83D\\uD83D\\uDC00".to_string())
        );
        assert_eq!(brace_lone_lead_surrogates("\\uD83D\\uDC00é"), None);
    }

    /// Patterns that made regress overflow a 2 MB stack or run in
    /// quadratic time and memory (found by the robustness tests).
    #[test]
    fn huge_patterns_are_safe_on_a_small_stack() {
        let run = |body: String, flags: &'static str| {
            std::thread::Builder::new()
                .stack_size(2 << 20)
                .spawn(move || validate_regexp(&body, flags))
                .unwrap()
                .join()
                .expect("no stack overflow")
        };
        for flags in ["", "u", "v"] {
            assert_eq!(run(format!("{}x", "a|".repeat(100_000)), flags), Ok(()));
            let named: Vec<String> = (0..20_000).map(|_| "(?<n>a)".to_string()).collect();
            assert_eq!(run(named.join("|"), flags), Ok(()));
            let nested: String = (0..20_000).map(|i| format!("(?<n{i}>")).collect();
            assert_eq!(
                run(format!("{nested}{}", ")".repeat(20_000)), flags),
                Ok(())
            );
        }
        // Still validated: an error after many alternatives.
        assert!(run(format!("{}(", "a|".repeat(100_000)), "").is_err());
        assert!(run(format!("{}\\p{{Foo}}", "a|".repeat(1000)), "u").is_err());
        assert!(run("(?<n>a)(?<n>b)".to_string(), "").is_err());
    }

    #[test]
    fn pattern_shape() {
        let shape = |body: &str, v: bool| PatternShape::of(body, v);
        assert_eq!(shape("a|b|(c|d)", false).alternatives, 3);
        let escaped = shape("[|]\\|\\(", false);
        assert_eq!((escaped.depth, escaped.alternatives), (1, 0));
        assert_eq!(shape("((a)(b))", false).depth, 2);
        assert_eq!(shape("([[a]])", true).depth, 3);
        assert_eq!(shape("([[a]])", false).depth, 2);
        assert_eq!(shape("(?<x>)(?<y>)|(?<x>)", false).same_name_groups, 2);
        assert_eq!(
            shape("(?<\\u0078>)(?<=x>)(?<!x>)", false).same_name_groups,
            1
        );
        // Linear: lookbehinds are not names to scan for a `>`.
        let deep = "(?<=".repeat(100_000);
        assert_eq!(shape(&deep, false).depth, 100_000);
    }

    #[test]
    fn big_quantifiers() {
        ok("a{99999999999999999999}", "");
        ok("a{1000000}", "u");
    }
}
