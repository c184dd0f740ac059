//! Whose order export a file is.

use crate::import::table::Header;

/// Whose order export a file is: its own order, date and amount columns
/// come before the other names. Detected from the header unless `--from`
/// names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderProfile {
    Shopify,
    WooCommerce,
    Haravan,
    Sapo,
    KiotViet,
    Generic,
}

impl OrderProfile {
    pub const ALL: [OrderProfile; 6] = [
        OrderProfile::Shopify,
        OrderProfile::WooCommerce,
        OrderProfile::Haravan,
        OrderProfile::Sapo,
        OrderProfile::KiotViet,
        OrderProfile::Generic,
    ];

    /// The name `--from` takes.
    pub fn name(self) -> &'static str {
        match self {
            OrderProfile::Shopify => "shopify",
            OrderProfile::WooCommerce => "woocommerce",
            OrderProfile::Haravan => "haravan",
            OrderProfile::Sapo => "sapo",
            OrderProfile::KiotViet => "kiotviet",
            OrderProfile::Generic => "generic",
        }
    }

    /// The order id, date and amount columns this export always has (see
    /// the fixtures' README for where each comes from); none for generic.
    pub(super) fn columns(self) -> [Option<&'static str>; 3] {
        match self {
            OrderProfile::Shopify => [Some("Name"), Some("Created at"), Some("Total")],
            OrderProfile::WooCommerce => [Some("Order #"), Some("Date"), Some("Net sales")],
            OrderProfile::Haravan => [Some("Mã đơn hàng"), Some("Ngày tạo"), Some("Tổng tiền")],
            OrderProfile::Sapo => [
                Some("Mã đơn hàng"),
                Some("Ngày tạo đơn"),
                Some("Khách phải trả"),
            ],
            OrderProfile::KiotViet => {
                [Some("Mã hóa đơn"), Some("Thời gian"), Some("Khách cần trả")]
            }
            OrderProfile::Generic => [None; 3],
        }
    }

    /// The shop whose three columns the header has (Shopify also by its
    /// `Financial Status`, since `Name`, `Created at` and `Total` are
    /// common words), else generic.
    pub(super) fn detect(header: &Header) -> OrderProfile {
        let has = |name: &str| header.find_alias(&[name], &[]).is_some();
        OrderProfile::ALL
            .into_iter()
            .find(|p| {
                let own = p.columns();
                own[0].is_some()
                    && own.into_iter().flatten().all(has)
                    && (*p != OrderProfile::Shopify || has("Financial Status"))
            })
            .unwrap_or(OrderProfile::Generic)
    }
}

impl std::str::FromStr for OrderProfile {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        crate::import::kpis::named(
            &OrderProfile::ALL,
            OrderProfile::name,
            s,
            "a shop's order export",
        )
    }
}
