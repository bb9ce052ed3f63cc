//! A generator of syntactically valid programs driven by the fuzzer's bytes
//! (`arbitrary::Unstructured`): statements and expressions over a
//! vocabulary aimed at the runtime's sharp edges — built-in methods called
//! on any receiver, getters and `valueOf`s that mutate what a built-in is
//! iterating, proxies, `apply` and spread with array-likes, typed arrays,
//! regexps with callbacks, eval and `Function`, generators and promises.
//! Every top-level statement runs in its own `try`, so an exception does not
//! end the program.

use arbitrary::Unstructured;

/// Nesting depth of expressions and statements.
const MAX_DEPTH: u32 = 5;
/// Top-level statements at most.
const MAX_STATEMENTS: usize = 24;

/// The program the bytes describe.
pub fn program(data: &[u8]) -> String {
    let mut g = Gen {
        u: Unstructured::new(data),
        out: String::new(),
        vars: 0,
        funcs: 0,
        depth: 0,
    };
    // A few values every program starts with.
    g.out.push_str(
        "var v0 = [1, 2, 3, 4, 5, 6, 7, 8]; var v1 = { a: 1, b: 'x', c: [1.5, 2.5] }; \
         var v2 = 'abcdefghij'; var v3 = function (a, b) { return a; };\n",
    );
    g.vars = 4;
    let n = g.u.int_in_range(1..=MAX_STATEMENTS).unwrap_or(1);
    for _ in 0..n {
        if g.u.is_empty() {
            break;
        }
        g.out.push_str("try {\n");
        g.statement();
        g.out.push_str("} catch (e) {}\n");
    }
    g.out
}

struct Gen<'a> {
    u: Unstructured<'a>,
    out: String,
    /// Variables `v0`..`v{vars-1}` declared (with `var`: visible anywhere).
    vars: u32,
    /// Functions `f0`..`f{funcs-1}` declared.
    funcs: u32,
    depth: u32,
}

const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "1",
    "-1",
    "2",
    "3",
    "7",
    "8",
    "16",
    "255",
    "256",
    "1.5",
    "-2.5",
    "NaN",
    "Infinity",
    "-Infinity",
    "2147483647",
    "-2147483648",
    "4294967295",
    "4294967296",
    "9007199254740991",
    "2 ** 53",
    "1e21",
    "0.1",
    "65535",
    "65536",
    "1114111",
    "100",
    "1e6",
    "2 ** 31",
    "2 ** 32 - 1",
    "-1e-7",
];

const STRINGS: &[&str] = &[
    "''",
    "'a'",
    "'abc'",
    "'length'",
    "'0'",
    "'1'",
    "'-0'",
    "'__proto__'",
    "'constructor'",
    "'prototype'",
    "'toString'",
    "'valueOf'",
    "'\\u{1F600}'",
    "'\\uD800'",
    "'a,b,c'",
    "'$&$1$<x>'",
    "'1e3'",
    "' 42 '",
    "'x'.repeat(100)",
    "'get'",
    "'set'",
    "'value'",
    "'then'",
    "'name'",
];

const GLOBALS: &[&str] = &[
    "Object",
    "Array",
    "Function",
    "String",
    "Number",
    "Boolean",
    "Symbol",
    "BigInt",
    "Math",
    "JSON",
    "Reflect",
    "Proxy",
    "Promise",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "WeakRef",
    "FinalizationRegistry",
    "Date",
    "RegExp",
    "Error",
    "TypeError",
    "RangeError",
    "ArrayBuffer",
    "SharedArrayBuffer",
    "DataView",
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "Float32Array",
    "Float64Array",
    "BigInt64Array",
    "BigUint64Array",
    "globalThis",
    "Atomics",
    "AggregateError",
    "Iterator",
    "parseInt",
    "parseFloat",
    "isNaN",
    "encodeURI",
    "decodeURIComponent",
    "escape",
    "unescape",
];

/// Method and property names of the built-ins (any receiver may get any).
const METHODS: &[&str] = &[
    // Array.prototype
    "at",
    "concat",
    "copyWithin",
    "entries",
    "every",
    "fill",
    "filter",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
    "flat",
    "flatMap",
    "forEach",
    "includes",
    "indexOf",
    "join",
    "keys",
    "lastIndexOf",
    "map",
    "pop",
    "push",
    "reduce",
    "reduceRight",
    "reverse",
    "shift",
    "slice",
    "some",
    "sort",
    "splice",
    "toLocaleString",
    "toReversed",
    "toSorted",
    "toSpliced",
    "toString",
    "unshift",
    "values",
    "with",
    // String.prototype
    "charAt",
    "charCodeAt",
    "codePointAt",
    "endsWith",
    "isWellFormed",
    "localeCompare",
    "match",
    "matchAll",
    "normalize",
    "padEnd",
    "padStart",
    "repeat",
    "replace",
    "replaceAll",
    "search",
    "split",
    "startsWith",
    "substring",
    "substr",
    "toLowerCase",
    "toUpperCase",
    "toWellFormed",
    "trim",
    "trimEnd",
    "trimStart",
    // Object, Function, others
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "valueOf",
    "apply",
    "bind",
    "call",
    "then",
    "catch",
    "finally",
    "get",
    "set",
    "has",
    "delete",
    "add",
    "clear",
    "next",
    "return",
    "throw",
    "exec",
    "test",
    "getTime",
    "setTime",
    "toISOString",
    "toJSON",
    "toFixed",
    "toPrecision",
    "toExponential",
    "subarray",
    "getInt32",
    "setFloat64",
    "resize",
    "transfer",
    "description",
    "deref",
    "register",
    "unregister",
];

/// Static functions, called as `NAME(args)`.
const STATICS: &[&str] = &[
    "Object.keys",
    "Object.values",
    "Object.entries",
    "Object.assign",
    "Object.create",
    "Object.defineProperty",
    "Object.defineProperties",
    "Object.freeze",
    "Object.seal",
    "Object.getOwnPropertyNames",
    "Object.getOwnPropertyDescriptors",
    "Object.setPrototypeOf",
    "Object.getPrototypeOf",
    "Object.fromEntries",
    "Object.groupBy",
    "Object.is",
    "Array.from",
    "Array.of",
    "Array.isArray",
    "Reflect.apply",
    "Reflect.construct",
    "Reflect.ownKeys",
    "Reflect.get",
    "Reflect.set",
    "Reflect.defineProperty",
    "Reflect.getPrototypeOf",
    "Reflect.setPrototypeOf",
    "Reflect.deleteProperty",
    "JSON.stringify",
    "JSON.parse",
    "Math.max",
    "Math.min",
    "Math.hypot",
    "Math.round",
    "Math.sign",
    "Math.clz32",
    "Math.fround",
    "Math.imul",
    "String.fromCharCode",
    "String.fromCodePoint",
    "String.raw",
    "Number.parseFloat",
    "Number.isInteger",
    "BigInt.asUintN",
    "BigInt.asIntN",
    "Symbol.for",
    "Symbol.keyFor",
    "Promise.all",
    "Promise.race",
    "Promise.allSettled",
    "Promise.any",
    "Promise.resolve",
    "Promise.reject",
    "Map.groupBy",
    "ArrayBuffer.isView",
    "Atomics.add",
    "Atomics.load",
    "Atomics.store",
    "Date.UTC",
    "Date.parse",
    "structuredClone",
    "eval",
    "Function",
    "isFinite",
    "parseInt",
];

const CONSTRUCTORS: &[&str] = &[
    "Array",
    "Object",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "Date",
    "RegExp",
    "Error",
    "ArrayBuffer",
    "DataView",
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "Float32Array",
    "Float64Array",
    "BigInt64Array",
    "Promise",
    "Proxy",
    "Function",
    "String",
    "Number",
    "Boolean",
    "AggregateError",
    "WeakRef",
    "FinalizationRegistry",
];

const WELL_KNOWN: &[&str] = &[
    "Symbol.iterator",
    "Symbol.asyncIterator",
    "Symbol.toPrimitive",
    "Symbol.species",
    "Symbol.hasInstance",
    "Symbol.isConcatSpreadable",
    "Symbol.toStringTag",
    "Symbol.unscopables",
    "Symbol.match",
    "Symbol.replace",
    "Symbol.split",
    "Symbol.search",
    "Symbol.matchAll",
];

const REGEXPS: &[&str] = &[
    "/a/g",
    "/(a)|b/g",
    "/(?<x>.)/gu",
    "/\\b/y",
    "/[^]*?/g",
    "/(a*)*b/",
    "/^(a|b)*$/",
    "/(?=a)/g",
    "/\\u{1F600}/u",
    "/./gs",
    "/(?:)/g",
    "/\\1(a)/",
    "/[\\w&&\\d]/v",
];

const BINARY: &[&str] = &[
    "+",
    "-",
    "*",
    "/",
    "%",
    "**",
    "<<",
    ">>",
    ">>>",
    "&",
    "|",
    "^",
    "==",
    "!=",
    "===",
    "!==",
    "<",
    "<=",
    ">",
    ">=",
    "&&",
    "||",
    "??",
    "in",
    "instanceof",
    ",",
];

const UNARY: &[&str] = &["-", "+", "!", "~", "typeof ", "void "];

impl Gen<'_> {
    fn pick<'s>(&mut self, list: &[&'s str]) -> &'s str {
        let i = self.u.choose_index(list.len()).unwrap_or(0);
        list[i]
    }

    fn below(&mut self, n: u32) -> u32 {
        self.u.int_in_range(0..=n.saturating_sub(1)).unwrap_or(0)
    }

    fn var(&mut self) -> String {
        format!("v{}", self.below(self.vars.max(1)))
    }

    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn statement(&mut self) {
        if self.depth > MAX_DEPTH {
            self.push(";\n");
            return;
        }
        self.depth += 1;
        match self.below(20) {
            0..=3 => {
                // A new variable (var: hoisted, visible to later functions).
                let v = format!("v{}", self.vars);
                self.vars += 1;
                self.push(&format!("var {v} = "));
                self.expr();
                self.push(";\n");
            }
            4..=6 => {
                self.expr();
                self.push(";\n");
            }
            7 => {
                self.push("if (");
                self.expr();
                self.push(") {\n");
                self.statement();
                self.push("} else {\n");
                self.statement();
                self.push("}\n");
            }
            8 => {
                let k = self.below(40);
                self.push(&format!("for (let i = 0; i < {k}; i++) {{\n"));
                self.statement();
                self.statement();
                self.push("}\n");
            }
            9 => {
                let f = self.funcs;
                self.funcs += 1;
                let kind = self.pick(&["function", "function*", "async function"]);
                self.push(&format!("{kind} f{f}(a, b, ...r) {{\n"));
                self.statement();
                self.statement();
                self.push("return ");
                self.expr();
                self.push(";\n}\n");
            }
            10 => {
                self.push("try {\n");
                self.statement();
                self.push("} catch (e) {\n");
                self.statement();
                self.push("} finally {\n");
                self.statement();
                self.push("}\n");
            }
            11 => {
                // An accessor that runs code at a built-in's property read.
                let target = self.var();
                self.push(&format!("Object.defineProperty({target}, "));
                self.key();
                self.push(", { get() { ");
                self.statement();
                self.push(" return ");
                self.expr();
                self.push("; }, set(x) { ");
                self.statement();
                self.push(" }, configurable: true });\n");
            }
            12 => {
                let target = self.var();
                self.push(&format!("{target}["));
                self.key();
                self.push("] = ");
                self.expr();
                self.push(";\n");
            }
            13 => {
                let target = self.var();
                let prop = self.pick(&["length", "__proto__", "0", "1", "prototype", "lastIndex"]);
                self.push(&format!("{target}[{prop:?}] = "));
                self.expr();
                self.push(";\n");
            }
            14 => {
                self.push("class C");
                let n = self.below(1000);
                self.push(&n.to_string());
                let derived = self.u.arbitrary().unwrap_or(false);
                if derived {
                    self.push(" extends ");
                    let base = self.pick(CONSTRUCTORS);
                    self.push(base);
                }
                self.push(" {\n constructor(...a) { ");
                if derived {
                    self.push("super(...a); ");
                }
                self.statement();
                self.push(" }\n m(x) { return ");
                self.expr();
                self.push("; }\n static s = ");
                self.expr();
                self.push(";\n #p = 1;\n get g() { return this.#p; }\n}\n");
                let v = format!("v{}", self.vars);
                self.vars += 1;
                self.push(&format!("var {v} = new C{n}("));
                self.args();
                self.push(");\n");
            }
            15 => {
                self.push("throw ");
                self.expr();
                self.push(";\n");
            }
            16 => {
                self.push("for (const x of ");
                self.expr();
                self.push(") {\n");
                self.statement();
                self.push("}\n");
            }
            17 => {
                self.push("for (const x in ");
                self.expr();
                self.push(") {\n");
                self.statement();
                self.push("}\n");
            }
            18 => {
                self.push("{\n");
                self.statement();
                self.statement();
                self.push("}\n");
            }
            _ => {
                let target = self.var();
                self.push(&format!("{target} = "));
                self.expr();
                self.push(";\n");
            }
        }
        self.depth -= 1;
    }

    fn key(&mut self) {
        match self.below(4) {
            0 => {
                let s = self.pick(STRINGS);
                self.push(s);
            }
            1 => {
                let s = self.pick(WELL_KNOWN);
                self.push(s);
            }
            2 => {
                let n = self.pick(NUMBERS);
                self.push(&format!("({n})"));
            }
            _ => self.expr(),
        }
    }

    fn args(&mut self) {
        let n = self.below(4);
        for i in 0..n {
            if i > 0 {
                self.push(", ");
            }
            self.expr();
        }
    }

    fn function(&mut self) {
        match self.below(4) {
            0 => {
                self.push("((a, b, c) => ");
                self.expr();
                self.push(")");
            }
            1 => {
                self.push("(function (a, b) { ");
                self.statement();
                self.push(" return ");
                self.expr();
                self.push("; })");
            }
            2 => {
                self.push("(function* (a) { yield ");
                self.expr();
                self.push("; yield* ");
                self.expr();
                self.push("; })");
            }
            _ => {
                self.push("(async (a) => { await ");
                self.expr();
                self.push("; return ");
                self.expr();
                self.push("; })");
            }
        }
    }

    fn expr(&mut self) {
        if self.depth > MAX_DEPTH || self.u.is_empty() {
            self.leaf();
            return;
        }
        self.depth += 1;
        match self.below(32) {
            0..=5 => self.leaf(),
            6 | 7 => {
                // A method of any receiver.
                self.push("(");
                self.expr();
                let m = self.pick(METHODS);
                self.push(&format!(").{m}("));
                self.args();
                self.push(")");
            }
            8 | 9 => {
                let f = self.pick(STATICS);
                self.push(&format!("{f}("));
                self.args();
                self.push(")");
            }
            10 => {
                let c = self.pick(CONSTRUCTORS);
                self.push(&format!("new {c}("));
                self.args();
                self.push(")");
            }
            11 => {
                // A list built by the fuzzer's choice, applied or spread.
                let how = self.pick(&[
                    "Math.max.apply(null, ",
                    "String.fromCharCode.apply(null, ",
                    "Reflect.apply(v3, null, ",
                    "v3.apply(null, ",
                    "Array.prototype.concat.apply([], ",
                    "Function.prototype.apply.call(Array.of, null, ",
                ]);
                self.push(how);
                self.array_like();
                self.push(")");
            }
            12 => {
                self.push("[");
                let n = self.below(6);
                for _ in 0..n {
                    if self.u.arbitrary().unwrap_or(false) {
                        self.push("...");
                    }
                    self.expr();
                    self.push(", ");
                }
                if self.u.arbitrary().unwrap_or(false) {
                    self.push(", , ");
                }
                self.push("]");
            }
            13 => self.object(),
            14 => self.function(),
            15 => {
                self.push("(");
                self.expr();
                let op = self.pick(BINARY);
                self.push(&format!(" {op} "));
                self.expr();
                self.push(")");
            }
            16 => {
                let op = self.pick(UNARY);
                self.push(&format!("({op}"));
                self.expr();
                self.push(")");
            }
            17 => {
                self.push("(");
                self.expr();
                self.push(")[");
                self.key();
                self.push("]");
            }
            18 => {
                // Replacement callbacks and regexps.
                self.push("(");
                self.expr();
                let m = self.pick(&[
                    "replace",
                    "replaceAll",
                    "split",
                    "match",
                    "matchAll",
                    "search",
                ]);
                let re = self.pick(REGEXPS);
                self.push(&format!(" + '').{m}({re}, "));
                self.function();
                self.push(")");
            }
            19 => {
                self.push("new Proxy(");
                self.expr();
                self.push(", { ");
                let n = 1 + self.below(3);
                for _ in 0..n {
                    let trap = self.pick(&[
                        "get",
                        "set",
                        "has",
                        "deleteProperty",
                        "ownKeys",
                        "getOwnPropertyDescriptor",
                        "defineProperty",
                        "getPrototypeOf",
                        "apply",
                        "construct",
                    ]);
                    self.push(&format!("{trap}(t, k, v) {{ "));
                    self.statement();
                    self.push(" return ");
                    self.expr();
                    self.push("; }, ");
                }
                self.push("})");
            }
            20 => {
                // Code made at run time.
                let how = self.pick(&["eval(", "(0, eval)(", "Function(", "new Function('a', "]);
                self.push(how);
                let saved = std::mem::take(&mut self.out);
                self.expr();
                let inner = std::mem::replace(&mut self.out, saved);
                self.push(&format!("{inner:?}"));
                self.push(")");
            }
            21 => {
                let t = self.pick(&[
                    "Int8Array",
                    "Uint8Array",
                    "Uint8ClampedArray",
                    "Int32Array",
                    "Float64Array",
                    "BigInt64Array",
                    "Uint16Array",
                    "Float32Array",
                ]);
                self.push(&format!("new {t}("));
                match self.below(3) {
                    0 => {
                        let n = self.pick(NUMBERS);
                        self.push(n);
                    }
                    1 => self.array_like(),
                    _ => {
                        self.push("new ArrayBuffer(16, { maxByteLength: 64 }), ");
                        self.expr();
                    }
                }
                self.push(")");
            }
            22 => {
                let target = self.var();
                self.push(&format!("({target} = "));
                self.expr();
                self.push(")");
            }
            23 => {
                self.push("(");
                self.expr();
                self.push(" ? ");
                self.expr();
                self.push(" : ");
                self.expr();
                self.push(")");
            }
            24 => {
                let f = self.below(self.funcs.max(1));
                if self.funcs == 0 {
                    self.push("v3(");
                } else {
                    self.push(&format!("f{f}("));
                }
                self.args();
                self.push(")");
            }
            25 => {
                self.push("`a${");
                self.expr();
                self.push("}b${");
                self.expr();
                self.push("}`");
            }
            26 => {
                self.push("(");
                self.expr();
                self.push(")?.[");
                self.key();
                self.push("]?.(");
                self.args();
                self.push(")");
            }
            27 => {
                // Sorting with a comparator that may mutate the array.
                let target = self.var();
                self.push(&format!("{target}.sort((x, y) => {{ "));
                self.statement();
                self.push(" return ");
                self.expr();
                self.push("; })");
            }
            28 => {
                // JSON with a reviver / replacer.
                self.push("JSON.parse(JSON.stringify(");
                self.expr();
                self.push(", ");
                self.function();
                self.push("), ");
                self.function();
                self.push(")");
            }
            29 => {
                self.push("[...");
                self.expr();
                self.push("]");
            }
            30 => {
                self.push("Symbol(");
                self.args();
                self.push(")");
            }
            _ => {
                let n = self.below(200);
                self.push(&format!("({n}n"));
                let op = self.pick(&[" ** ", " * ", " << ", " - ", " / ", " % "]);
                self.push(op);
                self.expr();
                self.push(")");
            }
        }
        self.depth -= 1;
    }

    /// An object whose elements or length are computed by code (getters
    /// and `valueOf`s that may mutate other values).
    fn array_like(&mut self) {
        match self.below(3) {
            0 => {
                let target = self.var();
                self.push(&target);
            }
            1 => {
                let len = self.pick(NUMBERS);
                self.push(&format!("{{ length: {len}, get 0() {{ "));
                self.statement();
                self.push(" return ");
                self.expr();
                self.push("; }, 1: { valueOf() { ");
                self.statement();
                self.push(" return 1; } } }");
            }
            _ => {
                self.push("[");
                let n = self.below(5);
                for _ in 0..n {
                    self.push("{ valueOf() { ");
                    self.statement();
                    self.push(" return ");
                    self.expr();
                    self.push("; } }, ");
                }
                self.push("]");
            }
        }
    }

    fn object(&mut self) {
        self.push("({ ");
        let n = self.below(5);
        let mut has_proto = false;
        for _ in 0..n {
            let mut which = self.below(6);
            if which == 3 && has_proto {
                which = 0;
            }
            has_proto |= which == 3;
            match which {
                0 => {
                    self.push("[");
                    self.key();
                    self.push("]: ");
                    self.expr();
                }
                1 => {
                    self.push("get [");
                    self.key();
                    self.push("]() { ");
                    self.statement();
                    self.push(" return ");
                    self.expr();
                    self.push("; }");
                }
                2 => {
                    let m = self.pick(&["valueOf", "toString", "[Symbol.toPrimitive]", "then"]);
                    self.push(&format!("{m}() {{ "));
                    self.statement();
                    self.push(" return ");
                    self.expr();
                    self.push("; }");
                }
                3 => {
                    self.push("__proto__: ");
                    self.expr();
                }
                4 => {
                    self.push("...");
                    self.expr();
                }
                _ => {
                    self.push("[Symbol.iterator]: function* () { ");
                    self.statement();
                    self.push(" yield ");
                    self.expr();
                    self.push("; }");
                }
            }
            self.push(", ");
        }
        self.push("})");
    }

    fn leaf(&mut self) {
        match self.below(9) {
            0 | 1 => {
                let n = self.pick(NUMBERS);
                self.push(&format!("({n})"));
            }
            2 => {
                let s = self.pick(STRINGS);
                self.push(s);
            }
            3 | 4 => {
                let v = self.var();
                self.push(&v);
            }
            5 => {
                let g = self.pick(GLOBALS);
                self.push(g);
            }
            6 => {
                let s = self.pick(&[
                    "true",
                    "false",
                    "null",
                    "undefined",
                    "this",
                    "arguments.length",
                ]);
                // `arguments` outside a function is a ReferenceError: fine.
                self.push(s);
            }
            7 => {
                let r = self.pick(REGEXPS);
                self.push(r);
            }
            _ => {
                let s = self.pick(WELL_KNOWN);
                self.push(s);
            }
        }
    }
}
