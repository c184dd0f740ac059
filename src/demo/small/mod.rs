//! The small demo: "Mộc Trà", an online tea and gifts shop in Hồ Chí Minh
//! City, over the 18 months ending today. Fixed texts come from
//! `assets/demo/`; dates, orders and figures are made here from the day
//! and the seed.

use chrono::{Datelike, Months, NaiveDate};
use fastrand::Rng;

use super::calendar::{black_friday, days_between, shift, tet, trung_thu, ymd};
use super::kpis::{self, CampaignSpend, ChannelMix};
use super::sales::{SegmentProfile, Shop};
use super::texts::{self, Block};
use super::{at, status_on};
use crate::domain::{
    Amount, Budget, BudgetId, Campaign, CampaignId, CauseCategory, Channel, ChannelId, ChannelKind,
    Message, Note, NoteId, NoteKind, ObjectiveId, Person, PersonId, Procedure, ProcedureId,
    Segment, SegmentId, Tool, ToolId,
};
use crate::store::transfer::{EXPORT_FORMAT, Export};

mod objectives;
mod tasks;

#[cfg(test)]
pub(in crate::demo) use objectives::customers_on;
use objectives::objectives;
use tasks::tasks;

/// The first day of the demo's 18 months.
pub(super) fn first_day(today: NaiveDate) -> NaiveDate {
    today
        .checked_sub_months(Months::new(18))
        .map_or_else(|| shift(today, -548), |d| shift(d, 1))
}

pub(super) fn first_of_month(d: NaiveDate) -> NaiveDate {
    ymd(d.year(), d.month(), 1, d)
}

pub(super) fn last_of_month(d: NaiveDate) -> NaiveDate {
    first_of_month(d)
        .checked_add_months(Months::new(1))
        .map_or(d, |n| shift(n, -1))
}

/// `n` rounded to the nearest multiple of `step`.
pub(super) fn round_to(n: f64, step: i64) -> i64 {
    (n / step as f64).round() as i64 * step
}

pub(super) fn person(position: usize, people: usize) -> Option<PersonId> {
    (1..=people)
        .contains(&position)
        .then_some(PersonId(position as i64))
}

/// When a campaign template runs in `year`.
fn campaign_dates(
    key: &str,
    year: i32,
    start: NaiveDate,
    today: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    let d = |m, day| ymd(year, m, day, today);
    Some(match key {
        "tet" => (shift(tet(year), -42), shift(tet(year), -1)),
        "office" => (shift(tet(year), 8), shift(tet(year), 32)),
        "women" => (d(2, 24), d(3, 8)),
        "summer" => (d(5, 15), d(6, 30)),
        "trungthu" => (shift(trung_thu(year), -28), trung_thu(year)),
        "teacher" => (d(11, 1), d(11, 20)),
        "bf" => (shift(black_friday(year), -3), shift(black_friday(year), 3)),
        "seo" if year == today.year() => (start, shift(today, 180)),
        "zalo" if year == today.year() => (shift(today, -45), shift(today, 45)),
        "launch" if year == today.year() => (shift(today, 24), shift(today, 54)),
        _ => return None,
    })
}

/// One campaign and the template it came from.
pub(super) struct Planned {
    pub campaign: Campaign,
    pub key: &'static str,
}

fn campaigns(start: NaiveDate, today: NaiveDate, people: usize) -> Vec<Planned> {
    let templates = texts::blocks(texts::CAMPAIGNS);
    let mut out = Vec::new();
    for year in start.year()..=today.year() + 1 {
        for t in &templates {
            let key = t.get("key");
            let Some((s, e)) = campaign_dates(key, year, start, today) else {
                continue;
            };
            if e < shift(start, 14) || s > shift(today, 60) {
                continue;
            }
            let objective = t.position("objective");
            out.push(Planned {
                key: static_key(t),
                campaign: Campaign {
                    id: CampaignId(0),
                    name: t.get("name").replace("{year}", &e.year().to_string()),
                    objective: (objective > 0).then_some(ObjectiveId(objective as i64)),
                    segment: Some(SegmentId(t.position("segment") as i64)),
                    channel: Some(ChannelId(t.position("channel") as i64)),
                    start: s,
                    end: e,
                    budget: Amount::from_int(t.get("budget").parse().unwrap_or(10_000_000)),
                    owner: person(t.position("owner"), people),
                    status: status_on(s, e, today),
                    description: t.get("description").to_string(),
                },
            });
        }
    }
    out.sort_by(|a, b| {
        (a.campaign.start, &a.campaign.name).cmp(&(b.campaign.start, &b.campaign.name))
    });
    for (i, p) in out.iter_mut().enumerate() {
        p.campaign.id = CampaignId(i as i64 + 1);
    }
    out
}

/// The template keys are few and fixed; keep them as `'static` strs.
fn static_key(t: &Block) -> &'static str {
    const KEYS: [&str; 10] = [
        "tet", "office", "women", "summer", "trungthu", "teacher", "bf", "seo", "zalo", "launch",
    ];
    KEYS.iter()
        .copied()
        .find(|k| *k == t.get("key"))
        .unwrap_or("general")
}

/// The last festival (by `day_in`) on or before `today`.
fn last_festival(today: NaiveDate, day_in: fn(i32) -> NaiveDate) -> NaiveDate {
    let this_year = day_in(today.year());
    if this_year <= today {
        this_year
    } else {
        day_in(today.year() - 1)
    }
}

/// The June a competitor cut prices in: the last June that has ended.
fn competitor_june(today: NaiveDate) -> i32 {
    if today.month() >= 7 {
        today.year()
    } else {
        today.year() - 1
    }
}

/// The period a note template is about.
fn note_period(key: &str, today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let month_ago = |k: u32| {
        let d = today.checked_sub_months(Months::new(k)).unwrap_or(today);
        (first_of_month(d), last_of_month(d))
    };
    let june = competitor_june(today);
    match key {
        "tet" => {
            let t = last_festival(today, tet);
            (shift(t, -25), shift(t, -1))
        }
        "trungthu" => {
            let t = last_festival(today, trung_thu);
            (shift(t, -21), t)
        }
        "june" => (ymd(june, 6, 1, today), ymd(june, 6, 21, today)),
        "summer" => (ymd(june, 7, 1, today), ymd(june, 7, 31, today)),
        "launch" => (shift(today, -300), shift(today, -270)),
        "delivery" => (shift(today, -210), shift(today, -203)),
        "zalo" => (shift(today, -40), shift(today, -1)),
        "outage" => (shift(today, -130), shift(today, -130)),
        "review1" => month_ago(1),
        "review2" => month_ago(2),
        "review3" => month_ago(3),
        _ => (today, today),
    }
}

fn notes(today: NaiveDate) -> Vec<Note> {
    texts::blocks(texts::NOTES)
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let (start, end) = note_period(b.get("key"), today);
            let metric = b.get("metric");
            Note {
                id: NoteId(i as i64 + 1),
                kind: b.get("kind").parse().unwrap_or(NoteKind::Cause),
                category: b.get("category").parse().unwrap_or(CauseCategory::Other),
                start,
                end,
                metric: (!metric.is_empty()).then(|| metric.to_string()),
                text: b.get("text").to_string(),
                created_at: at(shift(end, 1).min(today), 2, 30),
            }
        })
        .collect()
}

/// Demand dips the notes explain: the competitor's June, the courier's
/// bad week, the website outage.
fn dips(today: NaiveDate) -> Vec<(NaiveDate, NaiveDate, f64)> {
    ["june", "delivery", "outage"]
        .iter()
        .zip([0.75, 0.85, 0.2])
        .map(|(key, factor)| {
            let (a, b) = note_period(key, today);
            (a, b, factor)
        })
        .collect()
}

fn budgets(start: NaiveDate, today: NaiveDate) -> Vec<Budget> {
    let mut out = Vec::new();
    let mut month = first_of_month(start);
    let last = first_of_month(today)
        .checked_add_months(Months::new(2))
        .unwrap_or(today);
    let span = days_between(start, last).max(1) as f64;
    while month <= last {
        let progress = days_between(start, month).max(0) as f64 / span;
        let next_tet = tet(if month.month() == 12 {
            month.year() + 1
        } else {
            month.year()
        });
        let (extra, note) =
            if first_of_month(next_tet) == month || first_of_month(shift(next_tet, -25)) == month {
                (12.0, "Tết: tăng Google Ads và hộp quà doanh nghiệp")
            } else {
                match month.month() {
                    9 => (6.0, "Trung Thu: quảng cáo hộp quà doanh nghiệp"),
                    11 => (10.0, "20/11 và Black Friday"),
                    6 | 7 => (-3.0, "Mùa thấp điểm: giảm quảng cáo trả phí"),
                    _ => (0.0, ""),
                }
            };
        out.push(Budget {
            id: BudgetId(out.len() as i64 + 1),
            period: month.format("%Y-%m").to_string(),
            amount: Amount::from_int(round_to((38.0 + 14.0 * progress + extra) * 1e6, 1_000_000)),
            note: note.to_string(),
        });
        month = month
            .checked_add_months(Months::new(1))
            .unwrap_or(shift(last, 1));
    }
    out
}

/// The shop's segments as buyers: office workers buy small and often,
/// companies buy big gift boxes at the festivals, tea lovers are loyal.
fn profiles() -> [SegmentProfile; 3] {
    [
        SegmentProfile {
            id: SegmentId(1),
            weight: 0.5,
            min_vnd: 150_000,
            max_vnd: 450_000,
            gifts: false,
            loyal: 0.3,
        },
        SegmentProfile {
            id: SegmentId(2),
            weight: 0.15,
            min_vnd: 600_000,
            max_vnd: 2_500_000,
            gifts: true,
            loyal: 0.15,
        },
        SegmentProfile {
            id: SegmentId(3),
            weight: 0.35,
            min_vnd: 250_000,
            max_vnd: 1_200_000,
            gifts: false,
            loyal: 0.55,
        },
    ]
}

pub(super) fn build(today: NaiveDate, seed: u64) -> Export {
    let mut rng = Rng::with_seed(seed);
    let start = first_day(today);
    let strategy = texts::blocks(texts::STRATEGY);
    let of_kind = |kind: &'static str| strategy.iter().filter(move |b| b.get("kind") == kind);

    let message = of_kind("message")
        .next()
        .map(|b| Message {
            brand_message: b.get("brand_message").to_string(),
            positioning: b.get("positioning").to_string(),
        })
        .unwrap_or_default();
    let segments: Vec<Segment> = of_kind("segment")
        .enumerate()
        .map(|(i, b)| Segment {
            id: SegmentId(i as i64 + 1),
            name: b.get("name").to_string(),
            description: b.get("description").to_string(),
            demographics: b.get("demographics").to_string(),
            needs: b.get("needs").to_string(),
            habits: b.get("habits").to_string(),
            market_size: b.get("market_size").parse().ok(),
        })
        .collect();
    let channels: Vec<Channel> = of_kind("channel")
        .enumerate()
        .map(|(i, b)| Channel {
            id: ChannelId(i as i64 + 1),
            name: b.get("name").to_string(),
            kind: b.get("channel_kind").parse().unwrap_or(ChannelKind::Other),
            active: true,
            description: b.get("description").to_string(),
            segments: b
                .positions("segments")
                .into_iter()
                .map(|s| SegmentId(s as i64))
                .collect(),
        })
        .collect();
    let people: Vec<Person> = of_kind("person")
        .enumerate()
        .map(|(i, b)| Person {
            id: PersonId(i as i64 + 1),
            name: b.get("name").to_string(),
            role: b.get("role").to_string(),
            contact: b.get("contact").to_string(),
        })
        .collect();
    let tools: Vec<Tool> = of_kind("tool")
        .enumerate()
        .map(|(i, b)| Tool {
            id: ToolId(i as i64 + 1),
            name: b.get("name").to_string(),
            purpose: b.get("purpose").to_string(),
        })
        .collect();
    let procedures: Vec<Procedure> = texts::blocks(texts::PROCEDURES)
        .iter()
        .enumerate()
        .map(|(i, b)| Procedure {
            id: ProcedureId(i as i64 + 1),
            title: b.get("title").to_string(),
            owner: person(b.position("owner"), people.len()),
            steps: b.get("steps").to_string(),
        })
        .collect();

    let plan = campaigns(start, today, people.len());
    let dips = dips(today);
    let profiles = profiles();
    let sales = Shop {
        start,
        today,
        customers: 2_800,
        segments: &profiles,
        growth: 1.2,
        one_time: 0.3,
        loyal_gap: 13.0,
        loyal_life: 480.0,
        occasional_gap: 45.0,
        occasional_life: 260.0,
        dips: &dips,
        customer_digits: 5,
        order_digits: 6,
    }
    .simulate(&mut rng);

    let mix = ChannelMix {
        ids: channels.iter().map(|c| c.id).collect(),
        visit_share: vec![0.32, 0.22, 0.08, 0.28, 0.10],
        conversion_share: vec![0.28, 0.30, 0.16, 0.14, 0.12],
        base_spend: vec![350_000, 400_000, 15_000, 0, 25_000],
    };
    let spends: Vec<CampaignSpend> = plan
        .iter()
        .map(|p| {
            let k = &p.campaign;
            let days = days_between(k.start, k.end) + 1;
            CampaignSpend {
                id: k.id,
                channel: k.channel.map_or(0, |c| (c.0 - 1).max(0) as usize),
                start: k.start,
                end: k.end.min(today),
                daily_vnd: k.budget.round_to_int() * 97 / 100 / days.max(1),
            }
        })
        .collect();
    let kpi_values = kpis::small(&mut rng, &sales, start, &mix, Some(3), &spends);

    let notes = notes(today);
    let follow = notes
        .iter()
        .rev()
        .find(|n| n.kind == NoteKind::Review)
        .map(|n| n.id);
    let tasks = tasks(&mut rng, today, &plan, people.len(), follow);
    Export {
        funnel_export: EXPORT_FORMAT,
        message,
        metrics: Vec::new(),
        objectives: objectives(today, &sales.orders, &kpi_values),
        budgets: budgets(start, today),
        segments,
        channels,
        people,
        tools,
        procedures,
        campaigns: plan.into_iter().map(|p| p.campaign).collect(),
        notes,
        tasks,
        kpi_values,
        orders: sales.orders,
    }
}
