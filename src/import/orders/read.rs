//! Reading a whole order file into orders.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::cells::{RowReader, Status, customer_key, is_walk_in, status};
use super::columns::{
    AMOUNT, CANCELLED, CURRENCY, CUSTOMER, DATE, NAME_TIER, ORDER, PAYMENT, REFUNDED, ROLE_COUNT,
    ROLES, SEGMENT, STATUS, resolve,
};
use super::repeats::repeats;
use super::{OrderColumns, OrderFile, OrderProfile, OrderSummary, OrderView, Orders};
use crate::domain::Amount;
use crate::import::dates::{self};
use crate::import::error::{ImportError, quoted};
use crate::import::kpis::header_currency;
use crate::import::numbers::{self, DecimalMark};
use crate::import::sheet;
use crate::import::table;

/// An order being read: its own row, then what later rows add.
pub(super) struct Extra {
    status: Status,
    /// The `Refunded Amount` column of its row.
    refunded: Amount,
    /// Refund rows (negative amounts) under its order id, added up.
    refund_rows: Amount,
    by_name: bool,
}

impl Default for Extra {
    fn default() -> Self {
        Extra {
            status: Status::Counted,
            refunded: Amount::ZERO,
            refund_rows: Amount::ZERO,
            by_name: false,
        }
    }
}

/// Reads an order export. See the module docs of [`super`] for the rules.
pub fn read_orders(
    file_label: &str,
    bytes: &[u8],
    cols: &OrderColumns,
) -> Result<OrderFile, ImportError> {
    let table = read_order_table(file_label, Cow::Borrowed(bytes), cols)?;
    Ok(table.map_rows(|orders| orders.iter().map(OrderView::to_row).collect()))
}

/// [`read_orders`], the orders compact; the file is let go of once its
/// cells are read.
pub fn read_order_table(
    file_label: &str,
    bytes: Cow<'_, [u8]>,
    cols: &OrderColumns,
) -> Result<OrderFile<Orders>, ImportError> {
    let file = file_label;
    let (header, mut layout, profile, wanted, cells) = {
        let table = sheet::as_table(file, &bytes)?;
        let decoded = table::decode(file, &table)?;
        let header = table::read_header(file, &decoded)?;
        let profile = cols
            .profile
            .unwrap_or_else(|| OrderProfile::detect(&header));
        let layout = resolve(file, &header, cols, profile)?;
        let wanted = layout.wanted();
        let cells = table::read_cells(file, &decoded, &header, &wanted)?;
        (header, layout, profile, wanted, cells)
    };
    drop(bytes);
    let customer_slots: Vec<(usize, usize)> = {
        let first = wanted.len() - layout.customers.len();
        layout
            .customers
            .iter()
            .enumerate()
            .map(|(k, (tier, _))| (*tier, first + k))
            .collect()
    };

    let mut slots: [Option<usize>; ROLE_COUNT] = std::array::from_fn(|r| layout.slot(r));
    // Shopify's `Name` holds `#1001`; elsewhere `Name` is a person's name.
    if cols.order.is_none()
        && cols.profile != Some(OrderProfile::Shopify)
        && let Some(i) = layout.index[ORDER]
        && table::fold(&header.names[i]) == "name"
        // The order column is the first wanted one.
        && !cells.column(0).find(|v| !v.is_empty()).is_some_and(|v| v.starts_with('#'))
    {
        layout.index[ORDER] = None;
        slots[ORDER] = None;
    }
    let index = layout.index;
    let cell_error = |row: usize, col: usize, text: &str, message: String| {
        ImportError::cell(
            file,
            cells.lines[row],
            &header.name(col),
            col,
            text,
            message,
        )
    };
    let role_error = |row: usize, r: usize, text: &str, message: String| {
        cell_error(row, index[r].unwrap_or(0), text, message)
    };

    let date_slot = slots[DATE].unwrap_or(0);
    let amount_slot = slots[AMOUNT].unwrap_or(0);
    let format = dates::detect(cells.column(date_slot)).map_err(|row| {
        let text = cells.get(row, date_slot);
        role_error(row, DATE, text, dates::not_a_date_message(text))
    })?;
    let semicolon = header.delimiter == b';';
    // The order totals and the refunded amounts are one file's money,
    // written one way: `200.000` refunded reads as the `1.250.000` totals do.
    let money = |k: Option<usize>| k.into_iter().flat_map(|k| cells.column(k));
    let mark = numbers::detect(
        cells.column(amount_slot).chain(money(slots[REFUNDED])),
        semicolon,
    );

    let reader = RowReader {
        format,
        mark,
        money: cols.money.clone(),
        header_code: index[AMOUNT].and_then(|i| header_currency(&header.names[i])),
    };
    let mut rows = Orders {
        text: String::new(),
        rows: Vec::with_capacity(cells.len()),
    };
    let mut extras: Vec<(usize, Extra)> = Vec::new();
    let ids = |row: usize| slots[ORDER].map_or("", |k| cells.get(row, k));
    let repeats = repeats(cells.len(), ids);
    let mut next_repeat = repeats.iter().peekable();
    // The order each group's first row belongs to, once its own row is read.
    const NONE: u32 = u32::MAX;
    let mut order_of_first: Vec<u32> = Vec::new();
    let mut orphan_refunds: Vec<(usize, usize, Amount)> = Vec::new();
    let mut summary = OrderSummary {
        rows: cells.len(),
        ..OrderSummary::default()
    };
    // The best customer key of a row, and whether it is a name only.
    let customer_of = |row: usize| -> Result<(&str, bool), ImportError> {
        let mut found = ("", false);
        for (k, &(tier, slot)) in customer_slots.iter().enumerate() {
            let text = cells.get(row, slot);
            if let Some(c) = text.chars().find(|c| crate::text::is_hostile(*c)) {
                let col = layout.customers[k].1;
                return Err(cell_error(
                    row,
                    col,
                    text,
                    control_message("customer", text, c),
                ));
            }
            if found.0.is_empty() && !text.is_empty() && !is_walk_in(text) {
                found = (text, tier == NAME_TIER && cols.customer.is_none());
            }
        }
        Ok(found)
    };
    let mut last_date: Option<(&str, NaiveDate)> = None;
    // The first row of the order last read with an id.
    let mut last_first: Option<usize> = None;
    for row in 0..cells.len() {
        let get = |r: usize| slots[r].map_or("", |k| cells.get(row, k));
        let order_ref = get(ORDER);
        let mut first = match next_repeat.next_if(|(r, _)| *r == row) {
            Some(&(_, first)) => first,
            None => row,
        };
        let amount_text = get(AMOUNT);
        // Blank order cells under an order (what was a merged cell in
        // Excel, as Sapo writes product lines): a line of the order above.
        if order_ref.is_empty() {
            match last_first {
                Some(above) if get(DATE).is_empty() && amount_text.is_empty() => first = above,
                _ => last_first = None,
            }
        } else {
            last_first = Some(first);
        }
        // A refund row: a negative amount under the order's number.
        if amount_text.starts_with('-') && !order_ref.is_empty() {
            let (refund, _) = reader
                .amount(amount_text, get(CURRENCY))
                .map_err(|m| role_error(row, AMOUNT, amount_text, m))?;
            if refund < Amount::ZERO {
                orphan_refunds.push((row, first, Amount::from_raw(-refund.raw())));
                continue;
            }
        }
        let own = order_of_first.get(first).copied().unwrap_or(NONE);
        if own != NONE {
            let prev = rows.get(own as usize);
            let (customer, _) = customer_of(row)?;
            let customer = customer_key(customer);
            if !customer.is_empty() && customer != prev.customer {
                let message =
                    reader.differ_message(&prev, CUSTOMER, &quoted(prev.customer), &customer);
                let col = layout.customers.first().map_or(0, |c| c.1);
                return Err(cell_error(row, col, &customer, message));
            }
            if let Some((r, message)) = reader.differs(&prev, &get) {
                return Err(role_error(row, r, get(r), message));
            }
            continue;
        }
        let required = |r: usize| {
            let text = get(r);
            if text.is_empty() {
                let noun = ROLES[r].noun;
                Err(role_error(
                    row,
                    r,
                    text,
                    format!("the {noun} is empty (every order needs one)"),
                ))
            } else {
                Ok(text)
            }
        };
        let date = required(DATE)?;
        // Ids and names are kept and shown: nothing that would act on a
        // terminal (an escape sequence, a bidirectional override).
        let hostile = |text: &str| text.chars().find(|c| crate::text::is_hostile(*c));
        for r in [ORDER, SEGMENT] {
            let text = get(r);
            if let Some(c) = hostile(text) {
                return Err(role_error(
                    row,
                    r,
                    text,
                    control_message(ROLES[r].noun, text, c),
                ));
            }
        }
        let (customer, by_name) = customer_of(row)?;
        // Exports are mostly in date order: many rows repeat the last date.
        let day = match last_date {
            Some((text, day)) if text == date => day,
            _ => reader
                .day(date)
                .map_err(|m| role_error(row, DATE, date, m))?,
        };
        last_date = Some((date, day));
        let (amount, converted) = reader
            .amount(required(AMOUNT)?, get(CURRENCY))
            .map_err(|m| role_error(row, AMOUNT, amount_text, m))?;
        if let Some((code, rate)) = converted {
            match summary.converted.iter_mut().find(|c| c.0 == code) {
                Some(c) => c.2 += 1,
                None => summary.converted.push((code, rate, 1)),
            }
        }
        if amount < Amount::ZERO {
            let message = format!(
                "{} is below 0: a refund is netted into its order only under the order's id (this row has none)",
                quoted(amount_text)
            );
            return Err(role_error(row, AMOUNT, amount_text, message));
        }
        let segment = get(SEGMENT);
        if segment.chars().count() > crate::domain::validate::MAX_NAME {
            let message = format!(
                "the segment name is too long: {} characters, at most {}",
                segment.chars().count(),
                crate::domain::validate::MAX_NAME
            );
            return Err(role_error(row, SEGMENT, segment, message));
        }
        let mut extra = Extra::default();
        for r in [STATUS, PAYMENT] {
            extra.status = extra.status.max(status(get(r)));
        }
        if !get(CANCELLED).is_empty() {
            extra.status = Status::Voided;
        }
        let text = get(REFUNDED);
        if !text.is_empty() {
            let (refunded, _) = reader
                .amount(text, get(CURRENCY))
                .map_err(|m| role_error(row, REFUNDED, text, m))?;
            if refunded < Amount::ZERO {
                let message = format!(
                    "{} is below 0: a refunded amount is 0 or more",
                    quoted(text)
                );
                return Err(role_error(row, REFUNDED, text, message));
            }
            extra.refunded = refunded;
        }
        if !order_ref.is_empty() {
            if order_of_first.len() <= row {
                order_of_first.resize(row + 1, NONE);
            }
            order_of_first[first] = rows.len() as u32;
        }
        extra.by_name = by_name;
        if extra.status != Status::Counted || extra.refunded > Amount::ZERO || by_name {
            extras.push((rows.len(), extra));
        }
        let customer = customer_key(customer);
        rows.push(
            cells.lines[row],
            [order_ref, &customer, segment],
            day,
            amount,
        )
        .ok_or_else(|| ImportError::file(file, "the file is too large to import"))?;
    }
    // Refund rows may come before their order (a report newest first).
    for (_, first, refund) in orphan_refunds {
        match order_of_first.get(first).copied().unwrap_or(NONE) {
            NONE => summary.orphan_refunds += 1,
            own => {
                let own = own as usize;
                match extras.iter_mut().find(|(o, _)| *o == own) {
                    Some((_, e)) => e.refund_rows = plus(e.refund_rows, refund),
                    None => extras.push((
                        own,
                        Extra {
                            refund_rows: refund,
                            ..Extra::default()
                        },
                    )),
                }
            }
        }
    }
    let mut left_out = vec![false; if extras.is_empty() { 0 } else { rows.len() }];
    for (own, e) in &extras {
        let row = &mut rows.rows[*own];
        let refunds = plus(e.refunded, e.refund_rows);
        let mut status = e.status;
        if status < Status::Refunded && refunds > Amount::ZERO {
            status = if refunds >= row.amount {
                Status::Refunded
            } else {
                Status::PartlyRefunded
            };
        }
        match status {
            Status::Voided | Status::Refunded => {
                if status == Status::Voided {
                    summary.voided += 1;
                } else {
                    summary.refunded += 1;
                }
                left_out[*own] = true;
                let order_ref = rows.get(*own).order_ref;
                summary.withdrawn.extend(order_ref.map(str::to_string));
            }
            Status::PartlyRefunded if refunds > Amount::ZERO => {
                summary.partly_refunded += 1;
                summary.netted = plus(summary.netted, refunds);
                row.amount = Amount::from_raw(row.amount.raw() - refunds.raw());
            }
            Status::PartlyRefunded | Status::Counted => {}
        }
        summary.by_name += usize::from(e.by_name && !left_out[*own]);
    }
    if !left_out.is_empty() {
        let mut k = 0;
        rows.rows.retain(|_| {
            k += 1;
            !left_out[k - 1]
        });
    }
    summary.walk_in = rows.iter().filter(|r| r.customer.is_empty()).count();
    let mut columns: Vec<(usize, Vec<String>)> = Vec::new();
    for (r, i) in index.iter().enumerate() {
        if r == CUSTOMER {
            let names = layout.customers.iter().map(|(_, i)| header.name(*i));
            columns.push((r, names.collect()));
        } else if let Some(i) = i {
            columns.push((r, vec![header.name(*i)]));
        }
    }
    let columns_used = columns
        .iter()
        .map(|(r, names)| (ROLES[*r].name.to_string(), names.join(", then ")))
        .collect();
    Ok(OrderFile {
        rows,
        columns_used,
        date_format: format.map_or_else(|| "none (no rows)".to_string(), |f| f.describe()),
        date_form: format.map(|f| f.form()),
        columns,
        decimal_comma: mark == DecimalMark::Comma,
        summary,
        profile,
        detected: cols.profile.is_none(),
    })
}

/// A sum of refunds; each is within the amount limit, and a sum past what
/// an i64 holds is past every order's amount anyway.
pub(super) fn plus(a: Amount, b: Amount) -> Amount {
    Amount::from_raw(a.raw().saturating_add(b.raw()))
}

pub(super) fn control_message(noun: &str, text: &str, c: char) -> String {
    format!(
        "the {noun} {} contains a control character (U+{:04X})",
        quoted(text),
        c as u32
    )
}
