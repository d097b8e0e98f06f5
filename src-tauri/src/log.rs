//! The window's log (see `chuyende::logging`): each command as one line with its duration and
//! outcome, and each failure with its cause chain.
//!
//! Commands carry `#[tracing::instrument(skip_all)]` (build.rs refuses one without it): the span
//! names the command and records none of its arguments, which hold people's names and document
//! text. [`CommandLog`] times those spans and writes the line when they close; failures are
//! logged by [`failure`], [`internal`] or [`fault`] on their way to the window (build.rs refuses
//! an `ErrorPayload` built by hand in a command, which the log would miss).

use std::time::Instant;

use chuyende::{ErrorCode, ErrorPayload};
use tracing::span::{Attributes, Id};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

/// Where the command spans come from.
const COMMANDS: &str = "chuyende_app::commands";

/// How a command ended, as the log line says it.
#[derive(Clone, Copy)]
enum Outcome {
    Ok,
    /// The library refused the input or the step (a rule, not a fault).
    Refused,
    Failed,
}

struct Timing {
    started: Instant,
    outcome: Outcome,
}

/// Writes `command NAME ok|refused|failed in N ms` when a command's span closes.
pub struct CommandLog;

impl<S> Layer<S> for CommandLog
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        if attrs.metadata().target().starts_with(COMMANDS) {
            if let Some(span) = ctx.span(id) {
                span.extensions_mut().insert(Timing {
                    started: Instant::now(),
                    outcome: Outcome::Ok,
                });
            }
        }
    }

    fn on_event(&self, event: &Event<'_>, ctx: Context<'_, S>) {
        let outcome = match *event.metadata().level() {
            tracing::Level::ERROR => Outcome::Failed,
            _ if event.metadata().fields().field("refused").is_some() => Outcome::Refused,
            _ => return,
        };
        let Some(scope) = ctx.event_scope(event) else {
            return;
        };
        for span in scope {
            if let Some(timing) = span.extensions_mut().get_mut::<Timing>() {
                timing.outcome = outcome;
            }
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        let Some(timing) = span.extensions_mut().remove::<Timing>() else {
            return;
        };
        let ms = timing.started.elapsed().as_millis() as u64;
        let command = span.name();
        match timing.outcome {
            Outcome::Ok => tracing::info!(target: "chuyende_app::command", ms, "{command} ok"),
            Outcome::Refused => {
                tracing::info!(target: "chuyende_app::command", ms, "{command} refused")
            }
            Outcome::Failed => {
                tracing::warn!(target: "chuyende_app::command", ms, "{command} failed")
            }
        }
    }
}

/// Logs a failure of the library (see `chuyende::logging::log_failure`) and turns it into what
/// the window shows.
pub fn failure(error: chuyende::Error) -> ErrorPayload {
    chuyende::logging::log_failure(&error);
    error.to_payload()
}

/// Logs a failure that did not come from the library (a dialog, the print window, a task that
/// panicked) and gives the window its Vietnamese message.
pub fn internal(message: impl Into<String>, cause: &dyn std::fmt::Display) -> ErrorPayload {
    let message = message.into();
    tracing::error!(code = ?ErrorCode::Internal, "{message}: {cause}");
    payload(message)
}

/// A failure told by its message alone: logged as an error, so that its command is logged as
/// failed. Prefer [`internal`], which keeps a library's English out of the message.
pub fn fault(message: String) -> ErrorPayload {
    tracing::error!(code = ?ErrorCode::Internal, "{message}");
    payload(message)
}

fn payload(message: String) -> ErrorPayload {
    ErrorPayload {
        code: ErrorCode::Internal,
        message,
        field: None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use chuyende::{Error, Field};
    use tracing_subscriber::layer::SubscriberExt;

    use super::*;

    /// What the log file would receive.
    #[derive(Clone, Default)]
    struct Written(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Written {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Written {
        type Writer = Written;
        fn make_writer(&'a self) -> Written {
            self.clone()
        }
    }

    /// A command as src/commands writes one, answering `result`.
    #[tracing::instrument(target = "chuyende_app::commands::test", skip_all)]
    fn rename_cell(result: chuyende::Result<()>) -> Result<(), ErrorPayload> {
        result.map_err(failure)
    }

    fn logged(result: chuyende::Result<()>) -> String {
        let written = Written::default();
        let subscriber = tracing_subscriber::registry().with(CommandLog).with(
            tracing_subscriber::fmt::layer()
                .with_writer(written.clone())
                .with_ansi(false)
                .with_filter(tracing_subscriber::filter::LevelFilter::INFO),
        );
        tracing::subscriber::with_default(subscriber, || {
            let _ = rename_cell(result);
        });
        let bytes = written.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn a_command_that_answers_is_logged_as_ok_with_its_duration() {
        let log = logged(Ok(()));
        assert!(
            log.contains("rename_cell ok") && log.contains("ms="),
            "{log}"
        );
    }

    #[test]
    fn a_refusal_is_logged_by_its_code_without_what_the_person_typed() {
        let log = logged(Err(Error::invalid(
            Field::Name,
            "Đã có chi bộ “Chi bộ Nguyễn Văn A” trong đảng bộ này.",
        )));
        assert!(log.contains("rename_cell refused"), "{log}");
        assert!(log.contains("Validation") && log.contains("Name"), "{log}");
        assert!(
            !log.contains("Nguyễn Văn A"),
            "no typed text at info level: {log}"
        );
        assert!(!log.contains("ERROR"), "a refusal is not a fault: {log}");
    }

    #[test]
    fn a_fault_is_logged_as_an_error_with_its_cause_and_its_command_as_failed() {
        let os = chuyende::os_error::OsError::from(std::io::Error::from(
            std::io::ErrorKind::PermissionDenied,
        ));
        let log = logged(Err(Error::DataDir {
            path: "/srv/chuyende".into(),
            source: os,
        }));
        assert!(log.contains("rename_cell failed"), "{log}");
        let error = log
            .lines()
            .find(|l| l.contains("ERROR"))
            .expect("an error line");
        assert!(
            error.contains("rename_cell")
                && error.contains("không đủ quyền")
                && error.contains("permission denied"),
            "inside its command, with the system's words as the cause: {error}"
        );
    }
}
