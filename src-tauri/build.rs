fn main() {
    // Declaring the app's commands makes tauri generate a permission per command, so the
    // capability in capabilities/main.json grants exactly the commands the window uses.
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(
        tauri_build::AppManifest::new().commands(&[
            "app_status",
            "list_organisations",
            "create_organisation",
            "update_organisation",
            "retire_organisation",
            "list_members",
            "create_member",
            "update_member",
            "record_departure",
            "reinstate_member",
        ]),
    ))
    .expect("tauri build script");
}
