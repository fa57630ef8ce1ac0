//! The open-file limit: every event-stream subscriber holds a socket in the harness and one in
//! the server (which inherits the harness's limit), so W6 needs more than the usual 1024.

use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};

/// Files beyond the subscribers: the server's database, pools, logs and the harness's own.
pub const HEADROOM: u64 = 256;

/// Raises the soft limit on open files to the hard limit; the soft limit in force afterwards.
pub fn raise_open_files() -> u64 {
    let limit = getrlimit(Resource::Nofile);
    if limit.current != limit.maximum {
        setrlimit(Resource::Nofile, Rlimit { current: limit.maximum, maximum: limit.maximum }).ok();
    }
    getrlimit(Resource::Nofile).current.unwrap_or(u64::MAX)
}
