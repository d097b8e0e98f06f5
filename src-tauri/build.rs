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
            "plan_board",
            "create_plan",
            "copy_previous_plan",
            "approve_plan",
            "plan_history",
            "create_topic_group",
            "topic",
            "topic_history",
            "create_topic",
            "update_topic",
            "start_drafting",
            "postpone_topic",
            "cancel_topic",
            "set_profile_name",
            "import_outline",
            "pick_outline_files",
            "outline_versions",
            "outline_text",
            "compare_outlines",
            "search_outlines",
            "save_outline_copy",
            "open_outline_original",
        ]),
    ))
    .expect("tauri build script");
}
