//! Support for the end-to-end tests: the real `chuyende-app` binary in a real window on a
//! private Xvfb display, driven over W3C WebDriver by `WebKitWebDriver`.
//!
//! The client is small and synchronous on purpose: tests read top to bottom, and a test that
//! cannot find what it expects should fail loudly, so every helper panics with the selector and
//! the WebDriver error instead of returning a `Result`.
//!
//! ```no_run
//! let data = tempfile::tempdir().expect("temporary data folder");
//! let app = chuyende_e2e::App::launch(data.path());
//! app.find("button.them").click();
//! app.wait_for_text("h1", "Chuyên Đề");
//! app.screenshot(&chuyende_e2e::screenshot_dir().join("example.png"));
//! // Dropping `app` closes the window; launching again on the same folder reopens the same data.
//! ```
//!
//! Linux only (Xvfb, WebKitGTK). Needs the system packages `xvfb` and `webkit2gtk-driver`.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek};
use std::net::TcpListener;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

/// How long `find`, `wait_for` and friends keep polling before they fail the test. Generous:
/// a loaded 2-core CI machine can be slow (the minutes' first typst render in a debug build
/// took over 20 s there beside another window), and a wait ends as soon as its condition holds.
pub const WAIT: Duration = Duration::from_secs(60);
/// Polling interval of the `wait_*` helpers.
const POLL: Duration = Duration::from_millis(100);
/// How long to wait for `WebKitWebDriver` to answer `GET /status`.
const DRIVER_START: Duration = Duration::from_secs(20);
/// Opening a session starts the app; the first start of a debug build can be slow.
const SESSION_START: Duration = Duration::from_secs(60);
/// Upper bound for any other single HTTP request (async scripts may legitimately take a while).
const REQUEST: Duration = Duration::from_secs(60);

/// WebDriver key codes for [`Session::press_key`] and [`Element::type_text`].
pub mod keys {
    pub const ENTER: &str = "\u{E007}";
    pub const TAB: &str = "\u{E004}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const CONTROL: &str = "\u{E009}";
    pub const SHIFT: &str = "\u{E008}";
    pub const SPACE: &str = " ";
    pub const ARROW_DOWN: &str = "\u{E015}";
}

// ---------------------------------------------------------------------------------------------
// Paths

/// `<target>/debug` (or whichever profile the running test was built with).
///
/// Taken from the running test binary, which cargo puts in `<target>/<profile>/deps/` (tests) or
/// `<target>/<profile>/examples/`: this is right whatever `CARGO_TARGET_DIR` was at build time.
/// Falls back to `$CARGO_TARGET_DIR/debug` for binaries living elsewhere.
pub fn target_profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the path of the running test binary");
    if let Some(dir) = exe.parent() {
        if matches!(
            dir.file_name().and_then(OsStr::to_str),
            Some("deps" | "examples")
        ) {
            if let Some(profile) = dir.parent() {
                return profile.to_path_buf();
            }
        }
    }
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir).join("debug"),
        None => panic!(
            "cannot find cargo's target folder: {} is not under <target>/debug/deps and \
             CARGO_TARGET_DIR is not set",
            exe.display()
        ),
    }
}

/// The app binary under test: `$CHUYENDE_APP_BIN`, else `<target>/debug/chuyende-app`.
///
/// `cargo test -p chuyende-e2e` does not build other packages' binaries, hence the panic that
/// says what to do rather than a confusing WebDriver error later.
pub fn app_binary() -> PathBuf {
    let path = match std::env::var_os("CHUYENDE_APP_BIN") {
        Some(bin) => PathBuf::from(bin),
        None => target_profile_dir().join("chuyende-app"),
    };
    assert!(
        path.is_file(),
        "app binary {} is missing: build the app first: cargo build -p chuyende-app \
         (or set CHUYENDE_APP_BIN)",
        path.display()
    );
    path
}

/// Where tests put screenshots: `<target>/debug/e2e-screenshots`, kept after the run.
pub fn screenshot_dir() -> PathBuf {
    target_profile_dir().join("e2e-screenshots")
}

// ---------------------------------------------------------------------------------------------
// Display

/// A private X display (Xvfb), so tests run headless and in parallel without stealing focus.
/// Killed on drop.
pub struct Display {
    name: String,
    /// `None` when reusing the caller's `$DISPLAY`.
    xvfb: Option<Child>,
    /// Kept open: Xvfb wrote its display number here, and closing it could SIGPIPE it later.
    _stdout: Option<ChildStdout>,
}

impl Display {
    /// Starts `Xvfb` on a free display number (Xvfb picks it itself with `-displayfd`, so two
    /// test processes never race for the same number).
    ///
    /// With `CHUYENDE_E2E_USE_DISPLAY=1` and `DISPLAY` set, uses that display instead, to watch
    /// the tests run. Panics if Xvfb is missing: an end-to-end test must never pass by skipping.
    pub fn start() -> Display {
        if std::env::var("CHUYENDE_E2E_USE_DISPLAY").as_deref() == Ok("1") {
            if let Some(name) = std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) {
                return Display {
                    name,
                    xvfb: None,
                    _stdout: None,
                };
            }
        }
        let log = tempfile::tempfile().expect("temporary file for Xvfb's log");
        let mut xvfb = Command::new("Xvfb")
            // `-displayfd 1`: Xvfb chooses a free display and writes its number to our pipe.
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1440x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log.try_clone().expect("clone of Xvfb's log file"))
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start Xvfb ({e}): install it (apt-get install xvfb)")
            });
        let mut stdout = BufReader::new(xvfb.stdout.take().expect("Xvfb's stdout pipe"));
        let mut line = String::new();
        // Blocks until Xvfb is ready to accept clients, or returns empty if it died.
        let _ = stdout.read_line(&mut line);
        let number = line.trim();
        if number.is_empty() || number.parse::<u32>().is_err() {
            let _ = xvfb.kill();
            let _ = xvfb.wait();
            panic!(
                "Xvfb did not start (said {line:?}); its log:\n{}",
                read_log(&log)
            );
        }
        Display {
            name: format!(":{number}"),
            xvfb: Some(xvfb),
            _stdout: Some(stdout.into_inner()),
        }
    }

    /// The value for `DISPLAY`, e.g. `:3`.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(xvfb) = &mut self.xvfb {
            let _ = xvfb.kill();
            let _ = xvfb.wait();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Driver

/// A running `WebKitWebDriver`. It launches the app itself when a session is opened, with its
/// own environment (measured: variables set here do reach the app). Killed on drop.
pub struct Driver {
    child: Child,
    client: Client,
    /// Driver and app output (the app inherits the driver's stdout/stderr); shown on failures.
    log: File,
}

impl Driver {
    /// Starts `WebKitWebDriver` on a free port, showing windows on `display`, with `env` added
    /// to its environment and so to the app's (e.g. `CHUYENDE_DATA_DIR`).
    ///
    /// Sets `TAURI_WEBVIEW_AUTOMATION=true`: without it tauri does not enable automation and
    /// session creation hangs.
    ///
    /// Deliberately does NOT set `WEBKIT_DISABLE_COMPOSITING_MODE=1` (often advised for Xvfb):
    /// measured with WebKitGTK 2.50 under Xvfb, with it every `GET /screenshot` taken after a
    /// script ran hangs forever; without it screenshots are correct. An inherited value is
    /// still passed on.
    pub fn start<K: AsRef<OsStr>, V: AsRef<OsStr>>(display: &Display, env: &[(K, V)]) -> Driver {
        let port = free_port();
        let log = tempfile::tempfile().expect("temporary file for WebKitWebDriver's log");
        let mut cmd = Command::new("WebKitWebDriver");
        cmd.arg(format!("--port={port}"))
            .env("DISPLAY", display.name())
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .stdin(Stdio::null())
            .stdout(
                log.try_clone()
                    .expect("clone of WebKitWebDriver's log file"),
            )
            .stderr(
                log.try_clone()
                    .expect("clone of WebKitWebDriver's log file"),
            );
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().unwrap_or_else(|e| {
            panic!("cannot start WebKitWebDriver ({e}): install it (apt-get install webkit2gtk-driver)")
        });
        let mut driver = Driver {
            child,
            client: Client::new(format!("http://127.0.0.1:{port}")),
            log,
        };

        let deadline = Instant::now() + DRIVER_START;
        loop {
            if let Ok(Some(status)) = driver.child.try_wait() {
                panic!(
                    "WebKitWebDriver exited at start ({status}); its log:\n{}",
                    driver.log()
                );
            }
            // Any WebDriver answer means it listens; `ready` is false only while a session runs.
            if driver
                .client
                .send_once("GET", "/status", None, Some(Duration::from_secs(2)))
                .is_ok()
            {
                return driver;
            }
            if Instant::now() > deadline {
                panic!("WebKitWebDriver did not answer GET /status within {DRIVER_START:?}; its log:\n{}", driver.log());
            }
            sleep(POLL);
        }
    }

    /// Base URL, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> &str {
        &self.client.base
    }

    /// Everything the driver and the app printed so far.
    pub fn log(&self) -> String {
        read_log(&self.log)
    }

    /// Live processes the driver started, i.e. the running app (Linux `/proc`; zombies, which
    /// have exited, are left out).
    pub fn app_pids(&self) -> Vec<u32> {
        let driver = self.child.id();
        let Ok(entries) = std::fs::read_dir("/proc") else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
            .filter(|pid| {
                // `pid (comm) state ppid ...`; comm may contain spaces, so split after ')'.
                let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                    return false;
                };
                let mut fields = stat
                    .rsplit_once(')')
                    .map(|(_, rest)| rest)
                    .unwrap_or("")
                    .split_whitespace();
                let state = fields.next();
                state != Some("Z") && fields.next() == Some(driver.to_string().as_str())
            })
            .collect()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // Measured: DELETE /session answers before the app has exited, and the app can outlive
        // a killed driver for a while. Wait for it, so that a relaunch on the same data folder
        // never runs next to the old instance and a temporary data folder can be removed.
        let deadline = Instant::now() + Duration::from_secs(5);
        while !self.app_pids().is_empty() && Instant::now() < deadline {
            sleep(Duration::from_millis(50));
        }
        for pid in self.app_pids() {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago (the OS picks it; the tiny race is acceptable in tests).
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0 to find a free port");
    listener
        .local_addr()
        .expect("address of the bound port")
        .port()
}

fn read_log(file: &File) -> String {
    let mut file = file.try_clone().expect("clone of a log file");
    let mut text = String::new();
    let _ = file.rewind();
    let _ = file.read_to_string(&mut text);
    text
}

// ---------------------------------------------------------------------------------------------
// HTTP

/// An error answer from WebDriver (`{"value": {"error", "message"}}`), or a transport failure
/// (`error` = `"transport"`, `status` = 0).
#[derive(Debug, Clone)]
pub struct WebDriverError {
    pub status: u16,
    pub error: String,
    pub message: String,
}

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (HTTP {})", self.error, self.status)?;
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        Ok(())
    }
}

#[derive(Clone)]
struct Client {
    base: String,
    agent: ureq::Agent,
}

/// Transport errors worth retrying: the driver not listening yet, or a kept-alive connection
/// it closed. A timeout is not retried (the command may have run), nor is a WebDriver error.
fn is_connection_error(e: &ureq::Error) -> bool {
    use std::io::ErrorKind::*;
    match e {
        ureq::Error::ConnectionFailed => true,
        ureq::Error::Io(io) => matches!(
            io.kind(),
            ConnectionRefused
                | ConnectionReset
                | ConnectionAborted
                | BrokenPipe
                | UnexpectedEof
                | NotConnected
        ),
        _ => false,
    }
}

impl Client {
    fn new(base: String) -> Client {
        let agent = ureq::Agent::config_builder()
            // WebDriver errors come as 4xx/5xx with a JSON body we want to read.
            .http_status_as_error(false)
            .timeout_global(Some(REQUEST))
            .build()
            .into();
        Client { base, agent }
    }

    /// One request, retried up to 5 times on connection-level errors; returns `value`.
    fn send(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
        timeout: Option<Duration>,
    ) -> Result<Value, WebDriverError> {
        let mut attempt = 1;
        loop {
            match self.send_once(method, path, body.clone(), timeout) {
                Err(Failure::Connection(_)) if attempt < 5 => {
                    attempt += 1;
                    sleep(Duration::from_millis(200));
                }
                Err(Failure::Connection(e)) | Err(Failure::Other(e)) => {
                    return Err(WebDriverError {
                        status: 0,
                        error: "transport".into(),
                        message: format!("{method} {path}: {e}"),
                    })
                }
                Err(Failure::WebDriver(e)) => return Err(e),
                Ok(v) => return Ok(v),
            }
        }
    }

    fn send_once(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
        timeout: Option<Duration>,
    ) -> Result<Value, Failure> {
        let url = format!("{}{path}", self.base);
        let result = match method {
            "GET" => self
                .agent
                .get(&url)
                .config()
                .timeout_global(timeout.or(Some(REQUEST)))
                .build()
                .call(),
            "DELETE" => self
                .agent
                .delete(&url)
                .config()
                .timeout_global(timeout.or(Some(REQUEST)))
                .build()
                .call(),
            "POST" => self
                .agent
                .post(&url)
                .config()
                .timeout_global(timeout.or(Some(REQUEST)))
                .build()
                .send_json(body.unwrap_or_else(|| json!({}))),
            other => panic!("unsupported HTTP method {other}"),
        };
        let mut response = result.map_err(|e| {
            if is_connection_error(&e) {
                Failure::Connection(e)
            } else {
                Failure::Other(e)
            }
        })?;
        let status = response.status().as_u16();
        // Screenshots are large; ureq's default body limit is 10 MB.
        let text = response
            .body_mut()
            .with_config()
            .limit(512 * 1024 * 1024)
            .read_to_string()
            .map_err(Failure::Other)?;
        let json: Value = serde_json::from_str(&text).unwrap_or_else(|_| json!({ "value": text }));
        let value = json.get("value").cloned().unwrap_or(Value::Null);
        if (200..300).contains(&status) {
            return Ok(value);
        }
        let field = |k: &str| {
            value
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        Err(Failure::WebDriver(WebDriverError {
            status,
            error: field("error"),
            message: field("message"),
        }))
    }
}

enum Failure {
    Connection(ureq::Error),
    Other(ureq::Error),
    WebDriver(WebDriverError),
}

// ---------------------------------------------------------------------------------------------
// Session

/// A WebDriver session, i.e. one running instance of the app. Deleting it (on drop) closes the
/// app. `WebKitWebDriver` holds one session at a time.
pub struct Session {
    client: Client,
    id: String,
}

/// The W3C key that identifies an element reference in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Session {
    /// Starts `app` through `driver` and waits for its window. The capabilities carry no
    /// `browserName`: with one, WebKitWebDriver refuses a non-browser binary with
    /// "Failed to match capabilities".
    pub fn new(driver: &Driver, app: &Path) -> Session {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "webkitgtk:browserOptions": {"binary": app, "args": []}
        }}});
        let value = driver
            .client
            .send("POST", "/session", Some(caps), Some(SESSION_START))
            .unwrap_or_else(|e| {
                panic!(
                    "cannot start {} over WebDriver: {e}\ndriver and app log:\n{}",
                    app.display(),
                    driver.log()
                )
            });
        let id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("POST /session answered without a sessionId: {value}"))
            .to_string();
        Session {
            client: driver.client.clone(),
            id,
        }
    }

    /// The session's id, as in `/session/{id}/...`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Any session command, for what the helpers do not cover: `path` is relative to
    /// `/session/{id}` (e.g. `"/window/rect"`); returns the answer's `value`.
    pub fn command(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, WebDriverError> {
        self.client
            .send(method, &format!("/session/{}{path}", self.id), body, None)
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>, what: &str) -> Value {
        self.command(method, path, body)
            .unwrap_or_else(|e| panic!("{what}: {e}"))
    }

    fn element(&self, value: &Value, selector: &str) -> Element {
        let id = value
            .get(ELEMENT_KEY)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("`{selector}`: not an element reference: {value}"));
        Element {
            client: self.client.clone(),
            session: self.id.clone(),
            id: id.to_string(),
            selector: selector.to_string(),
            refind: true,
        }
    }

    /// The first element matching `css`, waiting up to [`WAIT`] for it to appear.
    pub fn find(&self, css: &str) -> Element {
        let value = poll(&format!("find `{css}`"), || {
            self.command("POST", "/element", Some(by_css(css)))
        });
        self.element(&value, css)
    }

    /// All elements matching `css` now (possibly none; does not wait).
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let value = self.cmd(
            "POST",
            "/elements",
            Some(by_css(css)),
            &format!("find all `{css}`"),
        );
        elements(&value)
            .iter()
            .map(|v| Element {
                refind: false,
                ..self.element(v, css)
            })
            .collect()
    }

    /// Waits until an element matching `css` exists.
    pub fn wait_for(&self, css: &str) -> Element {
        self.find(css)
    }

    /// Waits until no element matching `css` is displayed (removed, or hidden like a closed
    /// `<dialog>`).
    pub fn wait_gone(&self, css: &str) {
        poll(&format!("wait until `{css}` is gone"), || {
            let shown = self
                .find_all(css)
                .iter()
                .filter(|e| e.try_displayed().unwrap_or(false))
                .count();
            if shown == 0 {
                Ok(())
            } else {
                Err(format!("{shown} still displayed"))
            }
        })
    }

    /// Waits until an element matching `css` has visible text containing `text`; returns it.
    pub fn wait_for_text(&self, css: &str, text: &str) -> Element {
        poll(&format!("wait for `{css}` to contain {text:?}"), || {
            let mut seen = Vec::new();
            for element in self.find_all(css) {
                match element.try_text() {
                    Ok(t) if t.contains(text) => return Ok(element),
                    Ok(t) => seen.push(t),
                    Err(_) => {} // replaced while we looked: try again next round
                }
            }
            Err(format!("texts seen: {seen:?}"))
        })
    }

    /// Whether an element matching `css` exists right now.
    pub fn exists(&self, css: &str) -> bool {
        !self.find_all(css).is_empty()
    }

    /// Sends a key (see [`keys`]) to the focused element, or to the page body if none is.
    pub fn press_key(&self, key: &str) {
        let active = self.cmd("GET", "/element/active", None, "get the focused element");
        self.element(&active, ":focus").type_text(key);
    }

    /// Presses keys as a person at the keyboard does, through WebDriver's key actions: no
    /// element is targeted and nothing is clicked; the keys go where the page's focus is. Each
    /// `chord` is held down together (e.g. `[keys::CONTROL, "n"]`) and released in reverse; a
    /// chord of one plain text (`["Nguyễn"]`) types it character by character.
    pub fn keys(&self, chords: &[&[&str]]) {
        let mut actions = Vec::new();
        for chord in chords {
            let pressed: Vec<String> = match chord {
                [text]
                    if text.chars().count() > 1
                        && !text.starts_with(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)) =>
                {
                    for c in text.chars() {
                        actions.push(json!({"type": "keyDown", "value": c.to_string()}));
                        actions.push(json!({"type": "keyUp", "value": c.to_string()}));
                    }
                    continue;
                }
                _ => chord.iter().map(|k| k.to_string()).collect(),
            };
            for k in &pressed {
                actions.push(json!({"type": "keyDown", "value": k}));
            }
            for k in pressed.iter().rev() {
                actions.push(json!({"type": "keyUp", "value": k}));
            }
        }
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
            &format!("press {chords:?}"),
        );
    }

    /// Presses Tab (or Shift+Tab with `back`) until the focused element matches `css`, as a
    /// person tabs to a button: panics after `limit` presses, naming where the focus went.
    pub fn tab_to(&self, css: &str, back: bool, limit: usize) {
        let mut path = Vec::new();
        for _ in 0..limit {
            let here = self.execute(
                "const a = document.activeElement;
                 if (a && a.matches(arguments[0])) return true;
                 return a ? `${a.tagName.toLowerCase()}${a.dataset.testid ? '[' + a.dataset.testid + ']' : ''}` : 'nothing';",
                &[json!(css)],
            );
            if here == json!(true) {
                return;
            }
            path.push(here.as_str().unwrap_or_default().to_string());
            if back {
                self.keys(&[&[keys::SHIFT, keys::TAB]]);
            } else {
                self.keys(&[&[keys::TAB]]);
            }
        }
        panic!(
            "Tab did not reach `{css}` in {limit} presses; the focus went {}",
            path.join(" → ")
        );
    }

    /// Runs `script` as a function body in the page (`return` gives the result; arguments in
    /// `arguments[i]`, elements passed as [`Element::to_json`]).
    pub fn execute(&self, script: &str, args: &[Value]) -> Value {
        let body = json!({"script": script, "args": args});
        self.cmd(
            "POST",
            "/execute/sync",
            Some(body),
            &format!("execute script {script:?}"),
        )
    }

    /// Like [`execute`](Self::execute), but the result is what the script passes to the callback
    /// `arguments[arguments.length - 1]` (e.g. after awaiting a tauri command).
    pub fn execute_async(&self, script: &str, args: &[Value]) -> Value {
        let body = json!({"script": script, "args": args});
        self.cmd(
            "POST",
            "/execute/async",
            Some(body),
            &format!("execute async script {script:?}"),
        )
    }

    /// Saves a PNG of the window to `path`, creating its folders.
    /// Runs `script` until it returns something other than null or false (the page loads its
    /// data asynchronously), and returns that; fails the test after [`WAIT`].
    /// A script the page could not run because it was being replaced (a reload under way:
    /// WebKitWebDriver answers "no such frame … before the unload event") counts as not yet.
    pub fn wait_until(&self, what: &str, script: &str, args: &[Value]) -> Value {
        let started = Instant::now();
        let body = json!({"script": script, "args": args});
        loop {
            let problem = match self.command("POST", "/execute/sync", Some(body.clone())) {
                Ok(value) if !value.is_null() && value != Value::Bool(false) => return value,
                Ok(_) => None,
                Err(e) if e.to_string().contains("unload") || e.to_string().contains("no such frame") => {
                    Some(e.to_string())
                }
                Err(e) => panic!("execute script {script:?}: {e}"),
            };
            assert!(
                started.elapsed() < WAIT,
                "gave up after {WAIT:?} waiting for {what}{}",
                problem.map(|p| format!(" (last: {p})")).unwrap_or_default()
            );
            sleep(POLL);
        }
    }

    pub fn screenshot(&self, path: &Path) {
        // Let the page paint what the last commands changed: without this WebKitGTK can hand
        // back the previous frame (a form without the error a test just waited for).
        self.execute_async(
            "const done = arguments[arguments.length - 1];
             requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));",
            &[],
        );
        let data = self.cmd("GET", "/screenshot", None, "take a screenshot");
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap_or_default())
            .unwrap_or_else(|e| panic!("screenshot is not base64: {e}"));
        assert!(!png.is_empty(), "screenshot is empty");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
        }
        std::fs::write(path, png).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    /// Chooses the option with `value` in the `<select>` matching `css`, firing `input` and
    /// `change` as a user's choice would (Svelte's `bind:value` listens to `change`).
    pub fn select_by_value(&self, css: &str, value: &str) {
        let select = self.find(css);
        let script = "const [s, v] = arguments;
            if (![...s.options].some(o => o.value === v))
                return [...s.options].map(o => o.value);
            s.value = v;
            s.dispatchEvent(new Event('input', {bubbles: true}));
            s.dispatchEvent(new Event('change', {bubbles: true}));
            return true;";
        let result = self.execute(script, &[select.to_json(), json!(value)]);
        assert_eq!(
            result,
            json!(true),
            "`{css}` has no option {value:?}; options: {result}"
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Closes the app. Errors ignored: the test has already failed if this goes wrong.
        let _ = self.client.send(
            "DELETE",
            &format!("/session/{}", self.id),
            None,
            Some(Duration::from_secs(10)),
        );
    }
}

fn by_css(css: &str) -> Value {
    json!({"using": "css selector", "value": css})
}

fn elements(value: &Value) -> Vec<Value> {
    value.as_array().cloned().unwrap_or_default()
}

/// Calls `f` every [`POLL`] until it succeeds or [`WAIT`] passes, then panics with its last error.
fn poll<T, E: std::fmt::Display>(what: &str, mut f: impl FnMut() -> Result<T, E>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        match f() {
            Ok(v) => return v,
            Err(e) if Instant::now() > deadline => panic!("{what}: gave up after {WAIT:?}: {e}"),
            Err(_) => sleep(POLL),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Element

/// An element of the page, found by `selector` (kept for error messages).
#[derive(Clone)]
pub struct Element {
    client: Client,
    session: String,
    id: String,
    selector: String,
    /// Found as the first match of `selector` in the page (`Session::find`): when the page
    /// draws it again, the same query finds it again (see [`Element::click`]).
    refind: bool,
}

impl Element {
    fn command(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, WebDriverError> {
        let path = format!("/session/{}/element/{}{path}", self.session, self.id);
        self.client.send(method, &path, body, None)
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>, what: &str) -> Value {
        self.command(method, path, body)
            .unwrap_or_else(|e| panic!("{what} `{}`: {e}", self.selector))
    }

    /// The reference to pass this element as a script argument.
    pub fn to_json(&self) -> Value {
        json!({ ELEMENT_KEY: self.id })
    }

    /// Clicks it, retrying for up to [`WAIT`] while it is covered or not yet interactable
    /// (e.g. during a transition).
    /// One found by `Session::find` that the page drew again meanwhile (a list re-rendered
    /// between the find and the click: "stale element reference") is found again by the same
    /// query and clicked.
    pub fn click(&self) {
        let mut id = self.id.clone();
        poll(&format!("click `{}`", self.selector), || {
            let path = format!("/session/{}/element/{id}/click", self.session);
            let result = self.client.send("POST", &path, None, None);
            if let Err(e) = &result {
                if self.refind && e.error == "stale element reference" {
                    let find = format!("/session/{}/element", self.session);
                    let again = self.client.send("POST", &find, Some(by_css(&self.selector)), None);
                    if let Ok(v) = again {
                        if let Some(again) = v.get(ELEMENT_KEY).and_then(Value::as_str) {
                            id = again.to_string();
                        }
                    }
                }
            }
            result
        });
    }

    /// Empties an input or textarea.
    pub fn clear(&self) {
        self.cmd("POST", "/clear", None, "clear");
    }

    /// Types `text` as key presses (any Unicode, and [`keys`] codes).
    pub fn type_text(&self, text: &str) {
        self.cmd(
            "POST",
            "/value",
            Some(json!({"text": text})),
            &format!("type {text:?} into"),
        );
    }

    /// Its rendered text (`innerText`).
    pub fn text(&self) -> String {
        self.try_text()
            .unwrap_or_else(|e| panic!("text of `{}`: {e}", self.selector))
    }

    fn try_text(&self) -> Result<String, WebDriverError> {
        self.command("GET", "/text", None)
            .map(|v| v.as_str().unwrap_or_default().to_string())
    }

    /// An HTML attribute, `None` if absent.
    pub fn attr(&self, name: &str) -> Option<String> {
        let v = self.cmd(
            "GET",
            &format!("/attribute/{name}"),
            None,
            &format!("attribute {name} of"),
        );
        v.as_str().map(str::to_string)
    }

    /// A DOM property (e.g. `value`, `checked`).
    pub fn prop(&self, name: &str) -> Value {
        self.cmd(
            "GET",
            &format!("/property/{name}"),
            None,
            &format!("property {name} of"),
        )
    }

    pub fn is_displayed(&self) -> bool {
        self.try_displayed()
            .unwrap_or_else(|e| panic!("is `{}` displayed: {e}", self.selector))
    }

    fn try_displayed(&self) -> Result<bool, WebDriverError> {
        self.command("GET", "/displayed", None)
            .map(|v| v.as_bool().unwrap_or(false))
    }

    pub fn is_enabled(&self) -> bool {
        self.cmd("GET", "/enabled", None, "is enabled")
            .as_bool()
            .unwrap_or(false)
    }

    /// The first descendant matching `css`, waiting up to [`WAIT`].
    pub fn find(&self, css: &str) -> Element {
        let selector = format!("{} {css}", self.selector);
        let value = poll(&format!("find `{css}` inside `{}`", self.selector), || {
            self.command("POST", "/element", Some(by_css(css)))
        });
        self.child(&value, selector)
    }

    /// All descendants matching `css` now (does not wait).
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let value = self.cmd(
            "POST",
            "/elements",
            Some(by_css(css)),
            &format!("find all `{css}` inside"),
        );
        elements(&value)
            .iter()
            .map(|v| self.child(v, format!("{} {css}", self.selector)))
            .collect()
    }

    fn child(&self, value: &Value, selector: String) -> Element {
        let id = value
            .get(ELEMENT_KEY)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("`{selector}`: not an element reference: {value}"));
        Element {
            client: self.client.clone(),
            session: self.session.clone(),
            id: id.to_string(),
            selector,
            // "parent child" is not always the same element at the page's level: not found again.
            refind: false,
        }
    }
}

impl std::fmt::Debug for Element {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Element(`{}`)", self.selector)
    }
}

/// `pids` and every process under them (Linux `/proc`): WebKit starts its web and network
/// processes as children of the window, or of a sandbox that is one.
pub fn processes_under(pids: &[u32]) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // `pid (comm) state ppid …`: comm may hold spaces, so read after the last ')'.
            let (_, rest) = stat.rsplit_once(')')?;
            let ppid = rest.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, ppid))
        })
        .collect();
    let mut found = pids.to_vec();
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(parents.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    found
}

// ---------------------------------------------------------------------------------------------
// App

/// The app running on its own display with its data in `data_dir`. Derefs to its [`Session`].
///
/// Dropping it closes the app, then stops the driver, then the display (field order). To check
/// that data survives a restart, drop it (or call [`restart`](Self::restart)) and launch again
/// on the same folder.
pub struct App {
    session: Session,
    driver: Driver,
    _display: Display,
    data_dir: PathBuf,
    /// The extra environment of `launch_with`, reused by `restart`.
    env: Vec<(OsString, OsString)>,
}

impl App {
    /// Starts the app built by `cargo build -p chuyende-app` with `CHUYENDE_DATA_DIR=data_dir`.
    pub fn launch(data_dir: &Path) -> App {
        App::launch_with(data_dir, &[] as &[(&str, &str)])
    }

    /// Like [`launch`](Self::launch), with extra environment variables for the app.
    pub fn launch_with<K: AsRef<OsStr>, V: AsRef<OsStr>>(data_dir: &Path, env: &[(K, V)]) -> App {
        let app = app_binary();
        let display = Display::start();
        let env: Vec<(OsString, OsString)> = env
            .iter()
            .map(|(k, v)| (k.as_ref().to_owned(), v.as_ref().to_owned()))
            .collect();
        // The window imports only files dropped on it or chosen in its dialog; WebDriver can do
        // neither, so a debug build also takes those of the folders named here: the fixtures,
        // and `<data_dir>/dropped` for files a test makes.
        let droppable = std::env::join_paths([
            Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("run by cargo")).join("fixtures"),
            data_dir.join("dropped"),
        ])
        .expect("folders without the path separator");
        let mut vars = vec![
            (
                OsString::from("CHUYENDE_DATA_DIR"),
                data_dir.as_os_str().to_owned(),
            ),
            (OsString::from("CHUYENDE_E2E_DROPPABLE"), droppable),
        ];
        vars.extend(env.iter().cloned());
        let driver = Driver::start(&display, &vars);
        let session = Session::new(&driver, &app);
        let app = App {
            session,
            driver,
            _display: display,
            data_dir: data_dir.to_path_buf(),
            env,
        };
        app.continue_without_accounts();
        app
    }

    /// On data with no account yet the window first offers to create the administrator; the
    /// tests of other screens go on without accounts, as data made before accounts does (the
    /// accounts tests sign in instead: [`App::sign_in`]).
    fn continue_without_accounts(&self) {
        if self.env.iter().any(|(k, _)| k == "CHUYENDE_E2E_FIRST_RUN") {
            // The test of the first run itself.
            return;
        }
        let first = self.session.wait_until(
            "the window to show a screen, the sign-in or why it cannot open",
            "const q = s => document.querySelector(s);
             if (q('[data-testid=first-admin-skip]')) return 'first';
             return q('main.content section, [data-testid=fatal-error], [data-testid^=sign-in-]') ? 'other' : null;",
            &[],
        );
        if first == "first" {
            self.session.find("[data-testid=first-admin-skip]").click();
            self.session.wait_gone("[data-testid=first-admin-skip]");
            // The page as it opens, for keyboard tests: focus back at the top of the document
            // (the link clicked is gone; Tab would go on from where it was).
            self.session.execute(
                "document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex');",
                &[],
            );
        }
    }

    /// Signs in on the sign-in screen as `username` and waits for the window behind it.
    pub fn sign_in(&self, username: &str, password: &str) {
        let s = &self.session;
        s.wait_for("[data-testid=sign-in-username]").type_text(username);
        s.find("[data-testid=sign-in-password]").type_text(password);
        s.find("[data-testid=sign-in-submit]").click();
        s.wait_for("[data-testid=signed-in-as]");
    }

    /// Closes the app and starts it again on the same data folder and environment (fresh
    /// display and driver).
    pub fn restart(self) -> App {
        let (data_dir, env) = (self.data_dir.clone(), self.env.clone());
        drop(self);
        App::launch_with(&data_dir, &env)
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The X display the app runs on (for tools such as xwininfo that look at its windows).
    pub fn display_name(&self) -> &str {
        self._display.name()
    }

    pub fn driver(&self) -> &Driver {
        &self.driver
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }
}

impl Deref for App {
    type Target = Session;
    fn deref(&self) -> &Session {
        &self.session
    }
}
