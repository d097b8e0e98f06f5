//! The domain library must build without tauri: that is what keeps it fast to build and test,
//! and what lets the CLI and the benchmarks use it. This fails if tauri creeps into its tree.

#[test]
fn the_domain_crate_does_not_depend_on_tauri() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = format!(
        "{}/Cargo.toml",
        std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")
    );
    let out = std::process::Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--locked",
            "--manifest-path",
            &manifest,
            "-p",
            "chuyende-domain",
        ])
        .args(["-e", "normal,build", "--prefix", "none", "--format", "{p}"])
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).unwrap();
    assert!(tree.contains("rusqlite"), "the tree was read: {tree}");
    let tauri: Vec<&str> = tree
        .lines()
        .filter(|l| l.starts_with("tauri") || l.starts_with("wry") || l.starts_with("tao "))
        .collect();
    assert!(
        tauri.is_empty(),
        "chuyende-domain must not depend on tauri, but its tree has: {tauri:?}"
    );
}
