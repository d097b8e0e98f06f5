//! The first start on an empty data folder, as a person who just installed the app sees it
//! (the set-up itself is tested in first_run.rs).
//!
//! CI runs this test twice: against the debug build like every E2E test, and against the
//! binary the .deb installed (`CHUYENDE_APP_BIN=/usr/bin/chuyende-app`, see scripts/test.sh),
//! a release build: WebKit automation is on there too, because tauri enables it from
//! `TAURI_WEBVIEW_AUTOMATION=true` at run time in any build (tauri-runtime-wry), which the
//! harness sets.

use chuyende_e2e::{processes_under, screenshot_dir, App};
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

/// The window's web process paints on the CPU unless whoever started the window said otherwise
/// (issue 18: on Mesa's software OpenGL, WebKit's GPU painting compiled shaders for 130 ms of
/// the first frame; see `choose_painting` in src-tauri/src/startup.rs). WebKit passes the
/// app's environment to the processes it starts, which is where the setting is read.
#[test]
fn the_page_is_painted_on_the_cpu_unless_the_person_starting_it_chose_otherwise() {
    for (given, expected) in [(None, "1"), (Some("0"), "0")] {
        let data = tempfile::tempdir().unwrap();
        let env: Vec<(&str, &str)> = given
            .map(|v| ("WEBKIT_SKIA_ENABLE_CPU_RENDERING", v))
            .into_iter()
            .collect();
        let app = App::launch_with(data.path(), &env);
        app.session().wait_for(FIRST_SCREEN);
        let web: Vec<u32> = processes_under(&app.driver().app_pids())
            .into_iter()
            .filter(|pid| {
                std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| {
                    let program = c.split(|b| *b == 0).next().unwrap_or_default();
                    String::from_utf8_lossy(program).ends_with("WebKitWebProcess")
                })
            })
            .collect();
        assert!(!web.is_empty(), "the app's web process is found under it");
        for pid in web {
            let environ = std::fs::read(format!("/proc/{pid}/environ"))
                .expect("the web process's environment");
            let value = environ
                .split(|b| *b == 0)
                .find_map(|kv| kv.strip_prefix(b"WEBKIT_SKIA_ENABLE_CPU_RENDERING="))
                .map(|v| String::from_utf8_lossy(v).into_owned());
            assert_eq!(
                value.as_deref(),
                Some(expected),
                "started with {given:?}, the web process has \
                 WEBKIT_SKIA_ENABLE_CPU_RENDERING={expected}"
            );
        }
    }
}
