//! Locales: how numbers, money, rates and dates are written for a reader,
//! and the words of the reports, in English and Vietnamese.

use std::str::FromStr;

use chrono::NaiveDate;

use crate::domain::{Amount, CauseCategory, NoteKind};
use crate::metrics::objective::ObjectiveStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    En,
    Vi,
}

impl FromStr for Locale {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_lowercase().as_str() {
            "en" | "en_us" | "en-us" | "en_gb" => Ok(Locale::En),
            "vi" | "vi_vn" | "vi-vn" => Ok(Locale::Vi),
            other => Err(format!("locale '{other}' is not one of: en, vi")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Currency {
    Vnd,
    Usd,
    Eur,
}

impl FromStr for Currency {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_uppercase().as_str() {
            "VND" => Ok(Currency::Vnd),
            "USD" => Ok(Currency::Usd),
            "EUR" => Ok(Currency::Eur),
            other => Err(format!("currency '{other}' is not one of: VND, USD, EUR")),
        }
    }
}

impl Currency {
    /// Decimal places shown.
    fn places(self) -> usize {
        match self {
            Currency::Vnd => 0,
            Currency::Usd | Currency::Eur => 2,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Currency::Vnd => "VND",
            Currency::Usd => "USD",
            Currency::Eur => "EUR",
        }
    }
}

/// Formats for one reader: locale plus currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub locale: Locale,
    pub currency: Currency,
}

impl Format {
    fn separators(self) -> (char, char) {
        match self.locale {
            Locale::En => (',', '.'),
            Locale::Vi => ('.', ','),
        }
    }

    /// A number rounded to `places` decimals with grouped thousands:
    /// `1,234,567.5` (en), `1.234.567,5` (vi).
    pub fn number(self, a: Amount, places: usize) -> String {
        let (group, point) = self.separators();
        let d = a.to_decimal().round_dp(places as u32);
        let negative = d.is_sign_negative() && !d.is_zero();
        let text = format!("{:.*}", places, d.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        let mut grouped = String::with_capacity(int.len() + int.len() / 3);
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(c);
        }
        let sign = if negative { "-" } else { "" };
        if frac.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{point}{frac}")
        }
    }

    /// A whole count: `1,234` (en), `1.234` (vi).
    pub fn count(self, a: Amount) -> String {
        self.number(a, 0)
    }

    /// Money in the currency: `1.234.567 ₫` (vi), `1,234,567 ₫` (en),
    /// `$1,234.50` (en), `1.234,50 $` (vi).
    pub fn money(self, a: Amount) -> String {
        let n = self.number(a, self.currency.places());
        match (self.currency, self.locale) {
            (Currency::Vnd, _) => format!("{n} ₫"),
            (Currency::Usd, Locale::En) => match n.strip_prefix('-') {
                Some(abs) => format!("-${abs}"),
                None => format!("${n}"),
            },
            (Currency::Eur, Locale::En) => match n.strip_prefix('-') {
                Some(abs) => format!("-€{abs}"),
                None => format!("€{n}"),
            },
            (Currency::Usd, Locale::Vi) => format!("{n} $"),
            (Currency::Eur, Locale::Vi) => format!("{n} €"),
        }
    }

    /// A fraction as a percentage with one decimal: `3.4%` / `3,4%`.
    pub fn percent(self, fraction: f64) -> String {
        let (_, point) = self.separators();
        let text = format!("{:.1}%", fraction * 100.0);
        let text = if text == "-0.0%" {
            "0.0%".to_string()
        } else {
            text
        };
        text.replace('.', &point.to_string())
    }

    /// A change of a rate in percentage points, signed: `+1.25 pt`.
    pub fn points(self, fraction_change: f64) -> String {
        let (_, point) = self.separators();
        let text = format!("{:+.2}", fraction_change * 100.0);
        let text = if text == "-0.00" {
            "+0.00".to_string()
        } else {
            text
        };
        format!(
            "{} {}",
            text.replace('.', &point.to_string()),
            self.words().points
        )
    }

    /// A catalog template with its `{}` filled.
    pub fn fill(template: &str, value: impl std::fmt::Display) -> String {
        template.replacen("{}", &value.to_string(), 1)
    }

    /// A multiple such as return on ad spend: `22.57×`.
    pub fn times(self, x: f64) -> String {
        let (_, point) = self.separators();
        format!("{x:.2}×").replace('.', &point.to_string())
    }

    /// A date for reading: `2026-11-22` (en), `22/11/2026` (vi).
    pub fn date(self, d: NaiveDate) -> String {
        match self.locale {
            Locale::En => d.format("%Y-%m-%d").to_string(),
            Locale::Vi => d.format("%d/%m/%Y").to_string(),
        }
    }

    pub fn words(self) -> &'static Words {
        match self.locale {
            Locale::En => &EN,
            Locale::Vi => &VI,
        }
    }
}

/// The words of reports and summaries, one catalog per locale.
#[derive(Debug)]
pub struct Words {
    pub report_title: &'static str,
    pub period: &'static str,
    pub vs_previous: &'static str,
    pub customers: &'static str,
    pub new_customers: &'static str,
    pub churned_customers: &'static str,
    pub reactivated_customers: &'static str,
    pub loyal_customers: &'static str,
    pub loyal_share: &'static str,
    pub churn_rate: &'static str,
    pub retention_rate: &'static str,
    pub growth_rate: &'static str,
    pub visits: &'static str,
    pub leads: &'static str,
    pub conversions: &'static str,
    pub conversion_rate: &'static str,
    pub spend: &'static str,
    pub cost_per_conversion: &'static str,
    pub customer_acquisition_cost: &'static str,
    pub revenue: &'static str,
    pub return_on_ad_spend: &'static str,
    pub objectives: &'static str,
    pub overdue_tasks: &'static str,
    pub over_budget: &'static str,
    pub none: &'static str,
    pub target: &'static str,
    pub due: &'static str,
    pub budget: &'static str,
    pub spent: &'static str,
    pub from_orders: &'static str,
    pub recorded: &'static str,
    pub notes: &'static str,
    pub customers_start: &'static str,
    pub as_of: &'static str,
    pub task: &'static str,
    pub assignee: &'static str,
    pub campaign: &'static str,
    pub metric: &'static str,
    pub now: &'static str,
    pub status: &'static str,
    /// Objective statuses: met, on track, at risk, missed, no data.
    pub objective_statuses: [&'static str; 5],
    /// "{} days late"
    pub days_late: &'static str,
    /// "to {}" after a running period's label
    pub to_date: &'static str,
    /// "… and {} more"
    pub and_more: &'static str,
    /// Note kinds: cause, review.
    pub note_kinds: [&'static str; 2],
    /// Cause categories, in `CauseCategory::ALL` order.
    pub categories: [&'static str; 7],
    /// Unit of a change in a rate: "pt".
    pub points: &'static str,
}

impl Words {
    pub fn objective_status(&self, s: ObjectiveStatus) -> &'static str {
        let i = match s {
            ObjectiveStatus::Met => 0,
            ObjectiveStatus::OnTrack => 1,
            ObjectiveStatus::AtRisk => 2,
            ObjectiveStatus::Missed => 3,
            ObjectiveStatus::NoData => 4,
        };
        self.objective_statuses[i]
    }

    pub fn note_kind(&self, k: NoteKind) -> &'static str {
        match k {
            NoteKind::Cause => self.note_kinds[0],
            NoteKind::Review => self.note_kinds[1],
        }
    }

    pub fn category(&self, c: CauseCategory) -> &'static str {
        let i = CauseCategory::ALL.iter().position(|x| *x == c).unwrap_or(6);
        self.categories[i]
    }
}

pub static EN: Words = Words {
    report_title: "funnel report",
    period: "Period",
    vs_previous: "vs previous",
    customers: "Customers",
    new_customers: "New customers",
    churned_customers: "Churned customers",
    reactivated_customers: "Reactivated",
    loyal_customers: "Loyal customers",
    loyal_share: "Loyal share",
    churn_rate: "Churn rate",
    retention_rate: "Retention rate",
    growth_rate: "Growth rate",
    visits: "Visits",
    leads: "Leads",
    conversions: "Conversions",
    conversion_rate: "Conversion rate",
    spend: "Spend",
    cost_per_conversion: "Cost per conversion",
    customer_acquisition_cost: "Acquisition cost",
    revenue: "Revenue",
    return_on_ad_spend: "Return on ad spend",
    objectives: "Objectives",
    overdue_tasks: "Overdue tasks",
    over_budget: "Campaigns over budget",
    none: "none",
    target: "target",
    due: "due",
    budget: "budget",
    spent: "spent",
    from_orders: "from orders",
    recorded: "recorded",
    notes: "Notes",
    customers_start: "Customers at start",
    as_of: "as of",
    task: "Task",
    assignee: "Assignee",
    campaign: "Campaign",
    metric: "Metric",
    now: "Now",
    status: "Status",
    objective_statuses: ["met", "on track", "at risk", "missed", "no data"],
    days_late: "{} days late",
    to_date: "to {}",
    and_more: "… and {} more",
    note_kinds: ["cause", "review"],
    categories: [
        "product",
        "service",
        "customer care",
        "promotion",
        "seasonality",
        "competition",
        "other",
    ],
    points: "pt",
};

pub static VI: Words = Words {
    report_title: "Báo cáo funnel",
    period: "Kỳ",
    vs_previous: "so với kỳ trước",
    customers: "Khách hàng",
    new_customers: "Khách hàng mới",
    churned_customers: "Khách hàng rời bỏ",
    reactivated_customers: "Quay lại",
    loyal_customers: "Khách hàng trung thành",
    loyal_share: "Tỷ lệ trung thành",
    churn_rate: "Tỷ lệ rời bỏ",
    retention_rate: "Tỷ lệ giữ chân",
    growth_rate: "Tăng trưởng",
    visits: "Lượt truy cập",
    leads: "Khách tiềm năng",
    conversions: "Chuyển đổi",
    conversion_rate: "Tỷ lệ chuyển đổi",
    spend: "Chi phí",
    cost_per_conversion: "Chi phí mỗi chuyển đổi",
    customer_acquisition_cost: "Chi phí thu hút khách mới (CAC)",
    revenue: "Doanh thu",
    return_on_ad_spend: "Doanh thu trên chi phí quảng cáo (ROAS)",
    objectives: "Mục tiêu",
    overdue_tasks: "Việc quá hạn",
    over_budget: "Chiến dịch vượt ngân sách",
    none: "không có",
    target: "mục tiêu",
    due: "hạn",
    budget: "ngân sách",
    spent: "đã chi",
    from_orders: "từ đơn hàng",
    recorded: "nhập tay",
    notes: "Ghi chú",
    customers_start: "Khách hàng đầu kỳ",
    as_of: "tính đến",
    task: "Việc",
    assignee: "Người làm",
    campaign: "Chiến dịch",
    metric: "Chỉ số",
    now: "Hiện tại",
    status: "Trạng thái",
    objective_statuses: [
        "đạt",
        "đúng tiến độ",
        "có rủi ro",
        "không đạt",
        "chưa có số liệu",
    ],
    days_late: "trễ {} ngày",
    to_date: "đến {}",
    and_more: "… và {} việc khác",
    note_kinds: ["nguyên nhân", "đánh giá"],
    categories: [
        "sản phẩm",
        "dịch vụ",
        "chăm sóc khách hàng",
        "khuyến mãi",
        "mùa vụ",
        "cạnh tranh",
        "khác",
    ],
    points: "điểm %",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        s.parse().expect("amount")
    }

    const VI_VND: Format = Format {
        locale: Locale::Vi,
        currency: Currency::Vnd,
    };
    const EN_USD: Format = Format {
        locale: Locale::En,
        currency: Currency::Usd,
    };

    #[test]
    fn money_follows_the_locale() {
        assert_eq!(VI_VND.money(a("1234567")), "1.234.567 ₫");
        assert_eq!(VI_VND.money(a("999.6")), "1.000 ₫");
        assert_eq!(EN_USD.money(a("1234.5")), "$1,234.50");
        assert_eq!(EN_USD.money(a("-12")), "-$12.00");
        assert_eq!(
            Format {
                locale: Locale::En,
                currency: Currency::Vnd
            }
            .money(a("1234567")),
            "1,234,567 ₫"
        );
    }

    #[test]
    fn numbers_percent_and_dates() {
        assert_eq!(VI_VND.count(a("1234")), "1.234");
        assert_eq!(EN_USD.count(a("123")), "123");
        assert_eq!(EN_USD.count(a("-1234567")), "-1,234,567");
        assert_eq!(VI_VND.percent(0.034), "3,4%");
        assert_eq!(EN_USD.percent(0.034), "3.4%");
        assert_eq!(EN_USD.percent(-0.0001), "0.0%");
        assert_eq!(EN_USD.points(0.0125), "+1.25 pt");
        assert_eq!(VI_VND.points(-0.0125), "-1,25 điểm %");
        assert_eq!(EN_USD.points(-0.00001), "+0.00 pt");
        assert_eq!(VI_VND.times(22.566), "22,57×");
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        assert_eq!(VI_VND.date(d), "02/11/2026");
        assert_eq!(EN_USD.date(d), "2026-11-02");
    }
}
