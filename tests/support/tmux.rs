//! A tmux server of a test's own with one session, "t": the real binary in
//! a real terminal. Shared by the end-to-end and the terminal tests
//! (`#[path = "support/tmux.rs"] mod tmux;`); `.ci/run` installs tmux where
//! it is missing.

use std::process::{Command, Output};
use std::time::{Duration, Instant};

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts the server and its session of `w` x `h` running `cmd`.
    pub fn start(name: &str, cmd: &str, w: u16, h: u16) -> Tmux {
        let tmux = Tmux {
            socket: format!("funnel-{name}-{}", std::process::id()),
        };
        let (w, h) = (w.to_string(), h.to_string());
        let started = tmux.run(&["new-session", "-d", "-s", "t", "-x", &w, "-y", &h, cmd]);
        assert!(
            started.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&started.stderr)
        );
        tmux
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs (install it: apt-get install tmux)")
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Waits up to `limit` for the screen to contain `text`; returns how
    /// long that took.
    pub fn wait_for(&self, text: &str, limit: Duration) -> Duration {
        let start = Instant::now();
        loop {
            if self.screen().contains(text) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < limit,
                "'{text}' did not appear within {limit:?}; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.run(&args);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}
