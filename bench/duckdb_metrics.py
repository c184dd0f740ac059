#!/usr/bin/env python3
"""Monthly customer metrics from an order export in one DuckDB query over
`read_csv_auto`, by the same definitions as pandas_metrics.py: active on
d = an order in (d - W, d]; new on d = first order on d; churned on d =
active on d - 1 and not on d (d <= as-of); reactivated on d = active on d,
not on d - 1, with an earlier order.

    duckdb_metrics.py ORDERS.csv AS_OF [W]    prints one CSV row per month
"""
import sys

import duckdb

path, as_of = sys.argv[1], sys.argv[2]
W = int(sys.argv[3]) if len(sys.argv) > 3 else 90

QUERY = """
WITH days AS (
    SELECT DISTINCT "Customer" AS customer, CAST("Created at" AS DATE) AS day
    FROM read_csv_auto($path)
),
steps AS (
    SELECT customer, day,
           lag(day) OVER w AS prev,
           lead(day) OVER w AS next,
           day + $w AS churn_day
    FROM days WINDOW w AS (PARTITION BY customer ORDER BY day)
),
months AS (
    SELECT m::DATE AS month,
           (m + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE AS month_end
    FROM range((SELECT date_trunc('month', min(day)) FROM days),
               (SELECT max(day) FROM days) + INTERVAL 1 DAY, INTERVAL 1 MONTH) t(m)
),
events AS (
    SELECT date_trunc('month', day)::DATE AS month, 1 AS new, 0 AS churned, 0 AS reactivated
    FROM steps WHERE prev IS NULL
    UNION ALL
    SELECT date_trunc('month', churn_day)::DATE, 0, 1, 0
    FROM steps WHERE (next IS NULL OR next > churn_day) AND churn_day <= $as_of::DATE
    UNION ALL
    SELECT date_trunc('month', day)::DATE, 0, 0, 1
    FROM steps WHERE prev IS NOT NULL AND day - prev > $w
),
counted AS (
    SELECT month, sum(new) AS new, sum(churned) AS churned, sum(reactivated) AS reactivated
    FROM events GROUP BY month
),
active AS (
    SELECT m.month, count(DISTINCT d.customer) AS customers_end
    FROM months m JOIN days d ON d.day > m.month_end - $w AND d.day <= m.month_end
    GROUP BY m.month
)
SELECT strftime(m.month, '%Y-%m') AS month,
       coalesce(c.new, 0) AS new_customers,
       coalesce(c.churned, 0) AS churned_customers,
       coalesce(c.reactivated, 0) AS reactivated_customers,
       coalesce(a.customers_end, 0) AS customers_end
FROM months m
LEFT JOIN counted c ON c.month = m.month
LEFT JOIN active a ON a.month = m.month
ORDER BY m.month
"""

rows = duckdb.execute(QUERY, {"path": path, "w": W, "as_of": as_of}).fetchall()
print("month,new_customers,churned_customers,reactivated_customers,customers_end")
for r in rows:
    print(",".join(str(v) for v in r))
