use super::*;

fn cells(bytes: &[u8], wanted: &[usize]) -> (Header, Cells) {
    let header = read_header("t.csv", bytes).expect("a header");
    let cells = read_cells("t.csv", bytes, &header, wanted).expect("cells");
    (header, cells)
}

#[test]
fn bom_comments_and_semicolons() {
    let csv =
        "\u{feff}# exported 2026-11-22\n#\n\nNgày;Khách hàng;Tổng tiền\n05/01/2026; An ;1.234,5\n";
    let (h, c) = cells(csv.as_bytes(), &[0, 1, 2]);
    assert_eq!(h.names, ["Ngày", "Khách hàng", "Tổng tiền"]);
    assert_eq!(h.line, 4);
    assert_eq!(h.delimiter, b';');
    assert_eq!(c.lines, [5]);
    assert_eq!(c.get(0, 1), "An");
    assert_eq!(c.column(2).collect::<Vec<_>>(), ["1.234,5"]);
}

#[test]
fn line_numbers_count_lines_inside_quoted_fields() {
    let csv = "# note\nid\tnote\tx\n1\t\"two\nlines; \"\"quoted\"\"\"\t3\n\n2\tplain\t4\r\n\t \t\n3\t\"a\tb\"\t5";
    let (h, c) = cells(csv.as_bytes(), &[0, 1]);
    assert_eq!(h.delimiter, b'\t');
    assert_eq!(c.lines, [3, 6, 8], "blank and empty-celled rows skipped");
    assert_eq!(c.get(0, 1), "two\nlines; \"quoted\"");
    assert_eq!(c.get(2, 1), "a\tb");
}

#[test]
fn crlf_and_blank_lines_keep_line_numbers() {
    let (_, c) = cells(b"a,b\r\n\r\n\r\n1,2\r\n3,\"x\r\ny\"\r\n\r\n5,6", &[0, 1]);
    assert_eq!(c.lines, [4, 5, 8]);
    assert_eq!(c.get(1, 1), "x\r\ny");
}

#[test]
fn header_line_breaks_become_spaces() {
    let h = read_header("t.csv", "\"Tổng\r\n tiền\",b\n".as_bytes()).expect("header");
    assert_eq!(h.names, ["Tổng tiền", "b"]);
}

#[test]
fn excel_sep_line_sets_the_delimiter() {
    let (h, c) = cells(b"sep=;\na,b;c\n1,5;2\n", &[0, 1]);
    assert_eq!(h.names, ["a,b", "c"]);
    assert_eq!((c.get(0, 0), c.lines[0]), ("1,5", 3));
}

#[test]
fn short_and_long_rows_and_open_quotes_fail() {
    let csv = b"a,b,c\n1,2,3\n1\n";
    let h = read_header("t.csv", csv).expect("header");
    let e = read_cells("t.csv", csv, &h, &[0, 2]).expect_err("short row");
    assert_eq!(
        e.to_string(),
        "t.csv:3: this row has 1 fields but the header has 3 (a field or a ',' is missing)"
    );
    let csv = b"date,visits\n2026-11-10,\"100\n2026-11-11,5\n";
    let h = read_header("t.csv", csv).expect("header");
    let e = read_cells("t.csv", csv, &h, &[0, 1]).expect_err("open quote");
    assert!(e.to_string().starts_with("t.csv:2: "), "{e}");
    assert!(e.to_string().contains("never closed"), "{e}");
    let ok = b"a,b\n\"x \"\"q\"\" y\",\"multi\nline\"\nplain\"quote,2\n";
    let h = read_header("t.csv", ok).expect("header");
    let c = read_cells("t.csv", ok, &h, &[0, 1]).expect("closed quotes");
    assert_eq!(c.get(0, 0), "x \"q\" y");
    let nbsp = "a,b\n\u{a0}x\u{a0},\u{2009}Mới\u{202f}\n";
    let (_, c) = cells(nbsp.as_bytes(), &[0, 1]);
    assert_eq!((c.get(0, 0), c.get(0, 1)), ("x", "Mới"));
    let csv = b"# c\nName,Total\n#1,\"1,5\"\n\"#2\nx\",1,234.5\n";
    let h = read_header("t.csv", csv).expect("header");
    let e = read_cells("t.csv", csv, &h, &[0]).expect_err("extra field");
    assert_eq!(
        e.to_string(),
        "t.csv:4: this row has 3 fields but the header has 2 ('234.5' is extra; a value containing ',' must be quoted)"
    );
}

#[test]
fn file_level_errors() {
    let e = read_header("t.csv", b"\xEF\xBB\xBF \n\n").expect_err("empty");
    assert_eq!(e.to_string(), "t.csv: the file is empty");
    let e = read_header("t.csv", b"# only\n# comments\n").expect_err("no header");
    assert_eq!(
        e.to_string(),
        "t.csv: no header row: the file has only comment lines"
    );
    let e = read_header("t.csv", b"a,b\n1,2\n\"x\ny\",\xE0abc\n").expect_err("latin-1");
    assert!(
            e.to_string()
                .starts_with("t.csv:4:4: byte 0xE0 is not UTF-8 text; the file may be in a legacy Vietnamese encoding"),
            "{e}"
        );
    assert!(e.to_string().contains("iconv -f WINDOWS-1258"), "{e}");
    assert_eq!(e.line, 4);
}

#[test]
fn headers_fold_case_spaces_and_accents() {
    assert_eq!(fold("Ngày đặt"), "ngaydat");
    assert_eq!(fold("NGAY_DAT"), "ngaydat");
    assert_eq!(
        fold("Nga\u{300}y đa\u{306}\u{323}t"),
        "ngaydat",
        "decomposed"
    );
    assert_eq!(fold("Amount spent (VND)"), "amountspent");
    assert_eq!(fold("Sign-ups"), fold("signups"));
    assert_eq!(fold("Mã khách hàng"), "makhachhang");
    let h = read_header("t.csv", b"Total Price,order_id,Order\n").expect("header");
    assert_eq!(h.find_alias(&["Order ID", "Order"], &[]), Some(1));
    assert_eq!(h.find_alias(&["Order ID", "Order"], &[1]), Some(2));
    assert_eq!(h.find("total price"), Some(0));
    assert_eq!(h.find("Revenue"), None);
}
