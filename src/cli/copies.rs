//! `funnel backup` and `funnel restore`: a whole, checked copy of the
//! database, and putting one back in its place.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use super::output::{count, line};
use super::{CliError, CliResult, Context};
use crate::i18n::Format;

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The backup file to write.
    pub path: PathBuf,
    /// Write over a funnel database already at PATH (an earlier backup);
    /// one that a process has open is still refused.
    #[arg(long)]
    pub replace: bool,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup to put in place of the database.
    pub file: PathBuf,
    /// Replace without asking (the database as it is now is still kept
    /// beside it as `<file>.before-restore-<time>`).
    #[arg(long)]
    pub yes: bool,
}

pub fn backup(ctx: &Context, a: &BackupArgs) -> CliResult {
    let store = ctx.open_existing()?;
    let copied = store.backup_to(&a.path, a.replace)?;
    let fmt = ctx.format();
    line(&Format::fill_all(
        fmt.words().cli.backed_up,
        &[
            &ctx.db_path().display(),
            &copied.path.display(),
            &count(fmt, copied.tasks),
            &count(fmt, copied.orders),
            &count(fmt, copied.bytes.div_ceil(1024)),
        ],
    ))
}

pub fn restore(ctx: &Context, a: &RestoreArgs) -> CliResult {
    if ctx.read_only {
        return Err(crate::store::StoreError::ReadOnly.into());
    }
    let fmt = ctx.format();
    let w = &fmt.words().cli;
    let db = ctx.db_path();
    let mut kept = db.as_os_str().to_os_string();
    kept.push(".before-restore-<time>");
    let kept = PathBuf::from(kept);
    let has_data = std::fs::metadata(db).is_ok_and(|m| m.len() > 0);
    if has_data && !a.yes {
        if !std::io::stdin().is_terminal() {
            return Err(CliError::user(Format::fill_all(
                w.restore_needs_yes,
                &[&db.display(), &kept.display()],
            )));
        }
        // Counted from read-only connections closed before the restore,
        // which needs the file to itself.
        let (now_tasks, now_orders) = crate::store::count_tasks_and_orders(db)?;
        let (new_tasks, new_orders) = crate::store::count_tasks_and_orders(&a.file)?;
        let question = Format::fill_all(
            w.restore_confirm,
            &[
                &db.display(),
                &count(fmt, now_tasks),
                &count(fmt, now_orders),
                &a.file.display(),
                &count(fmt, new_tasks),
                &count(fmt, new_orders),
                &kept.display(),
            ],
        );
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{}", crate::text::visible(&question));
        let _ = err.flush();
        let mut answer = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut answer)
            .map_err(|e| CliError::user(format!("cannot read the answer: {e}")))?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "c" | "có") {
            return line(w.restore_declined);
        }
    }
    let restored = crate::store::restore(db, &a.file)?;
    line(&Format::fill_all(
        w.restored,
        &[
            &db.display(),
            &a.file.display(),
            &count(fmt, restored.tasks),
            &count(fmt, restored.orders),
        ],
    ))?;
    match restored.kept {
        Some(kept) => line(&Format::fill_all(
            w.restore_kept,
            &[&kept.display(), &kept.display()],
        )),
        None => Ok(()),
    }
}
