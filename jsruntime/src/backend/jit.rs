//! The `cranelift-jit` module: ISA setup, the table of runtime functions
//! registered as JIT symbols, and defining compiled functions.

use cranelift_codegen::ir::{types, AbiParam, Signature, Type, UserFuncName};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_codegen::Context;
use cranelift_frontend::FunctionBuilderContext;
use cranelift_jit::{JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module};

use super::bridge;
use super::compiler::CompileError;
use super::dynamic_code;
use super::dynamic_env;
use super::exception_trace;

/// `I8`: booleans; `I32`: statuses, counts, ids; `I64`: `Value` bits and
/// pointers (the backend only targets 64-bit hosts, where `Value` and pointers
/// are both 64 bits).
const P: Type = types::I64;
const V: Type = types::I64;
const S: Type = types::I32;

macro_rules! runtime_functions {
    ($( $variant:ident => $func:path, ($($param:expr),*) -> ($($ret:expr),*); )*) => {
        /// The runtime functions compiled code may call (see [`bridge`]).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(usize)]
        pub enum RuntimeFn { $($variant,)* }

        impl RuntimeFn {
            pub const ALL: &'static [RuntimeFn] = &[$(RuntimeFn::$variant,)*];

            /// The JIT symbol name (the name of the Rust function).
            pub fn name(self) -> &'static str {
                match self { $(RuntimeFn::$variant => stringify!($func),)* }
            }

            fn address(self) -> *const u8 {
                match self { $(RuntimeFn::$variant => $func as *const u8,)* }
            }

            fn params(self) -> &'static [Type] {
                match self { $(RuntimeFn::$variant => &[$($param),*],)* }
            }

            fn returns(self) -> &'static [Type] {
                match self { $(RuntimeFn::$variant => &[$($ret),*],)* }
            }
        }
    };
}

runtime_functions! {
    LazyCompile => bridge::calls::runtime_lazy_compile, (P, P, V, S, P, P) -> (S);
    Call => bridge::calls::runtime_call, (P, V, V, S, P, P) -> (S);
    New => bridge::calls::runtime_new, (P, V, S, P, P) -> (S);
    Binary => bridge::operators::runtime_binary, (P, S, V, V, P) -> (S);
    Unary => bridge::operators::runtime_unary, (P, S, V, P) -> (S);
    ToBoolean => bridge::operators::runtime_to_boolean, (P, V) -> (types::I8);
    GetGlobal => bridge::environments::runtime_get_global, (P, S, types::I8, P) -> (S);
    GetGlobalCached => bridge::environments::runtime_get_global_cached, (P, S, types::I8, P, P) -> (S);
    SetGlobal => bridge::environments::runtime_set_global, (P, S, V, types::I8, P) -> (S);
    GetProperty => bridge::properties::runtime_get_property, (P, V, V, P, P) -> (S);
    SetProperty => bridge::properties::runtime_set_property, (P, V, V, V, types::I8, P, P) -> (S);
    DeleteProperty => bridge::properties::runtime_delete_property, (P, V, V, types::I8, P) -> (S);
    DeleteGlobal => bridge::environments::runtime_delete_global, (P, types::I32, P) -> (S);
    CoerceThis => bridge::calls::runtime_coerce_this, (P, V, P) -> (S);
    DeclareGlobal => bridge::environments::runtime_declare_global, (P, S, types::I8, P) -> (S);
    CreateCapture => bridge::closures::runtime_create_capture, (P, P, P) -> (S);
    CreateClosure => bridge::closures::runtime_create_closure, (P, P, S, P, P) -> (S);
    CreateObject => bridge::objects::runtime_create_object, (P, P) -> (S);
    CreateDataProperty => bridge::objects::runtime_create_data_property, (P, V, V, V, P) -> (S);
    CreateArray => bridge::objects::runtime_create_array, (P, P) -> (S);
    PushArrayElement => bridge::objects::runtime_push_array_element, (P, V, V, P) -> (S);
    ThrowReferenceError => bridge::environments::runtime_throw_reference_error, (P, S, P) -> (S);
    ThrowConstAssignment => bridge::environments::runtime_throw_const_assignment, (P, S, P) -> (S);
    CreateArguments => bridge::arguments::runtime_create_arguments, (P, S, P, S, P) -> (S);
    Helper => bridge::helpers::runtime_helper, (P, S, S, P, P) -> (S);
    NewTarget => bridge::calls::runtime_new_target, (P, P) -> (V);
    CreateArgumentsObject => bridge::arguments::runtime_create_arguments_object, (P, P, S, P, P, S, types::I8, P) -> (S);
    NoteExceptionSite => exception_trace::runtime_note_exception_site, (P, P, S, V) -> (S);
    ExceptionCaught => exception_trace::runtime_exception_caught, (P, V) -> (S);
    DirectEval => dynamic_code::runtime_direct_eval, (P, V, S, P, V, P) -> (S);
    ResolveDynamic => dynamic_env::runtime_resolve_dynamic, (P, V, P, S, S, P) -> (S);
    CheckDynamicBinding => dynamic_env::runtime_check_dynamic_binding, (P, V, V, P) -> (S);
}

/// The JIT: the Cranelift module and the contexts reused by compilations.
pub struct Jit {
    pub(crate) module: JITModule,
    pub(crate) ctx: Context,
    pub(crate) builder_ctx: FunctionBuilderContext,
    runtime_ids: Vec<FuncId>,
    lambda_signature: Signature,
    next_name: u32,
}

impl Jit {
    /// Sets up a JIT for the host machine.
    pub fn new() -> Result<Jit, CompileError> {
        let mut flags = settings::builder();
        // The JIT links with absolute addresses.
        let set = |flags: &mut settings::Builder, name, value| {
            flags
                .set(name, value)
                .map_err(|e| CompileError::Cranelift(format!("{name}={value}: {e}")))
        };
        set(&mut flags, "use_colocated_libcalls", "false")?;
        set(&mut flags, "is_pic", "false")?;
        set(&mut flags, "opt_level", "speed")?;
        let isa = cranelift_native::builder()
            .map_err(|e| CompileError::Cranelift(format!("unsupported host: {e}")))?
            .finish(settings::Flags::new(flags))
            .map_err(|e| CompileError::Cranelift(e.to_string()))?;
        if isa.pointer_type() != types::I64 {
            return Err(CompileError::Cranelift(
                "the backend needs a 64-bit host".to_owned(),
            ));
        }
        let mut builder = JITBuilder::with_isa(isa, default_libcall_names());
        for f in RuntimeFn::ALL {
            builder.symbol(f.name(), f.address());
        }
        let mut module = JITModule::new(builder);
        let mut runtime_ids = Vec::with_capacity(RuntimeFn::ALL.len());
        for f in RuntimeFn::ALL {
            let mut sig = module.make_signature();
            sig.params
                .extend(f.params().iter().map(|&t| AbiParam::new(t)));
            sig.returns
                .extend(f.returns().iter().map(|&t| AbiParam::new(t)));
            let id = module
                .declare_function(f.name(), Linkage::Import, &sig)
                .map_err(|e| CompileError::Cranelift(e.to_string()))?;
            runtime_ids.push(id);
        }
        let mut lambda_signature = module.make_signature();
        lambda_signature.params.extend(
            RuntimeFn::LazyCompile
                .params()
                .iter()
                .map(|&t| AbiParam::new(t)),
        );
        lambda_signature.returns.push(AbiParam::new(S));
        let ctx = module.make_context();
        Ok(Jit {
            module,
            ctx,
            builder_ctx: FunctionBuilderContext::new(),
            runtime_ids,
            lambda_signature,
            next_name: 0,
        })
    }

    /// The Cranelift signature of a lambda (see the calling convention in
    /// [`super`]).
    pub fn lambda_signature(&self) -> &Signature {
        &self.lambda_signature
    }

    pub(crate) fn runtime_id(&self, f: RuntimeFn) -> FuncId {
        self.runtime_ids[f as usize]
    }

    /// Prepares `self.ctx` for a new function and returns its module id.
    pub(crate) fn begin_function(&mut self, name: &str) -> Result<FuncId, CompileError> {
        self.module.clear_context(&mut self.ctx);
        self.ctx.func.signature = self.lambda_signature.clone();
        // Names must be unique in the module; the JS name is only a hint.
        let symbol = format!("js{}_{name}", self.next_name);
        self.next_name += 1;
        let id = self
            .module
            .declare_function(&symbol, Linkage::Local, &self.lambda_signature)
            .map_err(|e| CompileError::Cranelift(e.to_string()))?;
        self.ctx.func.name = UserFuncName::user(0, id.as_u32());
        Ok(id)
    }

    /// Compiles the function in `self.ctx` and returns its address.
    pub(crate) fn finish_function(&mut self, id: FuncId) -> Result<*const u8, CompileError> {
        self.module
            .define_function(id, &mut self.ctx)
            .map_err(|e| CompileError::Cranelift(format!("{e:?}")))?;
        self.module.clear_context(&mut self.ctx);
        self.module
            .finalize_definitions()
            .map_err(|e| CompileError::Cranelift(e.to_string()))?;
        Ok(self.module.get_finalized_function(id))
    }
}
