//! Helpers shared by the CLI's test files (each file is its own crate: `mod common;`).

use std::process::Command;

/// Topics of this year (any organisation of the demo) that still take outline versions.
pub fn open_topics(dir: &std::path::Path) -> Vec<String> {
    let run = |args: &[&str]| -> serde_json::Value {
        let out = Command::new(env!("CARGO_BIN_EXE_chuyende"))
            .args(args)
            .env("CHUYENDE_DATA_DIR", dir)
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let year = chrono::Local::now().format("%Y").to_string();
    let mut ids = Vec::new();
    for org in run(&["orgs", "--json"]).as_array().unwrap() {
        let plan = run(&[
            "plan",
            "show",
            "--org",
            &org["id"].to_string(),
            "--year",
            &year,
            "--json",
        ]);
        for t in plan["topics"].as_array().into_iter().flatten() {
            if [
                "planned",
                "drafting",
                "ready_for_session",
                "discussed",
                "revised",
            ]
            .contains(&t["state"].as_str().unwrap_or(""))
            {
                ids.push(t["id"].to_string());
            }
        }
    }
    ids
}
