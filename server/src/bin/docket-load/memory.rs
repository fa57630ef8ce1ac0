//! Resident memory of the stack under test: the docket server, plus every PostgreSQL process when
//! the data set lives there, sampled every 100 ms while a workload runs.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    thread::JoinHandle,
    time::Duration,
};

/// A process's resident memory (VmRSS) in KB; 0 when it is gone.
pub fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
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

fn postgres_rss_kb() -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0 };
    entries
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| is_postgres(pid))
        .map(rss_kb)
        .sum()
}

/// The stack's resident memory now, in KB.
pub fn stack_kb(server: u32, postgres: bool) -> u64 {
    rss_kb(server) + if postgres { postgres_rss_kb() } else { 0 }
}

/// Samples the stack's memory on its own thread until stopped; hands back the peak.
pub struct PeakSampler {
    peak: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl PeakSampler {
    pub fn start(server: u32, postgres: bool) -> PeakSampler {
        let peak = Arc::new(AtomicU64::new(stack_kb(server, postgres)));
        let stop = Arc::new(AtomicBool::new(false));
        let (seen, stopped) = (peak.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                seen.fetch_max(stack_kb(server, postgres), Ordering::Relaxed);
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
