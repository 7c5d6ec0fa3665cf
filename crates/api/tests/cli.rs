//! The `jembatan` binary as a newcomer runs it: with no `DATABASE_URL` it runs, and stops, its own PostgreSQL.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

fn serve(data_dir: &Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_jembatan"))
        .arg("serve")
        .env_remove("DATABASE_URL")
        .env("PG_DATA_DIR", data_dir)
        .env("BIND_ADDR", format!("127.0.0.1:{port}"))
        .env("INDEX_DIR", data_dir.with_extension("index"))
        .env("HTTP_WORKERS", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("jembatan starts")
}

async fn wait_until_ready(port: u16, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(120);
    let url = format!("http://127.0.0.1:{port}/health/ready");
    loop {
        if let Ok(response) = reqwest::get(&url).await
            && response.status() == 200
        {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("jembatan exited before it was ready: {status}");
        }
        assert!(
            Instant::now() < deadline,
            "jembatan was not ready within 120 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn stop_with(child: &mut Child, signal: Signal) {
    let pid = Pid::from_raw(i32::try_from(child.id()).expect("a pid fits in i32"));
    kill(pid, signal).expect("the signal is delivered");
    let status = child.wait().expect("jembatan exits");
    assert!(
        status.success(),
        "jembatan exits cleanly on {signal}, got {status}"
    );
}

fn stop(child: &mut Child) {
    stop_with(child, Signal::SIGTERM);
}

#[tokio::test]
async fn serve_without_a_database_url_runs_its_own_postgres_keeps_data_and_stops_it_on_sigterm() {
    let root = tempfile::Builder::new()
        .prefix("jembatan-cli-")
        .tempdir_in("/tmp")
        .expect("a temp dir");
    // PostgreSQL may run as another user (when the tests run as root): let it reach the directory.
    std::fs::set_permissions(
        root.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("chmod");
    let data_dir = root.path().join("postgres");

    let port = free_port();
    let mut first = serve(&data_dir, port);
    wait_until_ready(port, &mut first).await;
    stop(&mut first);
    assert!(
        data_dir.join("PG_VERSION").exists(),
        "the cluster lives in PG_DATA_DIR"
    );
    assert!(
        !data_dir.join("postmaster.pid").exists(),
        "the cluster this process started is stopped when it stops"
    );

    // A second run reuses the same cluster and its data; Ctrl-C stops it as gracefully as SIGTERM.
    let second_port = free_port();
    let mut second = serve(&data_dir, second_port);
    wait_until_ready(second_port, &mut second).await;
    stop_with(&mut second, Signal::SIGINT);
    assert!(!data_dir.join("postmaster.pid").exists());
}

#[tokio::test]
async fn an_interrupt_during_start_up_still_stops_the_postgres_it_started() {
    let root = tempfile::Builder::new()
        .prefix("jembatan-cli-")
        .tempdir_in("/tmp")
        .expect("a temp dir");
    std::fs::set_permissions(
        root.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("chmod");
    let data_dir = root.path().join("postgres");
    let mut child = serve(&data_dir, free_port());
    // Long enough for the signal handlers to be installed, short enough to land while PostgreSQL starts.
    tokio::time::sleep(Duration::from_millis(600)).await;
    stop_with(&mut child, Signal::SIGINT);
    assert!(
        !data_dir.join("postmaster.pid").exists(),
        "no PostgreSQL is left running after an interrupted start"
    );
}

#[test]
fn an_unreachable_database_url_fails_with_one_clear_message() {
    let output = Command::new(env!("CARGO_BIN_EXE_jembatan"))
        .arg("migrate")
        .env("DATABASE_URL", "postgres://postgres@127.0.0.1:1/nothing")
        .output()
        .expect("jembatan runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot connect to the database in DATABASE_URL"),
        "stderr was: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
}
