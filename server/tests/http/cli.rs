//! The `docket` binary itself: help, clear start-up errors, the admin command, graceful stop.

use std::{
    io::Write,
    net::TcpListener,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

fn docket() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_docket"));
    for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("DOCKET_")) {
        cmd.env_remove(key);
    }
    cmd
}

#[test]
fn help_lists_every_option() {
    let out = docket().arg("--help").output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    for option in
        ["--database-url", "--data-dir", "--log-format", "DOCKET_DATABASE_URL", "serve", "migrate", "admin", "demo"]
    {
        assert!(text.contains(option), "{option} missing from --help:\n{text}");
    }
    let out = docket().args(["serve", "--help"]).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    for option in ["--bind", "--site-root", "--public-url", "DOCKET_BIND"] {
        assert!(text.contains(option), "{option} missing from serve --help:\n{text}");
    }
}

fn fails_with_one_line(args: &[&str], expected: &str) {
    let data = tempfile::tempdir().expect("temp");
    let out = docket().current_dir(data.path()).args(args).output().expect("run");
    assert!(!out.status.success(), "{args:?} should fail");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("docket:")).collect();
    assert_eq!(lines.len(), 1, "one clear line, got:\n{stderr}");
    assert!(lines[0].contains(expected), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_configuration_fails_with_one_clear_line() {
    fails_with_one_line(
        &["migrate", "--database-url", "postgres://docket:s3cret@127.0.0.1:9/docket"],
        "cannot open the database",
    );
    fails_with_one_line(&["migrate", "--data-dir", "/proc/docket-cannot-write"], "data directory");
    fails_with_one_line(&["migrate", "--database-url", "mysql://x/y"], "must start with sqlite:// or postgres://");
    fails_with_one_line(&["serve", "--bind", "not-an-address"], "--bind");
    let data = tempfile::tempdir().expect("temp");
    let out = docket()
        .current_dir(data.path())
        .args(["migrate", "--database-url", "postgres://docket:s3cret@127.0.0.1:9/docket"])
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("s3cret"), "no secrets in messages");
}

#[test]
fn admin_create_reads_the_password_from_stdin() {
    let data = tempfile::tempdir().expect("temp");
    let url = format!("sqlite://{}/d.db", data.path().display());
    let create = |password: &str| {
        let mut child = docket()
            .current_dir(data.path())
            .args(["admin", "create", "--email", "boss@example.com", "--name", "Boss", "--database-url", &url])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        child.stdin.take().expect("stdin").write_all(password.as_bytes()).expect("write");
        child.wait_with_output().expect("wait")
    };
    let short = create("short\n");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("password: Use at least 10 characters"));
    let ok = create("a fine admin password\n");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(String::from_utf8_lossy(&ok.stdout).contains("created admin boss@example.com"));
    let again = create("a fine admin password\n");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn serve_creates_the_database_and_stops_gracefully_on_sigterm() {
    let data = tempfile::tempdir().expect("temp");
    let port = TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr").port();
    let mut child = docket()
        .current_dir(data.path())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    let healthy = loop {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break true;
        }
        if start.elapsed() > Duration::from_secs(30) {
            break false;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(healthy, "server came up");
    assert!(data.path().join("data/docket.db").exists(), "default database file created under data/");
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(killed.success());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "did not stop after SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "clean exit after SIGTERM: {status:?}");
}
