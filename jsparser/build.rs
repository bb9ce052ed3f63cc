fn main() {
    // The LALR(1) tables are generated here from grammar/es2025.grammar (work in progress).
    println!("cargo:rerun-if-changed=build.rs");
}
