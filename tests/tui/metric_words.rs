//! Where a reader reads a metric's name, it is in the reader's words (the
//! figure's words of the catalog), never its id: the objective's detail
//! and the note form. A user's own metric keeps its own name.

use super::*;

/// The text after `label` on each line of `frame` that has it.
fn after<'a>(frame: &'a str, label: &str) -> Vec<&'a str> {
    frame
        .lines()
        .filter_map(|l| l.split_once(label).map(|(_, rest)| rest))
        .collect()
}

#[test]
fn the_objective_detail_names_its_metric_in_the_readers_words() {
    for (locale, label, wanted) in [
        (
            Locale::Vi,
            "Chỉ số: ",
            ["Khách hàng (tăng)", "Khách hàng mới (tăng)"],
        ),
        (
            Locale::En,
            "Metric: ",
            ["Customers (increase)", "New customers (increase)"],
        ),
    ] {
        let mut app = demo(locale);
        typed(&mut app, "1");
        let mut seen = Vec::new();
        for _ in 0..app.store().objectives().expect("objectives").len() {
            let frame = screen(&mut app, 120, 40);
            let metric = after(&frame, label)
                .first()
                .map(|s| s.trim_end_matches(['│', ' ']).to_string())
                .unwrap_or_else(|| panic!("no {label} in\n{frame}"));
            assert!(!metric.contains('_'), "{metric} in\n{frame}");
            seen.push(metric);
            typed(&mut app, "j");
        }
        for w in wanted {
            assert!(seen.iter().any(|m| m == w), "{w} in {seen:?}");
        }
    }
}

#[test]
fn the_note_form_shows_the_metric_in_words_and_saves_its_id() {
    for (locale, word) in [(Locale::Vi, "Quay lại"), (Locale::En, "Reactivated")] {
        let mut app = demo(locale);
        // October's second note explains reactivated customers.
        typed(&mut app, "4[");
        screen(&mut app, 160, 48);
        typed(&mut app, "je");
        let form = match &app.overlay {
            Overlay::Form(form) => form,
            _ => panic!("no note form"),
        };
        assert_eq!(form.value(4usize), word);
        typed(&mut app, "\n");
        assert!(matches!(app.overlay, Overlay::None), "saved");
        let notes = app.store().notes().expect("notes");
        assert!(
            notes
                .iter()
                .any(|n| n.metric.as_deref() == Some("reactivated_customers")),
            "the id is kept"
        );
        // Typed in words or as the id, it reads the same.
        for typed_metric in [word, "reactivated_customers"] {
            typed(&mut app, "e");
            for _ in 0..4 {
                typed(&mut app, "\t");
            }
            for _ in 0..30 {
                app.on_key(&key(KeyCode::Backspace));
            }
            typed(&mut app, &format!("{typed_metric}\n"));
            assert!(matches!(app.overlay, Overlay::None), "{typed_metric}");
        }
    }
}
