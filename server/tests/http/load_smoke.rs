//! The load harness end to end at smoke size: `docket-load --smoke` seeds a small desk, serves it
//! with `docket`, runs every workload and writes its JSON report. Only that everything ran, and
//! ran without errors, is checked: timings belong to the harness's report, never to assertions.
//! With `TEST_DATABASE_URL` naming a PostgreSQL server, the harness runs on PostgreSQL. The
//! harness (the `load` crate) runs in this process; `docket` is this package's binary.

use clap::Parser;
use serde_json::Value;
use std::ffi::OsString;

#[tokio::test(flavor = "multi_thread")]
async fn the_load_harness_runs_every_workload_without_errors() {
    let out = tempfile::tempdir().expect("temp dir");
    let json = out.path().join("load.json");
    let mut argv: Vec<OsString> =
        ["docket-load", "--smoke", "--docket", env!("CARGO_BIN_EXE_docket"), "--json"].map(OsString::from).into();
    argv.push(json.clone().into());
    let url = std::env::var("TEST_DATABASE_URL").ok().filter(|url| url.starts_with("postgres"));
    if let Some(url) = &url {
        argv.extend(["--postgres".into(), url.into()]);
    }
    // Its table and messages are in this test's captured output, shown when it fails.
    let passed = load::run(load::Args::parse_from(argv)).await.expect("docket-load --smoke");
    assert!(passed, "docket-load --smoke had failed requests or a leaked event");

    let report: Value = serde_json::from_str(&std::fs::read_to_string(&json).expect("the JSON report")).expect("JSON");
    let entries = report["workloads"].as_array().expect("a list of workloads");
    for workload in ["w1", "w2", "w3", "w4", "w5", "w6"] {
        let runs: Vec<&Value> = entries.iter().filter(|e| e["workload"] == workload).collect();
        assert!(!runs.is_empty(), "{workload} is missing from the report: {report}");
        for run in runs {
            assert!(run["requests"].as_u64().is_some_and(|n| n > 0), "{workload} sent no requests: {run}");
            assert_eq!(run["errors"], 0, "{workload} had errors: {run}");
        }
    }
    for live in entries.iter().filter(|e| e["workload"] == "w6") {
        assert_eq!(live["leaked"], 0, "an event reached a customer who may not see it: {live}");
    }
    let backend = if url.is_some() { "postgresql" } else { "sqlite" };
    assert_eq!(report["backend"], backend);
}
