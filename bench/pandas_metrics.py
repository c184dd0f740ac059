#!/usr/bin/env python3
"""Monthly customer metrics from an order export, the way an analyst would
write them in pandas (docs/metrics.md "Customer figures derived from orders"):
active on d = an order in (d - W, d]; new on d = first order on d; churned
on d = active on d - 1 and not on d (d <= as-of); reactivated on d = active
on d, not on d - 1, with an earlier order.

    pandas_metrics.py ORDERS.csv AS_OF [W]    prints one CSV row per month
"""
import sys

import pandas as pd

path, as_of = sys.argv[1], pd.Timestamp(sys.argv[2])
W = pd.Timedelta(days=int(sys.argv[3]) if len(sys.argv) > 3 else 90)

orders = pd.read_csv(path, usecols=["Customer", "Created at"], parse_dates=["Created at"])
orders.columns = ["customer", "date"]
days = orders.drop_duplicates().sort_values(["customer", "date"])
prev = days.groupby("customer")["date"].shift(1)
nxt = days.groupby("customer")["date"].shift(-1)

new = days.loc[prev.isna(), "date"]
reactivated = days.loc[prev.notna() & (days["date"] - prev > W), "date"]
churn_day = days["date"] + W
churned = churn_day[(nxt.isna() | (nxt > churn_day)) & (churn_day <= as_of)]

months = pd.period_range(days["date"].min(), days["date"].max(), freq="M")
out = pd.DataFrame(index=months)
out["new_customers"] = new.dt.to_period("M").value_counts()
out["churned_customers"] = churned.dt.to_period("M").value_counts()
out["reactivated_customers"] = reactivated.dt.to_period("M").value_counts()
out = out.fillna(0).astype(int)
out["customers_end"] = [
    days.loc[(days["date"] > m.end_time.normalize() - W)
             & (days["date"] <= m.end_time.normalize()), "customer"].nunique()
    for m in months
]
out.index.name = "month"
out.to_csv(sys.stdout)
