//! The floor a one-task command is measured against (bench/compare.sh; not
//! shipped): a process that starts, opens the database with the pragmas
//! funnel sets, inserts one task row in a write transaction and commits.
//! Nothing else: no argument parsing, no migration check, no journal.
//!
//!     cargo build --release --example floor
//!     target/release/examples/floor FILE

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

fn main() -> rusqlite::Result<()> {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: floor FILE");
        std::process::exit(2);
    };
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA mmap_size = 268435456;",
    )?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO tasks (title, status, priority, due, tags, created_at, updated_at)
         VALUES ('Write the newsletter', 'todo', 'high', '2026-12-01', 'seo',
                 '2026-11-22 09:00:00', '2026-11-22 09:00:00')",
        [],
    )?;
    tx.commit()
}
