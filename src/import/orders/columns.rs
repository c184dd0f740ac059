//! Which column holds what: the roles, their recognised headers, and
//! the columns a file's header resolves to.

use super::{OrderColumns, OrderProfile};
use crate::import::error::{ImportError, quoted};
use crate::import::kpis::CURRENCY_ALIASES;
use crate::import::table::Header;

pub(super) struct Role {
    pub(super) name: &'static str,
    pub(super) noun: &'static str,
    pub(super) flag: Option<&'static str>,
    /// Recognised headers, by priority (see [`super`] for the rules).
    pub(super) aliases: &'static [&'static str],
}

pub(super) const ORDER: usize = 0;
pub(super) const CUSTOMER: usize = 1;
pub(super) const DATE: usize = 2;
pub(super) const AMOUNT: usize = 3;
pub(super) const SEGMENT: usize = 4;
pub(super) const STATUS: usize = 5;
pub(super) const PAYMENT: usize = 6;
pub(super) const CANCELLED: usize = 7;
pub(super) const REFUNDED: usize = 8;
pub(super) const CURRENCY: usize = 9;
pub(super) const ROLE_COUNT: usize = 10;

/// The customer columns by how well they tell one customer from another:
/// the shop's customer code, then an email, then a phone, then a column
/// that may hold an id or a name (`Customer`), then a name.
pub(super) const CUSTOMER_TIERS: [&[&str]; 5] = [
    &["Customer ID", "Customer Code", "Mã khách hàng", "Mã KH"],
    &["Email", "Customer Email", "Billing Email", "E-mail"],
    &[
        "Phone",
        "Customer Phone",
        "Billing Phone",
        "Số điện thoại",
        "Điện thoại",
        "SĐT",
    ],
    &["Customer"],
    &[
        "Customer Name",
        "Khách hàng",
        "Tên khách hàng",
        "Billing Name",
    ],
];
pub(super) const NAME_TIER: usize = 4;

pub(super) const ROLES: [Role; ROLE_COUNT] = [
    Role {
        name: "order",
        noun: "order id",
        flag: Some("--order-column"),
        aliases: &[
            "Order ID",
            "Order Number",
            "Order No",
            "Order #",
            "Order",
            "Mã đơn hàng",
            "Mã đơn",
            "Mã hóa đơn",
            "Name",
        ],
    },
    Role {
        name: "customer",
        noun: "customer",
        flag: Some("--customer-column"),
        aliases: &[],
    },
    Role {
        name: "date",
        noun: "date",
        flag: Some("--date-column"),
        aliases: &[
            "Order Date",
            "Created at",
            "Date",
            "Ngày đặt",
            "Ngày đặt hàng",
            "Ngày tạo",
            "Ngày tạo đơn",
            "Thời gian",
            "Ngày",
        ],
    },
    Role {
        name: "amount",
        noun: "amount",
        flag: Some("--amount-column"),
        aliases: &[
            "Total",
            "Order Total",
            "Total Price",
            "Amount",
            "Net sales",
            "Khách cần trả",
            "Khách phải trả",
            "Tổng tiền",
            "Thành tiền",
            "Revenue",
        ],
    },
    Role {
        name: "segment",
        noun: "segment",
        flag: Some("--segment-column"),
        aliases: &["Segment", "Phân khúc"],
    },
    Role {
        name: "status",
        noun: "status",
        flag: None,
        aliases: &[
            "Status",
            "Order Status",
            "Trạng thái",
            "Trạng thái đơn hàng",
            "Tình trạng",
            "Tình trạng đơn hàng",
        ],
    },
    Role {
        name: "payment status",
        noun: "payment status",
        flag: None,
        aliases: &[
            "Financial Status",
            "Payment Status",
            "Trạng thái thanh toán",
            "Tình trạng thanh toán",
            "Thanh toán",
        ],
    },
    Role {
        name: "cancelled",
        noun: "cancellation",
        flag: None,
        aliases: &["Cancelled at", "Ngày hủy"],
    },
    Role {
        name: "refunded",
        noun: "refunded amount",
        flag: None,
        aliases: &[
            "Refunded Amount",
            "Refund Amount",
            "Số tiền hoàn trả",
            "Tiền hoàn trả",
        ],
    },
    Role {
        name: "currency",
        noun: "currency",
        flag: None,
        aliases: CURRENCY_ALIASES,
    },
];

/// Where the cells of each role are among the wanted columns.
pub(super) struct Layout {
    /// The column of each role, if any.
    pub(super) index: [Option<usize>; ROLE_COUNT],
    /// `(tier, column)` of the customer columns, best first; one
    /// `(0, column)` where a flag named the column.
    pub(super) customers: Vec<(usize, usize)>,
}

impl Layout {
    /// The wanted columns: the roles', then the customer columns.
    pub(super) fn wanted(&self) -> Vec<usize> {
        let roles = self
            .index
            .iter()
            .enumerate()
            .filter(|(r, _)| *r != CUSTOMER)
            .filter_map(|(_, i)| *i);
        roles.chain(self.customers.iter().map(|c| c.1)).collect()
    }

    /// The slot (among the wanted) of role `r`; the customer's are in
    /// [`Layout::customers`].
    pub(super) fn slot(&self, r: usize) -> Option<usize> {
        if r == CUSTOMER {
            return None;
        }
        self.index[r]?;
        Some(
            (0..r)
                .filter(|k| *k != CUSTOMER && self.index[*k].is_some())
                .count(),
        )
    }
}

/// Finds the column of each role: flags first, then recognised headers;
/// for the customer, every recognised customer column, best first.
pub(super) fn resolve(
    file: &str,
    header: &Header,
    cols: &OrderColumns,
    profile: OrderProfile,
) -> Result<Layout, ImportError> {
    let given = [
        &cols.order,
        &cols.customer,
        &cols.date,
        &cols.amount,
        &cols.segment,
    ];
    let mut index = [None; ROLE_COUNT];
    for (r, name) in given.iter().enumerate() {
        if let Some(name) = name {
            let i = header.find(name).ok_or_else(|| {
                ImportError::line(
                    file,
                    header.line,
                    name,
                    format!(
                        "{} names the column {}, which is not in the header (columns: {})",
                        ROLES[r].flag.unwrap_or_default(),
                        quoted(name),
                        header.list()
                    ),
                )
            })?;
            index[r] = Some(i);
        }
    }
    // The shop's own columns, where no flag named the role; with --from
    // the file must have them.
    for (r, own) in [ORDER, DATE, AMOUNT].into_iter().zip(profile.columns()) {
        let Some(own) = own else { continue };
        if index[r].is_some() {
            continue;
        }
        index[r] = header.find_alias(&[own], &[]);
        if index[r].is_none() && cols.profile.is_some() {
            return Err(ImportError::line(
                file,
                header.line,
                "",
                format!(
                    "read as a {} export, but there is no {} column (columns: {}); without --from the file's export is detected",
                    profile.name(),
                    quoted(own),
                    header.list()
                ),
            ));
        }
    }
    let mut customers: Vec<(usize, usize)> = index[CUSTOMER].map(|i| (0, i)).into_iter().collect();
    let taken = |index: &[Option<usize>], customers: &[(usize, usize)]| -> Vec<usize> {
        index
            .iter()
            .flatten()
            .copied()
            .chain(customers.iter().map(|c| c.1))
            .collect()
    };
    for r in 0..ROLE_COUNT {
        if r == CUSTOMER && customers.is_empty() {
            for (tier, aliases) in CUSTOMER_TIERS.iter().enumerate() {
                if let Some(i) = header.find_alias(aliases, &taken(&index, &customers)) {
                    customers.push((tier, i));
                }
            }
            index[CUSTOMER] = customers.first().map(|c| c.1);
        } else if index[r].is_none() && r != CUSTOMER {
            index[r] = header.find_alias(ROLES[r].aliases, &taken(&index, &customers));
        }
    }
    if let Some(r) = [CUSTOMER, DATE, AMOUNT]
        .into_iter()
        .find(|r| index[*r].is_none())
    {
        return Err(ImportError::line(
            file,
            header.line,
            "",
            format!(
                "no {} column found (columns: {}); name it with {} COLUMN",
                ROLES[r].noun,
                header.list(),
                ROLES[r].flag.unwrap_or_default()
            ),
        ));
    }
    Ok(Layout { index, customers })
}
