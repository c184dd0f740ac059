//! The large demo: a benchmark data set of ten years of a big online shop
//! (50,000 tasks, 1,000 campaigns, a million orders), deterministic from
//! the seed. Believable enough to look at, but made for size and speed.

use chrono::{Datelike, Months, NaiveDate};
use fastrand::Rng;

use super::calendar::{days_between, shift};
use super::kpis::{self, ChannelMix};
use super::sales::{SegmentProfile, Shop};
use super::texts;
use super::{at, status_on};
use crate::domain::{
    Amount, Budget, BudgetId, Campaign, CampaignId, CampaignStatus, CauseCategory, Channel,
    ChannelId, ChannelKind, Dimension, Direction, KpiValue, Message, Note, NoteId, NoteKind,
    Objective, ObjectiveId, Person, PersonId, Priority, Procedure, ProcedureId, Segment, SegmentId,
    Task, TaskId, TaskStatus, Tool, ToolId,
};
use crate::store::transfer::{EXPORT_FORMAT, Export};

pub(super) const TASKS: usize = 50_000;
pub(super) const CAMPAIGNS: usize = 1_000;
pub(super) const CUSTOMERS: usize = 100_000;
pub(super) const PEOPLE: usize = 20;
pub(super) const OBJECTIVES: usize = 50;
pub(super) const NOTES: usize = 200;

const REGIONS: [&str; 6] = [
    "Hà Nội",
    "TP.HCM",
    "Đà Nẵng",
    "Cần Thơ",
    "Hải Phòng",
    "Bình Dương",
];
const PERSONAS: [(&str, &str); 5] = [
    ("Văn phòng trẻ", "22–32 tuổi, nhân viên văn phòng"),
    ("Quà tặng doanh nghiệp", "phòng nhân sự, hành chính công ty"),
    ("Người yêu trà", "30–55 tuổi, sành trà"),
    ("Sinh viên", "18–23 tuổi, ngân sách thấp"),
    ("Gia đình", "30–45 tuổi, mua cho cả nhà"),
];
const CHANNELS: [(&str, ChannelKind); 10] = [
    ("Facebook & Instagram", ChannelKind::Social),
    ("Google Ads", ChannelKind::Ppc),
    ("Email newsletter", ChannelKind::Email),
    ("SEO blog", ChannelKind::Seo),
    ("Zalo OA", ChannelKind::Social),
    ("TikTok", ChannelKind::Social),
    ("Shopee Ads", ChannelKind::Ppc),
    ("YouTube", ChannelKind::Content),
    ("Hội chợ & sự kiện", ChannelKind::Events),
    ("Affiliate / KOL", ChannelKind::Other),
];
const FAMILY: [&str; 10] = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ",
];
const GIVEN: [&str; 20] = [
    "Thu Hà",
    "Minh Khoa",
    "Bảo Ngọc",
    "Quốc Huy",
    "Thanh Tâm",
    "Đức Anh",
    "Mai Linh",
    "Gia Bảo",
    "Hải Yến",
    "Tuấn Kiệt",
    "Phương Thảo",
    "Văn Nam",
    "Ngọc Ánh",
    "Hoàng Long",
    "Thùy Dung",
    "Trung Hiếu",
    "Khánh Vy",
    "Quang Vinh",
    "Diệu Linh",
    "Anh Thư",
];
const ROLES: [&str; 5] = [
    "Marketing lead",
    "Content writer",
    "Designer",
    "Ads specialist",
    "CRM & email",
];
const THEMES: [&str; 10] = [
    "Quà Tết",
    "Trung Thu",
    "Black Friday",
    "Tri ân 20/11",
    "Mùng 8/3",
    "Trà lạnh mùa hè",
    "Back to office",
    "Sinh nhật shop",
    "Flash sale",
    "Ra mắt sản phẩm",
];
const METRICS: [&str; 7] = [
    "customers",
    "new_customers",
    "conversions",
    "revenue",
    "visits",
    "spend",
    "loyal_customers",
];
const NOTE_TEXTS: [&str; 8] = [
    "Khuyến mãi cuối tuần kéo doanh số tăng mạnh.",
    "Seasonal dip after the holidays.",
    "Ra mắt dòng sản phẩm mới; tỷ lệ chuyển đổi tăng.",
    "Giao hàng chậm, khách phàn nàn nhiều hơn.",
    "Chăm sóc khách qua Zalo giúp khách cũ quay lại.",
    "A competitor cut prices; new customers fell.",
    "Review: chuyển ngân sách từ Facebook sang Google Ads.",
    "Review: keep the email cadence, test a new subject line style.",
];

pub(super) fn build(today: NaiveDate, seed: u64) -> Export {
    let mut rng = Rng::with_seed(seed);
    let start = today
        .checked_sub_months(Months::new(120))
        .map_or_else(|| shift(today, -3652), |d| shift(d, 1));
    let days = days_between(start, today) + 1;

    let segments: Vec<Segment> = (0..REGIONS.len() * PERSONAS.len())
        .map(|i| {
            let (persona, who) = PERSONAS[i % PERSONAS.len()];
            let region = REGIONS[i / PERSONAS.len()];
            Segment {
                id: SegmentId(i as i64 + 1),
                name: format!("{persona} · {region}"),
                description: format!("{persona} ở {region}"),
                demographics: format!("{who}, {region}"),
                needs: "Trà ngon, giao nhanh, giá rõ ràng".into(),
                habits: "Mua online, phản ứng với khuyến mãi theo mùa".into(),
                market_size: Some(5_000 + rng.i64(0..200_000)),
            }
        })
        .collect();
    let profiles: Vec<SegmentProfile> = segments
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let persona = i % PERSONAS.len();
            let (min_vnd, max_vnd) = [
                (150_000, 450_000),
                (600_000, 2_500_000),
                (250_000, 1_200_000),
                (80_000, 250_000),
                (200_000, 800_000),
            ][persona];
            SegmentProfile {
                id: s.id,
                weight: 0.5 + rng.f64(),
                min_vnd,
                max_vnd,
                gifts: persona == 1,
                loyal: [0.3, 0.15, 0.55, 0.2, 0.35][persona],
            }
        })
        .collect();
    let channels: Vec<Channel> = CHANNELS
        .iter()
        .enumerate()
        .map(|(i, (name, kind))| Channel {
            id: ChannelId(i as i64 + 1),
            name: (*name).to_string(),
            kind: *kind,
            active: i < 9,
            description: format!("{name}: kênh {}", kind.as_str()),
            segments: (0..segments.len())
                .filter(|s| (s + i) % 3 == 0)
                .map(|s| SegmentId(s as i64 + 1))
                .collect(),
        })
        .collect();
    let people: Vec<Person> = (0..PEOPLE)
        .map(|i| Person {
            id: PersonId(i as i64 + 1),
            name: format!("{} {}", FAMILY[i % FAMILY.len()], GIVEN[i]),
            role: ROLES[i % ROLES.len()].to_string(),
            contact: format!("nv{:02}@funnel.example", i + 1),
        })
        .collect();
    let tools: Vec<Tool> = [
        "Google Analytics 4",
        "Meta Business Suite",
        "Mailchimp",
        "Canva Pro",
        "HubSpot CRM",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| Tool {
        id: ToolId(i as i64 + 1),
        name: (*name).to_string(),
        purpose: "Marketing".into(),
    })
    .collect();
    let procedures: Vec<Procedure> = texts::blocks(texts::PROCEDURES)
        .iter()
        .enumerate()
        .map(|(i, b)| Procedure {
            id: ProcedureId(i as i64 + 1),
            title: b.get("title").to_string(),
            owner: Some(PersonId(1)),
            steps: b.get("steps").to_string(),
        })
        .collect();
    let mut budgets = Vec::with_capacity(124);
    let mut month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
    while month <= shift(today, 60) {
        budgets.push(Budget {
            id: BudgetId(budgets.len() as i64 + 1),
            period: month.format("%Y-%m").to_string(),
            amount: Amount::from_int((200 + rng.i64(0..200)) * 1_000_000),
            note: String::new(),
        });
        month = month
            .checked_add_months(Months::new(1))
            .unwrap_or(shift(today, 61));
    }

    let day_in = |rng: &mut Rng, from: i64, to: i64| shift(start, rng.i64(from..to));
    let objectives: Vec<Objective> = (0..OBJECTIVES)
        .map(|i| {
            let s = day_in(&mut rng, 0, days);
            let baseline = rng.i64(100..10_000);
            let decrease = METRICS[i % METRICS.len()] == "spend";
            Objective {
                id: ObjectiveId(i as i64 + 1),
                title: format!("Objective {}: {}", i + 1, METRICS[i % METRICS.len()]),
                metric: METRICS[i % METRICS.len()].to_string(),
                baseline: Amount::from_int(baseline),
                target: Amount::from_int(if decrease {
                    baseline * 9 / 10
                } else {
                    baseline * 13 / 10
                }),
                direction: if decrease {
                    Direction::Decrease
                } else {
                    Direction::Increase
                },
                start: s,
                deadline: shift(s, rng.i64(30..365)),
                segment: (i % 3 == 1).then(|| SegmentId(rng.i64(1..=segments.len() as i64))),
                channel: (i % 3 == 2).then(|| ChannelId(rng.i64(1..=channels.len() as i64))),
            }
        })
        .collect();
    let campaigns: Vec<Campaign> = (0..CAMPAIGNS)
        .map(|i| {
            let s = day_in(&mut rng, 0, days + 90);
            let e = shift(s, rng.i64(7..60));
            let mut status = status_on(s, e, today);
            if rng.f64() < 0.03 {
                status = match status {
                    CampaignStatus::Active => CampaignStatus::Paused,
                    _ => CampaignStatus::Cancelled,
                };
            }
            Campaign {
                id: CampaignId(i as i64 + 1),
                name: format!(
                    "{} {} #{}",
                    THEMES[rng.usize(0..THEMES.len())],
                    s.format("%m/%Y"),
                    i + 1
                ),
                objective: Some(ObjectiveId(rng.i64(1..=OBJECTIVES as i64))),
                segment: Some(SegmentId(rng.i64(1..=segments.len() as i64))),
                channel: Some(ChannelId(rng.i64(1..=channels.len() as i64))),
                start: s,
                end: e,
                budget: Amount::from_int(rng.i64(5..200) * 1_000_000),
                owner: Some(PersonId(rng.i64(1..=PEOPLE as i64))),
                status,
                description: String::new(),
            }
        })
        .collect();
    let notes: Vec<Note> = (0..NOTES)
        .map(|i| {
            let s = day_in(&mut rng, 0, days);
            let e = shift(s, rng.i64(0..30)).min(today);
            let text = NOTE_TEXTS[i % NOTE_TEXTS.len()];
            Note {
                id: NoteId(i as i64 + 1),
                kind: if text.starts_with("Review") {
                    NoteKind::Review
                } else {
                    NoteKind::Cause
                },
                category: CauseCategory::ALL[i % CauseCategory::ALL.len()],
                start: s,
                end: e,
                metric: (i % 2 == 0).then(|| METRICS[i % METRICS.len()].to_string()),
                text: text.to_string(),
                created_at: at(shift(e, 1).min(today), 3, 0),
            }
        })
        .collect();

    let lines = texts::task_lines();
    let mut tasks = Vec::with_capacity(TASKS);
    for i in 0..TASKS {
        let line = &lines[i % lines.len()];
        let campaign = (rng.f64() < 0.9).then(|| &campaigns[rng.usize(0..campaigns.len())]);
        let due = match campaign {
            Some(k) => shift(k.start, rng.i64(-7..=days_between(k.start, k.end))),
            None => shift(today, rng.i64(-30..60)),
        };
        let late = days_between(due, today);
        let x = rng.f64();
        let status = if late > 21 || (late > 0 && x < 0.7) || x < 0.1 {
            TaskStatus::Done
        } else {
            [TaskStatus::Todo, TaskStatus::Doing, TaskStatus::Blocked][rng.usize(0..3)]
        };
        let created = shift(due.min(today), -rng.i64(3..30));
        let created_at = at(created, rng.u32(1..=10), rng.u32(0..60));
        let done_at = (status == TaskStatus::Done)
            .then(|| at(due.min(today), 10, rng.u32(0..60)).max(created_at));
        tasks.push(Task {
            id: TaskId(i as i64 + 1),
            title: line.title.to_string(),
            campaign: campaign.map(|k| k.id),
            assignee: Some(PersonId(rng.i64(1..=PEOPLE as i64))),
            status,
            priority: Priority::ALL[rng.usize(0..3)],
            due: Some(due),
            tags: line.tags.split_whitespace().map(str::to_string).collect(),
            notes: String::new(),
            follows_note: (i % 500 == 0).then(|| NoteId(rng.i64(1..=NOTES as i64))),
            created_at,
            updated_at: done_at.unwrap_or(created_at),
            done_at,
            recurrence: None,
            series: None,
            repeats: None,
        });
    }

    let sales = Shop {
        start,
        today,
        customers: CUSTOMERS,
        segments: &profiles,
        growth: 3.0,
        one_time: 0.3,
        loyal_gap: 22.0,
        loyal_life: 700.0,
        occasional_gap: 70.0,
        occasional_life: 500.0,
        dips: &[],
        customer_digits: 6,
        order_digits: 7,
    }
    .simulate(&mut rng);
    let mix = ChannelMix {
        ids: channels.iter().map(|c| c.id).collect(),
        visit_share: vec![0.2, 0.15, 0.06, 0.18, 0.07, 0.12, 0.1, 0.05, 0.03, 0.04],
        conversion_share: vec![0.18, 0.2, 0.1, 0.12, 0.08, 0.1, 0.12, 0.04, 0.02, 0.04],
        base_spend: vec![
            3_000_000, 3_500_000, 150_000, 400_000, 200_000, 1_500_000, 2_000_000, 500_000,
            300_000, 600_000,
        ],
    };
    let shares: Vec<f64> = profiles.iter().map(|p| p.weight).collect();
    let segment_ids: Vec<SegmentId> = segments.iter().map(|s| s.id).collect();
    let kpi_values = kpis::large(&mut rng, &sales, start, &segment_ids, &shares, &mix);
    let objectives = retarget(objectives, &kpi_values);

    Export {
        funnel_export: EXPORT_FORMAT,
        message: Message {
            brand_message: "Trà Việt cho mọi người, mọi dịp.".into(),
            positioning: "A large online tea and gifts business across Vietnam (benchmark data)."
                .into(),
        },
        metrics: Vec::new(),
        segments,
        channels,
        people,
        tools,
        budgets,
        procedures,
        objectives,
        campaigns,
        notes,
        tasks,
        kpi_values,
        orders: sales.orders,
    }
}

/// Sets the targets of objectives on recorded counters from the data: a
/// total over the objective's span 10% above what was recorded (5% below
/// for spend ceilings), so progress reads like a real plan's.
fn retarget(mut objectives: Vec<Objective>, values: &[KpiValue]) -> Vec<Objective> {
    for o in &mut objectives {
        if !["conversions", "revenue", "visits", "spend"].contains(&o.metric.as_str()) {
            continue;
        }
        let scope = match (o.segment, o.channel) {
            (Some(s), _) => Dimension::Segment(s),
            (None, Some(c)) => Dimension::Channel(c),
            (None, None) => Dimension::Total,
        };
        let total: Amount = values
            .iter()
            .filter(|v| v.metric == o.metric && v.dimension == scope)
            .filter(|v| o.start <= v.day && v.day <= o.deadline)
            .map(|v| v.value)
            .sum();
        let scaled = |pct: i64| Amount::from_raw(total.raw() / 100 * pct);
        o.baseline = Amount::ZERO;
        o.target = match o.direction {
            Direction::Increase => scaled(110),
            Direction::Decrease => scaled(95),
        };
    }
    objectives
}
