use super::*;
use DecimalMark::{Comma, Point};

fn p(text: &str, mark: DecimalMark) -> Result<String, String> {
    parse(text, mark, "an amount").map(|r| r.amount.to_string())
}

#[test]
fn reads_both_conventions() {
    assert_eq!(p("1234.5", Point), Ok("1234.5".into()));
    assert_eq!(p("1,234.5", Point), Ok("1234.5".into()));
    assert_eq!(p("1.234,5", Comma), Ok("1234.5".into()));
    assert_eq!(p("1234,5", Comma), Ok("1234.5".into()));
    assert_eq!(p("1.234.567,5", Comma), Ok("1234567.5".into()));
    assert_eq!(p("1 234,50", Comma), Ok("1234.5".into()));
    assert_eq!(p("1\u{a0}234,50 €", Comma), Ok("1234.5".into()));
    assert_eq!(p("150.000 ₫", Comma), Ok("150000".into()));
    assert_eq!(p("150.000đ", Comma), Ok("150000".into()));
    assert_eq!(p("150,000 VND", Point), Ok("150000".into()));
    assert_eq!(p("$1,234.56", Point), Ok("1234.56".into()));
    assert_eq!(p("-$12", Point), Ok("-12".into()));
    assert_eq!(p("$ -12.5", Point), Ok("-12.5".into()));
    assert_eq!(p("-1.234,5", Comma), Ok("-1234.5".into()));
    assert_eq!(p("0.0001", Point), Ok("0.0001".into()));
    assert_eq!(p("1.50000", Point), Ok("1.5".into()), "zeros past 4 places");
}

#[test]
fn rejects_garbage_with_the_text() {
    assert_eq!(p("12kg", Point), Err("'12kg' is not an amount".into()));
    assert_eq!(
        p("1.2.3,4,5", Comma),
        Err("'1.2.3,4,5' is not an amount".into())
    );
    assert_eq!(
        p("1.2.3,4,5", Point),
        Err("'1.2.3,4,5' is not an amount".into())
    );
    assert_eq!(p("12,3x", Point), Err("'12,3x' is not an amount".into()));
    assert_eq!(p("-", Point), Err("'-' is not an amount".into()));
    assert_eq!(
        p("1,23,456", Point),
        Err("'1,23,456' is not an amount".into())
    );
    assert_eq!(
        p("1.23456", Point),
        Err("'1.23456' has more than 4 decimal places".into())
    );
    assert_eq!(
        p("99999999999999999999", Point),
        Err("'99999999999999999999' is too large (the largest amount is 100000000000000)".into())
    );
    assert_eq!(
        p("100,000,000,000,000", Point),
        Ok("100000000000000".into())
    );
    assert_eq!(
        p("-100 000 000 000 000,0001", Comma),
        Err(
            "'-100 000 000 000 000,0001' is too large (the largest amount is 100000000000000)"
                .into()
        )
    );
    assert_eq!(
            p("12,5", Point),
            Err("'12,5' is not an amount in this column's format (it uses a decimal point, as in 1,234.5)".into())
        );
    assert_eq!(
        p("1.5,000", Point),
        Err("'1.5,000' is not an amount".into())
    );
}

fn decided(values: &[&str], places: u32, semicolon: bool) -> Result<DecimalMark, String> {
    decide(values.iter().copied(), places, semicolon)
        .map_err(|t| format!("{}: {}", t.row, t.message))
}

#[test]
fn detects_the_decimal_mark_per_column() {
    let d = |v: &[&str], semicolon| decided(v, 4, semicolon);
    assert_eq!(d(&["1234,5", "12", ""], false), Ok(Comma));
    assert_eq!(d(&["1.234.567", "5"], false), Ok(Comma));
    assert_eq!(d(&["1,234.5", "1,000"], true), Ok(Point));
    assert_eq!(d(&["1234.5"], true), Ok(Point));
    assert_eq!(
        d(&["0.500", "1.000"], false),
        Ok(Point),
        "no group starts with 0"
    );
    // Majority, then the first vote.
    assert_eq!(d(&["1,5", "2.5", "3.5"], false), Ok(Point));
    assert_eq!(d(&["1,5", "2.5"], false), Ok(Comma));
    assert_eq!(d(&["1.234,567", "1,234,567"], false), Ok(Comma));
    assert_eq!(d(&[".5", "1.23456"], true), Ok(Point));
    assert_eq!(d(&["1,2345"], false), Ok(Comma));
    // A value no convention reads does not vote.
    assert_eq!(d(&["1.2.3,4,5", "7"], false), Ok(Point));
    assert_eq!(d(&["12", "7"], false), Ok(Point));
}

#[test]
fn three_digits_after_one_separator_are_thousands_where_decimals_cannot_be() {
    // A count, or VND money: no decimals at all.
    assert_eq!(decided(&["850.000", "12"], 0, false), Ok(Comma));
    assert_eq!(decided(&["150.000 ₫"], 0, false), Ok(Comma));
    assert_eq!(decided(&["1,250"], 0, false), Ok(Point));
    // Dollars: two decimals at most.
    assert_eq!(decided(&["1.234"], 2, false), Ok(Comma));
    assert_eq!(p("850.000", Comma), Ok("850000".into()));
    // A number that may have three decimals: a `;` file writes a
    // decimal comma; else both readings are honest.
    assert_eq!(decided(&["1.250"], 4, true), Ok(Comma));
    assert_eq!(
            decided(&["2", "1.250"], 4, false),
            Err("1: '1.250' could be 1.25 (a decimal point) or 1250 (a thousands separator); say which with --decimal-point (1,234.5) or --decimal-comma (1.234,5)".into())
        );
    assert_eq!(
            decided(&["-1,250 $"], 4, false),
            Err("0: '-1,250 $' could be -1250 (a thousands separator) or -1.25 (a decimal comma); say which with --decimal-point (1,234.5) or --decimal-comma (1.234,5)".into())
        );
    // `1.234` and `5,678` cannot be read alike.
    assert!(decided(&["5,678", "1.234"], 0, false).is_err_and(|e| e.starts_with("0: '5,678'")));
    assert_eq!(detect(["5,678", "1.234"].into_iter(), false), Point);
}

#[test]
fn cells_say_their_currency_and_percent() {
    let r = read("$1,234.56", Point, "an amount").expect("dollars");
    assert_eq!(
        (r.amount.to_string(), r.currency, r.percent),
        ("1234.56".into(), Some("USD"), false)
    );
    let r = read("150.000 VNĐ", Comma, "an amount").expect("dong");
    assert_eq!(r.currency, Some("VND"));
    let r = read("3.01%", Point, "a number").expect("percent");
    assert_eq!((r.amount.to_string(), r.percent), ("3.01".into(), true));
    assert_eq!(p("3%", Point), Err("'3%' is not an amount".into()));
    assert_eq!(currency_code(" usd "), Some("USD".into()));
    assert_eq!(currency_code("₫"), Some("VND".into()));
    assert_eq!(currency_code("dollars"), None);
}
