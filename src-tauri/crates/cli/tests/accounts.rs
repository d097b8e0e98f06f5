//! The tool acts as a named account (`--as`, the password from the environment or a file), or
//! as the local administrator set up for this operating-system user (issue 13).

use std::path::Path;
use std::process::{Command, Output};

fn chuyende(data_dir: &Path, password: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chuyende"));
    command
        .args(args)
        .env("CHUYENDE_DATA_DIR", data_dir)
        .env_remove("CHUYENDE_PASSWORD")
        .env_remove("CHUYENDE_NEW_PASSWORD")
        .stdin(std::process::Stdio::null());
    if let Some(p) = password {
        command.env("CHUYENDE_PASSWORD", p);
    }
    command.output().expect("chuyende runs")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn refused(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(1), "refused: {}", String::from_utf8_lossy(&o.stdout));
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn the_tool_acts_as_the_account_named_and_refuses_what_its_role_may_not_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(&chuyende(dir.path(), None, &["demo-data"]));
    for (username, _, _) in chuyende::demo::DEMO_ACCOUNTS {
        assert!(out.contains(username), "demo-data names its account {username}: {out}");
    }
    // Nobody named: the data has accounts, so nothing changes.
    let nobody = refused(&chuyende(dir.path(), None, &["accounts", "list"]));
    assert!(nobody.contains("Hãy đăng nhập trước khi thay đổi dữ liệu") || nobody.contains("không được quản lý tài khoản"), "{nobody}");
    let wrong = refused(&chuyende(dir.path(), Some("sai-mat-khau"), &["--as", "capuy", "orgs"]));
    assert!(wrong.contains("Tên đăng nhập hoặc mật khẩu không đúng."), "{wrong}");
    // The secretary may not manage accounts; the administrator may.
    let secretary = refused(&chuyende(dir.path(), Some("demo-bithu"), &["--as", "bithu", "accounts", "list"]));
    assert!(secretary.contains("Tài khoản bí thư không được quản lý tài khoản."), "{secretary}");
    let list = ok(&chuyende(dir.path(), Some("demo-quantri"), &["--as", "quantri", "accounts", "list"]));
    assert!(list.contains("dangvien") && list.contains("Đảng viên"), "{list}");
    // A member may not record the committee's decision.
    let as_member = |args: &[&str]| chuyende(dir.path(), Some("demo-dangvien"), &[&["--as", "dangvien"], args].concat());
    let orgs: serde_json::Value = serde_json::from_str(&ok(&as_member(&["orgs", "--json"]))).unwrap();
    let party = orgs.as_array().unwrap().iter().find(|o| o["kind"] == "party_committee_org").unwrap()["id"].to_string();
    let board: serde_json::Value =
        serde_json::from_str(&ok(&as_member(&["approvals", "--org", &party, "--json"]))).unwrap();
    let topic = board["waiting"][0]["topic_id"].to_string();
    let member = refused(&as_member(&[
        "decide", "--topic", &topic, "--approve", "--meeting", &chrono::Local::now().format("%d/%m/%Y").to_string(),
        "--members", "1", "--signer", "1",
    ]));
    assert!(member.contains("Tài khoản đảng viên không được ghi quyết định của cấp ủy."), "{member}");

    // The administrator creates, resets and deactivates accounts, passwords from a file.
    let secret = dir.path().join("mat-khau-moi");
    std::fs::write(&secret, "mat-khau-van-phong\n").unwrap();
    let secret = secret.to_str().unwrap();
    let admin = |args: &[&str]| chuyende(dir.path(), Some("demo-quantri"), &[&["--as", "quantri"], args].concat());
    ok(&admin(&["accounts", "create", "--username", "huyen.vt", "--role", "clerk", "--name", "Vũ Thị Huyền", "--new-password-file", secret]));
    ok(&chuyende(dir.path(), Some("mat-khau-van-phong"), &["--as", "huyen.vt", "orgs"]));
    ok(&admin(&["accounts", "reset", "--username", "huyen.vt", "--new-password-file", secret]));
    let list = ok(&admin(&["accounts", "list"]));
    assert!(list.contains("chờ đặt mật khẩu mới"), "{list}");
    ok(&admin(&["accounts", "deactivate", "--username", "huyen.vt"]));
    let stopped = refused(&chuyende(dir.path(), Some("mat-khau-van-phong"), &["--as", "huyen.vt", "orgs"]));
    assert!(stopped.contains("đã ngừng sử dụng"), "{stopped}");

    // The local administrator: set up once, then no --as for this operating-system user.
    ok(&admin(&["accounts", "local-admin"]));
    let list = ok(&chuyende(dir.path(), None, &["accounts", "list"]));
    assert!(list.contains("huyen.vt"), "{list}");
    let trail = chuyende::Database::open_in(dir.path())
        .unwrap()
        .read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM audit_event WHERE actor LIKE '%(quantri)%' AND action = 'Tạo tài khoản'",
                [],
                |r| r.get::<_, i64>(0),
            )?)
        })
        .unwrap();
    assert_eq!(trail, 1, "the trail names the administrator who created the account");
}
