//! `funnel objective|segment|channel|campaign|person|note|metric …`: the
//! strategy and plan records, one module a command group. The records
//! share one add / list / edit / rm path ([`run`]): each says how it
//! starts, how its arguments apply and how it is listed; `edit` and `rm`
//! find it by id or name.

mod campaigns;
mod channels;
mod metrics;
mod notes;
mod objectives;
mod people;
mod segments;

use clap::Args;

pub use campaigns::{CampaignCommand, campaign};
pub use channels::{ChannelCommand, channel};
pub use metrics::{MetricCommand, metric};
pub use notes::{NoteCommand, note};
pub use objectives::{ObjectiveCommand, objective};
pub use people::{PersonCommand, person};
pub use segments::{SegmentCommand, segment};

use super::output::{json, line, table};
use super::{CliError, CliResult, Context};
use crate::domain::{Amount, RecordId, RecordKind};
use crate::i18n::{CliWords, EntityWords, Format};
use crate::store::Store;
use crate::store::records::Kept;

/// An amount given to `--field`, read as the locale writes numbers.
fn amount(ctx: &Context, field: &str, s: &str) -> CliResult<Amount> {
    crate::domain::parse_amount(s, ctx.config.locale)
        .map_err(|e| CliError::argument(format!("--{field}"), e))
}

/// The record of `kind` that `key` names (by id or name); none where
/// the key is absent or `none`.
fn opt_id<T>(
    store: &Store,
    kind: RecordKind,
    key: Option<&str>,
    wrap: fn(i64) -> T,
) -> CliResult<Option<T>> {
    match key {
        None => Ok(None),
        Some(k) if k.trim().eq_ignore_ascii_case("none") => Ok(None),
        Some(k) => Ok(Some(wrap(store.resolve(kind, k)?))),
    }
}

/// Lists only read: they need an existing database.
fn open_for(ctx: &Context, list: bool) -> CliResult<Store> {
    if list {
        ctx.open_existing()
    } else {
        ctx.open()
    }
}

/// The command line's words in the run's locale.
fn words(ctx: &Context) -> &'static CliWords {
    &ctx.format().words().cli
}

/// "Added objective 3: Title" and the like, in the run's locale.
fn say(template: &str, values: &[&dyn std::fmt::Display]) -> CliResult {
    line(&Format::fill_all(template, values))
}

/// A list printed as a table, or as JSON with --json.
fn listing<T: serde::Serialize>(
    ctx: &Context,
    as_json: bool,
    items: &[T],
    header: &[&str],
    row: impl Fn(&T) -> Vec<String>,
) -> CliResult {
    if as_json {
        return json(items);
    }
    if items.is_empty() {
        return line(words(ctx).none_yet);
    }
    let rows: Vec<Vec<String>> = items.iter().map(row).collect();
    line(&table(header, &rows))
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(long)]
    pub json: bool,
}

/// A record the command line adds, lists, edits and removes.
trait Entity: Kept {
    /// What `add` and `edit` take.
    type Args;

    /// What its messages say: "Added segment {id}: {name}".
    fn words(w: &'static CliWords) -> &'static EntityWords;

    /// The record `add` starts from before `args` apply; refuses an add
    /// that lacks what the record needs.
    fn blank(ctx: &Context, args: &Self::Args) -> CliResult<Self>;

    /// The record with what `args` give; the rest stays.
    fn apply(self, ctx: &Context, store: &Store, args: Self::Args) -> CliResult<Self>;

    /// `list`: a table, or JSON.
    fn list(ctx: &Context, store: &Store, as_json: bool) -> CliResult;

    /// What its messages fill in: its id and name (a channel its kind too).
    fn shown(&self) -> Vec<String> {
        vec![self.id().raw().to_string(), self.name().to_string()]
    }
}

/// What is asked of a record: the same four commands for every kind.
enum Verb<A> {
    Add(A),
    List(ListArgs),
    Edit(String, A),
    Rm(String),
}

/// Declares a record's command group: add, list, edit (by id or name)
/// and rm (by id or name), with the help of each, and how it turns into
/// a [`Verb`].
macro_rules! record_commands {
    ($(#[$meta:meta])* $command:ident($args:ty) {
        add: $add:literal, list: $list:literal, edit: $edit:literal, rm: $rm:literal $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, clap::Subcommand)]
        pub enum $command {
            #[doc = $add]
            Add($args),
            #[doc = $list]
            List($crate::cli::entities::ListArgs),
            #[doc = $edit]
            Edit {
                /// Its id or name.
                id: String,
                #[command(flatten)]
                args: $args,
            },
            #[doc = $rm]
            Rm {
                /// Its id or name.
                id: String,
            },
        }

        impl From<$command> for $crate::cli::entities::Verb<$args> {
            fn from(c: $command) -> Self {
                use $crate::cli::entities::Verb;
                match c {
                    $command::Add(a) => Verb::Add(a),
                    $command::List(l) => Verb::List(l),
                    $command::Edit { id, args } => Verb::Edit(id, args),
                    $command::Rm { id } => Verb::Rm(id),
                }
            }
        }
    };
}
use record_commands;

/// Runs one of a record's four commands.
fn run<E: Entity>(ctx: &Context, verb: Verb<E::Args>) -> CliResult {
    let mut store = open_for(ctx, matches!(verb, Verb::List(_)))?;
    let w = E::words(words(ctx));
    let found = |store: &Store, key: &str| -> CliResult<E::Id> {
        let id = store.resolve(<E::Id as RecordId>::KIND, key)?;
        Ok(E::Id::from_raw(id))
    };
    let (template, record) = match verb {
        Verb::List(a) => return E::list(ctx, &store, a.json),
        Verb::Add(args) => {
            let r = E::blank(ctx, &args)?.apply(ctx, &store, args)?;
            (w.added, store.save_kept(&r)?)
        }
        Verb::Edit(key, args) => {
            let old = E::read(&store, found(&store, &key)?)?;
            let r = old.apply(ctx, &store, args)?;
            (w.edited, store.save_kept(&r)?)
        }
        Verb::Rm(key) => {
            let id = found(&store, &key)?;
            (w.removed, store.delete_kept::<E>(id)?)
        }
    };
    let shown = record.shown();
    let values: Vec<&dyn std::fmt::Display> = shown.iter().map(|v| v as _).collect();
    say(template, &values)
}
