//! Accounts, sign-in and the lock (issue 13): each command one call of the library, which keeps
//! the account signed in on the window's database handle and decides every permission.

use chuyende::account::{Account, AccountDraft, AccountId, SignInState, SignedIn};
use chuyende::ErrorPayload;
use tauri::State;

use crate::AppState;

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn sign_in_state(state: State<'_, AppState>) -> Result<SignInState, ErrorPayload> {
    state.run(|db| db.sign_in_state()).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> Result<SignedIn, ErrorPayload> {
    state.run(move |db| db.sign_in(&username, &password)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn sign_out(state: State<'_, AppState>) -> Result<(), ErrorPayload> {
    state
        .run(|db| {
            db.sign_out();
            Ok(())
        })
        .await
}

/// The lock screen: the password of the account signed in.
#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn unlock(
    state: State<'_, AppState>,
    password: String,
) -> Result<SignedIn, ErrorPayload> {
    state.run(move |db| db.unlock(&password)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn create_first_administrator(
    state: State<'_, AppState>,
    username: String,
    display_name: String,
    password: String,
) -> Result<SignedIn, ErrorPayload> {
    state
        .run(move |db| db.create_first_administrator(&username, &display_name, &password))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn change_own_password(
    state: State<'_, AppState>,
    current: String,
    new: String,
) -> Result<Account, ErrorPayload> {
    state
        .run(move |db| db.change_own_password(&current, &new))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn list_accounts(state: State<'_, AppState>) -> Result<Vec<Account>, ErrorPayload> {
    state.run(|db| db.accounts()).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn create_account(
    state: State<'_, AppState>,
    draft: AccountDraft,
) -> Result<Account, ErrorPayload> {
    state.run(move |db| db.create_account(&draft)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    state: State<'_, AppState>,
    id: AccountId,
    temporary: String,
) -> Result<Account, ErrorPayload> {
    state
        .run(move |db| db.reset_password(id, &temporary))
        .await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn deactivate_account(
    state: State<'_, AppState>,
    id: AccountId,
) -> Result<Account, ErrorPayload> {
    state.run(move |db| db.deactivate_account(id)).await
}

#[tauri::command]
#[tracing::instrument(skip_all)]
pub async fn set_lock_after_seconds(
    state: State<'_, AppState>,
    seconds: u32,
) -> Result<u32, ErrorPayload> {
    state
        .run(move |db| db.set_lock_after_seconds(seconds))
        .await
}
