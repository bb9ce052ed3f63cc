//! Link flags for the `jstb` binary.
//!
//! Startup (issue 14): the binary is position-independent, and its ~23,000
//! relative relocations took the dynamic loader about a fifth of a hello
//! world's instructions in the RELA format. Packed relative relocations
//! (`DT_RELR`, glibc 2.36 and binutils 2.38 or later) keep ASLR and are
//! applied by a tight loop over a bitmap a few kilobytes long.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu")
        && linker_supports_relr()
    {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// Whether the system linker knows `-z pack-relative-relocs` (an older one
/// would fail the link; a glibc older than 2.36 would refuse to run the
/// binary, and binutils only accepts the flag where glibc provides the
/// `GLIBC_ABI_DT_RELR` version it adds).
fn linker_supports_relr() -> bool {
    std::process::Command::new("ld")
        .arg("--help")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).contains("pack-relative-relocs"))
        .unwrap_or(false)
}
