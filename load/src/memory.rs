//! Resident memory of the stack under test: the docket server, plus the PostgreSQL processes when
//! the data set lives there, sampled every 100 ms while a workload runs.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    thread::JoinHandle,
    time::Duration,
};

/// A status field of a process in KB; 0 when the process is gone.
fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// A process's resident memory (VmRSS) in KB; 0 when it is gone.
pub fn rss_kb(pid: u32) -> u64 {
    status_kb(pid, "VmRSS:")
}

/// The resident memory of a group of PostgreSQL processes: each one's own pages, plus the shared
/// buffers once (every process's VmRSS counts the shared pages it touched, so a plain sum would
/// count them once per backend).
fn postgres_kb(pids: impl Iterator<Item = u32>) -> u64 {
    let (mut own, mut shared) = (0, 0);
    for pid in pids {
        let shmem = status_kb(pid, "RssShmem:");
        own += rss_kb(pid).saturating_sub(shmem);
        shared = shared.max(shmem);
    }
    own + shared
}

/// Which database processes count as part of the stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Database {
    /// SQLite, inside the server.
    Embedded,
    /// The postmaster of the cluster that holds the data set: it and its children.
    Cluster(u32),
    /// A PostgreSQL whose postmaster is not visible here: every process named `postgres`.
    AnyPostgres,
}

fn parent(pid: u32) -> Option<u32> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status.lines().find_map(|l| l.strip_prefix("PPid:"))?.trim().parse().ok()
}

/// The parent of a backend process, when that backend runs on this machine: the postmaster.
pub fn postmaster_of(backend: u32) -> Option<u32> {
    if !is_postgres(backend) {
        return None;
    }
    parent(backend).filter(|&p| p > 1 && is_postgres(p))
}

fn is_postgres(pid: u32) -> bool {
    let comm = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    if comm.trim() == "postgres" {
        return true;
    }
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let first = cmdline.split(|&b| b == 0).next().unwrap_or_default();
    first.starts_with(b"postgres") || first.ends_with(b"/postgres")
}

fn processes() -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok()).collect()
}

/// The stack's resident memory now, in KB.
pub fn stack_kb(server: u32, database: Database) -> u64 {
    let database_kb: u64 = match database {
        Database::Embedded => 0,
        Database::Cluster(postmaster) => postgres_kb(
            std::iter::once(postmaster).chain(processes().into_iter().filter(|&pid| parent(pid) == Some(postmaster))),
        ),
        Database::AnyPostgres => postgres_kb(processes().into_iter().filter(|&pid| is_postgres(pid))),
    };
    rss_kb(server) + database_kb
}

/// Samples the stack's memory on its own thread until stopped; hands back the peak.
pub struct PeakSampler {
    peak: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl PeakSampler {
    pub fn start(server: u32, database: Database) -> PeakSampler {
        let peak = Arc::new(AtomicU64::new(stack_kb(server, database)));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen, stopped) = (peak.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                seen.fetch_max(stack_kb(server, database), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        PeakSampler { peak, stop, thread: Some(thread) }
    }

    /// Stops sampling; the peak in KB.
    pub fn finish(mut self) -> u64 {
        self.halt();
        self.peak.load(Ordering::Relaxed)
    }

    fn halt(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

impl Drop for PeakSampler {
    fn drop(&mut self) {
        self.halt();
    }
}
