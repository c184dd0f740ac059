//! What the tasks say about the plan: each campaign's progress (done of
//! all, and how many are overdue), and each person's open tasks over the
//! coming weeks, so an overloaded week shows.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use crate::domain::CampaignId;
use crate::store::tasks::{CampaignTaskCounts, DueBucket, OpenTaskCount};

/// A campaign's tasks: done of all, and the open ones past their due day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TaskProgress {
    pub done: usize,
    pub total: usize,
    pub overdue: usize,
}

/// One person's open tasks: overdue ones, then those due in each of the
/// coming weeks (the first is the week holding today, from `week_start`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload {
    /// The assignee's name; `None` for open tasks nobody has.
    pub person: Option<String>,
    pub overdue: usize,
    pub weeks: Vec<usize>,
    /// Open tasks without a due day.
    pub undated: usize,
}

impl Workload {
    pub fn open(&self) -> usize {
        self.overdue + self.weeks.iter().sum::<usize>() + self.undated
    }
}

/// Every campaign's task progress from the counts the store makes in
/// SQL (the same as `reference::progress_by_campaign` over every task).
pub fn progress_from_counts(counts: &[CampaignTaskCounts]) -> HashMap<CampaignId, TaskProgress> {
    counts
        .iter()
        .map(|c| {
            let p = TaskProgress {
                done: c.total.saturating_sub(c.open),
                total: c.total,
                overdue: c.overdue,
            };
            (c.campaign, p)
        })
        .collect()
}

/// The workload from the counts the store makes in SQL (the same as
/// `reference::workload` over every task).
pub fn workload_from_counts(counts: &[OpenTaskCount], weeks: usize) -> Vec<Workload> {
    let mut by: HashMap<Option<&str>, Workload> = HashMap::new();
    for c in counts {
        let w = by.entry(c.assignee.as_deref()).or_insert_with(|| Workload {
            person: c.assignee.clone(),
            overdue: 0,
            weeks: vec![0; weeks],
            undated: 0,
        });
        match c.bucket {
            DueBucket::Undated => w.undated += c.count,
            DueBucket::Overdue => w.overdue += c.count,
            DueBucket::Week(n) => {
                if let Some(slot) = w.weeks.get_mut(n) {
                    *slot += c.count;
                }
            }
        }
    }
    busiest_first(by.into_values())
}

/// The people with something open, busiest first, the unassigned after
/// the named, then by name.
fn busiest_first(loads: impl Iterator<Item = Workload>) -> Vec<Workload> {
    let mut out: Vec<Workload> = loads.filter(|w| w.open() > 0).collect();
    out.sort_by(|a, b| {
        b.open()
            .cmp(&a.open())
            .then_with(|| a.person.is_none().cmp(&b.person.is_none()))
            .then_with(|| a.person.cmp(&b.person))
    });
    out
}

/// The count from which a person's week is overloaded: at least 3 tasks,
/// and at least half again the average of every person's weeks (rounded
/// up), so the mark follows what is usual for this team.
pub fn overload_threshold(loads: &[Workload]) -> usize {
    let cells: Vec<usize> = loads.iter().flat_map(|w| w.weeks.iter().copied()).collect();
    if cells.is_empty() {
        return 3;
    }
    let sum: usize = cells.iter().sum();
    // ceil(1.5 × sum / n) in integers.
    let above = (3 * sum).div_ceil(2 * cells.len());
    above.max(3)
}

/// The first days of `weeks` weeks from `week_start`.
pub fn week_starts(week_start: NaiveDate, weeks: usize) -> Vec<NaiveDate> {
    (0..weeks)
        .filter_map(|i| week_start.checked_add_days(Days::new(7 * i as u64)))
        .collect()
}

/// The rules over every task, which the store's counts must equal: the
/// tests' reference.
#[cfg(test)]
pub(crate) mod reference {
    use std::collections::HashMap;

    use chrono::NaiveDate;

    use super::{TaskProgress, Workload, busiest_first};
    use crate::domain::{CampaignId, TaskStatus};
    use crate::taskview::{TaskLine, is_overdue};

    /// Every campaign's task progress on `today`, from every task: the
    /// reference for [`super::progress_from_counts`], which the Plan tab uses.
    pub fn progress_by_campaign(
        lines: &[TaskLine],
        today: NaiveDate,
    ) -> HashMap<CampaignId, TaskProgress> {
        let mut out: HashMap<CampaignId, TaskProgress> = HashMap::new();
        for l in lines {
            let Some(c) = l.task.campaign else {
                continue;
            };
            let p = out.entry(c).or_default();
            p.total += 1;
            if l.task.status == TaskStatus::Done {
                p.done += 1;
            } else if is_overdue(&l.task, today) {
                p.overdue += 1;
            }
        }
        out
    }

    /// Open tasks per person over `weeks` weeks from `week_start` (the first
    /// day of the week holding today), busiest first; tasks due after those
    /// weeks are left out, and so are people with nothing open in the span.
    /// From every task: the reference for [`super::workload_from_counts`], which the
    /// Plan tab uses.
    pub fn workload(
        lines: &[TaskLine],
        today: NaiveDate,
        week_start: NaiveDate,
        weeks: usize,
    ) -> Vec<Workload> {
        let mut by: HashMap<Option<&str>, Workload> = HashMap::new();
        for l in lines.iter().filter(|l| l.task.status != TaskStatus::Done) {
            let w = by.entry(l.assignee.as_deref()).or_insert_with(|| Workload {
                person: l.assignee.clone(),
                overdue: 0,
                weeks: vec![0; weeks],
                undated: 0,
            });
            match l.task.due {
                None => w.undated += 1,
                Some(_) if is_overdue(&l.task, today) => w.overdue += 1,
                Some(due) => {
                    let days = (due - week_start).num_days();
                    if let Some(n) = usize::try_from(days / 7).ok().filter(|_| days >= 0)
                        && let Some(slot) = w.weeks.get_mut(n)
                    {
                        *slot += 1;
                    }
                }
            }
        }
        busiest_first(by.into_values())
    }
}

#[cfg(test)]
mod tests {
    use super::reference::{progress_by_campaign, workload};
    use super::*;
    use crate::domain::TaskStatus;
    use crate::taskview::TaskLine;
    use crate::taskview::testdata::line;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn task(
        id: i64,
        status: TaskStatus,
        due: Option<&str>,
        campaign: Option<i64>,
        who: Option<&str>,
    ) -> TaskLine {
        let mut l = line(id, "t");
        l.task.status = status;
        l.task.due = due.map(d);
        l.task.campaign = campaign.map(CampaignId);
        l.assignee = who.map(str::to_string);
        l
    }

    #[test]
    fn campaign_progress_counts_done_all_and_overdue_open_ones() {
        use TaskStatus::*;
        let today = d("2026-11-22");
        let lines = vec![
            task(1, Done, Some("2026-11-01"), Some(7), None),
            task(2, Todo, Some("2026-11-21"), Some(7), None),
            task(3, Doing, Some("2026-11-22"), Some(7), None),
            task(4, Blocked, None, Some(7), None),
            task(5, Todo, Some("2026-11-01"), Some(8), None),
            task(6, Todo, Some("2026-11-01"), None, None),
        ];
        let p = progress_by_campaign(&lines, today);
        assert_eq!(
            p[&CampaignId(7)],
            TaskProgress {
                done: 1,
                total: 4,
                overdue: 1
            },
            "due today is not overdue; done ones never are"
        );
        assert_eq!(p[&CampaignId(8)].overdue, 1);
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn workload_buckets_open_tasks_by_week_busiest_first() {
        use TaskStatus::*;
        // Sunday 22 Nov 2026; the week from Monday 16 Nov.
        let today = d("2026-11-22");
        let monday = d("2026-11-16");
        let lines = vec![
            task(1, Todo, Some("2026-11-20"), None, Some("An")),
            task(2, Todo, Some("2026-11-22"), None, Some("An")),
            task(3, Doing, Some("2026-11-23"), None, Some("An")),
            task(4, Todo, Some("2026-11-30"), None, Some("An")),
            task(5, Done, Some("2026-11-23"), None, Some("An")),
            task(6, Todo, Some("2026-11-29"), None, Some("Bình")),
            task(7, Todo, None, None, Some("Bình")),
            task(8, Todo, Some("2027-03-01"), None, Some("Chi")),
            task(9, Todo, Some("2026-11-24"), None, None),
        ];
        let w = workload(&lines, today, monday, 3);
        assert_eq!(
            w[0],
            Workload {
                person: Some("An".into()),
                overdue: 1,
                weeks: vec![1, 1, 1],
                undated: 0
            }
        );
        assert_eq!(w[1].person.as_deref(), Some("Bình"));
        assert_eq!((w[1].weeks.clone(), w[1].undated), (vec![0, 1, 0], 1));
        assert_eq!(w[2].person, None, "the unassigned come after named people");
        assert_eq!(w.len(), 3, "Chi has nothing open in the three weeks");
    }

    #[test]
    fn an_overloaded_week_is_three_or_more_and_half_again_the_average() {
        let w = |weeks: Vec<usize>| Workload {
            person: None,
            overdue: 0,
            weeks,
            undated: 0,
        };
        assert_eq!(overload_threshold(&[]), 3);
        // Average 1: the floor of 3 applies.
        assert_eq!(overload_threshold(&[w(vec![1, 1]), w(vec![2, 0])]), 3);
        // Average 4 (sum 16 over 4): 1.5 × 4 = 6.
        assert_eq!(overload_threshold(&[w(vec![4, 4]), w(vec![2, 6])]), 6);
        // Average 13/4 = 3.25: 1.5 × 3.25 = 4.875, rounded up to 5.
        assert_eq!(overload_threshold(&[w(vec![5, 4]), w(vec![2, 2])]), 5);
    }

    #[test]
    fn week_starts_step_by_seven_days() {
        assert_eq!(
            week_starts(d("2026-12-28"), 2),
            vec![d("2026-12-28"), d("2027-01-04")]
        );
    }

    mod plan_counts {
        //! The Plan tab counts tasks in SQL (progress per campaign, open tasks
        //! per person and week) instead of reading every task; the Rust
        //! functions over every task are the reference the counts must equal.
        use super::*;
        use crate::app::load_lines;
        use crate::domain::{Amount, Campaign, CampaignStatus, Person, PersonId};
        use crate::store::Store;
        use crate::store::tasks::NewTask;

        fn day(y: i32, m: u32, d: u32) -> NaiveDate {
            NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
        }

        /// Checks both counts on `today` for weeks from `week_start`, and
        /// returns how many campaigns and people they found.
        fn same_as_reference(
            s: &Store,
            today: NaiveDate,
            week_start: NaiveDate,
            weeks: usize,
        ) -> (usize, usize) {
            let lines = load_lines(s).expect("lines");
            let counts = s.task_counts_by_campaign(today).expect("progress");
            let progress = progress_from_counts(&counts);
            assert_eq!(
                progress,
                progress_by_campaign(&lines, today),
                "progress on {today}"
            );
            let open = s
                .open_tasks_by_assignee(today, week_start, weeks)
                .expect("workload");
            let load = workload_from_counts(&open, weeks);
            assert_eq!(
                load,
                workload(&lines, today, week_start, weeks),
                "workload on {today} for {weeks} weeks from {week_start}"
            );
            (progress.len(), load.len())
        }

        #[test]
        fn the_demo_sets_counts_equal_the_reference() {
            let mut s = Store::open_in_memory().expect("store");
            let today = day(2026, 11, 22);
            crate::demo::fill(&mut s, crate::demo::Scale::Small, today, 1).expect("demo");
            for (today, monday) in [
                (today, day(2026, 11, 16)),
                (day(2026, 9, 2), day(2026, 8, 31)),
                (day(2027, 1, 4), day(2027, 1, 4)),
            ] {
                let (campaigns, people) = same_as_reference(&s, today, monday, 8);
                assert!(campaigns > 0 && people > 0, "the demo has tasks to count");
            }
        }

        /// One of `of`, or none a quarter of the time.
        fn pick<T: Copy>(rng: &mut fastrand::Rng, of: &[T]) -> Option<T> {
            (rng.u8(0..4) > 0).then(|| of[rng.usize(0..of.len())])
        }

        #[test]
        fn random_tasks_counts_equal_the_reference() {
            let base = day(2026, 11, 22);
            for seed in 0..6 {
                let mut rng = fastrand::Rng::with_seed(seed);
                let mut s = Store::open_in_memory().expect("store");
                let people: Vec<PersonId> = ["An", "Bình", "Chi"]
                    .iter()
                    .map(|name| {
                        s.save_person(&Person {
                            id: PersonId(0),
                            name: (*name).into(),
                            role: String::new(),
                            contact: String::new(),
                        })
                        .expect("person")
                        .id
                    })
                    .collect();
                let campaigns: Vec<CampaignId> = (0..4)
                    .map(|i| {
                        s.save_campaign(&Campaign {
                            id: CampaignId(0),
                            name: format!("c{i}"),
                            objective: None,
                            segment: None,
                            channel: None,
                            start: day(2026, 10, 1),
                            end: day(2027, 1, 31),
                            budget: Amount::from_int(0),
                            owner: None,
                            status: CampaignStatus::Planned,
                            description: String::new(),
                        })
                        .expect("campaign")
                        .id
                    })
                    .collect();
                for i in 0..200 {
                    let task = NewTask {
                        campaign: pick(&mut rng, &campaigns),
                        assignee: pick(&mut rng, &people),
                        status: TaskStatus::ALL[rng.usize(0..TaskStatus::ALL.len())],
                        due: (rng.u8(0..5) > 0).then(|| {
                            let days = rng.i64(-40..=80);
                            base.checked_add_signed(chrono::Duration::days(days))
                                .expect("day")
                        }),
                        ..NewTask::titled(&format!("t{i}"))
                    };
                    s.add_task(&task).expect("task");
                }
                // Tasks of someone no longer there, and of a campaign gone.
                s.delete_person(people[2]).expect("delete person");
                s.delete_campaign(campaigns[3]).expect("delete campaign");
                for (today, week_start, weeks) in [
                    (base, day(2026, 11, 16), 8),
                    (base, day(2026, 11, 22), 3),
                    (base, day(2026, 12, 1), 5),
                    (day(2026, 12, 31), day(2026, 12, 28), 1),
                    (base, day(2026, 11, 16), 0),
                ] {
                    let (campaigns, people) = same_as_reference(&s, today, week_start, weeks);
                    assert!(
                        campaigns == 3 && people > 0,
                        "seed {seed}: {campaigns} campaigns, {people} people"
                    );
                }
            }
        }
    }
}
