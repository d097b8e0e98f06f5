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
        let Some(scope) = ctx.event_scope(event) else { return };
        for span in scope {
            if let Some(timing) = span.extensions_mut().get_mut::<Timing>() {
                timing.outcome = outcome;
            }
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        let Some(timing) = span.extensions_mut().remove::<Timing>() else { return };
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
