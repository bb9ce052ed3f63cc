//! Compile commands: the flat, stack-oriented program that the analyzer
//! produces for each function and that [`crate::backend`] lowers to Cranelift
//! IR.
//!
//! A [`CompileScript`] is a list of [`CompileCommand`]s in *evaluation order*
//! (the post-order of the flattened AST, with markers at the points where
//! control flow splits or joins). Commands manipulate an *operand stack* that
//! only exists at compile time: the backend keeps one entry per pushed operand
//! (a constant, a typed SSA value, or a *reference* that has not been read yet)
//! and emits code as commands consume their operands. Nothing in the generated
//! code mirrors this stack at runtime.
//!
//! Every command documents its stack effect as `[inputs] -> [outputs]` (top of
//! the stack on the right) and declares it in the table that defines
//! [`CompileCommand`] ([`CompileCommand::stack_effect`]); the backend checks
//! the declaration after every command in debug builds. A *reference* is an
//! unresolved Reference Record (ECMA-262 6.2.5): commands that need a value
//! apply GetValue (6.2.5.5) to a reference operand themselves, so the analyzer
//! never emits an explicit read.
//!
//! # Control flow
//!
//! Structured control flow is expressed with *marker* commands that close the
//! section that precedes them (for example, `IfThen` closes the condition,
//! `Else` closes the consequent). The backend keeps a compile-time stack of
//! open constructs that mirrors this nesting; an unbalanced script is reported
//! as an error, never a panic.
//!
//! # Variables and closures
//!
//! Every binding has a [`Locator`] that says where the *current* function finds
//! it: an argument slot, a local slot, a capture of the closure, or the global
//! object. A reference to a binding of an enclosing function is emitted first
//! with [`Locator::None`] (a placeholder) and patched by the analyzer once it
//! resolves in an outer function (see docs/internals.md, "Closures").
//!
//! Bindings that are referenced by an inner function are marked
//! [`Variable::captured`]. They live in memory in the frame of their function
//! and escape to the heap: `Closure` + `Capture` create (on first use) a
//! capture cell pointing at the frame slot, and leaving the scope (normally, by
//! `break`/`continue`/`return` or by an exception) moves the value into the
//! cell. No list of open upvalues exists at runtime: the analyzer's scope tree
//! tells the backend statically which cells may exist.
//!
//! # Generators and async functions
//!
//! A generator or an async function is a coroutine: its script starts with
//! `JumpTable(n)` and has `n` numbered suspend points (`GeneratorStart`,
//! `Await`, `Yield`, `YieldDelegate`). The backend compiles it into one
//! function that dispatches on the saved state (see [`crate::backend`] and
//! the "Coroutines" section of docs/internals.md).

use std::collections::HashMap;
use std::fmt;

pub use super::helper::Helper;

/// The source position of a call that is not a frame of its own in stack
/// traces: function 0's call of a chunk of a huge top level
/// (`analyzer/chunks.rs`). The stack walk and the exception trace leave it
/// out, so the chunk's frame stands for the top level.
pub const HIDDEN_CALL_POSITION: u32 = u32::MAX - 2;

/// Index of a function in [`Program::functions`]. Function 0 is the top-level
/// script (ECMA-262 16.1.6 ScriptEvaluation) or module body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FunctionId(pub u32);

/// Index of a scope in [`CompileScript::scopes`] of the function that contains
/// it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeRef(pub u32);

/// Index of an identifier in [`Program::symbols`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Symbol(pub u32);

/// Index of a string literal in [`Program::strings`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StringId(pub u32);

/// Index of an inline-cache slot of the function (see
/// [`CompileScript::num_inline_caches`]); each property access site has its
/// own slot so that the backend can cache the shape seen at that site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CacheId(pub u32);

/// Where the current function finds a binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locator {
    /// Not resolved yet: a placeholder that the analyzer patches once the
    /// reference resolves in an enclosing function. The backend treats a
    /// leftover placeholder as a global reference (the binding was not found in
    /// any enclosing function, ECMA-262 9.1.2.1 GetIdentifierReference reaches
    /// the global environment).
    None,
    /// The i-th formal parameter of the current function.
    Argument(u16),
    /// The i-th local binding of the current function (over all its scopes).
    Local(u16),
    /// The i-th capture of the closure that is running: a binding of an
    /// enclosing function.
    Capture(u16),
    /// A property of the global object (or a global lexical binding; both are
    /// looked up by name at runtime).
    Global,
}

/// Unary operators (ECMA-262 13.4 and 13.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOperator {
    /// `x++` (13.4.2)
    PostfixIncrement,
    /// `x--` (13.4.3)
    PostfixDecrement,
    /// `++x` (13.4.4)
    PrefixIncrement,
    /// `--x` (13.4.5)
    PrefixDecrement,
    /// `delete x` (13.5.1)
    Delete,
    /// `void x` (13.5.2)
    Void,
    /// `typeof x` (13.5.3)
    Typeof,
    /// `+x` (13.5.4)
    Plus,
    /// `-x` (13.5.5)
    Minus,
    /// `~x` (13.5.6)
    BitwiseNot,
    /// `!x` (13.5.7)
    LogicalNot,
}

impl UnaryOperator {
    /// The operator as written in source code.
    pub fn as_str(self) -> &'static str {
        match self {
            UnaryOperator::PostfixIncrement => "x++",
            UnaryOperator::PostfixDecrement => "x--",
            UnaryOperator::PrefixIncrement => "++x",
            UnaryOperator::PrefixDecrement => "--x",
            UnaryOperator::Delete => "delete",
            UnaryOperator::Void => "void",
            UnaryOperator::Typeof => "typeof",
            UnaryOperator::Plus => "+",
            UnaryOperator::Minus => "-",
            UnaryOperator::BitwiseNot => "~",
            UnaryOperator::LogicalNot => "!",
        }
    }

    /// Whether the operator needs a reference operand (it writes the binding
    /// or deletes it) rather than a value.
    pub fn needs_reference(self) -> bool {
        matches!(
            self,
            UnaryOperator::PostfixIncrement
                | UnaryOperator::PostfixDecrement
                | UnaryOperator::PrefixIncrement
                | UnaryOperator::PrefixDecrement
                | UnaryOperator::Delete
        )
    }
}

/// Binary operators (ECMA-262 13.6 to 13.12). `&&`, `||` and `??` are not
/// here: they short-circuit, see [`CompileCommand::ShortCircuit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinaryOperator {
    /// `**` (13.6)
    Exponentiation,
    /// `*` (13.7)
    Multiplication,
    /// `/` (13.7)
    Division,
    /// `%` (13.7)
    Remainder,
    /// `+` (13.8.1)
    Addition,
    /// `-` (13.8.2)
    Subtraction,
    /// `<<` (13.9.1)
    LeftShift,
    /// `>>` (13.9.2)
    SignedRightShift,
    /// `>>>` (13.9.3)
    UnsignedRightShift,
    /// `<` (13.10)
    LessThan,
    /// `>` (13.10)
    GreaterThan,
    /// `<=` (13.10)
    LessThanOrEqual,
    /// `>=` (13.10)
    GreaterThanOrEqual,
    /// `instanceof` (13.10.2)
    InstanceOf,
    /// `in` (13.10)
    In,
    /// `==` (13.11)
    Equality,
    /// `!=` (13.11)
    Inequality,
    /// `===` (13.11)
    StrictEquality,
    /// `!==` (13.11)
    StrictInequality,
    /// `&` (13.12)
    BitwiseAnd,
    /// `^` (13.12)
    BitwiseXor,
    /// `|` (13.12)
    BitwiseOr,
}

impl BinaryOperator {
    /// The operator as written in source code.
    pub fn as_str(self) -> &'static str {
        match self {
            BinaryOperator::Exponentiation => "**",
            BinaryOperator::Multiplication => "*",
            BinaryOperator::Division => "/",
            BinaryOperator::Remainder => "%",
            BinaryOperator::Addition => "+",
            BinaryOperator::Subtraction => "-",
            BinaryOperator::LeftShift => "<<",
            BinaryOperator::SignedRightShift => ">>",
            BinaryOperator::UnsignedRightShift => ">>>",
            BinaryOperator::LessThan => "<",
            BinaryOperator::GreaterThan => ">",
            BinaryOperator::LessThanOrEqual => "<=",
            BinaryOperator::GreaterThanOrEqual => ">=",
            BinaryOperator::InstanceOf => "instanceof",
            BinaryOperator::In => "in",
            BinaryOperator::Equality => "==",
            BinaryOperator::Inequality => "!=",
            BinaryOperator::StrictEquality => "===",
            BinaryOperator::StrictInequality => "!==",
            BinaryOperator::BitwiseAnd => "&",
            BinaryOperator::BitwiseXor => "^",
            BinaryOperator::BitwiseOr => "|",
        }
    }

    /// Whether `op=` exists (ECMA-262 13.15 AssignmentOperator).
    pub fn has_compound_assignment(self) -> bool {
        matches!(
            self,
            BinaryOperator::Exponentiation
                | BinaryOperator::Multiplication
                | BinaryOperator::Division
                | BinaryOperator::Remainder
                | BinaryOperator::Addition
                | BinaryOperator::Subtraction
                | BinaryOperator::LeftShift
                | BinaryOperator::SignedRightShift
                | BinaryOperator::UnsignedRightShift
                | BinaryOperator::BitwiseAnd
                | BinaryOperator::BitwiseXor
                | BinaryOperator::BitwiseOr
        )
    }
}

/// The three short-circuit operators (ECMA-262 13.13) and their assignment
/// forms (13.15.2, `&&=`, `||=`, `??=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShortCircuitKind {
    /// `&&`: the right operand is evaluated if the left one is truthy.
    And,
    /// `||`: the right operand is evaluated if the left one is falsy.
    Or,
    /// `??`: the right operand is evaluated if the left one is undefined or
    /// null.
    Nullish,
}

impl ShortCircuitKind {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            ShortCircuitKind::And => "&&",
            ShortCircuitKind::Or => "||",
            ShortCircuitKind::Nullish => "??",
        }
    }
}

/// Which sections a loop has; see [`CompileCommand::LoopStart`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct LoopFlags(pub u8);

impl LoopFlags {
    /// `for (init; ...)`: an init section closed by `LoopInit`.
    pub const INIT: u8 = 1;
    /// A test before each iteration, closed by `LoopTest` (`for`, `while`).
    pub const TEST: u8 = 2;
    /// `for (...; ...; next)`: a next section closed by `LoopNext`.
    pub const NEXT: u8 = 4;
    /// `do ... while (test)`: the test follows the body and is closed by
    /// `LoopTest`.
    pub const POST_TEST: u8 = 8;

    /// Whether `flag` is set.
    pub fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }
}

/// Declares [`CompileCommand`] from one table: each entry gives a command's
/// doc, its fields, its stack effect, whether it leaves the references below
/// its operands lazy, and how `jstb compile --print commands` shows it.
///
/// An entry reads `Name(field: Type, ..): [pops => pushes] lazy => display,`
/// (or `Name { field: Type, .. }` / `Name` for the other kinds of variant):
/// - `[pops => pushes]` are expressions of the fields (see
///   [`StackEffect::Fixed`]); `[restore, at most N]` declares a marker that
///   returns the stack to the depth its section started at
///   ([`StackEffect::Restore`]).
/// - `lazy` (or `lazy if condition`) marks a command that neither changes a
///   binding nor branches: the backend leaves the identifier references below
///   its operands unread (see [`CompileCommand::settles`]).
/// - `display` writes the command to the formatter named in the header;
///   `program` is an `Option<&Program>` that resolves names when present.
///
/// The generated matches have no default arm: a new command must declare
/// all of this.
macro_rules! compile_commands {
    (@effect [restore, at most $max:literal]) => {
        StackEffect::Restore { max_pops: $max }
    };
    (@effect [$pops:expr => $pushes:expr]) => {
        StackEffect::Fixed {
            pops: $pops,
            pushes: $pushes,
        }
    };
    (@lazy) => {
        false
    };
    (@lazy lazy) => {
        true
    };
    (@lazy lazy if $condition:expr) => {
        $condition
    };
    (
        $(#[$meta:meta])*
        pub enum CompileCommand |$f:ident, $program:ident| {
            $(
                $(#[$doc:meta])*
                $name:ident
                $( ( $($field:ident : $field_type:ty),* ) )?
                $( { $($named:ident : $named_type:ty),* $(,)? } )?
                : $effect:tt $(lazy $(if $lazy_if:expr)?)? => $display:expr,
            )*
        }
    ) => {
        $(#[$meta])*
        pub enum CompileCommand {
            $(
                $(#[$doc])*
                // The variant's doc describes its named fields.
                $name $( ( $($field_type),* ) )? $( { $(#[allow(missing_docs)] $named: $named_type),* } )?,
            )*
        }

        impl CompileCommand {
            /// How the command changes the depth of the compile-time operand
            /// stack (the backend checks it after every command in debug
            /// builds).
            #[allow(unused_variables)]
            pub fn stack_effect(&self) -> StackEffect {
                match *self {
                    $(
                        CompileCommand::$name $( ( $($field),* ) )? $( { $($named),* } )?
                            => compile_commands!(@effect $effect),
                    )*
                }
            }

            /// Whether the backend snapshots the identifier references below
            /// the command's operands before lowering it (GetValue happens
            /// before a later operand can change the binding, and no
            /// reference is read in only one branch): false for the commands
            /// declared `lazy`.
            #[allow(unused_variables)]
            pub fn settles(&self) -> bool {
                match *self {
                    $(
                        CompileCommand::$name $( ( $($field),* ) )? $( { $($named),* } )?
                            => !compile_commands!(@lazy $(lazy $(if $lazy_if)?)?),
                    )*
                }
            }
        }

        /// Writes one command; symbols and strings are resolved through
        /// `program` when given, else shown by index.
        fn write_command(
            $f: &mut fmt::Formatter<'_>,
            command: &CompileCommand,
            $program: Option<&Program>,
        ) -> fmt::Result {
            match *command {
                $(
                    CompileCommand::$name $( ( $($field),* ) )? $( { $($named),* } )?
                        => $display,
                )*
            }
        }
    };
}

/// How a command changes the depth of the compile-time operand stack,
/// declared with the command in the table of [`CompileCommand`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StackEffect {
    /// Pops `pops` operands (the top of the stack), then pushes `pushes`.
    Fixed {
        /// Operands taken from the top of the stack.
        pops: usize,
        /// Operands pushed after.
        pushes: usize,
    },
    /// A marker that closes a section and returns the stack to the depth
    /// the section started at, popping the value the section left, if any:
    /// `Else` pops the consequent's value of a conditional expression and
    /// nothing in an `if` statement.
    Restore {
        /// The most operands the section may have left.
        max_pops: usize,
    },
}

impl StackEffect {
    /// The most operands the command takes from the top of the stack.
    pub fn max_pops(self) -> usize {
        match self {
            StackEffect::Fixed { pops, .. } => pops,
            StackEffect::Restore { max_pops } => max_pops,
        }
    }
}

compile_commands! {
    /// One step of a compile script. See the module documentation for the
    /// notation of stack effects. Declared in one table (see
    /// `compile_commands!`) with its stack effect and how it prints.
    #[derive(Clone, Copy, Debug, PartialEq)]
    pub enum CompileCommand |f, program| {
        // ----- Literals (ECMA-262 13.2.3) -----
        /// `[] -> [undefined]`
        Undefined: [0 => 1] lazy => f.write_str("Undefined"),
        /// `[] -> [null]`
        Null: [0 => 1] lazy => f.write_str("Null"),
        /// `[] -> [boolean]`
        Boolean(b: bool): [0 => 1] lazy => write!(f, "Boolean({b})"),
        /// `[] -> [number]`
        Number(n: f64): [0 => 1] lazy => write!(f, "Number({n:?})"),
        /// `[] -> [string]`: a string literal of the program's string table.
        String(id: StringId): [0 => 1] lazy => write_string(f, program, id),
        /// `[] -> [bigint]`: a BigInt literal (13.2.3.1 NumericLiteral ::
        /// BigIntLiteral); its digits, without prefix or separators, are in the
        /// string table.
        BigInt { radix: u32, digits: StringId }: [0 => 1] lazy
            => write_bigint(f, program, radix, digits),
        /// `[] -> [this]`: the this value of the function (ECMA-262 13.2.1);
        /// `undefined` in the top-level script until the realm provides the global
        /// this.
        This: [0 => 1] lazy => f.write_str("This"),

        // ----- References -----
        /// `[] -> [reference]`: an identifier reference (ECMA-262 13.1,
        /// 9.4.2 ResolveBinding) located at compile time.
        VariableReference(symbol: Symbol, locator: Locator): [0 => 1] lazy
            => write!(f, "VariableReference({}, {locator})", symbol_name(program, symbol)),
        /// `[env_1, .., env_n, name] -> [reference]`: an identifier reference
        /// resolved through `envs` dynamic environments (the objects of
        /// enclosing `with` statements, innermost first; 9.1.2.1
        /// GetIdentifierReference with 9.1.1.2.1 HasBinding) before its static
        /// binding `locator`. Bit `i` of `with_mask` is set when env `i` is a
        /// `with` object (@@unscopables applies and the object is the this value
        /// of a call, 9.1.1.2.10 WithBaseObject). The environments are searched
        /// once, when the command runs; the reference then reads, writes, calls,
        /// `typeof`s or deletes the property of the object found, or the static
        /// binding when no environment has the name.
        DynamicReference {
            symbol: Symbol,
            locator: Locator,
            envs: u16,
            with_mask: u32,
        }: [envs as usize + 1 => 1] => write!(
            f,
            "DynamicReference({}, {locator}, envs={envs}, with={with_mask:#b})",
            symbol_name(program, symbol)
        ),
        /// `[object, key] -> [reference]`: a property reference `object[key]` or
        /// `object.key` (ECMA-262 13.3.2). The key of `object.name` is pushed
        /// with `String`; the cache slot belongs to this access site.
        PropertyReference(cache: CacheId): [2 => 1]
            => write!(f, "PropertyReference(ic{})", cache.0),
        /// `[object, key] -> [value]`: a property read used only as a value
        /// (GetValue of a property reference, ECMA-262 6.2.5.5). The analyzer
        /// emits it instead of `PropertyReference` when the member expression is
        /// not an assignment target, a callee or an operand of `delete`, so the
        /// read happens before the evaluation of later operands.
        GetProperty(cache: CacheId): [2 => 1] => write!(f, "GetProperty(ic{})", cache.0),
        /// `[object, key] -> [callee]`: the callee of a method call `o.m(...)`:
        /// the property is read right away (13.3.6.1 steps 1-2: GetValue of the
        /// callee reference comes before ArgumentListEvaluation) and `object`
        /// is kept as the this value of the following `Call`.
        CalleeProperty(cache: CacheId): [2 => 1] => write!(f, "CalleeProperty(ic{})", cache.0),
        /// `[function, this] -> [callee]`: a callee whose this value was kept in
        /// a temporary (`o.m?.()`, `(o?.m)()`), for the following `Call`.
        CalleeWithThis: [2 => 1] => f.write_str("CalleeWithThis"),
        /// `[this, key, home] -> [value]`: a `super[key]` / `super.name` read
        /// (13.3.7.3 MakeSuperPropertyReference, 6.2.5.5 GetValue with `this`
        /// as the receiver): the base is `home.[[GetPrototypeOf]]()`
        /// (9.1.1.3.5 GetSuperBase), taken before the key is converted. With
        /// a constant key the read goes through the site's inline cache on
        /// the base.
        GetSuperProperty(cache: CacheId): [3 => 1]
            => write!(f, "GetSuperProperty(ic{})", cache.0),
        /// `[object, key, value] -> [object]`: a public class field (7.3.33
        /// DefineField: 7.3.7 CreateDataPropertyOrThrow on the instance, or
        /// on the class for a static field). With a constant key the
        /// definition goes through the site's (set) inline cache: the add
        /// transition of the field, or its own slot when the field exists
        /// as a writable, enumerable, configurable data property.
        DefineField(cache: CacheId): [3 => 1] => write!(f, "DefineField(ic{})", cache.0),
        /// `[object, name, value] -> [object]`: a private field (7.3.33
        /// DefineField step 5, 7.3.28 PrivateFieldAdd: a TypeError if the
        /// object already has the private name). The site's set cache holds
        /// the add transition for one private name (never an own entry: a
        /// second add must throw).
        DefinePrivateField(cache: CacheId): [3 => 1]
            => write!(f, "DefinePrivateField(ic{})", cache.0),

        // ----- Scopes and declarations -----
        /// `[] -> []`: enters a block (or function) scope. Bindings of the scope
        /// that are captured get an empty capture-cell slot.
        PushScope(scope: ScopeRef): [0 => 0] lazy => write!(f, "PushScope({})", scope.0),
        /// `[] -> []`: leaves the scope entered by the matching `PushScope`;
        /// captured bindings escape to their cells.
        PopScope(scope: ScopeRef): [0 => 0] lazy => write!(f, "PopScope({})", scope.0),
        /// `[] -> []`: instantiates the bindings of the scope (ECMA-262 10.2.11
        /// FunctionDeclarationInstantiation, 14.2.3 BlockDeclarationInstantiation):
        /// `var` bindings become undefined, lexical ones uninitialized.
        DeclareVars(scope: ScopeRef): [0 => 0] => write!(f, "DeclareVars({})", scope.0),
        /// `[reference, value] -> []`: InitializeReferencedBinding (9.1.1.1.4) of
        /// a declaration: `let x = v`, `const`, hoisted functions, a catch
        /// parameter.
        Initialize: [2 => 0] => f.write_str("Initialize"),

        // ----- Functions -----
        /// `[] -> [closure]`: creates a function object for the given function
        /// (ECMA-262 10.2.3 OrdinaryFunctionCreate). It is followed by exactly
        /// one `Capture` per entry of the inner function's
        /// [`CompileScript::captures`], in order.
        Closure(function: FunctionId): [0 => 1] lazy => write!(f, "Closure(fn{})", function.0),
        /// `[closure] -> [closure]`: stores into the next capture slot of the
        /// closure the capture cell of the binding at the locator (a locator of
        /// the *current* function; `Capture(i)` forwards one of its own cells).
        Capture(locator: Locator): [1 => 1] lazy => write!(f, "Capture({locator})"),
        /// `[callee, arg0, .. argN-1] -> [result]`: Call (ECMA-262 13.3.6.1).
        /// A property reference callee supplies the this value.
        Call(argc: u16): [argc as usize + 1 => 1] => write!(f, "Call({argc})"),
        /// `[constructor, arg0, .. argN-1] -> [object]`: `new` (13.3.5.1).
        New(argc: u16): [argc as usize + 1 => 1] => write!(f, "New({argc})"),
        /// `[F, newTarget, arg0, .. argN-1] -> [object]`: `super(args)`
        /// without spread elements in a derived constructor whose active
        /// function is F (13.3.7.1 steps 3-7, 13.3.7.2 GetSuperConstructor:
        /// `F.[[GetPrototypeOf]]()` must be a constructor, then Construct
        /// with newTarget). With spread elements the analyzer uses
        /// `Helper(SuperCall)` on an array.
        SuperCall(argc: u16): [argc as usize + 2 => 1] => write!(f, "SuperCall({argc})"),
        /// `[F, newTarget] -> [object]`: the `super(...args)` of a default
        /// derived constructor (15.7.14 step 14.a.i): Construct of
        /// `F.[[GetPrototypeOf]]()` with the function's own arguments, not
        /// iterated.
        SuperCallForward: [2 => 1] => f.write_str("SuperCallForward"),
        /// `[callee, arg0, .. argN-1, scope] -> [result]`: a call written
        /// `eval(...)` (13.3.6.1 step 6): when the callee is %eval% and the
        /// first argument a string, PerformEval with direct = true (19.2.1.1) in
        /// the caller's scope, else an ordinary call. `scope` is a closure of a
        /// scope-descriptor function ([`CompileScript::eval_scope`]) whose
        /// captures are every binding visible at the call.
        DirectEval(argc: u16): [argc as usize + 2 => 1] => write!(f, "DirectEval({argc})"),
        /// `[value] -> []` or `[] -> []`: returns from the function, running the
        /// enclosing `finally` blocks first (ECMA-262 14.10).
        Return(has_value: bool): [has_value as usize => 0] => write!(f, "Return({has_value})"),
        /// `[value] -> []`: throws (ECMA-262 14.14).
        Throw: [1 => 0] => f.write_str("Throw"),

        // ----- Objects and arrays -----
        /// `[] -> [object]`: a new ordinary object (13.2.5).
        Object: [0 => 1] => f.write_str("Object"),
        /// `[object, key, value] -> [object]`: CreateDataPropertyOrThrow (7.3.7)
        /// for an object literal's property definition.
        CreateDataProperty: [3 => 1] => f.write_str("CreateDataProperty"),
        /// `[] -> [array]`: a new empty array (13.2.4).
        Array: [0 => 1] => f.write_str("Array"),
        /// `[array, value] -> [array]`: appends an element of an array literal.
        PushArrayElement: [2 => 1] => f.write_str("PushArrayElement"),
        /// `[array] -> [array]`: appends the literals of
        /// `Program::constant_lists[list]` (a run of literal elements of an
        /// array literal: `PushArrayElement` of each, in one step).
        PushArrayConstants(list: u32): [1 => 1] => write!(f, "PushArrayConstants({list})"),

        // ----- Operators -----
        /// `[operand] -> [result]`; the operand is a reference for the operators
        /// where [`UnaryOperator::needs_reference`] holds.
        Unary(op: UnaryOperator): [1 => 1] => write!(f, "Unary({})", op.as_str()),
        /// `[lhs, rhs] -> [result]`
        Binary(op: BinaryOperator): [2 => 1] => write!(f, "Binary({})", op.as_str()),
        /// `[reference, value] -> [value]`: `=` (ECMA-262 13.15.2).
        Assignment: [2 => 1] => f.write_str("Assignment"),
        /// `[reference, old value, rhs] -> [result]`: `op=` (ECMA-262 13.15.2),
        /// closing a `CompoundAssignmentBegin`.
        CompoundAssignment(op: BinaryOperator): [3 => 1]
            => write!(f, "CompoundAssignment({}=)", op.as_str()),
        /// `[reference] -> [reference, old value]`: starts a compound assignment:
        /// GetValue of the reference happens *before* the right-hand side is
        /// evaluated (13.15.2 step 1.b). Followed by the right-hand side and
        /// `CompoundAssignment(op)`, which then has the stack
        /// `[reference, old value, rhs] -> [result]`.
        CompoundAssignmentBegin: [1 => 2] => f.write_str("CompoundAssignmentBegin"),
        /// `[lhs] -> []`, followed by the right-hand side and `ShortCircuitEnd`
        /// (`[rhs] -> [result]`): the short-circuit operators (ECMA-262 13.13).
        /// The right-hand side runs only when the operator does not
        /// short-circuit; the result is the left value otherwise.
        ShortCircuit(kind: ShortCircuitKind): [1 => 0]
            => write!(f, "ShortCircuit({})", kind.as_str()),
        /// `[reference] -> []`, followed by the right-hand side and
        /// `ShortCircuitEnd` (`[rhs] -> [result]`): logical assignment (13.15.2
        /// `&&=`, `||=`, `??=`). The reference is read first; the right-hand side
        /// is evaluated and assigned only when the operator does not
        /// short-circuit.
        ShortCircuitAssignment(kind: ShortCircuitKind): [1 => 0]
            => write!(f, "ShortCircuitAssignment({}=)", kind.as_str()),
        /// Closes `ShortCircuit` or `ShortCircuitAssignment`.
        ShortCircuitEnd: [1 => 1] => f.write_str("ShortCircuitEnd"),

        // ----- Conditionals (ECMA-262 14.6, 13.14) -----
        /// `[condition] -> []`: ToBoolean of the condition; what follows runs
        /// when it is true.
        IfThen: [1 => 0] => f.write_str("IfThen"),
        /// Closes the consequent and starts the alternative: `[value] -> []`
        /// after the consequent of a conditional expression (the value goes
        /// to the merge point), `[] -> []` in an `if` statement.
        Else: [restore, at most 1] => f.write_str("Else"),
        /// Closes an `if` statement without `else`.
        IfStatement: [0 => 0] => f.write_str("IfStatement"),
        /// Closes an `if` statement with `else`.
        IfElseStatement: [0 => 0] => f.write_str("IfElseStatement"),
        /// Closes a conditional expression `c ? a : b`: the consequent and the
        /// alternative each left one value; `[a | b] -> [result]`.
        ConditionalExpression: [1 => 1] => f.write_str("ConditionalExpression"),

        // ----- switch (ECMA-262 14.12) -----
        /// `[value] -> [index]`: the clause index of the first case of
        /// `Program::case_tables[table]` whose selector (a constant: a number,
        /// string, boolean, `null` or `undefined` literal) is strictly equal
        /// to the value, else the table's fallback. A run of
        /// constant selectors is tested in one step: evaluating a constant has
        /// no effect, so testing them together keeps the order of 14.12.2
        /// CaseBlockEvaluation.
        CaseIndex(table: u32): [1 => 1] => write!(f, "CaseIndex({table})"),
        /// `[index] -> []`: opens the clauses of a `switch`: jumps to clause
        /// `index` (an int32 from 0 to `clauses`; `clauses` jumps past the
        /// last one). Each clause starts with `SwitchClause(k)`, in order, and
        /// falls through to the next; `SwitchEnd` closes them.
        SwitchCases(clauses: u32): [1 => 0] => write!(f, "SwitchCases({clauses})"),
        /// Starts clause `k` of the innermost `SwitchCases`.
        SwitchClause(k: u32): [0 => 0] => write!(f, "SwitchClause({k})"),
        /// Closes the innermost `SwitchCases`.
        SwitchEnd: [0 => 0] => f.write_str("SwitchEnd"),

        // ----- Loops (ECMA-262 14.7) -----
        /// Opens a loop; the flags say which sections follow, in this order:
        /// init (closed by `LoopInit`), test (closed by `LoopTest`), next (closed
        /// by `LoopNext`), body (closed by `LoopBody`), a post test (`do-while`,
        /// closed by `LoopTest`), and `LoopEnd`.
        ///
        /// A pending `LabelStart` directly before `LoopStart` labels the loop.
        LoopStart(flags: LoopFlags): [0 => 0] => write_loop_start(f, flags),
        /// Closes the init section.
        LoopInit: [0 => 0] => f.write_str("LoopInit"),
        /// `[condition] -> []`: closes a test section; the loop exits when the
        /// condition is falsy.
        LoopTest: [1 => 0] => f.write_str("LoopTest"),
        /// Closes the next section (`for (;; next)`).
        LoopNext: [0 => 0] => f.write_str("LoopNext"),
        /// Closes the body.
        LoopBody: [0 => 0] => f.write_str("LoopBody"),
        /// Closes the loop.
        LoopEnd: [0 => 0] => f.write_str("LoopEnd"),
        /// Opens a labelled statement (ECMA-262 14.13).
        LabelStart(label: Symbol): [0 => 0] lazy
            => write!(f, "LabelStart({})", symbol_name(program, label)),
        /// Closes a labelled statement: the target of `break label`.
        LabelEnd(label: Symbol): [0 => 0] lazy
            => write!(f, "LabelEnd({})", symbol_name(program, label)),
        /// `break` (ECMA-262 14.9), optionally with a label.
        Break(label: Option<Symbol>): [0 => 0] => write_jump(f, program, "Break", label),
        /// `continue` (ECMA-262 14.8), optionally with a label.
        Continue(label: Option<Symbol>): [0 => 0] => write_jump(f, program, "Continue", label),

        // ----- Exceptions (ECMA-262 14.15) -----
        /// Opens a `try` statement; the flags say whether `Catch` and `Finally`
        /// follow.
        Try { has_catch: bool, has_finally: bool }: [0 => 0] => write!(
            f,
            "Try(catch: {has_catch}, finally: {has_finally})"
        ),
        /// Closes the protected block and opens the catch block. With a
        /// parameter, the caught value is pushed: `[] -> [exception]` (the
        /// analyzer binds it with `VariableReference`, `Swap`, `Initialize`).
        Catch(has_parameter: bool): [0 => has_parameter as usize]
            => write!(f, "Catch({has_parameter})"),
        /// Closes the previous block and opens the `finally` block.
        Finally: [0 => 0] => f.write_str("Finally"),
        /// Closes the `try` statement.
        TryEnd: [0 => 0] => f.write_str("TryEnd"),

        // ----- Stack manipulation -----
        /// `[value] -> []`: the value of an expression statement is not used.
        Discard: [1 => 0] => f.write_str("Discard"),
        /// `[a] -> [a, a]`
        Dup: [1 => 2] lazy => f.write_str("Dup"),
        /// `[a, b] -> [b, a]`
        Swap: [2 => 2] lazy => f.write_str("Swap"),
        /// `[reference] -> [reference, value]`: GetValue of the reference while
        /// keeping it (used for `a.b()`-like patterns built by hand).
        Dereference: [1 => 2] => f.write_str("Dereference"),
        /// `debugger` (ECMA-262 14.16): no effect.
        Debugger: [0 => 0] lazy => f.write_str("Debugger"),

        // ----- Arguments and global declarations -----
        /// `[] -> [array]`: a new array holding the arguments of the current call
        /// from index `start` on: a rest parameter (ECMA-262 10.2.11 step 23,
        /// `...rest`).
        Arguments(start: u16): [0 => 1] => write!(f, "Arguments({start})"),
        /// `[] -> [object]`: the `arguments` object of the current call
        /// (ECMA-262 10.4.4; see [`ArgumentsMapping`]).
        ArgumentsObject(mapping: ArgumentsMapping): [0 => 1] => write_arguments_object(f, mapping),
        /// `[] -> [value]`: NewTarget of the current call (13.3.12.1): the
        /// constructor under `new`, undefined for a call. Only in the prologue
        /// of a function that uses `new.target`.
        NewTarget: [0 => 1] => f.write_str("NewTarget"),
        /// `[] -> [referrer]`: GetActiveScriptOrModule (9.4.1) of the code
        /// being compiled, as the host knows it (the id of its program), for
        /// `import()` and `import.meta`.
        ActiveScriptOrModule: [0 => 1] => f.write_str("ActiveScriptOrModule"),
        /// `[] -> [array]`: the template object of tagged template site
        /// `Program::templates[site]` (13.2.8.4 GetTemplateObject): the same
        /// frozen array on every evaluation.
        TemplateObject(site: u32): [0 => 1] => write_template_object(f, program, site),
        /// `[] -> []`: CreateGlobalVarBinding (ECMA-262 9.1.1.4.17) for a `var`
        /// or function declaration of a script (16.1.7
        /// GlobalDeclarationInstantiation): an undefined global object property
        /// unless one exists.
        DeclareGlobalVar(symbol: Symbol): [0 => 0]
            => write!(f, "DeclareGlobalVar({})", symbol_name(program, symbol)),

        // ----- Runtime helpers -----
        /// `[a0 .. an-1] -> [result]` with `n = helper.arity()`: one of the
        /// runtime operations of [`Helper`] (iteration, spread, rest, accessor
        /// definitions), applied to the values of its operands.
        Helper(helper: Helper): [helper.arity() => 1] lazy if helper == Helper::Hole
            => write!(f, "Helper({helper:?})"),

        // ----- Private names -----
        /// `[name] -> [key]`: marks the value of a private name binding
        /// (`#x`) as the key of a private reference: the `GetProperty`,
        /// `PropertyReference` and `CalleeProperty` that consume it access
        /// the private element (7.3.31 PrivateGet, 7.3.32 PrivateSet)
        /// instead of a property.
        PrivateKey: [1 => 1] lazy => f.write_str("PrivateKey"),

        // ----- Coroutines (generators and async functions) -----
        /// The first command of a generator or async function: the function
        /// is a coroutine with `states` resume points (states `1..=states`;
        /// state 0 is the call). The backend starts the function with a
        /// `br_table` on the saved state.
        JumpTable(states: u32): [0 => 0] => write!(f, "JumpTable({states})"),
        /// `[] -> []`: the end of FunctionDeclarationInstantiation of a
        /// generator (27.5.3.1 GeneratorStart, 27.6.3.3 AsyncGeneratorStart):
        /// the call returns the generator object; the first `next()` resumes
        /// at `state`.
        GeneratorStart(state: u32): [0 => 0] => write!(f, "GeneratorStart({state})"),
        /// `[value] -> [result]`: suspends at the given resume state until the
        /// awaited value settles (ECMA-262 27.7.5.3 Await): the result is the
        /// fulfilment value, a rejection is thrown here.
        Await(state: u32): [1 => 1] => write!(f, "Await({state})"),
        /// `[value] -> [received]`: suspends a generator at the given state
        /// (ECMA-262 27.5.3.7 Yield): `next(v)` resumes with `v`, `throw(e)`
        /// throws `e` here, `return(v)` returns `v` through the `finally`
        /// blocks.
        Yield(state: u32): [1 => 1] => write!(f, "Yield({state})"),
        /// `[record] -> [result]`: `yield*` of a sync generator (15.5.5
        /// YieldExpression evaluation, `yield* AssignmentExpression`) over
        /// the iterator record from `Helper(GetIterator)`: forwards
        /// `next`/`throw`/`return` to the inner iterator, suspending at
        /// `state` with each inner result object as it is; the result is the
        /// inner iterator's final value.
        YieldDelegate(state: u32): [1 => 1] => write!(f, "YieldDelegate({state})"),
        /// `[record] -> [result]`: `yield*` of an async generator over the
        /// record from `Helper(GetAsyncIterator)`: like `YieldDelegate`, with
        /// each inner result awaited and its value yielded; it suspends at
        /// the four states `state..state + 4` (await the inner result, yield,
        /// await a value to return, await the result of closing an inner
        /// iterator that has no `throw`).
        AsyncYieldDelegate(state: u32): [1 => 1] => write!(f, "AsyncYieldDelegate({state})"),
    }
}

/// The name of a symbol, or its index without a program.
fn symbol_name(program: Option<&Program>, symbol: Symbol) -> String {
    match program {
        Some(p) => p.symbol_name(symbol).to_owned(),
        None => format!("#{}", symbol.0),
    }
}

fn write_string(
    f: &mut fmt::Formatter<'_>,
    program: Option<&Program>,
    id: StringId,
) -> fmt::Result {
    match program.and_then(|p| p.strings.get(id.0 as usize)) {
        Some(text) => write!(f, "String({text:?})"),
        None => write!(f, "String(#{})", id.0),
    }
}

fn write_bigint(
    f: &mut fmt::Formatter<'_>,
    program: Option<&Program>,
    radix: u32,
    digits: StringId,
) -> fmt::Result {
    match program.and_then(|p| p.strings.get(digits.0 as usize)) {
        Some(text) => write!(f, "BigInt({radix}, {text:?})"),
        None => write!(f, "BigInt({radix}, #{})", digits.0),
    }
}

fn write_loop_start(f: &mut fmt::Formatter<'_>, flags: LoopFlags) -> fmt::Result {
    write!(f, "LoopStart(")?;
    let names = [
        (LoopFlags::INIT, "init"),
        (LoopFlags::TEST, "test"),
        (LoopFlags::NEXT, "next"),
        (LoopFlags::POST_TEST, "post-test"),
    ];
    let mut first = true;
    for (bit, name) in names {
        if flags.has(bit) {
            if !first {
                write!(f, "|")?;
            }
            write!(f, "{name}")?;
            first = false;
        }
    }
    write!(f, ")")
}

/// `Break`, `Continue`, or with a label `Break(label)`.
fn write_jump(
    f: &mut fmt::Formatter<'_>,
    program: Option<&Program>,
    name: &str,
    label: Option<Symbol>,
) -> fmt::Result {
    match label {
        None => write!(f, "{name}"),
        Some(s) => write!(f, "{name}({})", symbol_name(program, s)),
    }
}

fn write_arguments_object(f: &mut fmt::Formatter<'_>, mapping: ArgumentsMapping) -> fmt::Result {
    match mapping {
        ArgumentsMapping::Unmapped => write!(f, "ArgumentsObject(unmapped)"),
        ArgumentsMapping::Mapped(n) => write!(f, "ArgumentsObject(mapped {n})"),
    }
}

fn write_template_object(
    f: &mut fmt::Formatter<'_>,
    program: Option<&Program>,
    site: u32,
) -> fmt::Result {
    match program.and_then(|p| p.templates.get(site as usize)) {
        // The raw strings identify the site: TemplateObject(0 `a\n${}b`).
        Some(t) => {
            let raw: Vec<&str> = t
                .raw
                .iter()
                .map(|id| {
                    program
                        .and_then(|p| p.strings.get(id.0 as usize))
                        .map_or("?", |s| s)
                })
                .collect();
            write!(f, "TemplateObject({site} `{}`)", raw.join("${}"))
        }
        None => write!(f, "TemplateObject({site})"),
    }
}

/// Which arguments object a function creates (ECMA-262 10.2.11 step 22).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgumentsMapping {
    /// 10.4.4.6 CreateUnmappedArgumentsObject (strict code, non-simple
    /// parameter lists).
    Unmapped,
    /// 10.4.4.7 CreateMappedArgumentsObject over the first `n` formal
    /// parameters: index `i < n` aliases the binding at `Argument(i)` of
    /// scope 0 when one exists (the analyzer marks those bindings captured,
    /// so they live in capture cells both sides can reach).
    Mapped(u16),
}

/// What kind of binding a [`Variable`] is (ECMA-262 8.2 scope analysis).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VariableKind {
    /// A formal parameter of a simple parameter list: the argument slot.
    Parameter,
    /// A formal parameter of a non-simple parameter list (15.1.3): a local
    /// binding in its TDZ until the parameter list's
    /// IteratorBindingInitialization reaches it (10.2.11 steps 21 and 26),
    /// so `(a = b, b) => {}` throws a ReferenceError.
    LexicalParameter,
    /// `var` or a function declaration at function level.
    Var,
    /// A function declaration in a block (Annex B aside).
    Function,
    /// `let`
    Let,
    /// `const`: assignment throws a TypeError.
    Const,
    /// The parameter of a `catch` clause.
    CatchParameter,
}

impl VariableKind {
    /// Lexical bindings start uninitialized (the TDZ).
    pub fn is_lexical(self) -> bool {
        matches!(
            self,
            VariableKind::Let | VariableKind::Const | VariableKind::LexicalParameter
        )
    }
}

/// A binding declared in a scope.
#[derive(Clone, Debug, PartialEq)]
pub struct Variable {
    /// The binding's name.
    pub symbol: Symbol,
    /// How it was declared (var, let, const, parameter, ...).
    pub kind: VariableKind,
    /// `Argument(i)` or `Local(i)`.
    pub locator: Locator,
    /// Referenced by an inner function: the binding lives in memory and
    /// escapes to a capture cell.
    pub captured: bool,
}

/// One node of a function's scope tree.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Scope {
    /// The enclosing scope in the same function, if any.
    pub parent: Option<ScopeRef>,
    /// The bindings the scope declares, in declaration order.
    pub variables: Vec<Variable>,
}

/// Where a binding visible at a direct eval sits relative to the caller's
/// variable environment (19.2.1.3 EvalDeclarationInstantiation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalBinding {
    /// A `var`, parameter or function binding of the calling function's
    /// variable environment: eval's `var` of that name is this binding.
    VarEnv,
    /// A lexical binding between the call and the variable environment:
    /// eval's `var` of that name is a SyntaxError.
    Lexical,
    /// A binding of an enclosing function (or `this` / `arguments`).
    Outer,
}

/// The scope at a direct eval call, described for the eval code's analyzer:
/// the bindings are the descriptor function's `captures` (same order).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EvalScope {
    /// Parallel to the captures.
    pub bindings: Vec<EvalBinding>,
    /// The caller's variable environment is the global one (the call is in
    /// script code, outside functions).
    pub global_var_env: bool,
    /// The call is inside a non-arrow function (19.2.1.1 step 6.a
    /// `inFunction`): `new.target` is allowed and visible as a binding.
    pub in_function: bool,
    /// The call is in the parameter expressions of a function whose
    /// `arguments` binding (the arguments object, or a parameter of that
    /// name) lives with the parameters: sloppy eval code must not declare
    /// `var arguments` there (a SyntaxError, as for a lexical clash).
    pub parameter_arguments: bool,
    /// The capture holding the [[HomeObject]] of the method the call is in
    /// (19.2.1.1 step 6.b `inMethod`: `super.x` is valid in the eval code).
    pub home: Option<u32>,
    /// The call is in a class field initializer (19.2.1.1 step 6.c
    /// `inClassFieldInitializer`: `arguments` in the eval code is a
    /// SyntaxError).
    pub field_initializer: bool,
}

/// Flags of a function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FunctionFlags {
    /// Strict mode code (11.2.2).
    pub strict: bool,
    /// An arrow function (lexical `this`, `arguments`, `new.target`).
    pub arrow: bool,
    /// `function*` or a generator method.
    pub generator: bool,
    /// `async function`, async arrow or async method.
    pub r#async: bool,
    /// A method, getter or setter (15.4): not a constructor, no
    /// `prototype` property.
    pub method: bool,
    /// A class constructor (15.7.14 step 14: [[IsClassConstructor]]): its
    /// [[Call]] throws a TypeError; `ClassSetup` gives it its `prototype`.
    pub class_constructor: bool,
    /// The constructor of a class with an `extends` clause
    /// ([[ConstructorKind]] derived): [[Construct]] creates no this value.
    pub derived: bool,
}

/// The compile script of one function: the unit of lazy compilation.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CompileScript {
    /// The function's name (for stack traces and `Function.prototype.name`),
    /// if it has one.
    pub name: Option<Symbol>,
    /// Strictness and the kind of function.
    pub flags: FunctionFlags,
    /// Number of formal parameters: locators `Argument(0..num_params)`.
    pub num_params: u16,
    /// The function's `length` (15.1.5 ExpectedArgumentCount: the
    /// parameters before the first one with a default value or the rest
    /// parameter); `None` means `num_params`.
    pub length: Option<u16>,
    /// Number of local bindings over all scopes: locators
    /// `Local(0..num_locals)`.
    pub num_locals: u16,
    /// Bindings of enclosing functions used here, in capture-slot order:
    /// locators `Capture(0..captures.len())`.
    pub captures: Vec<Symbol>,
    /// Which captures are `const` declarations (parallel to `captures`;
    /// missing entries are false): assigning one throws a TypeError
    /// (9.1.1.1.5 SetMutableBinding step 6).
    pub const_captures: Vec<bool>,
    /// Which captures are immutable bindings whose assignment is silently
    /// ignored (the name of a named function expression seen from sloppy
    /// code, 15.2.5 and 9.1.1.1.5 step 6).
    pub readonly_captures: Vec<bool>,
    /// The scope tree; `ScopeRef` indexes it.
    pub scopes: Vec<Scope>,
    /// Number of property-access sites (`CacheId`s).
    pub num_inline_caches: u32,
    /// A scope-descriptor function of a direct eval call (never called):
    /// how the eval code sees the captured bindings.
    pub eval_scope: Option<EvalScope>,
    /// The function's code, in evaluation order.
    pub commands: Vec<CompileCommand>,
    /// The source position (byte offset of the start of the node that
    /// emitted it) of each command, parallel to `commands`; empty for
    /// scripts built without a source. Only read when an exception passes a
    /// command (source locations of uncaught errors and `stack`), never by
    /// generated code on its normal path.
    pub positions: Vec<u32>,
    /// The function's source text as a byte range of its program's source
    /// (20.2.3.5 Function.prototype.toString: the text matched by the
    /// function, method, arrow or, for a class constructor, the whole
    /// class); `None` for scripts and functions without one.
    pub source: Option<jsparser::Span>,
}

impl CompileScript {
    /// The frame index of a parameter or local (parameters first), `None`
    /// for other locators or out of range.
    pub fn binding_index(&self, locator: Locator) -> Option<usize> {
        let num_params = self.num_params as usize;
        match locator {
            Locator::Argument(i) if (i as usize) < num_params => Some(i as usize),
            Locator::Local(i) if i < self.num_locals => Some(num_params + i as usize),
            _ => None,
        }
    }

    /// For each parameter and local (by [`Self::binding_index`]): whether
    /// an inner function captures it, and how it is declared. `Err`: a
    /// variable of a scope at a locator that is not a binding of the
    /// function (a malformed script), with its name.
    #[allow(clippy::type_complexity)]
    pub fn binding_table(&self) -> Result<(Vec<bool>, Vec<Option<VariableKind>>), Symbol> {
        let num_slots = self.num_params as usize + self.num_locals as usize;
        let mut captured = vec![false; num_slots];
        let mut kinds = vec![None; num_slots];
        for scope in &self.scopes {
            for v in &scope.variables {
                let index = self.binding_index(v.locator).ok_or(v.symbol)?;
                captured[index] |= v.captured;
                kinds[index] = Some(v.kind);
            }
        }
        Ok((captured, kinds))
    }

    /// The source position of command `index`, if known.
    pub fn position(&self, index: usize) -> Option<u32> {
        self.positions.get(index).copied()
    }

    /// Inserts commands at `at` (all with the source position `position`),
    /// keeping `positions` parallel to `commands`.
    pub fn insert_commands(&mut self, at: usize, commands: Vec<CompileCommand>, position: u32) {
        let at = at.min(self.commands.len());
        if self.positions.len() == self.commands.len() {
            let n = commands.len();
            self.positions
                .splice(at..at, std::iter::repeat_n(position, n));
        }
        self.commands.splice(at..at, commands);
    }
}

/// The top-level declarations of a script (16.1.7
/// GlobalDeclarationInstantiation) or of eval code (19.2.1.3
/// EvalDeclarationInstantiation), which the executor instantiates before
/// function 0 runs. Function objects are created by function 0's prologue.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TopLevelDeclarations {
    /// VarDeclaredNames that are not names of top-level functions.
    pub vars: Vec<Symbol>,
    /// The names of the top-level function declarations (functionsToInitialize).
    pub functions: Vec<Symbol>,
    /// The top-level lexical declarations: name and whether it is `const`.
    pub lexical: Vec<(Symbol, bool)>,
    /// Block-level function names of sloppy code that also get a `var`
    /// binding (B.3.2.2, B.3.2.3) when that is possible: a clash is skipped,
    /// not an error.
    pub annex_b_functions: Vec<Symbol>,
    /// Eval code: `var` and function bindings are deletable (configurable).
    pub deletable: bool,
}

/// All compile scripts of a program with the tables they index.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Program {
    /// What the executor declares before running function 0.
    pub declarations: TopLevelDeclarations,
    /// Direct eval code: the code is function 1 (function 0 stands for the
    /// caller's scope and is never compiled); its capture `i` is the cell of
    /// the scope descriptor's capture `eval_captures[i]`.
    pub eval_captures: Option<Vec<u16>>,
    /// A module's records (16.2.1.6); `None` for scripts and eval code.
    pub module: Option<crate::semantics::module::ModuleInfo>,
    /// Identifier names, indexed by [`Symbol`].
    pub symbols: Vec<String>,
    /// String literals, indexed by [`StringId`].
    pub strings: Vec<String>,
    /// The exact code units of the string literals that are not valid
    /// UTF-16 (lone surrogates, 12.9.4.2 SV): `strings` holds a lossy copy.
    pub utf16_strings: Vec<(StringId, Vec<u16>)>,
    /// Function 0 is the entry (the script or module body).
    pub functions: Vec<CompileScript>,
    /// Tagged template sites, indexed by `TemplateObject(site)`.
    pub templates: Vec<TemplateSite>,
    /// Hash indexes of `symbols` and `strings` for interning.
    pub interned: InternIndex,
    /// Runs of literal elements of array literals, by `PushArrayConstants`:
    /// each entry is one of `Number`, `String`, `Boolean`, `Null` or
    /// `Undefined`.
    pub constant_lists: Vec<Vec<CompileCommand>>,
    /// The case selectors tested by `CaseIndex`, one table per run of
    /// constant selectors of a `switch`.
    pub case_tables: Vec<CaseTable>,
}

/// The selectors of a run of `case` clauses whose selectors are constants
/// (see `CompileCommand::CaseIndex`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseTable {
    /// `(selector, clause index)` of the int32 selectors (`-0` is 0), in
    /// source order (the first match wins).
    pub cases: Vec<(i32, u32)>,
    /// `(selector, clause index)` of the other constant selectors, in source
    /// order: a `String`, a `Number` that is not an int32 (NaN included,
    /// which equals nothing), `Boolean`, `Null` or `Undefined` command. The
    /// backend looks them up at run time (a hash table of strings).
    pub others: Vec<(CompileCommand, u32)>,
    /// The result when no selector matches.
    pub fallback: u32,
}

/// Where each name of [`Program::symbols`] and each text of
/// [`Program::strings`] is, so interning is a hash lookup: a linear search
/// made analysing 40,000 declarations quadratic (10 seconds). Entries
/// pushed onto the vectors directly are picked up by a rebuild.
#[derive(Clone, Debug, Default)]
pub struct InternIndex {
    symbols: HashMap<String, u32>,
    strings: HashMap<String, u32>,
    /// How many of `strings` the index covers.
    strings_seen: usize,
}

/// The index is derived data: programs are equal when their tables are.
impl PartialEq for InternIndex {
    fn eq(&self, _: &InternIndex) -> bool {
        true
    }
}

/// The strings of one tagged template site (13.2.8.4 GetTemplateObject).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TemplateSite {
    /// Cooked strings; `None` where a part has a NotEscapeSequence (the
    /// cooked value is undefined).
    pub cooked: Vec<Option<StringId>>,
    /// Raw strings (TRV).
    pub raw: Vec<StringId>,
}

impl Program {
    /// Interns an identifier.
    pub fn symbol(&mut self, name: &str) -> Symbol {
        let index = &mut self.interned.symbols;
        if index.len() != self.symbols.len() {
            index.clear();
            for (i, s) in self.symbols.iter().enumerate() {
                index.entry(s.clone()).or_insert(i as u32);
            }
        }
        if let Some(&i) = index.get(name) {
            return Symbol(i);
        }
        let i = self.symbols.len() as u32;
        self.symbols.push(name.to_owned());
        index.insert(name.to_owned(), i);
        Symbol(i)
    }

    /// Adds a string literal.
    pub fn string(&mut self, text: &str) -> StringId {
        // Index the texts added since (the lossy copies of `utf16_strings`
        // are not exact, so they are never found by text).
        let index = &mut self.interned;
        if index.strings_seen > self.strings.len() {
            index.strings.clear();
            index.strings_seen = 0;
        }
        for i in index.strings_seen..self.strings.len() {
            if !self.utf16_strings.iter().any(|(id, _)| id.0 as usize == i) {
                index
                    .strings
                    .entry(self.strings[i].clone())
                    .or_insert(i as u32);
            }
        }
        index.strings_seen = self.strings.len();
        if let Some(&i) = index.strings.get(text) {
            return StringId(i);
        }
        let i = self.strings.len() as u32;
        self.strings.push(text.to_owned());
        index.strings.insert(text.to_owned(), i);
        index.strings_seen = self.strings.len();
        StringId(i)
    }

    /// The id of a string literal given as UTF-16 code units (see
    /// [`Program::utf16_strings`]).
    pub fn string_utf16(&mut self, units: &[u16]) -> StringId {
        if let Ok(text) = String::from_utf16(units) {
            return self.string(&text);
        }
        if let Some((id, _)) = self.utf16_strings.iter().find(|(_, u)| u == units) {
            return *id;
        }
        let id = StringId(self.strings.len() as u32);
        self.strings.push(String::from_utf16_lossy(units));
        self.utf16_strings.push((id, units.to_vec()));
        id
    }

    /// The code units of a string literal that is not valid UTF-16.
    pub fn string_units(&self, id: StringId) -> Option<&[u16]> {
        self.utf16_strings
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, u)| u.as_slice())
    }

    /// The name of a symbol, or `?` for an index out of range.
    pub fn symbol_name(&self, symbol: Symbol) -> &str {
        self.symbols
            .get(symbol.0 as usize)
            .map(String::as_str)
            .unwrap_or("?")
    }

    /// The compile script of function `id`, if it exists.
    pub fn function(&self, id: FunctionId) -> Option<&CompileScript> {
        self.functions.get(id.0 as usize)
    }

    /// A view that prints one function's script with names resolved, as
    /// `jstb compile --print commands` shows it.
    pub fn display_function(&self, id: FunctionId) -> DisplayFunction<'_> {
        DisplayFunction { program: self, id }
    }
}

impl fmt::Display for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locator::None => write!(f, "?"),
            Locator::Argument(i) => write!(f, "arg{i}"),
            Locator::Local(i) => write!(f, "local{i}"),
            Locator::Capture(i) => write!(f, "capture{i}"),
            Locator::Global => write!(f, "global"),
        }
    }
}

impl fmt::Display for CompileCommand {
    /// Prints the command alone; symbols and strings are shown by index (see
    /// [`Program::display_function`] for names).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_command(f, self, None)
    }
}

/// See [`Program::display_function`].
pub struct DisplayFunction<'a> {
    program: &'a Program,
    id: FunctionId,
}

impl fmt::Display for DisplayFunction<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(script) = self.program.function(self.id) else {
            return writeln!(f, "fn{}: <no such function>", self.id.0);
        };
        let name = script
            .name
            .map(|s| self.program.symbol_name(s))
            .unwrap_or("<anonymous>");
        writeln!(
            f,
            "fn{} {name}: params={} locals={} captures=[{}]",
            self.id.0,
            script.num_params,
            script.num_locals,
            script
                .captures
                .iter()
                .map(|s| self.program.symbol_name(*s))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        for (i, scope) in script.scopes.iter().enumerate() {
            write!(f, "  scope {i}")?;
            if let Some(parent) = scope.parent {
                write!(f, " (in {})", parent.0)?;
            }
            write!(f, ":")?;
            for v in &scope.variables {
                write!(
                    f,
                    " {}:{:?}@{}{}",
                    self.program.symbol_name(v.symbol),
                    v.kind,
                    v.locator,
                    if v.captured { "*" } else { "" }
                )?;
            }
            writeln!(f)?;
        }
        let mut depth = 0usize;
        for command in &script.commands {
            use CompileCommand::*;
            if matches!(
                command,
                Else | IfStatement
                    | IfElseStatement
                    | ConditionalExpression
                    | LoopEnd
                    | ShortCircuitEnd
                    | TryEnd
                    | Catch(_)
                    | Finally
                    | PopScope(_)
                    | LabelEnd(_)
                    | SwitchClause(_)
                    | SwitchEnd
            ) {
                depth = depth.saturating_sub(1);
            }
            write!(f, "  {:indent$}", "", indent = depth * 2)?;
            write_command(f, command, Some(self.program))?;
            writeln!(f)?;
            if matches!(
                command,
                IfThen
                    | Else
                    | LoopStart(_)
                    | ShortCircuit(_)
                    | ShortCircuitAssignment(_)
                    | Try { .. }
                    | Catch(_)
                    | Finally
                    | PushScope(_)
                    | LabelStart(_)
                    | SwitchCases(_)
                    | SwitchClause(_)
            ) {
                depth += 1;
            }
        }
        Ok(())
    }
}

impl fmt::Display for Program {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in 0..self.functions.len() {
            write!(f, "{}", self.display_function(FunctionId(i as u32)))?;
        }
        Ok(())
    }
}
