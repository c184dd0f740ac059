//! The first migration: the tables, indexes and journal triggers a new
//! file starts with, and the built-in metrics it lists.

use rusqlite::Transaction;

use crate::store::journal;

pub(super) fn m1_initial(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE segments (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description  TEXT NOT NULL DEFAULT '',
    demographics TEXT NOT NULL DEFAULT '',
    needs        TEXT NOT NULL DEFAULT '',
    habits       TEXT NOT NULL DEFAULT '',
    market_size  INTEGER CHECK (market_size IS NULL OR market_size >= 0)
);

CREATE TABLE channels (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    kind        TEXT NOT NULL CHECK (kind IN ('seo','social','email','ppc','content','events','other')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE channel_segments (
    channel_id INTEGER NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    PRIMARY KEY (channel_id, segment_id)
);

CREATE TABLE message (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    brand_message TEXT NOT NULL DEFAULT '',
    positioning   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE people (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role    TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT ''
);

CREATE TABLE tools (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    purpose TEXT NOT NULL DEFAULT ''
);

-- Amounts everywhere are fixed-point integers with four decimals.
CREATE TABLE budgets (
    id     INTEGER PRIMARY KEY,
    period TEXT NOT NULL UNIQUE,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    note   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE procedures (
    id       INTEGER PRIMARY KEY,
    title    TEXT NOT NULL UNIQUE COLLATE NOCASE,
    owner_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    steps    TEXT NOT NULL DEFAULT ''
);

CREATE TABLE metrics (
    name        TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('counter','gauge')),
    unit        TEXT NOT NULL CHECK (unit IN ('count','money','percent','number')),
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE objectives (
    id         INTEGER PRIMARY KEY,
    title      TEXT NOT NULL,
    metric     TEXT NOT NULL REFERENCES metrics(name) ON UPDATE CASCADE,
    baseline   INTEGER NOT NULL,
    target     INTEGER NOT NULL,
    direction  TEXT NOT NULL CHECK (direction IN ('increase','decrease')),
    start_day  TEXT NOT NULL,
    deadline   TEXT NOT NULL,
    segment_id INTEGER REFERENCES segments(id) ON DELETE SET NULL,
    channel_id INTEGER REFERENCES channels(id) ON DELETE SET NULL,
    CHECK (deadline >= start_day)
);

CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE COLLATE NOCASE,
    objective_id INTEGER REFERENCES objectives(id) ON DELETE SET NULL,
    segment_id   INTEGER REFERENCES segments(id) ON DELETE SET NULL,
    channel_id   INTEGER REFERENCES channels(id) ON DELETE SET NULL,
    start_day    TEXT NOT NULL,
    end_day      TEXT NOT NULL,
    budget       INTEGER NOT NULL DEFAULT 0 CHECK (budget >= 0),
    owner_id     INTEGER REFERENCES people(id) ON DELETE SET NULL,
    status       TEXT NOT NULL CHECK (status IN ('planned','active','paused','done','cancelled')),
    description  TEXT NOT NULL DEFAULT '',
    CHECK (end_day >= start_day)
);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('cause','review')),
    category   TEXT NOT NULL CHECK (category IN
                 ('product','service','customer_care','promotion','seasonality','competition','other')),
    start_day  TEXT NOT NULL,
    end_day    TEXT NOT NULL,
    metric     TEXT REFERENCES metrics(name) ON UPDATE CASCADE ON DELETE SET NULL,
    text       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (end_day >= start_day)
);
CREATE INDEX notes_by_day ON notes(start_day, end_day);

CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns(id) ON DELETE SET NULL,
    assignee_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    status      TEXT NOT NULL CHECK (status IN ('todo','doing','blocked','done')),
    priority    TEXT NOT NULL CHECK (priority IN ('high','medium','low')),
    due         TEXT,
    tags        TEXT NOT NULL DEFAULT '',   -- space separated, lower case
    notes       TEXT NOT NULL DEFAULT '',
    note_id     INTEGER REFERENCES notes(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    done_at     TEXT
);
CREATE INDEX tasks_by_status_due ON tasks(status, due);
CREATE INDEX tasks_by_campaign ON tasks(campaign_id);

-- One value per day, metric and dimension (at most one of segment, channel
-- or campaign; none is the whole business).
CREATE TABLE kpi_values (
    id          INTEGER PRIMARY KEY,
    day         TEXT NOT NULL,
    metric      TEXT NOT NULL REFERENCES metrics(name) ON UPDATE CASCADE ON DELETE CASCADE,
    segment_id  INTEGER REFERENCES segments(id) ON DELETE CASCADE,
    channel_id  INTEGER REFERENCES channels(id) ON DELETE CASCADE,
    campaign_id INTEGER REFERENCES campaigns(id) ON DELETE CASCADE,
    value       INTEGER NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('recorded','imported')),
    CHECK ((segment_id IS NOT NULL) + (channel_id IS NOT NULL) + (campaign_id IS NOT NULL) <= 1)
);
CREATE UNIQUE INDEX kpi_values_key ON kpi_values(
    metric, IFNULL(segment_id, 0), IFNULL(channel_id, 0), IFNULL(campaign_id, 0), day);

CREATE TABLE import_batches (
    id    INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('orders','kpis')),
    file  TEXT NOT NULL,
    at    TEXT NOT NULL,
    rows  INTEGER NOT NULL
);

-- Orders are keyed by the shop's order id, or by customer|day|amount where
-- the export has none.
CREATE TABLE orders (
    id         INTEGER PRIMARY KEY,
    order_key  TEXT NOT NULL UNIQUE,
    order_ref  TEXT,
    customer   TEXT NOT NULL,
    day        TEXT NOT NULL,
    amount     INTEGER NOT NULL,
    segment_id INTEGER REFERENCES segments(id) ON DELETE SET NULL,
    batch_id   INTEGER REFERENCES import_batches(id)
);
CREATE INDEX orders_by_batch ON orders(batch_id);

-- Orders of an undone import wait here, so the import can be redone.
CREATE TABLE orders_undone (
    id         INTEGER PRIMARY KEY,
    order_key  TEXT NOT NULL,
    order_ref  TEXT,
    customer   TEXT NOT NULL,
    day        TEXT NOT NULL,
    amount     INTEGER NOT NULL,
    segment_id INTEGER,
    batch_id   INTEGER
);

-- The undo/redo journal: one entry per user-level change, holding the SQL
-- (made by SQLite's quote() in the triggers below) that reverts or repeats
-- each row change.
CREATE TABLE journal_entry (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    label  TEXT NOT NULL,
    state  TEXT NOT NULL CHECK (state IN ('done','undone')),
    -- the orders import this entry loaded, if any
    batch_id INTEGER
);
CREATE TABLE journal_op (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES journal_entry(id) ON DELETE CASCADE,
    undo_sql TEXT NOT NULL,
    redo_sql TEXT NOT NULL
);
CREATE INDEX journal_op_by_entry ON journal_op(entry_id);
-- While a change is being written, `entry` names its journal entry; the
-- triggers record only then, so undo itself and bulk loads are not recorded.
CREATE TABLE journal_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    entry INTEGER
);
INSERT INTO journal_state (id, entry) VALUES (1, NULL);
INSERT INTO message (id) VALUES (1);
"#,
    )?;
    for (name, kind, unit, description) in BUILTIN_METRICS {
        tx.execute(
            "INSERT INTO metrics (name, kind, unit, builtin, description) VALUES (?1, ?2, ?3, 1, ?4)",
            (name, kind, unit, description),
        )?;
    }
    for table in [
        "segments",
        "channels",
        "channel_segments",
        "message",
        "people",
        "tools",
        "budgets",
        "procedures",
        "metrics",
        "objectives",
        "campaigns",
        "notes",
        "tasks",
        "kpi_values",
    ] {
        journal::create_triggers(tx, table, journal::Record::All)?;
    }
    journal::create_triggers(tx, "orders", journal::Record::UpdatesAndDeletes)?;
    Ok(())
}

/// The built-in metrics (docs/metrics.md): name, kind, unit, meaning.
const BUILTIN_METRICS: &[(&str, &str, &str, &str)] = &[
    ("customers", "gauge", "count", "active customers"),
    ("new_customers", "counter", "count", "customers acquired"),
    ("churned_customers", "counter", "count", "customers lost"),
    (
        "reactivated_customers",
        "counter",
        "count",
        "lost customers who came back",
    ),
    (
        "loyal_customers",
        "gauge",
        "count",
        "active customers with at least L orders",
    ),
    ("visits", "counter", "count", "website sessions"),
    ("leads", "counter", "count", "sign-ups, form fills"),
    (
        "conversions",
        "counter",
        "count",
        "purchases or goal completions",
    ),
    ("spend", "counter", "money", "marketing spend"),
    ("revenue", "counter", "money", "revenue"),
];

/// The built-in metric names, in the order docs/metrics.md lists them.
pub fn builtin_metric_names() -> impl Iterator<Item = &'static str> {
    BUILTIN_METRICS.iter().map(|m| m.0)
}
