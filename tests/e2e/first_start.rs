//! The first start on an empty data folder, as a person who just installed the app sees it
//! (the set-up itself is tested in first_run.rs).
//!
//! CI runs this test twice: against the debug build like every E2E test, and against the
//! binary the .deb installed (`CHUYENDE_APP_BIN=/usr/bin/chuyende-app`, see scripts/test.sh),
//! a release build: WebKit automation is on there too, because tauri enables it from
//! `TAURI_WEBVIEW_AUTOMATION=true` at run time in any build (tauri-runtime-wry), which the
//! harness sets.

use chuyende_e2e::{screenshot_dir, App};
use serde_json::json;

/// The screen an empty database opens on: the first-run set-up (issue 17, first_run.rs).
const FIRST_SCREEN: &str = "[data-testid=first-run]";

#[test]
fn an_empty_data_folder_opens_on_the_first_screen_with_the_version_built() {
    let data = tempfile::tempdir().unwrap();
    let app = App::launch(data.path());
    let s = app.session();
    s.wait_for(FIRST_SCREEN);
    let status = s.execute_async(
        "const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke('app_status').then(done, (e) => done({failed: e}));",
        &[],
    );
    assert_eq!(
        status["app_version"],
        json!(env!("CARGO_PKG_VERSION")),
        "the app under test is this version: {status}"
    );
    assert_eq!(
        status["data_dir"],
        json!(data.path().display().to_string()),
        "it opened the empty folder it was given, not the user's own data: {status}"
    );
    assert!(
        data.path().join("chuyende.sqlite3").is_file(),
        "the database was made in that folder"
    );
    s.screenshot(&screenshot_dir().join("first-start-01-empty-data-folder.png"));
}
