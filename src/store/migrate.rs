//! The migration runner: bringing an older file up to the current
//! schema, after a backup copy, in one transaction.

use rusqlite::{Transaction, TransactionBehavior};

use super::{Result, Store, StoreError, schema};

impl Store {
    pub(super) fn migrate(&mut self, existed: bool) -> Result<()> {
        let version = self.schema_version()?;
        let known = schema::MIGRATIONS.len() as i64;
        if version > known {
            return Err(self.too_new(version));
        }
        if version == known {
            return Ok(());
        }
        if version == 0 {
            let tables: i64 = self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )?;
            if tables > 0 {
                return Err(StoreError::NotADatabase {
                    path: self.path.display().to_string(),
                    reason: super::NotFunnel::OtherTables,
                });
            }
        } else if existed {
            self.backup_before_migration(version)?;
        }
        // Foreign keys are off while tables are rebuilt (a dropped parent
        // table would otherwise empty its children's links), which SQLite
        // allows only outside a transaction; the links are checked before
        // the commit instead.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let migrated = self.run_migrations(known);
        self.conn.pragma_update(None, "foreign_keys", true)?;
        migrated
    }

    /// Every step in one transaction: a migration killed half way leaves
    /// the file at its old version, never at one between. The version is
    /// read again under the lock: another process may have migrated the
    /// file meanwhile.
    pub(super) fn run_migrations(&mut self, known: i64) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > known {
            return Err(StoreError::TooNew {
                path: self.path.display().to_string(),
                found: version,
                known,
            });
        }
        let dangling = |tx: &Transaction<'_>| {
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get::<_, i64>(0)
            })
        };
        let before = dangling(&tx)?;
        for migration in schema::MIGRATIONS.iter().skip(version.max(0) as usize) {
            migration(&tx)?;
        }
        let after = dangling(&tx)?;
        if after > before {
            return Err(StoreError::File {
                path: self.path.display().to_string(),
                message: format!(
                    "the upgrade to schema version {known} would leave {} links pointing nowhere; nothing was changed",
                    after - before
                ),
            });
        }
        tx.pragma_update(None, "user_version", known)?;
        tx.commit()?;
        Ok(())
    }
}
