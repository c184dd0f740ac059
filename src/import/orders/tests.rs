use super::cells::customer_key;
use super::*;
use crate::import::error::ImportError;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn amount(s: &str) -> Amount {
    s.parse().expect("valid amount")
}

fn read(csv: &str) -> Result<OrderFile, ImportError> {
    read_orders("orders.csv", csv.as_bytes(), &OrderColumns::default())
}

fn fails(csv: &str) -> String {
    read(csv).expect_err("an import error").to_string()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn shopify_export_one_row_per_order() {
    let csv = "Name,Email,Financial Status,Created at,Lineitem name,Total,Billing Name\n\
            #1001,an@example.com,paid,2026-01-05 10:22:03 +0700,Mug,120.50,An\n\
            #1001,an@example.com,paid,2026-01-05 10:22:03 +0700,Tea,,An\n\
            #1002,binh@example.com,paid,2026-01-06T23:10:00+07:00,\"Mug, large\",\"1,250.00\",Binh\n";
    let f = read(csv).expect("shopify export");
    assert_eq!(
        f.rows,
        [
            OrderRow {
                line: 2,
                order_ref: Some("#1001".into()),
                customer: "an@example.com".into(),
                day: day(2026, 1, 5),
                amount: amount("120.5"),
                segment: None,
            },
            OrderRow {
                line: 4,
                order_ref: Some("#1002".into()),
                customer: "binh@example.com".into(),
                day: day(2026, 1, 6),
                amount: amount("1250"),
                segment: None,
            },
        ]
    );
    let used = [
        ("order", "Name"),
        ("customer", "Email, then Billing Name"),
        ("date", "Created at"),
        ("amount", "Total"),
        ("payment status", "Financial Status"),
    ];
    assert_eq!(f.columns_used, pairs(&used));
    assert_eq!(f.date_format, "yyyy-mm-dd (time ignored)");
    assert!(!f.decimal_comma);
}

const VIETNAMESE: &str = "\u{feff}# Xuất từ cửa hàng, 22/01/2026\n\
        Mã đơn hàng;Khách hàng;Số điện thoại;Ngày đặt;Tổng tiền;Phân khúc;Ghi chú\n\
        DH001;Nguyễn Văn An;0901234567;05/01/2026;1.234.567,5 ₫;VIP;\"Giao giờ hành chính; gọi trước\nTầng 3\"\n\
        DH002; Trần Bình ;0912345678;22/01/2026;150.000;;\n";

#[test]
fn vietnamese_export_with_semicolons_bom_and_decimal_commas() {
    let f = read(VIETNAMESE).expect("vietnamese export");
    assert_eq!(f.rows.len(), 2);
    assert_eq!(f.rows[0].line, 3);
    assert_eq!(f.rows[0].order_ref.as_deref(), Some("DH001"));
    assert_eq!(f.rows[0].customer, "0901234567", "the phone beats the name");
    assert_eq!(customer_key("AN@Example.com"), "an@example.com");
    assert_eq!(customer_key("KH00123"), "KH00123");
    assert_eq!(f.rows[0].day, day(2026, 1, 5));
    assert_eq!(f.rows[0].amount, amount("1234567.5"));
    assert_eq!(f.rows[0].segment.as_deref(), Some("VIP"));
    assert_eq!(f.rows[1].line, 5, "after a two-line quoted note");
    assert_eq!(f.rows[1].amount, amount("150000"));
    assert_eq!(f.rows[1].day, day(2026, 1, 22));
    assert_eq!(f.rows[1].segment, None);
    assert!(f.decimal_comma);
    assert_eq!(f.date_format, "dd/mm/yyyy");
    let used = [
        ("order", "Mã đơn hàng"),
        ("customer", "Số điện thoại, then Khách hàng"),
        ("date", "Ngày đặt"),
        ("amount", "Tổng tiền"),
        ("segment", "Phân khúc"),
    ];
    assert_eq!(f.columns_used, pairs(&used));
}

#[test]
fn flags_name_the_columns() {
    let cols = OrderColumns {
        customer: Some("khach hang".into()),
        ..OrderColumns::default()
    };
    let f = read_orders("don.csv", VIETNAMESE.as_bytes(), &cols).expect("with a flag");
    assert_eq!(f.rows[1].customer, "Trần Bình");
    assert_eq!(
        f.columns_used[1],
        ("customer".to_string(), "Khách hàng".to_string())
    );

    let cols = OrderColumns {
        amount: Some("Giá".into()),
        ..OrderColumns::default()
    };
    let e = read_orders("don.csv", VIETNAMESE.as_bytes(), &cols).expect_err("no such column");
    assert_eq!(
        e.to_string(),
        "don.csv:2: --amount-column names the column 'Giá', which is not in the header \
             (columns: Mã đơn hàng, Khách hàng, Số điện thoại, Ngày đặt, Tổng tiền, Phân khúc, Ghi chú)"
    );
}

#[test]
fn errors_name_line_column_and_text() {
    let bad_amount = format!("{VIETNAMESE}DH003;Chi;0987;23/01/2026;12kg;;\n");
    assert_eq!(
        fails(&bad_amount),
        "orders.csv:6:5 (Tổng tiền): '12kg' is not an amount"
    );
    let bad_date = "# c\nOrder,Customer,Date,Amount\n1,a,2026-01-05,10\n2,b,2026-13-01,5\n";
    assert_eq!(
        fails(bad_date),
        "orders.csv:4:3 (Date): '2026-13-01' is not a valid date (read as yyyy-mm-dd)"
    );
    let first_date = "Order,Customer,Date,Amount\n1,a,soon,10\n";
    assert_eq!(
        fails(first_date),
        "orders.csv:2:3 (Date): 'soon' is not a date (use 2026-11-22, 22/11/2026 or 11/22/2026, optionally with a time)"
    );
    let no_customer = "Order,Customer,Date,Amount\n1,a,2026-01-05,10\n2, ,2026-01-06,5\n";
    let f = read(no_customer).expect("a sale without a customer");
    assert_eq!(f.rows[1].customer, "", "a walk-in sale");
    assert_eq!(f.summary.walk_in, 1);
    let precise = "Customer;Date;Amount\na;2026-01-05;1,23456\n";
    assert_eq!(
        fails(precise),
        "orders.csv:2:3 (Amount): '1,23456' has more than 4 decimal places"
    );
    let mixed = "Customer,Date,Amount\na,2026-01-05,\"1,5\"\nb,2026-01-05,2.5\nc,2026-01-05,3.5\n";
    assert_eq!(
        fails(mixed),
        "orders.csv:2:3 (Amount): '1,5' is not an amount in this column's format (it uses a decimal point, as in 1,234.5)"
    );
}

#[test]
fn missing_columns_list_what_was_found() {
    assert_eq!(
        fails("Name,Email,Created at\n#1,a@b.c,2026-01-05\n"),
        "orders.csv:1: no amount column found (columns: Name, Email, Created at); name it with --amount-column COLUMN"
    );
    assert_eq!(
        fails("# from the CRM\nWho,When,Total\n"),
        "orders.csv:2: no customer column found (columns: Who, When, Total); name it with --customer-column COLUMN"
    );
    let f = read("Customer,Date,Amount\n").expect("a header and no rows is no error");
    assert!(f.rows.is_empty());
}

#[test]
fn repeated_order_ids() {
    let same = "Order ID,Customer,Date,Amount\nA1,a,2026-01-05,10\nA2,b,2026-01-05,7\nA1,a,05/01/2026,10.00\n";
    let e = read(same).expect_err("a different date format in one column");
    assert_eq!(e.line, 4);
    let same = "Order ID,Customer,Date,Amount\nA1,a,2026-01-05,10\nA2,b,2026-01-05,7\nA1,a,2026-01-05,10.00\n";
    let f = read(same).expect("an identical repeat");
    assert_eq!(f.rows.len(), 2);
    let different = "Order ID,Customer,Date,Amount\nA1,a,2026-01-05,10\nA2,b,2026-01-05,7\nA1,a,2026-01-05,12\n";
    assert_eq!(
        fails(different),
        "orders.csv:4:4 (Amount): order 'A1' is also on line 2 with a different amount (10 there, '12' here)"
    );
    let other_customer = "Order ID,Customer,Date,Amount\nA1,a,2026-01-05,10\nA1,b,,\n";
    assert_eq!(
        fails(other_customer),
        "orders.csv:3:2 (Customer): order 'A1' is also on line 2 with a different customer ('a' there, 'b' here)"
    );
}

#[test]
fn blank_order_cells_are_lines_of_the_order_above_and_only_there() {
    let csv = "Mã đơn hàng,Ngày tạo đơn,Email,Mã SKU,Khách phải trả\n\
            SON1,04/11/2026 10:15,an@x.vn,A,510000\n\
            ,,,B,\n\
            ,,,C,\n\
            SON2,05/11/2026 09:00,,A,90000\n";
    let f = read(csv).expect("product lines under their orders");
    assert_eq!(f.rows.len(), 2);
    assert_eq!(
        f.rows[0].amount,
        amount("510000"),
        "never the lines added up"
    );
    assert_eq!((f.summary.rows, f.summary.walk_in), (4, 1));
    let no_order_above = "Mã đơn hàng,Ngày tạo đơn,Email,Mã SKU,Khách phải trả\n,,,B,\n";
    assert_eq!(
        fails(no_order_above),
        "orders.csv:2:2 (Ngày tạo đơn): the date is empty (every order needs one)"
    );
    let other_customer = "Mã đơn hàng,Ngày tạo đơn,Email,Mã SKU,Khách phải trả\n\
            SON1,04/11/2026 10:15,an@x.vn,A,510000\n,,binh@x.vn,B,\n";
    assert_eq!(
        fails(other_customer),
        "orders.csv:3:3 (Email): order 'SON1' is also on line 2 with a different customer ('an@x.vn' there, 'binh@x.vn' here)"
    );
}

#[test]
fn without_an_order_column_rows_have_no_ref() {
    let csv = "Name,Email,Date,Total\nAn,a@x.vn,2026-01-05,10\nAn,a@x.vn,2026-01-05,10\n";
    let f = read(csv).expect("no order column");
    assert_eq!(f.rows.len(), 2, "no id: the store decides");
    assert!(f.rows.iter().all(|r| r.order_ref.is_none()));
    assert_eq!(
        f.columns_used[0],
        ("customer".to_string(), "Email".to_string())
    );
}

#[test]
fn month_first_dates_when_the_column_says_so() {
    let csv = "Order,Customer,Date,Amount\n1,a,01/05/2026,10\n2,b,11/22/2026,5\n";
    let f = read(csv).expect("month first");
    assert_eq!(f.rows[0].day, day(2026, 1, 5));
    assert_eq!(f.rows[1].day, day(2026, 11, 22));
    assert_eq!(f.date_format, "mm/dd/yyyy (month first)");
    let csv = "Order,Customer,Date,Amount\n1,a,01/05/2026,10\n2,b,11/12/2026,5\n";
    let f = read(csv).expect("ambiguous");
    assert_eq!(
        f.rows[0].day,
        day(2026, 5, 1),
        "day first when nothing tells"
    );
}

mod layouts {
    //! Random order sets written in each shop's layout (line items,
    //! refunds, voids, walk-ins) read as the plain one-row-per-order
    //! list of what should count.

    use super::*;
    use proptest::prelude::*;

    /// Paid, pending, voided, refunded, partly refunded.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Fate {
        Paid,
        Pending,
        Voided,
        Refunded,
        Partly,
    }

    #[derive(Debug, Clone)]
    struct Order {
        /// `None`: a walk-in sale.
        customer: Option<u8>,
        day: NaiveDate,
        /// Whole đồng, at least 1,000,000 (so `1.250.000` shows its mark).
        amount: u64,
        lines: usize,
        fate: Fate,
        /// Below `amount`.
        refund: u64,
    }

    fn orders() -> impl Strategy<Value = Vec<Order>> {
        let fate = prop_oneof![
            Just(Fate::Paid),
            Just(Fate::Pending),
            Just(Fate::Voided),
            Just(Fate::Refunded),
            Just(Fate::Partly),
        ];
        let order = (
            prop::option::weighted(0.8, 0u8..5),
            0u64..365,
            1_000u64..10_000,
            1usize..4,
            fate,
            1u64..1_000,
        )
            .prop_map(|(customer, offset, a, lines, fate, r)| Order {
                customer,
                day: NaiveDate::from_ymd_opt(2026, 1, 1)
                    .and_then(|d| d.checked_add_days(chrono::Days::new(offset)))
                    .unwrap_or_default(),
                amount: a * 1_000,
                lines,
                fate,
                refund: r * 1_000,
            });
        prop::collection::vec(order, 0..16)
    }

    #[derive(Clone, Copy, Debug)]
    enum Shop {
        Shopify,
        WooCommerce,
        Haravan,
        Sapo,
        KiotViet,
    }

    fn email(c: u8) -> String {
        format!("c{c}@example.com")
    }

    fn dotted(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(ch);
        }
        out
    }

    /// The export as `shop` writes it, and the order id each order gets.
    fn write(shop: Shop, orders: &[Order]) -> (String, Vec<String>) {
        let ids: Vec<String> = (0..orders.len())
            .map(|i| match shop {
                Shop::Shopify | Shop::Haravan => format!("#{}", 1001 + i),
                Shop::WooCommerce => format!("{}", 1001 + i),
                Shop::Sapo => format!("SON{:04}", i + 1),
                Shop::KiotViet => format!("HD{:06}", i + 1),
            })
            .collect();
        let dmy = |d: NaiveDate| d.format("%d/%m/%Y 10:30").to_string();
        let mut out = String::new();
        let mut woo_rows: Vec<String> = Vec::new();
        out.push_str(match shop {
                Shop::Shopify => "Name,Email,Financial Status,Created at,Total,Refunded Amount,Lineitem name,Lineitem price\n",
                Shop::WooCommerce => "Date,Order #,Status,Customer,Customer type,Net sales\n",
                Shop::Haravan => "Mã đơn hàng,Ngày tạo,Email,Thanh toán,Tổng tiền,Số tiền hoàn trả,Tên sản phẩm\n",
                Shop::Sapo => "STT,Mã đơn hàng,Ngày tạo đơn,Tên khách hàng,Email,Trạng thái đơn hàng,Mã SKU,Khách phải trả\n",
                Shop::KiotViet => "Mã hóa đơn,Thời gian,Khách hàng,Điện thoại,Khách cần trả,Trạng thái\n",
            });
        for (i, o) in orders.iter().enumerate() {
            let id = &ids[i];
            let mail = o.customer.map(email).unwrap_or_default();
            let net = o.amount - o.refund;
            match shop {
                Shop::Shopify => {
                    let (status, refunded) = match o.fate {
                        Fate::Paid => ("paid", 0),
                        Fate::Pending => ("pending", 0),
                        Fate::Voided => ("voided", 0),
                        Fate::Refunded => ("refunded", o.amount),
                        Fate::Partly => ("partially_refunded", o.refund),
                    };
                    let at = o.day.format("%Y-%m-%d 22:34:34 +0700");
                    out.push_str(&format!(
                        "{id},{mail},{status},{at},{}.00,{refunded}.00,Item 1,1000.00\n",
                        o.amount
                    ));
                    for k in 1..o.lines {
                        out.push_str(&format!("{id},{mail},,{at},,,Item {},1000.00\n", k + 1));
                    }
                }
                Shop::WooCommerce => {
                    let status = match o.fate {
                        Fate::Paid | Fate::Partly => "completed",
                        Fate::Pending => "on-hold",
                        Fate::Voided => "cancelled",
                        Fate::Refunded => "refunded",
                    };
                    let at = |d: NaiveDate| d.format("%Y-%m-%dT18:57:18").to_string();
                    woo_rows.push(format!(
                        "{},{id},{status},{mail},new,{}\n",
                        at(o.day),
                        o.amount
                    ));
                    let refund = match o.fate {
                        Fate::Refunded => o.amount,
                        Fate::Partly => o.refund,
                        _ => 0,
                    };
                    if refund > 0 {
                        let later = o.day.succ_opt().unwrap_or(o.day);
                        woo_rows.push(format!(
                            "{},{id},completed,{mail},new,-{refund}\n",
                            at(later)
                        ));
                    }
                }
                Shop::Haravan => {
                    let (status, refunded) = match o.fate {
                        Fate::Paid => ("Đã thanh toán", 0),
                        Fate::Pending => ("Chưa thanh toán", 0),
                        Fate::Voided => ("Đã hủy", 0),
                        Fate::Refunded => ("Đã hoàn tiền", o.amount),
                        Fate::Partly => ("Hoàn tiền một phần", o.refund),
                    };
                    out.push_str(&format!(
                        "{id},{},{mail},{status},{},{},Món 1\n",
                        dmy(o.day),
                        dotted(o.amount),
                        dotted(refunded)
                    ));
                    for k in 1..o.lines {
                        out.push_str(&format!("{id},,,,,,Món {}\n", k + 1));
                    }
                }
                Shop::Sapo | Shop::KiotViet => {
                    // Neither writes a refunded amount: a partly
                    // refunded order is exported with what is left.
                    let (status, amount) = match o.fate {
                        Fate::Paid => ("Hoàn thành", o.amount),
                        Fate::Pending => ("Đặt hàng", o.amount),
                        Fate::Voided => ("Đã hủy", o.amount),
                        Fate::Refunded => ("Đã hoàn tiền", o.amount),
                        Fate::Partly => ("Hoàn thành", net),
                    };
                    let name = o
                        .customer
                        .map_or("Khách lẻ".to_string(), |c| format!("Khách {c}"));
                    if let Shop::Sapo = shop {
                        out.push_str(&format!(
                            "{},{id},{},{name},{mail},{status},SKU-1,{amount}\n",
                            i + 1,
                            dmy(o.day)
                        ));
                        for k in 1..o.lines {
                            out.push_str(&format!(",,,,,,SKU-{},\n", k + 1));
                        }
                    } else {
                        let phone = o
                            .customer
                            .map(|c| format!("09000000{c}"))
                            .unwrap_or_default();
                        out.push_str(&format!(
                            "{id},{},{name},{phone},{amount},{status}\n",
                            dmy(o.day)
                        ));
                    }
                }
            }
        }
        // The report lists the newest first.
        woo_rows.sort_by(|a, b| b.cmp(a));
        out.extend(woo_rows);
        (out, ids)
    }

    /// What should count, as a plain one-row-per-order list.
    fn plain(shop: Shop, orders: &[Order], ids: &[String]) -> String {
        let mut out = "Order ID,Customer,Date,Amount\n".to_string();
        for (o, id) in orders.iter().zip(ids) {
            let amount = match o.fate {
                Fate::Paid | Fate::Pending => o.amount,
                Fate::Partly => o.amount - o.refund,
                Fate::Voided | Fate::Refunded => continue,
            };
            let customer = match (shop, o.customer) {
                (_, None) => String::new(),
                (Shop::KiotViet, Some(c)) => format!("09000000{c}"),
                (_, Some(c)) => email(c),
            };
            out.push_str(&format!("{id},{customer},{},{amount}\n", o.day));
        }
        out
    }

    fn sorted(f: &OrderFile) -> Vec<(Option<String>, String, NaiveDate, Amount)> {
        let mut rows: Vec<_> = f
            .rows
            .iter()
            .map(|r| (r.order_ref.clone(), r.customer.clone(), r.day, r.amount))
            .collect();
        rows.sort();
        rows
    }

    proptest! {
        #[test]
        fn every_shop_layout_reads_as_the_plain_list(orders in orders()) {
            for shop in [Shop::Shopify, Shop::WooCommerce, Shop::Haravan, Shop::Sapo, Shop::KiotViet] {
                let (text, ids) = write(shop, &orders);
                let f = read_orders("shop.csv", text.as_bytes(), &OrderColumns::default());
                let f = match f {
                    Ok(f) => f,
                    Err(e) => return Err(TestCaseError::fail(format!("{shop:?}: {e}\n{text}"))),
                };
                let expected = read_orders("plain.csv", plain(shop, &orders, &ids).as_bytes(), &OrderColumns::default())
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(sorted(&f), sorted(&expected), "{:?}\n{}", shop, text);
                let gone = orders.iter().filter(|o| matches!(o.fate, Fate::Voided | Fate::Refunded)).count();
                prop_assert_eq!(f.summary.voided + f.summary.refunded, gone, "{:?}", shop);
                prop_assert_eq!(f.summary.walk_in, expected.summary.walk_in, "{:?}", shop);
            }
        }
    }
}
