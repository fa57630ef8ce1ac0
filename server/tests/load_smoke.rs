//! The load harness end to end at smoke size: `docket-load --smoke` seeds a small desk, serves it
//! with `docket`, runs every workload and writes its JSON report. Only that everything ran, and
//! ran without errors, is checked: timings belong to the harness's report, never to assertions.
//! With `TEST_DATABASE_URL` naming a PostgreSQL server, the harness runs on PostgreSQL.

use serde_json::Value;
use std::process::Command;

#[test]
fn the_load_harness_runs_every_workload_without_errors() {
    let out = tempfile::tempdir().expect("temp dir");
    let json = out.path().join("load.json");
    let mut harness = Command::new(env!("CARGO_BIN_EXE_docket-load"));
    harness.args(["--smoke", "--docket", env!("CARGO_BIN_EXE_docket"), "--json"]).arg(&json);
    if let Ok(url) = std::env::var("TEST_DATABASE_URL")
        && url.starts_with("postgres")
    {
        harness.args(["--postgres", &url]);
    }
    let output = harness.output().expect("run docket-load");
    let printed = format!("{}\n{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "docket-load --smoke failed:\n{printed}");

    let report: Value = serde_json::from_str(&std::fs::read_to_string(&json).expect("the JSON report")).expect("JSON");
    let entries = report["workloads"].as_array().expect("a list of workloads");
    for workload in ["w1", "w2", "w3", "w4", "w5", "w6"] {
        let runs: Vec<&Value> = entries.iter().filter(|e| e["workload"] == workload).collect();
        assert!(!runs.is_empty(), "{workload} is missing from the report:\n{printed}");
        for run in runs {
            assert!(run["requests"].as_u64().is_some_and(|n| n > 0), "{workload} sent no requests: {run}");
            assert_eq!(run["errors"], 0, "{workload} had errors: {run}");
        }
    }
    for live in entries.iter().filter(|e| e["workload"] == "w6") {
        assert_eq!(live["leaked"], 0, "an event reached a customer who may not see it: {live}");
    }
    let backend = if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| u.starts_with("postgres")) {
        "postgresql"
    } else {
        "sqlite"
    };
    assert_eq!(report["backend"], backend);
}
