//! The command line: argument definitions, the context every command
//! runs in, and dispatch to one module per subcommand group.

mod campaigns;
mod copies;
mod entities;
mod kpi;
mod maintenance;
mod orders;
mod output;
mod report;
mod task;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::config::{Config, ConfigError, ConfigProblem};
use crate::domain::amount::AmountError;
use crate::domain::validate::BadValue;
use crate::domain::{Clock, DateError};
use crate::i18n::{Format, Localized};
use crate::import::ImportError;
use crate::store::{Store, StoreError};

/// A full-screen terminal dashboard for running online marketing from one
/// SQLite file, with this command line beside it for scripts and SSH.
#[derive(Debug, Parser)]
#[command(name = "funnel", version, about, propagate_version = true)]
pub struct Cli {
    /// The database file (created on first use).
    #[arg(long, global = true, env = "FUNNEL_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Work on a fresh demo database in a temporary file (your own
    /// database is never touched).
    #[arg(long, global = true)]
    pub demo: bool,
    /// Open the database read-only: a glance that can change nothing.
    #[arg(long, global = true)]
    pub read_only: bool,
    /// The config file (default: $XDG_CONFIG_HOME/funnel/config.toml).
    #[arg(long, global = true, env = "FUNNEL_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Language of reports: en or vi (overrides the config file).
    #[arg(long, global = true)]
    pub locale: Option<String>,
    /// Currency: VND, USD or EUR (overrides the config file).
    #[arg(long, global = true)]
    pub currency: Option<String>,
    /// First day of a week: monday or sunday (overrides the config file).
    #[arg(long, global = true)]
    pub week_start: Option<String>,
    /// Days without an order after which a customer has churned.
    #[arg(long, global = true, value_name = "DAYS")]
    pub churn_window: Option<u32>,
    /// Orders that make an active customer loyal.
    #[arg(long, global = true, value_name = "ORDERS")]
    pub loyalty_threshold: Option<u32>,
    /// Draw with plain ASCII: no box drawing, no braille (also set when the
    /// locale is not UTF-8).
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Clicks and the wheel in the dashboard (also `mouse = true` in the
    /// config); off by default, so the terminal keeps selecting text.
    #[arg(long, global = true)]
    pub mouse: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list and update tasks.
    #[command(subcommand)]
    Task(task::TaskCommand),
    /// Record, import and show KPI values.
    #[command(subcommand)]
    Kpi(kpi::KpiCommand),
    /// Import an order export from a shop or CRM.
    #[command(subcommand)]
    Orders(orders::OrdersCommand),
    /// A period's headline figures, overdue tasks and campaigns over budget.
    Report(report::ReportArgs),
    /// Print the whole database as one JSON document.
    Export,
    /// Load a JSON document made by `funnel export` into an empty database.
    Import {
        /// The export file.
        file: PathBuf,
    },
    /// Revert the latest change made from the command line (again: the
    /// one before); a dashboard's changes are its own to undo.
    Undo {
        /// Revert the latest change whoever made it (a dashboard too).
        #[arg(long)]
        any: bool,
    },
    /// Repeat the change undone most recently from the command line.
    Redo {
        /// Repeat the latest undone change whoever made it.
        #[arg(long)]
        any: bool,
    },
    /// Check the file's integrity and the product's own invariants.
    Check,
    /// Write a whole, checked copy of the database to PATH (private to
    /// you), while others keep working: a plain copy of the file may miss
    /// changes still in its write-ahead log.
    Backup(copies::BackupArgs),
    /// Put a backup in place of the database (refused while another
    /// process has it open; the database as it is now is kept beside it).
    Restore(copies::RestoreArgs),
    /// Fill a new database with demo data.
    Demo(maintenance::DemoArgs),
    /// SMART objectives.
    #[command(subcommand)]
    Objective(entities::ObjectiveCommand),
    /// Customer segments.
    #[command(subcommand)]
    Segment(entities::SegmentCommand),
    /// Marketing channels.
    #[command(subcommand)]
    Channel(entities::ChannelCommand),
    /// Campaigns on the plan.
    #[command(subcommand)]
    Campaign(entities::CampaignCommand),
    /// People: task assignees and owners.
    #[command(subcommand)]
    Person(entities::PersonCommand),
    /// Cause and review notes on periods.
    #[command(subcommand)]
    Note(entities::NoteCommand),
    /// Metric definitions: the built-ins and your own.
    #[command(subcommand)]
    Metric(entities::MetricCommand),
    /// Print one frame of the dashboard as plain text (for cron mails and tests).
    Snapshot(SnapshotArgs),
}

#[derive(Debug, clap::Args)]
pub struct SnapshotArgs {
    /// strategy, plan, tasks or kpis.
    #[arg(long, default_value = "tasks")]
    pub tab: String,
    /// The screen size as COLSxROWS.
    #[arg(long, default_value = "100x30")]
    pub size: String,
    /// Without the tab bar, key hints and example text (the default when
    /// standard output is not a terminal, as in a cron mail).
    #[arg(long, conflicts_with = "full")]
    pub plain: bool,
    /// The whole frame as the dashboard draws it, even into a pipe.
    #[arg(long)]
    pub full: bool,
}

/// Everything a user can get wrong; each is printed as one line and makes
/// the process exit with status 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Date(#[from] DateError),
    #[error(transparent)]
    Amount(#[from] AmountError),
    #[error(transparent)]
    Value(#[from] BadValue),
    #[error(transparent)]
    Setting(#[from] ConfigProblem),
    /// The value given to an argument (`--due`, `DATE`), refused.
    #[error("{arg}: {why}")]
    Argument { arg: String, why: Box<CliError> },
    /// A command that only reads, on a path with no database yet.
    #[error("{}", self.localized(Format::ENGLISH))]
    NoDatabase(String),
    /// A KPI value not written METRIC=VALUE.
    #[error("{}", self.localized(Format::ENGLISH))]
    NotAPair(String),
    /// `campaign add` without its days.
    #[error("{}", self.localized(Format::ENGLISH))]
    CampaignNeedsDays,
    /// `objective add` without a flag it needs (`None`: the title).
    #[error("{}", self.localized(Format::ENGLISH))]
    ObjectiveNeeds(Option<&'static str>),
    #[error("{}", self.localized(Format::ENGLISH))]
    FromAfterTo {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
    #[error("{}", self.localized(Format::ENGLISH))]
    TooManyPeriods(usize),
    /// A `--rate` that is not CODE=RATE; `own` is the database's currency.
    #[error("{}", self.localized(Format::ENGLISH))]
    BadRate { text: String, own: String },
    /// A `--size` that is not COLSxROWS.
    #[error("{}", self.localized(Format::ENGLISH))]
    BadSize(String),
    /// A quick-add token and an option setting the same field.
    #[error("{}", self.localized(Format::ENGLISH))]
    BothSet {
        token: &'static str,
        option: &'static str,
    },
    #[error("{0}")]
    User(String),
    /// Standard output is a pipe whose reader has gone: the command ends
    /// quietly, with the status of a process stopped by SIGPIPE.
    #[error("standard output is closed")]
    ClosedPipe,
}

impl CliError {
    pub(crate) fn user(msg: impl Into<String>) -> CliError {
        CliError::User(msg.into())
    }

    /// `why`, about the value given to `arg`.
    pub(crate) fn argument(arg: impl Into<String>, why: impl Into<CliError>) -> CliError {
        CliError::Argument {
            arg: arg.into(),
            why: Box::new(why.into()),
        }
    }

    /// What a failed write to standard output means: a reader that has
    /// gone (`funnel task list | head`) ends the command quietly; any
    /// other failure (a full disk) is an error.
    pub fn from_write(e: std::io::Error) -> CliError {
        match e.kind() {
            std::io::ErrorKind::BrokenPipe => CliError::ClosedPipe,
            _ => CliError::user(format!("cannot write to standard output: {e}")),
        }
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

impl Localized for CliError {
    fn localized(&self, fmt: Format) -> String {
        let w = fmt.errors();
        match self {
            CliError::Store(e) => e.localized(fmt),
            CliError::Config(e) => e.localized(fmt),
            CliError::Date(e) => e.localized(fmt),
            CliError::Amount(e) => e.localized(fmt),
            CliError::Value(e) => e.localized(fmt),
            CliError::Setting(e) => e.localized(fmt),
            CliError::Argument { arg, why } => {
                Format::fill_named(w.argument, &[("arg", arg), ("why", &why.localized(fmt))])
            }
            CliError::NoDatabase(path) => Format::fill_named(w.no_database, &[("path", path)]),
            CliError::NotAPair(s) => Format::fill_named(w.not_a_pair, &[("text", s)]),
            CliError::CampaignNeedsDays => w.campaign_needs_days.to_string(),
            CliError::ObjectiveNeeds(flag) => Format::fill_named(
                w.objective_needs,
                &[("flag", &flag.unwrap_or(w.objective_title_arg))],
            ),
            CliError::FromAfterTo { from, to } => {
                Format::fill_named(w.from_after_to, &[("from", from), ("to", to)])
            }
            CliError::TooManyPeriods(n) => Format::fill_named(w.too_many_periods, &[("n", n)]),
            CliError::BadRate { text, own } => {
                Format::fill_named(w.bad_rate, &[("text", text), ("own", own)])
            }
            CliError::BadSize(s) => Format::fill_named(w.bad_size, &[("size", s)]),
            CliError::BothSet { token, option } => {
                Format::fill_named(w.both_set, &[("token", token), ("option", option)])
            }
            CliError::Import(_) | CliError::User(_) | CliError::ClosedPipe => self.to_string(),
        }
    }
}

/// The locale errors are written in, as the settings decide it, even where
/// they cannot be read: `--locale` where it is one, else the config
/// file's (its `locale` alone where the rest is refused), else English.
pub fn error_format(cli: &Cli) -> Format {
    let loaded = Config::load(cli.config.as_deref());
    let from_file = match &loaded {
        Ok(c) => Some(c.locale),
        Err(_) => Config::locale_only(cli.config.as_deref()),
    };
    let config = loaded.unwrap_or_default();
    let locale = cli
        .locale
        .as_deref()
        .and_then(|l| l.parse().ok())
        .or(from_file)
        .unwrap_or(crate::i18n::Locale::En);
    Format {
        locale,
        currency: config.currency,
    }
}

/// What a command runs with: the settings, the clock and the database.
pub struct Context {
    pub config: Config,
    pub clock: Clock,
    db: PathBuf,
    /// The database is the default one, whose folder funnel makes.
    default_db: bool,
    read_only: bool,
    ascii: bool,
    /// Keeps a demo database's temporary directory alive.
    demo_dir: Option<crate::files::ScratchDir>,
}

impl Context {
    pub fn format(&self) -> Format {
        Format {
            locale: self.config.locale,
            currency: self.config.currency,
        }
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    pub fn db_path(&self) -> &Path {
        &self.db
    }

    /// Opens the database, read-only when asked; warns on stderr where
    /// it is on a network filesystem.
    pub fn open(&self) -> CliResult<Store> {
        if let Some(kind) = crate::store::network_filesystem(&self.db) {
            output::warn(&format!(
                "{} is on a network filesystem ({kind}): SQLite's file locking is unreliable there, and two processes writing at once can corrupt the database; keep it on a local disk",
                self.db.display()
            ));
        }
        if self.default_db
            && !self.read_only
            && let Some(dir) = self.db.parent()
        {
            std::fs::create_dir_all(dir).map_err(|e| {
                CliError::user(format!("cannot create the folder {}: {e}", dir.display()))
            })?;
        }
        let mut store = if self.read_only {
            Store::open_read_only(&self.db)?
        } else {
            Store::open(&self.db)?
        };
        store.set_clock(self.clock);
        Ok(store)
    }

    /// Opens the database for a command that only reads: a path with no
    /// database yet is a mistake (a typo in --db), not a new empty file.
    pub fn open_existing(&self) -> CliResult<Store> {
        // A FIFO or a device is not "no database yet": `open` says what it is.
        let exists = std::fs::metadata(&self.db).is_ok_and(|m| m.len() > 0 || !m.is_file());
        if !exists {
            return Err(CliError::NoDatabase(self.db.display().to_string()));
        }
        self.open()
    }

    /// Reads the date given to `arg`; the error names the argument.
    pub fn parse_date(&self, arg: &str, s: &str) -> CliResult<chrono::NaiveDate> {
        crate::domain::parse_date(s, self.today()).map_err(|e| CliError::argument(arg, e))
    }
}

/// The default database: `$XDG_DATA_HOME/funnel/funnel.db`.
pub fn default_db() -> CliResult<PathBuf> {
    directories::ProjectDirs::from("", "", "funnel")
        .map(|d| d.data_dir().join("funnel.db"))
        .ok_or_else(|| CliError::user("no home directory to keep the database in; give --db PATH"))
}

fn settings(cli: &Cli) -> CliResult<Config> {
    let mut config = Config::load(cli.config.as_deref())?;
    let flag = CliError::Setting;
    if let Some(l) = &cli.locale {
        config.locale = l.parse().map_err(flag)?;
    }
    if let Some(c) = &cli.currency {
        config.currency = c.parse().map_err(flag)?;
    }
    if let Some(w) = &cli.week_start {
        config.week_start = crate::config::parse_week_start(w).map_err(flag)?;
    }
    if let Some(w) = cli.churn_window {
        config.churn_window_days =
            crate::config::check_range("--churn-window", w, 1, 3650).map_err(flag)?;
    }
    if let Some(l) = cli.loyalty_threshold {
        config.loyalty_threshold =
            crate::config::check_range("--loyalty-threshold", l, 1, 1000).map_err(flag)?;
    }
    config.mouse |= cli.mouse;
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        config.theme = crate::config::Theme::Mono;
    }
    config.braille = config.theme == crate::config::Theme::Default
        && std::env::var_os("COLORTERM").is_some_and(|v| !v.is_empty());
    Ok(config)
}

/// Runs one invocation of the command line.
pub fn run(cli: Cli) -> CliResult {
    let config = settings(&cli)?;
    let clock = Clock::from_env()?;
    let is_default = !cli.demo && cli.db.is_none();
    let (db, demo_dir) = if cli.demo {
        let dir = crate::files::ScratchDir::new("funnel-demo-")
            .map_err(|e| CliError::user(format!("cannot make a temporary directory: {e}")))?;
        // A signal from here on ends the process without unwinding; the
        // watcher removes the folder first.
        crate::tui::stop_on_signals()
            .map_err(|e| CliError::user(format!("cannot watch for signals: {e}")))?;
        let db = dir.path().join("demo.db");
        let mut store = Store::open(&db)?;
        crate::demo::fill(&mut store, crate::demo::Scale::Small, clock.today(), 1)?;
        (db, Some(dir))
    } else {
        match &cli.db {
            Some(p) => (p.clone(), None),
            None => (default_db()?, None),
        }
    };
    let ctx = Context {
        ascii: cli.ascii || config.ascii || !utf8_locale(),
        config,
        clock,
        db,
        default_db: is_default,
        read_only: cli.read_only,
        demo_dir,
    };
    match cli.command {
        Some(Command::Task(c)) => task::run(&ctx, c),
        Some(Command::Kpi(c)) => kpi::run(&ctx, c),
        Some(Command::Orders(c)) => orders::run(&ctx, c),
        Some(Command::Report(a)) => report::run(&ctx, &a),
        Some(Command::Export) => maintenance::export(&ctx),
        Some(Command::Import { file }) => maintenance::import(&ctx, &file),
        Some(Command::Undo { any }) => maintenance::undo(&ctx, false, any),
        Some(Command::Redo { any }) => maintenance::undo(&ctx, true, any),
        Some(Command::Check) => maintenance::check(&ctx),
        Some(Command::Backup(a)) => copies::backup(&ctx, &a),
        Some(Command::Restore(a)) => copies::restore(&ctx, &a),
        Some(Command::Demo(a)) => maintenance::demo(&ctx, &a),
        Some(Command::Objective(c)) => entities::objective(&ctx, c),
        Some(Command::Segment(c)) => entities::segment(&ctx, c),
        Some(Command::Channel(c)) => entities::channel(&ctx, c),
        Some(Command::Campaign(c)) => entities::campaign(&ctx, c),
        Some(Command::Person(c)) => entities::person(&ctx, c),
        Some(Command::Note(c)) => entities::note(&ctx, c),
        Some(Command::Metric(c)) => entities::metric(&ctx, c),
        Some(Command::Snapshot(a)) => snapshot(&ctx, &a),
        None => {
            let app = tui_app(&ctx, ctx.open()?, crate::app::Tab::Tasks)?;
            crate::tui::run(app).map_err(|e| CliError::user(format!("terminal: {e}")))
        }
    }
}

/// Whether the locale says the terminal speaks UTF-8; with no locale set
/// at all, it is assumed to.
fn utf8_locale() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .is_none_or(|v| {
            let v = v.to_lowercase();
            v.contains("utf-8") || v.contains("utf8") || v == "c.utf-8"
        })
}

/// The TUI's state on an open store, with the config's key bindings.
fn tui_app(ctx: &Context, store: Store, tab: crate::app::Tab) -> CliResult<crate::app::App> {
    let keymap = crate::app::Keymap::with_overrides(&ctx.config.keys).map_err(|e| ConfigError {
        path: ctx
            .config
            .path
            .as_ref()
            .map_or_else(|| "config".to_string(), |p| p.display().to_string()),
        problem: ConfigProblem::Keys(e),
    })?;
    let db_name = if ctx.demo_dir.is_some() {
        "demo".to_string()
    } else {
        ctx.db
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| ctx.db.display().to_string())
    };
    let settings = crate::app::Settings {
        config: ctx.config.clone(),
        keymap,
        clock: ctx.clock,
        read_only: ctx.read_only,
        ascii: ctx.ascii,
        db_name,
    };
    Ok(crate::app::App::open_in_part(store, settings, tab)?)
}

fn snapshot(ctx: &Context, a: &SnapshotArgs) -> CliResult {
    let tab = crate::app::Tab::parse(&a.tab).ok_or_else(|| ConfigProblem::NotOneOf {
        what: "--tab",
        given: a.tab.clone(),
        allowed: "strategy, plan, tasks, kpis",
    })?;
    let (w, h) = a
        .size
        .split_once(['x', 'X'])
        .and_then(|(w, h)| Some((w.trim().parse::<u16>().ok()?, h.trim().parse::<u16>().ok()?)))
        .filter(|(w, h)| *w > 0 && *h > 0 && *w <= 1000 && *h <= 1000)
        .ok_or_else(|| CliError::BadSize(a.size.clone()))?;
    let mut app = tui_app(ctx, ctx.open_existing()?, tab)?;
    let plain = a.plain || (!a.full && !std::io::stdout().is_terminal());
    let text = crate::tui::printed_snapshot(&mut app, w, h, !plain)
        .map_err(|e| CliError::user(format!("snapshot: {e}")))?;
    app.close_before_exit();
    output::line(text.trim_end_matches('\n'))
}
