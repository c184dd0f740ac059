//! `funnel` commands in a [`Sandbox`] that must succeed or fail as a user
//! error, for the command-line tests (`#[path = "support/commands.rs"]`
//! beside `support/sandbox.rs`).

use serde_json::Value;

use super::sandbox::Sandbox;

impl Sandbox {
    /// Standard output of a command that must succeed.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).expect("utf-8 output")
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }

    /// Exit 1 with one line on stderr, which is returned.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().code(1);
        let err = String::from_utf8(out.get_output().stderr.clone()).expect("utf-8");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        err
    }

    /// Writes `text` to `name` in the sandbox and gives its path.
    pub fn file(&self, name: &str, text: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write file");
        p.display().to_string()
    }
}
