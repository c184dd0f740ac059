//! `funnel objective|segment|channel|campaign|person|note …`: the strategy
//! and plan records, each with add, list, edit and rm.

use clap::{Args, Subcommand};

use super::output::{fit, json, line, table};
use super::{CliError, CliResult, Context};
use crate::domain::RecordKind;
use crate::domain::{
    Amount, Campaign, CampaignId, CampaignStatus, CauseCategory, Channel, ChannelId, ChannelKind,
    Direction, Metric, MetricKind, Note, NoteId, NoteKind, Objective, ObjectiveId, Person,
    PersonId, Segment, SegmentId, Unit,
};
use crate::i18n::{CliWords, Format};
use crate::metrics::Period;
use crate::report::text::in_unit;
use crate::store::Store;

fn amount(field: &str, s: &str) -> CliResult<Amount> {
    s.parse()
        .map_err(|e| CliError::user(format!("--{field}: {e}")))
}

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

// Objectives.

#[derive(Debug, Subcommand)]
pub enum ObjectiveCommand {
    /// Add a SMART objective: a metric from a baseline to a target by a deadline.
    Add(ObjectiveArgs),
    /// List objectives with their progress and status.
    List(ListArgs),
    /// Change a objective's fields; the ones not given stay.
    Edit {
        id: i64,
        #[command(flatten)]
        args: ObjectiveArgs,
    },
    /// Remove a objective (funnel undo brings it back).
    Rm { id: i64 },
}

#[derive(Debug, Args)]
pub struct ObjectiveArgs {
    /// The title (needed to add).
    pub title: Option<String>,
    #[arg(long)]
    pub metric: Option<String>,
    #[arg(long)]
    pub baseline: Option<String>,
    #[arg(long)]
    pub target: Option<String>,
    /// increase or decrease (default: from baseline and target).
    #[arg(long)]
    pub direction: Option<Direction>,
    /// Start (default: today).
    #[arg(long, allow_hyphen_values = true)]
    pub start: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub deadline: Option<String>,
    #[arg(long)]
    pub segment: Option<String>,
    #[arg(long)]
    pub channel: Option<String>,
}

pub fn objective(ctx: &Context, cmd: ObjectiveCommand) -> CliResult {
    let mut store = open_for(ctx, matches!(cmd, ObjectiveCommand::List { .. }))?;
    match cmd {
        ObjectiveCommand::Add(a) => {
            let need = |v: &Option<String>, flag: &str| {
                v.clone()
                    .ok_or_else(|| CliError::user(format!("an objective needs {flag}")))
            };
            let base = Objective {
                id: ObjectiveId(0),
                title: need(&a.title, "a TITLE")?,
                metric: need(&a.metric, "--metric")?,
                baseline: amount("baseline", &need(&a.baseline, "--baseline")?)?,
                target: amount("target", &need(&a.target, "--target")?)?,
                direction: Direction::Increase,
                start: ctx.today(),
                deadline: ctx.parse_date("--deadline", &need(&a.deadline, "--deadline")?)?,
                segment: None,
                channel: None,
            };
            let o = store.save_objective(&apply_objective(ctx, &store, base, &a)?)?;
            say(words(ctx).objective.added, &[&o.id, &o.title])
        }
        ObjectiveCommand::Edit { id, args } => {
            let old = store.objective(ObjectiveId(id))?;
            let o = store.save_objective(&apply_objective(ctx, &store, old, &args)?)?;
            say(words(ctx).objective.edited, &[&o.id, &o.title])
        }
        ObjectiveCommand::Rm { id } => {
            let o = store.delete_objective(ObjectiveId(id))?;
            say(words(ctx).objective.removed, &[&o.id, &o.title])
        }
        ObjectiveCommand::List(a) => {
            let analysis = crate::analysis::Analysis::new(&store, &ctx.config, ctx.today());
            let states = store
                .objectives()?
                .iter()
                .map(|o| analysis.objective_state(o, ctx.today()))
                .collect::<Result<Vec<_>, _>>()?;
            let fmt = ctx.format();
            listing(ctx, a.json, &states, &words(ctx).objective_columns, |s| {
                let o = &s.objective;
                vec![
                    o.id.to_string(),
                    fit(&o.title, 40),
                    o.metric.clone(),
                    s.current
                        .map(|c| in_unit(fmt, s.unit, c))
                        .unwrap_or_else(|| "—".into()),
                    in_unit(fmt, s.unit, o.target),
                    s.progress
                        .done
                        .map(|d| fmt.percent(d))
                        .unwrap_or_else(|| "—".into()),
                    fmt.words().objective_status(s.progress.status).into(),
                    fmt.date(o.deadline),
                ]
            })
        }
    }
}

fn apply_objective(
    ctx: &Context,
    store: &Store,
    mut o: Objective,
    a: &ObjectiveArgs,
) -> CliResult<Objective> {
    if let Some(t) = &a.title {
        o.title = t.clone();
    }
    if let Some(m) = &a.metric {
        o.metric = m.clone();
    }
    if let Some(b) = &a.baseline {
        o.baseline = amount("baseline", b)?;
    }
    if let Some(t) = &a.target {
        o.target = amount("target", t)?;
    }
    o.direction = a
        .direction
        .unwrap_or(Direction::implied(o.baseline, o.target));
    if let Some(s) = &a.start {
        o.start = ctx.parse_date("--start", s)?;
    }
    if let Some(d) = &a.deadline {
        o.deadline = ctx.parse_date("--deadline", d)?;
    }
    if a.segment.is_some() {
        o.segment = opt_id(store, RecordKind::Segment, a.segment.as_deref(), SegmentId)?;
    }
    if a.channel.is_some() {
        o.channel = opt_id(store, RecordKind::Channel, a.channel.as_deref(), ChannelId)?;
    }
    Ok(o)
}

// Segments.

#[derive(Debug, Subcommand)]
pub enum SegmentCommand {
    /// Add a segment.
    Add(SegmentArgs),
    /// List the segments (--json for scripts).
    List(ListArgs),
    /// Change a segment's fields; the ones not given stay.
    Edit {
        id: String,
        #[command(flatten)]
        args: SegmentArgs,
    },
    /// Remove a segment (funnel undo brings it back).
    Rm { id: String },
}

#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The name (needed to add).
    pub name: Option<String>,
    #[arg(long)]
    pub description: Option<String>,
    #[arg(long)]
    pub demographics: Option<String>,
    #[arg(long)]
    pub needs: Option<String>,
    #[arg(long)]
    pub habits: Option<String>,
    /// Estimated number of potential customers.
    #[arg(long)]
    pub market_size: Option<i64>,
}

pub fn segment(ctx: &Context, cmd: SegmentCommand) -> CliResult {
    let mut store = open_for(ctx, matches!(cmd, SegmentCommand::List { .. }))?;
    let apply = |mut s: Segment, a: SegmentArgs| {
        s.name = a.name.unwrap_or(s.name);
        s.description = a.description.unwrap_or(s.description);
        s.demographics = a.demographics.unwrap_or(s.demographics);
        s.needs = a.needs.unwrap_or(s.needs);
        s.habits = a.habits.unwrap_or(s.habits);
        s.market_size = a.market_size.or(s.market_size);
        s
    };
    match cmd {
        SegmentCommand::Add(a) => {
            let blank = Segment {
                id: SegmentId(0),
                name: String::new(),
                description: String::new(),
                demographics: String::new(),
                needs: String::new(),
                habits: String::new(),
                market_size: None,
            };
            let s = store.save_segment(&apply(blank, a))?;
            say(words(ctx).segment.added, &[&s.id, &s.name])
        }
        SegmentCommand::Edit { id, args } => {
            let old = store.segment(SegmentId(store.resolve(RecordKind::Segment, &id)?))?;
            let s = store.save_segment(&apply(old, args))?;
            say(words(ctx).segment.edited, &[&s.id, &s.name])
        }
        SegmentCommand::Rm { id } => {
            let s = store.delete_segment(SegmentId(store.resolve(RecordKind::Segment, &id)?))?;
            say(words(ctx).segment.removed, &[&s.id, &s.name])
        }
        SegmentCommand::List(a) => {
            let fmt = ctx.format();
            listing(
                ctx,
                a.json,
                &store.segments()?,
                &words(ctx).segment_columns,
                |s| {
                    vec![
                        s.id.to_string(),
                        s.name.clone(),
                        s.market_size
                            .map(|m| fmt.count(Amount::from_int(m)))
                            .unwrap_or_default(),
                        fit(&s.description, 60),
                    ]
                },
            )
        }
    }
}

// Channels.

#[derive(Debug, Subcommand)]
pub enum ChannelCommand {
    /// Add a channel.
    Add(ChannelArgs),
    /// List the channels (--json for scripts).
    List(ListArgs),
    /// Change a channel's fields; the ones not given stay.
    Edit {
        id: String,
        #[command(flatten)]
        args: ChannelArgs,
    },
    /// Remove a channel (funnel undo brings it back).
    Rm { id: String },
}

#[derive(Debug, Args)]
pub struct ChannelArgs {
    /// The name (needed to add).
    pub name: Option<String>,
    /// seo, social, email, ppc, content, events or other.
    #[arg(long)]
    pub kind: Option<ChannelKind>,
    /// A segment it reaches (repeatable; replaces the list).
    #[arg(long = "segment")]
    pub segments: Vec<String>,
    #[arg(long)]
    pub active: Option<bool>,
    #[arg(long)]
    pub description: Option<String>,
}

pub fn channel(ctx: &Context, cmd: ChannelCommand) -> CliResult {
    let mut store = open_for(ctx, matches!(cmd, ChannelCommand::List { .. }))?;
    let apply = |store: &Store, mut c: Channel, a: ChannelArgs| -> CliResult<Channel> {
        c.name = a.name.unwrap_or(c.name);
        c.kind = a.kind.unwrap_or(c.kind);
        c.active = a.active.unwrap_or(c.active);
        c.description = a.description.unwrap_or(c.description);
        if !a.segments.is_empty() {
            c.segments = a
                .segments
                .iter()
                .map(|s| store.resolve(RecordKind::Segment, s).map(SegmentId))
                .collect::<Result<_, _>>()?;
        }
        Ok(c)
    };
    match cmd {
        ChannelCommand::Add(a) => {
            let blank = Channel {
                id: ChannelId(0),
                name: String::new(),
                kind: ChannelKind::Other,
                active: true,
                description: String::new(),
                segments: Vec::new(),
            };
            let c = apply(&store, blank, a)?;
            let c = store.save_channel(&c)?;
            say(words(ctx).channel.added, &[&c.id, &c.name, &c.kind])
        }
        ChannelCommand::Edit { id, args } => {
            let old = store.channel(ChannelId(store.resolve(RecordKind::Channel, &id)?))?;
            let c = apply(&store, old, args)?;
            let c = store.save_channel(&c)?;
            say(words(ctx).channel.edited, &[&c.id, &c.name])
        }
        ChannelCommand::Rm { id } => {
            let c = store.delete_channel(ChannelId(store.resolve(RecordKind::Channel, &id)?))?;
            say(words(ctx).channel.removed, &[&c.id, &c.name])
        }
        ChannelCommand::List(a) => {
            let segments = store.segments()?;
            let w = words(ctx);
            listing(ctx, a.json, &store.channels()?, &w.channel_columns, |c| {
                let names: Vec<&str> = c
                    .segments
                    .iter()
                    .filter_map(|id| segments.iter().find(|s| s.id == *id))
                    .map(|s| s.name.as_str())
                    .collect();
                vec![
                    c.id.to_string(),
                    c.name.clone(),
                    c.kind.to_string(),
                    if c.active { w.yes } else { w.no }.into(),
                    names.join(", "),
                ]
            })
        }
    }
}

// Campaigns.

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Add a campaign.
    Add(CampaignArgs),
    /// List the campaigns (--json for scripts).
    List(ListArgs),
    /// Change a campaign's fields; the ones not given stay.
    Edit {
        id: String,
        #[command(flatten)]
        args: CampaignArgs,
    },
    /// Remove a campaign; its tasks stay, without a campaign.
    Rm { id: String },
}

#[derive(Debug, Args)]
pub struct CampaignArgs {
    /// The name (needed to add).
    pub name: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub start: Option<String>,
    #[arg(long, allow_hyphen_values = true)]
    pub end: Option<String>,
    #[arg(long)]
    pub budget: Option<String>,
    /// Objective id.
    #[arg(long)]
    pub objective: Option<i64>,
    #[arg(long)]
    pub segment: Option<String>,
    #[arg(long)]
    pub channel: Option<String>,
    #[arg(long)]
    pub owner: Option<String>,
    #[arg(long)]
    pub status: Option<CampaignStatus>,
    #[arg(long)]
    pub description: Option<String>,
}

pub fn campaign(ctx: &Context, cmd: CampaignCommand) -> CliResult {
    let mut store = open_for(ctx, matches!(cmd, CampaignCommand::List { .. }))?;
    let apply = |store: &Store, mut k: Campaign, a: CampaignArgs| -> CliResult<Campaign> {
        k.name = a.name.unwrap_or(k.name);
        if let Some(s) = &a.start {
            k.start = ctx.parse_date("--start", s)?;
        }
        if let Some(e) = &a.end {
            k.end = ctx.parse_date("--end", e)?;
        }
        if let Some(b) = &a.budget {
            k.budget = amount("budget", b)?;
        }
        if let Some(o) = a.objective {
            k.objective = Some(store.objective(ObjectiveId(o))?.id);
        }
        if a.segment.is_some() {
            k.segment = opt_id(store, RecordKind::Segment, a.segment.as_deref(), SegmentId)?;
        }
        if a.channel.is_some() {
            k.channel = opt_id(store, RecordKind::Channel, a.channel.as_deref(), ChannelId)?;
        }
        if a.owner.is_some() {
            k.owner = opt_id(store, RecordKind::Person, a.owner.as_deref(), PersonId)?;
        }
        k.status = a.status.unwrap_or(k.status);
        k.description = a.description.unwrap_or(k.description);
        Ok(k)
    };
    match cmd {
        CampaignCommand::Add(a) => {
            if a.start.is_none() || a.end.is_none() {
                return Err(CliError::user("a campaign needs --start and --end"));
            }
            let blank = Campaign {
                id: CampaignId(0),
                name: String::new(),
                objective: None,
                segment: None,
                channel: None,
                start: ctx.today(),
                end: ctx.today(),
                budget: Amount::ZERO,
                owner: None,
                status: CampaignStatus::Planned,
                description: String::new(),
            };
            let k = apply(&store, blank, a)?;
            let k = store.save_campaign(&k)?;
            say(words(ctx).campaign.added, &[&k.id, &k.name])
        }
        CampaignCommand::Edit { id, args } => {
            let old = store.campaign(CampaignId(store.resolve(RecordKind::Campaign, &id)?))?;
            let k = apply(&store, old, args)?;
            let k = store.save_campaign(&k)?;
            say(words(ctx).campaign.edited, &[&k.id, &k.name])
        }
        CampaignCommand::Rm { id } => {
            let k = store.delete_campaign(CampaignId(store.resolve(RecordKind::Campaign, &id)?))?;
            say(words(ctx).campaign.removed, &[&k.id, &k.name])
        }
        CampaignCommand::List(a) => super::campaigns::list(ctx, &store, a.json),
    }
}

// People.

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person.
    Add(PersonArgs),
    /// List the persons (--json for scripts).
    List(ListArgs),
    /// Change a person's fields; the ones not given stay.
    Edit {
        id: String,
        #[command(flatten)]
        args: PersonArgs,
    },
    /// Remove a person (funnel undo brings it back).
    Rm { id: String },
}

#[derive(Debug, Args)]
pub struct PersonArgs {
    /// The name (needed to add).
    pub name: Option<String>,
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub contact: Option<String>,
}

pub fn person(ctx: &Context, cmd: PersonCommand) -> CliResult {
    let mut store = open_for(ctx, matches!(cmd, PersonCommand::List { .. }))?;
    let apply = |mut p: Person, a: PersonArgs| {
        p.name = a.name.unwrap_or(p.name);
        p.role = a.role.unwrap_or(p.role);
        p.contact = a.contact.unwrap_or(p.contact);
        p
    };
    match cmd {
        PersonCommand::Add(a) => {
            let blank = Person {
                id: PersonId(0),
                name: String::new(),
                role: String::new(),
                contact: String::new(),
            };
            let p = store.save_person(&apply(blank, a))?;
            say(words(ctx).person.added, &[&p.id, &p.name])
        }
        PersonCommand::Edit { id, args } => {
            let old = store.person(PersonId(store.resolve(RecordKind::Person, &id)?))?;
            let p = store.save_person(&apply(old, args))?;
            say(words(ctx).person.edited, &[&p.id, &p.name])
        }
        PersonCommand::Rm { id } => {
            let p = store.delete_person(PersonId(store.resolve(RecordKind::Person, &id)?))?;
            say(words(ctx).person.removed, &[&p.id, &p.name])
        }
        PersonCommand::List(a) => listing(
            ctx,
            a.json,
            &store.people()?,
            &words(ctx).person_columns,
            |p| {
                vec![
                    p.id.to_string(),
                    p.name.clone(),
                    p.role.clone(),
                    p.contact.clone(),
                ]
            },
        ),
    }
}

// Notes.

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add a cause or review note on a period.
    Add(NoteArgs),
    /// Change a note's text, kind, category, period or metric.
    Edit {
        id: i64,
        /// The new text.
        #[arg(long)]
        text: Option<String>,
        #[arg(long)]
        kind: Option<NoteKind>,
        #[arg(long)]
        category: Option<CauseCategory>,
        #[arg(long)]
        period: Option<String>,
        #[arg(long)]
        metric: Option<String>,
    },
    /// Remove a note (funnel undo brings it back).
    Rm { id: i64 },
    /// Notes overlapping a period (default: all).
    List {
        /// A period label: 2026-11, 2026-W47, 2026-Q4, 2026.
        #[arg(long)]
        period: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    pub text: String,
    /// cause or review.
    #[arg(long, default_value = "cause")]
    pub kind: NoteKind,
    /// product, service, customer_care, promotion, seasonality, competition, other.
    #[arg(long, default_value = "other")]
    pub category: CauseCategory,
    /// The period it is about (default: this month).
    #[arg(long)]
    pub period: Option<String>,
    /// The metric it explains.
    #[arg(long)]
    pub metric: Option<String>,
}

fn period_of(ctx: &Context, label: Option<&str>) -> CliResult<Period> {
    match label {
        Some(l) => Ok(Period::parse(l, ctx.config.week_start)?),
        None => Ok(Period::containing(
            crate::metrics::Granularity::Month,
            ctx.today(),
            ctx.config.week_start,
        )),
    }
}

pub fn note(ctx: &Context, cmd: NoteCommand) -> CliResult {
    let mut store = open_for(ctx, matches!(cmd, NoteCommand::List { .. }))?;
    match cmd {
        NoteCommand::Add(a) => {
            let p = period_of(ctx, a.period.as_deref())?;
            let n = Note {
                id: NoteId(0),
                kind: a.kind,
                category: a.category,
                start: p.start,
                end: p.end,
                metric: a.metric,
                text: a.text,
                created_at: chrono::Utc::now(),
            };
            let id = store.save_note(&n)?;
            say(
                words(ctx).note.added,
                &[&ctx.format().words().note_kind(n.kind), &id, &p.label()],
            )
        }
        NoteCommand::Edit {
            id,
            text,
            kind,
            category,
            period,
            metric,
        } => {
            let mut n = store
                .notes()?
                .into_iter()
                .find(|n| n.id == NoteId(id))
                .ok_or_else(|| CliError::user(format!("note '{id}' not found")))?;
            if let Some(t) = text {
                n.text = t;
            }
            n.kind = kind.unwrap_or(n.kind);
            n.category = category.unwrap_or(n.category);
            if let Some(l) = period {
                let p = period_of(ctx, Some(&l))?;
                (n.start, n.end) = (p.start, p.end);
            }
            if metric.is_some() {
                n.metric = metric.filter(|m| !m.eq_ignore_ascii_case("none"));
            }
            store.save_note(&n)?;
            say(words(ctx).note.edited, &[&id])
        }
        NoteCommand::Rm { id } => {
            store.delete_note(NoteId(id))?;
            say(words(ctx).note.removed, &[&id])
        }
        NoteCommand::List {
            period,
            json: as_json,
        } => {
            let notes = match period {
                Some(l) => {
                    let p = period_of(ctx, Some(&l))?;
                    store.notes_between(p.start, p.end)?
                }
                None => store.notes()?,
            };
            let fmt = ctx.format();
            listing(ctx, as_json, &notes, &words(ctx).note_columns, |n| {
                vec![
                    n.id.to_string(),
                    fmt.date(n.start),
                    fmt.date(n.end),
                    fmt.words().note_kind(n.kind).to_string(),
                    n.category.to_string(),
                    fit(&n.text.replace('\n', " "), 60),
                ]
            })
        }
    }
}

// Metric definitions.

#[derive(Debug, Subcommand)]
pub enum MetricCommand {
    /// Add your own metric (snake_case name), recorded like the built-ins.
    Add {
        name: String,
        /// counter (summed over a period) or gauge (read on its last day).
        #[arg(long)]
        kind: MetricKind,
        /// count, money, percent or number.
        #[arg(long, default_value = "number")]
        unit: Unit,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// The built-in metrics and your own.
    List(ListArgs),
}

pub fn metric(ctx: &Context, cmd: MetricCommand) -> CliResult {
    let mut store = open_for(ctx, matches!(cmd, MetricCommand::List { .. }))?;
    match cmd {
        MetricCommand::Add {
            name,
            kind,
            unit,
            description,
        } => {
            store.add_metric(&Metric {
                name: name.clone(),
                kind,
                unit,
                builtin: false,
                description,
            })?;
            say(words(ctx).metric_added, &[&name, &kind, &unit])
        }
        MetricCommand::List(a) => listing(
            ctx,
            a.json,
            &store.metrics()?,
            &words(ctx).metric_columns,
            |m| {
                vec![
                    m.name.clone(),
                    m.kind.to_string(),
                    m.unit.to_string(),
                    if m.builtin {
                        words(ctx).yes
                    } else {
                        words(ctx).no
                    }
                    .into(),
                    m.description.clone(),
                ]
            },
        ),
    }
}
