//! A scratch directory with a database path, and `funnel` pinned to a day
//! with no configuration or colour setting of the machine's: shared by the
//! command-line and the corpus tests (`#[path = "support/sandbox.rs"]`),
//! each adding the helpers it needs in its own `impl Sandbox`.

use std::path::PathBuf;

use assert_cmd::Command;

pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("funnel.db");
        Sandbox { dir, db }
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("funnel").expect("binary");
        c.env("FUNNEL_DB", &self.db)
            .env("FUNNEL_TODAY", "2026-11-22")
            .env("XDG_CONFIG_HOME", self.dir.path())
            .env_remove("FUNNEL_CONFIG")
            .env_remove("NO_COLOR");
        c
    }
}
