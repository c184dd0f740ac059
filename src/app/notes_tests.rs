use super::*;

use chrono::NaiveDate;

#[test]
fn follow_up_titles_are_one_line_and_cut_after_a_word() {
    assert_eq!(
        follow_up_title("Follow up: {}", "Đối thủ giảm\ngiá  20%"),
        "Follow up: Đối thủ giảm giá 20%"
    );
    let long = "Đối tác giao hàng trễ 2–3 ngày trong đợt mưa lớn; nhiều khách phàn nàn và một phần không quay lại.";
    let t = follow_up_title("Theo dõi: {}", long);
    assert_eq!(
        t,
        "Theo dõi: Đối tác giao hàng trễ 2–3 ngày trong đợt mưa lớn; nhiều khách phàn nàn và một…"
    );
    assert!(t.chars().count() <= crate::domain::validate::MAX_TITLE);
    let unbroken = "x".repeat(300);
    assert_eq!(
        follow_up_title("{}", &unbroken).chars().count(),
        TITLE_TEXT + 1
    );
}

#[test]
fn the_selection_stays_on_its_note_or_within_the_list() {
    let note = |id| NoteLine {
        note: Note {
            id: NoteId(id),
            kind: NoteKind::Cause,
            category: CauseCategory::Other,
            start: NaiveDate::MIN,
            end: NaiveDate::MIN,
            metric: None,
            text: String::new(),
            created_at: chrono::Utc::now(),
        },
        follow_ups: Vec::new(),
    };
    let mut list = PeriodNotes {
        lines: vec![note(1), note(2), note(3)],
        selected: 0,
    };
    list.keep(Some(NoteId(3)), 0);
    assert_eq!(list.selected, 2);
    list.lines.remove(2);
    list.keep(Some(NoteId(3)), 2);
    assert_eq!(list.selected, 1, "a deleted note: the one before");
    list.move_by(-5);
    assert_eq!(list.selected, 0);
    list.move_by(isize::MAX);
    assert_eq!(list.selected, 1);
    list.lines.clear();
    list.keep(None, 1);
    assert_eq!(list.selected, 0);
    assert!(list.selected().is_none());
}
