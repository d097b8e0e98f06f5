//! The app's command list, read from the `#[tauri::command]` functions in `src/commands/`.
//!
//! A command is written ONCE: as a `#[tauri::command]` function in the `src/commands/` module
//! of its domain noun. Everything else is derived from that function here:
//! - the handler list (`build.rs` writes `$OUT_DIR/handlers.rs`, which `lib.rs` includes);
//! - one permission per command (tauri-build's `allow-…`), and the `app-commands` set that
//!   `capabilities/main.json` grants the window (`build.rs` writes `permissions/commands.toml`);
//! - the typed TypeScript wrapper in `ui/src/lib/api.ts`, with the command's argument and return
//!   types (the test `src-tauri/tests/commands.rs` fails when it drifts;
//!   `UPDATE_BINDINGS=1 cargo test -p chuyende-app --test commands` rewrites it).
//!
//! Shared by `build.rs` and that test through `#[path]`, so both read the commands the same
//! way. It depends on `syn` only.

use std::fmt::Write as _;
use std::path::Path;

/// One `#[tauri::command]` function.
pub struct Command {
    /// The file it lives in under `src/commands/`, e.g. `member`.
    pub module: String,
    /// The function's name, which is also the IPC command's name, e.g. `list_members`.
    pub name: String,
    /// The arguments the page sends (tauri-injected ones such as `State` left out).
    pub params: Vec<(String, syn::Type)>,
    /// The function's return type.
    pub returns: syn::ReturnType,
    /// Whether the function carries `#[tracing::instrument …]`, so the log names it.
    pub instrumented: bool,
}

/// Arguments tauri fills in itself; the page never sends them.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview"];

/// Every command in `commands_dir`, files in name order, functions in source order.
pub fn scan(commands_dir: &Path) -> Result<Vec<Command>, String> {
    let mut files: Vec<_> = std::fs::read_dir(commands_dir)
        .map_err(|e| format!("{}: {e}", commands_dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs") && !p.ends_with("mod.rs"))
        .collect();
    files.sort();
    let mut commands = Vec::new();
    for path in files {
        let module = path.file_stem().unwrap().to_string_lossy().into_owned();
        let source =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file = syn::parse_file(&source).map_err(|e| format!("{}: {e}", path.display()))?;
        for item in file.items {
            let syn::Item::Fn(function) = item else {
                continue;
            };
            if !function
                .attrs
                .iter()
                .any(|a| is_path(a.path(), &["tauri", "command"]))
            {
                continue;
            }
            let instrumented = function
                .attrs
                .iter()
                .any(|a| is_path(a.path(), &["tracing", "instrument"]));
            let mut params = Vec::new();
            for input in &function.sig.inputs {
                let syn::FnArg::Typed(arg) = input else {
                    continue;
                };
                let syn::Pat::Ident(ident) = &*arg.pat else {
                    return Err(format!(
                        "{module}::{}: an argument without a plain name",
                        function.sig.ident
                    ));
                };
                if last_segment(&arg.ty)
                    .is_some_and(|s| INJECTED.contains(&s.ident.to_string().as_str()))
                {
                    continue;
                }
                params.push((ident.ident.to_string(), (*arg.ty).clone()));
            }
            commands.push(Command {
                module: module.clone(),
                name: function.sig.ident.to_string(),
                params,
                returns: function.sig.output.clone(),
                instrumented,
            });
        }
    }
    Ok(commands)
}

/// The command modules that build an `ErrorPayload { … }` themselves instead of through
/// `crate::log`, which logs the failure (so that its command is not logged as ok).
pub fn building_errors_by_hand(commands_dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(commands_dir) else {
        return Vec::new();
    };
    let mut modules: Vec<String> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|s| builds_error_payload(&s)))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    modules.sort();
    modules
}

/// `ErrorPayload {` as a struct literal, not as the return type before a function's body.
fn builds_error_payload(source: &str) -> bool {
    source.lines().any(|line| {
        line.match_indices("ErrorPayload {")
            .any(|(at, _)| !line[..at].trim_end().ends_with("->"))
    })
}

/// The expression `lib.rs` hands to `invoke_handler`.
pub fn handler_list(commands: &[Command]) -> String {
    let mut out = String::from("tauri::generate_handler![\n");
    for c in commands {
        let _ = writeln!(out, "    commands::{}::{},", c.module, c.name);
    }
    out.push(']');
    out
}

/// The permission set granting every command, which the window's capability names.
pub fn permission_set(commands: &[Command]) -> String {
    let mut out = String::from(
        "# Generated by build.rs from the #[tauri::command] functions in src/commands: do not edit.\n\n\
         [[set]]\n\
         identifier = \"app-commands\"\n\
         description = \"Every command of the app, one allow- permission each: what the main window may call.\"\n\
         permissions = [\n",
    );
    for c in commands {
        let _ = writeln!(out, "  \"allow-{}\",", c.name.replace('_', "-"));
    }
    out.push_str("]\n");
    out
}

/// `ui/src/lib/api.ts`: one typed wrapper per command, named after it in camelCase.
/// Fails on a type with no TypeScript counterpart in `bindings_dir` (export it with ts-rs).
pub fn typescript(commands: &[Command], bindings_dir: &Path) -> Result<String, String> {
    let mut types = std::collections::BTreeSet::new();
    let mut body = String::new();
    for c in commands {
        let mut params = Vec::new();
        let mut keys = Vec::new();
        for (name, ty) in &c.params {
            let key = camel_case(name);
            let local = if RESERVED.contains(&key.as_str()) {
                format!("{key}_")
            } else {
                key.clone()
            };
            let ts =
                ts_type(ty, &mut types).map_err(|e| format!("{}: argument {name}: {e}", c.name))?;
            params.push(format!("{local}: {ts}"));
            keys.push(if local == key {
                key
            } else {
                format!("{key}: {local}")
            });
        }
        let returns = match &c.returns {
            syn::ReturnType::Default => "null".to_string(),
            syn::ReturnType::Type(_, ty) => ts_type(ok_type(ty), &mut types)
                .map_err(|e| format!("{}: return type: {e}", c.name))?,
        };
        let args = if keys.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", keys.join(", "))
        };
        let _ = writeln!(
            body,
            "  {}: ({}) =>\n    call<{returns}>(\"{}\"{args}),",
            camel_case(&c.name),
            params.join(", "),
            c.name
        );
    }
    let mut out = String::from(
        "// Generated from the #[tauri::command] functions in src-tauri/src/commands by\n\
         // `UPDATE_BINDINGS=1 cargo test -p chuyende-app --test commands`: do not edit.\n\
         // A new command is written once, in Rust; see src-tauri/command_manifest.rs.\n\
         import { call } from \"./ipc\";\n",
    );
    for t in &types {
        if !bindings_dir.join(format!("{t}.ts")).exists() {
            return Err(format!(
                "{t} has no TypeScript binding in {}",
                bindings_dir.display()
            ));
        }
        let _ = writeln!(out, "import type {{ {t} }} from \"./bindings/{t}\";");
    }
    out.push_str("\nexport { asError, type ErrorPayload } from \"./ipc\";\n");
    let names: Vec<&str> = types.iter().map(String::as_str).collect();
    let _ = writeln!(out, "export type {{ {} }};", names.join(", "));
    out.push_str("\nexport const api = {\n");
    out.push_str(&body);
    out.push_str("};\n");
    Ok(out)
}

/// Words a TypeScript parameter may not be named.
const RESERVED: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
];

fn is_path(path: &syn::Path, expected: &[&str]) -> bool {
    path.segments.len() == expected.len()
        && path
            .segments
            .iter()
            .zip(expected)
            .all(|(s, e)| s.ident == e)
}

fn last_segment(ty: &syn::Type) -> Option<&syn::PathSegment> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last(),
        syn::Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

fn generic_args(segment: &syn::PathSegment) -> Vec<&syn::Type> {
    match &segment.arguments {
        syn::PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|a| match a {
                syn::GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `Result<T, E>` → `T`: the error reaches the page as a rejected promise.
fn ok_type(ty: &syn::Type) -> &syn::Type {
    match last_segment(ty) {
        Some(s) if s.ident == "Result" => generic_args(s).first().copied().unwrap_or(ty),
        _ => ty,
    }
}

fn ts_type(
    ty: &syn::Type,
    types: &mut std::collections::BTreeSet<String>,
) -> Result<String, String> {
    if let syn::Type::Tuple(t) = ty {
        if t.elems.is_empty() {
            return Ok("null".into());
        }
    }
    let segment = last_segment(ty).ok_or("not a named type")?;
    let args = generic_args(segment);
    let name = segment.ident.to_string();
    Ok(match name.as_str() {
        "String" | "str" | "PathBuf" | "Path" | "NaiveDate" | "NaiveTime" => "string".into(),
        "bool" => "boolean".into(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "f32" | "f64" => {
            "number".into()
        }
        "Option" => format!(
            "{} | null",
            ts_type(args.first().ok_or("Option<?>")?, types)?
        ),
        "Vec" => {
            let inner = ts_type(args.first().ok_or("Vec<?>")?, types)?;
            if inner.contains(' ') {
                format!("Array<{inner}>")
            } else {
                format!("{inner}[]")
            }
        }
        _ if args.is_empty() => {
            types.insert(name.clone());
            name
        }
        _ => {
            return Err(format!(
                "{name}<…> has no TypeScript mapping in command_manifest.rs"
            ))
        }
    })
}

pub fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}
