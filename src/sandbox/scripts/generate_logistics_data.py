#!/usr/bin/env python3
"""Generates the bundled `logistics` scenario (src/sandbox/resources/scenarios/logistics/): data CSVs, space.json
(the space as its owner left it), ideal.json (the same space with the knowledge a careful owner would add) and
reworded.json (the benchmark questions in other words, for evaluating a final space on unseen wording).

Deterministic (fixed seed; refuses data with ties where a benchmark asks for a top-N). The snapshot date
("today" in scenario.json) is 2025-03-31. Usage: python3 src/sandbox/scripts/generate_logistics_data.py
"""
import datetime as dt
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from scenario_files import (Ids, column, join, snippet, sort_space, table, tables_by_name,  # noqa: E402
                            write_scenario)

DIR = os.path.join(os.path.dirname(__file__), "..", "resources", "scenarios", "logistics")
CAT = "scm.logistics"
TODAY = dt.date(2025, 3, 31)

CARRIERS = [  # carrier_id, carrier_nm, scac, mode_cd, pref_flg, region served
    (1, "UPS", "UPSN", "PCL", "Y", "NA"), (2, "FedEx Ground", "FDEG", "PCL", "Y", "NA"),
    (3, "DHL Express", "DHLX", "AIR", "N", "ALL"), (4, "XPO Logistics", "CNWY", "LTL", "Y", "NA"),
    (5, "Old Dominion", "ODFL", "LTL", "N", "NA"), (6, "J.B. Hunt", "JBHT", "FTL", "Y", "NA"),
    (7, "Schneider", "SNDR", "FTL", "N", "NA"), (8, "Maersk", "MAEU", "OCN", "N", "ALL"),
    (9, "DB Schenker", "SCHK", "LTL", "Y", "EU"), (10, "DPD", "DPDG", "PCL", "N", "EU"),
    (11, "Girteka", "GIRT", "FTL", "N", "EU"),
]
WAREHOUSES = [  # wh_cd, wh_nm, city, ctry, wh_typ, opened_dt, region
    ("DC01", "Memphis DC", "Memphis", "US", "DC", "2016-03-01", "NA"),
    ("DC02", "Reno DC", "Reno", "US", "DC", "2019-09-15", "NA"),
    ("XD01", "Chicago Cross-Dock", "Chicago", "US", "XD", "2021-05-03", "NA"),
    ("DC03", "Monterrey DC", "Monterrey", "MX", "3PL", "2022-02-01", "NA"),
    ("DC04", "Venlo DC", "Venlo", "NL", "DC", "2018-06-11", "EU"),
    ("XD02", "Poznan Cross-Dock", "Poznan", "PL", "XD", "2023-04-17", "EU"),
    ("DC05", "Duisburg 3PL", "Duisburg", "DE", "3PL", "2020-10-01", "EU"),
]
COUNTRIES = {"US": ("NA", 40), "CA": ("NA", 10), "MX": ("NA", 10), "DE": ("EU", 12), "NL": ("EU", 8), "FR": ("EU", 8),
             "GB": ("EU", 6), "PL": ("EU", 6)}
NAME_A = ["Apex", "Blue", "Cedar", "Delta", "Evergreen", "Falcon", "Granite", "Harbor", "Iron", "Juniper", "Keystone",
          "Lakeside", "Meridian", "Northwind", "Orion", "Pioneer", "Quarry", "Redwood", "Summit", "Tristar"]
NAME_B = ["Foods", "Industrial", "Retail", "Medical", "Electronics", "Outdoor", "Home Goods", "Auto Parts", "Pharma", "Apparel"]
SUFFIX = {"US": "Inc.", "CA": "Ltd.", "MX": "S.A. de C.V.", "DE": "GmbH", "NL": "B.V.", "FR": "SAS", "GB": "Ltd", "PL": "Sp. z o.o."}
TRANSIT = {"PCL": {"STD": 4, "EXP": 2, "ND": 1}, "LTL": 4, "FTL": 3, "AIR": 3, "OCN": 28}


def day_between(rnd, a, b):
    return a + dt.timedelta(days=rnd.randrange(0, (b - a).days + 1))


def generate(seed):
    rnd = random.Random(seed)
    customers, names = [], set()
    for cid in range(101, 161):
        ctry = rnd.choices(list(COUNTRIES), weights=[w for _, w in COUNTRIES.values()])[0]
        while True:
            n = f"{rnd.choice(NAME_A)} {rnd.choice(NAME_B)} {SUFFIX[ctry]}"
            if n not in names:
                names.add(n)
                break
        customers.append((cid, n, ctry, rnd.choices(["ENT", "MM", "SMB"], weights=[20, 35, 45])[0]))
    activity = {c[0]: rnd.uniform(0.3, 3.0) * {"ENT": 3, "MM": 1.5, "SMB": 0.7}[c[3]] for c in customers}
    wh_weights = {"DC01": 6, "DC02": 4, "XD01": 2, "DC03": 2, "DC04": 5, "XD02": 2, "DC05": 3}

    shipments, pkgs, claims = [], [], []
    pkg_id, claim_id = 500000, 9000
    for shp_id in range(700001, 701801):
        ship = day_between(rnd, dt.date(2024, 1, 2), dt.date(2025, 3, 30))
        xfer = rnd.random() < 0.08
        if xfer:
            region = rnd.choice(["NA", "EU"])
            whs = [w for w in WAREHOUSES if w[6] == region]
            orig, dest = rnd.sample(whs, 2)
            cust, dest_wh, dest_ctry = None, dest[0], dest[3]
            mode = rnd.choice(["LTL", "FTL"])
        else:
            c = rnd.choices(customers, weights=[activity[x[0]] for x in customers])[0]
            region = COUNTRIES[c[2]][0]
            whs = [w for w in WAREHOUSES if w[6] == region]
            orig = rnd.choices(whs, weights=[wh_weights[w[0]] for w in whs])[0]
            cust, dest_wh, dest_ctry = c[0], None, c[2]
            mode = rnd.choices(["PCL", "LTL", "FTL", "AIR", "OCN"], weights=[55, 22, 10, 10, 3])[0]
        options = [x for x in CARRIERS if x[3] == mode and x[5] in (region, "ALL")]
        carrier = rnd.choices(options, weights=[3 if x[4] == "Y" else 2 for x in options])[0]
        svc = rnd.choices(["STD", "EXP", "ND"], weights=[65, 22, 13])[0] if mode == "PCL" else \
            ("EXP" if mode == "AIR" else "STD")
        days = TRANSIT[mode][svc] if mode == "PCL" else TRANSIT[mode]
        prom = ship + dt.timedelta(days=days)
        pallets = {"PCL": 0, "LTL": rnd.randrange(1, 7), "FTL": rnd.randrange(10, 27), "AIR": rnd.randrange(0, 3),
                   "OCN": rnd.randrange(10, 21)}[mode]
        cost = {"PCL": rnd.uniform(9, 70) * {"STD": 1, "EXP": 1.8, "ND": 2.6}[svc], "LTL": pallets * rnd.uniform(120, 190),
                "FTL": rnd.uniform(1800, 4600), "AIR": rnd.uniform(140, 950), "OCN": rnd.uniform(2600, 6200)}[mode]
        delay = rnd.choices([-1, 0, 1, 2, 3, 5], weights=[22, 58, 10, 5, 3, 2])[0]
        dlv = ship + dt.timedelta(days=max(1, days + delay))
        if rnd.random() < 0.04:
            stat, dlv = "CXL", None
        elif dlv > TODAY:
            stat, dlv = ("CRT" if ship >= TODAY - dt.timedelta(days=1) else "TRN"), None
        else:
            stat = rnd.choices(["DLV", "EXC", "RTS"], weights=[93, 3, 4])[0]
            if stat != "DLV":
                dlv = None
        parcels = []
        if mode in ("PCL", "AIR") and stat != "CXL":
            for _ in range(rnd.choices([1, 2, 3], weights=[60, 28, 12])[0]):
                wt = round(rnd.uniform(0.3, 38.0), 1)
                dim = round(wt * rnd.uniform(0.6, 1.7), 1)
                pkg_id += 1
                parcels.append((pkg_id, shp_id, f"1Z{rnd.randrange(10**9, 10**10)}", rnd.choices(["BOX", "ENV"], weights=[85, 15])[0], wt, dim))
            gross = round(sum(p[4] for p in parcels), 1)
        elif mode in ("PCL", "AIR"):
            gross = round(rnd.uniform(1, 60), 1)
        else:
            gross = round(pallets * rnd.uniform(180, 650), 1)
        pkgs += parcels
        shipments.append((shp_id, f"SO-{rnd.randrange(100000, 999999)}", cust, orig[0], dest_wh, dest_ctry, carrier[0], svc,
                          ship, prom, dlv, stat, pallets, gross, f"{cost:.2f}", xfer))
        if not xfer and stat in ("DLV", "EXC", "RTS") and rnd.random() < 0.08:
            typ = "LOST" if stat == "EXC" else rnd.choices(["DMG", "SHRT"], weights=[70, 30])[0]
            filed = (dlv or ship + dt.timedelta(days=10)) + dt.timedelta(days=rnd.randrange(1, 21))
            if filed > TODAY:
                continue
            amt = round(rnd.uniform(60, 4800), 2)
            cstat = "OPEN" if filed > TODAY - dt.timedelta(days=45) else rnd.choices(["PAID", "APPR", "DEN"], weights=[55, 15, 30])[0]
            paid = f"{amt * rnd.uniform(0.6, 1.0):.2f}" if cstat == "PAID" else None
            claim_id += 1
            claims.append((claim_id, shp_id, typ, filed, f"{amt:.2f}", paid, cstat))
    return customers, shipments, pkgs, claims


HEADERS = {
    "carriers": ["carrier_id", "carrier_nm", "scac", "mode_cd", "pref_flg"],
    "warehouses": ["wh_cd", "wh_nm", "city", "ctry", "wh_typ", "opened_dt"],
    "customers": ["cust_id", "cust_nm", "ctry", "seg"],
    "shipments": ["shp_id", "ord_ref", "cust_id", "orig_wh", "dest_wh", "dest_ctry", "carrier_id", "svc_lvl", "ship_dt",
                  "prom_dt", "dlv_dt", "shp_stat", "pallets", "gross_wt_kg", "frt_cost", "is_xfer"],
    "pkgs": ["pkg_id", "shp_id", "trk_no", "pkg_typ", "act_wt_kg", "dim_wt_kg"],
    "claims": ["claim_id", "shp_id", "claim_typ", "filed_dt", "claim_amt", "paid_amt", "claim_stat"],
}


def tables(data):
    customers, shipments, pkgs, claims = data
    return {"carriers": [c[:5] for c in CARRIERS], "warehouses": [w[:6] for w in WAREHOUSES], "customers": customers,
            "shipments": shipments, "pkgs": pkgs, "claims": claims}


TIE_CHECKS = [
    ("SELECT c.cust_id, COUNT(*) v FROM shipments s JOIN customers c ON s.cust_id = c.cust_id WHERE s.ship_dt LIKE '2024%' "
     "AND s.is_xfer = 0 AND s.shp_stat <> 'CXL' GROUP BY c.cust_id ORDER BY v DESC", 5),
    ("SELECT s.orig_wh, SUM(s.pallets) v FROM shipments s WHERE s.ship_dt LIKE '2024%' AND s.is_xfer = 0 "
     "AND s.shp_stat <> 'CXL' GROUP BY s.orig_wh ORDER BY v DESC", 1),
    ("SELECT s.carrier_id, SUM(CAST(s.frt_cost AS REAL)) v FROM shipments s WHERE s.ship_dt LIKE '2024%' AND s.is_xfer = 0 "
     "AND s.shp_stat <> 'CXL' GROUP BY s.carrier_id ORDER BY v DESC", 1),
    ("SELECT s.carrier_id, COUNT(*) v FROM claims k JOIN shipments s ON k.shp_id = s.shp_id WHERE k.claim_stat = 'OPEN' "
     "GROUP BY s.carrier_id ORDER BY v DESC", 1),
]

S = f"{CAT}.shipments"
CUSTOMER_SHIPMENTS = "s.is_xfer = false AND s.shp_stat <> 'CXL'"
QUESTIONS = [
    ("shipments_2024", "How many shipments did we send in 2024?",
     f"SELECT COUNT(*) AS shipments\nFROM {S} s\nWHERE YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}"),
    ("in_transit", "How many shipments are currently in transit?",
     f"SELECT COUNT(*) AS in_transit\nFROM {S} s\nWHERE s.shp_stat = 'TRN' AND s.is_xfer = false"),
    ("delivered_feb", "How many shipments were delivered in February 2025?",
     f"SELECT COUNT(*) AS delivered\nFROM {S} s\nWHERE s.shp_stat = 'DLV' AND s.dlv_dt >= DATE'2025-02-01' AND s.dlv_dt < DATE'2025-03-01'\n"
     "  AND s.is_xfer = false"),
    ("by_carrier", "Shipments by carrier in 2024",
     f"SELECT c.carrier_nm, COUNT(*) AS shipments\nFROM {S} s\nJOIN {CAT}.carriers c ON s.carrier_id = c.carrier_id\n"
     f"WHERE YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}\nGROUP BY c.carrier_nm"),
    ("spend_2024", "What was our total freight spend in 2024?",
     f"SELECT SUM(s.frt_cost) AS freight_spend\nFROM {S} s\nWHERE YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}"),
    ("spend_mode", "Freight spend by transport mode in 2024",
     f"SELECT c.mode_cd, SUM(s.frt_cost) AS freight_spend\nFROM {S} s\nJOIN {CAT}.carriers c ON s.carrier_id = c.carrier_id\n"
     f"WHERE YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}\nGROUP BY c.mode_cd"),
    ("top_carrier_spend", "Which carrier did we spend the most freight with in 2024?",
     f"SELECT c.carrier_nm\nFROM {S} s\nJOIN {CAT}.carriers c ON s.carrier_id = c.carrier_id\n"
     f"WHERE YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}\nGROUP BY c.carrier_nm\nORDER BY SUM(s.frt_cost) DESC\nLIMIT 1"),
    ("otd_2024", "What was our on-time delivery rate in 2024?",
     f"SELECT 100.0 * SUM(CASE WHEN s.dlv_dt <= s.prom_dt THEN 1 ELSE 0 END) / COUNT(*) AS otd_pct\nFROM {S} s\n"
     "WHERE s.shp_stat = 'DLV' AND YEAR(s.dlv_dt) = 2024 AND s.is_xfer = false"),
    ("otd_carrier", "On-time delivery rate by carrier for 2024",
     f"SELECT c.carrier_nm, 100.0 * SUM(CASE WHEN s.dlv_dt <= s.prom_dt THEN 1 ELSE 0 END) / COUNT(*) AS otd_pct\nFROM {S} s\n"
     f"JOIN {CAT}.carriers c ON s.carrier_id = c.carrier_id\nWHERE s.shp_stat = 'DLV' AND YEAR(s.dlv_dt) = 2024 AND s.is_xfer = false\n"
     "GROUP BY c.carrier_nm"),
    ("transit_express", "What is the average transit time in days for express shipments?",
     f"SELECT AVG(DATEDIFF(s.dlv_dt, s.ship_dt)) AS avg_transit_days\nFROM {S} s\n"
     "WHERE s.svc_lvl = 'EXP' AND s.shp_stat = 'DLV' AND s.is_xfer = false"),
    ("late_last_month", "How many shipments were delivered late last month?",
     f"SELECT COUNT(*) AS late\nFROM {S} s\nWHERE s.shp_stat = 'DLV' AND s.dlv_dt > s.prom_dt AND s.is_xfer = false\n"
     "  AND s.dlv_dt >= DATEADD(MONTH, -1, DATE_TRUNC('MONTH', CURRENT_DATE())) AND s.dlv_dt < DATE_TRUNC('MONTH', CURRENT_DATE())"),
    ("last_30d", "How many shipments have we sent in the last 30 days?",
     f"SELECT COUNT(*) AS shipments\nFROM {S} s\nWHERE s.ship_dt >= DATE_SUB(CURRENT_DATE(), 30) AND {CUSTOMER_SHIPMENTS}"),
    ("rts", "How many shipments were returned to sender?",
     f"SELECT COUNT(*) AS returned\nFROM {S} s\nWHERE s.shp_stat = 'RTS' AND s.is_xfer = false"),
    ("exceptions", "How many shipments are in exception status?",
     f"SELECT COUNT(*) AS exceptions\nFROM {S} s\nWHERE s.shp_stat = 'EXC' AND s.is_xfer = false"),
    ("top_customers", "Top 5 customers by number of shipments in 2024",
     f"SELECT c.cust_nm, COUNT(*) AS shipments\nFROM {S} s\nJOIN {CAT}.customers c ON s.cust_id = c.cust_id\n"
     f"WHERE YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}\nGROUP BY c.cust_nm\nORDER BY shipments DESC\nLIMIT 5"),
    ("top_wh_pallets", "Which warehouse shipped the most pallets in 2024?",
     f"SELECT w.wh_nm\nFROM {S} s\nJOIN {CAT}.warehouses w ON s.orig_wh = w.wh_cd\nWHERE YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}\n"
     "GROUP BY w.wh_nm\nORDER BY SUM(s.pallets) DESC\nLIMIT 1"),
    ("pallets_nl", "How many pallets did we ship out of the Netherlands in 2024?",
     f"SELECT SUM(s.pallets) AS pallets\nFROM {S} s\nJOIN {CAT}.warehouses w ON s.orig_wh = w.wh_cd\n"
     f"WHERE w.ctry = 'NL' AND YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}"),
    ("transfers_2024", "How many internal transfers between our warehouses were there in 2024?",
     f"SELECT COUNT(*) AS transfers\nFROM {S} s\nWHERE s.is_xfer = true AND YEAR(s.ship_dt) = 2024 AND s.shp_stat <> 'CXL'"),
    ("cost_per_pallet", "What is our freight cost per pallet for LTL shipments?",
     f"SELECT SUM(s.frt_cost) / SUM(s.pallets) AS cost_per_pallet\nFROM {S} s\nJOIN {CAT}.carriers c ON s.carrier_id = c.carrier_id\n"
     f"WHERE c.mode_cd = 'LTL' AND {CUSTOMER_SHIPMENTS}"),
    ("monthly_2024", "Monthly shipment volume in 2024",
     f"SELECT DATE_TRUNC('MONTH', s.ship_dt) AS ship_month, COUNT(*) AS shipments\nFROM {S} s\n"
     f"WHERE YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}\nGROUP BY DATE_TRUNC('MONTH', s.ship_dt)"),
    ("svc_q4", "Number of shipments by service level in Q4 2024",
     f"SELECT s.svc_lvl, COUNT(*) AS shipments\nFROM {S} s\n"
     f"WHERE s.ship_dt >= DATE'2024-10-01' AND s.ship_dt < DATE'2025-01-01' AND {CUSTOMER_SHIPMENTS}\nGROUP BY s.svc_lvl"),
    ("next_day_2024", "How many next-day shipments did we send in 2024?",
     f"SELECT COUNT(*) AS shipments\nFROM {S} s\nWHERE s.svc_lvl = 'ND' AND YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}"),
    ("weight_mexico", "What was the total weight in kg shipped to Mexico in 2024?",
     f"SELECT SUM(s.gross_wt_kg) AS weight_kg\nFROM {S} s\nWHERE s.dest_ctry = 'MX' AND YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}"),
    ("heavy_pkgs", "How many packages weigh more than 30 kg?",
     f"SELECT COUNT(*) AS packages\nFROM {CAT}.pkgs p\nWHERE p.act_wt_kg > 30"),
    ("billable_parcel", "What was the billable weight of our parcel shipments in 2024?",
     f"SELECT SUM(GREATEST(p.act_wt_kg, p.dim_wt_kg)) AS billable_kg\nFROM {CAT}.pkgs p\nJOIN {S} s ON p.shp_id = s.shp_id\n"
     f"JOIN {CAT}.carriers c ON s.carrier_id = c.carrier_id\nWHERE c.mode_cd = 'PCL' AND YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}"),
    ("damage_2024", "How many damage claims were filed in 2024?",
     f"SELECT COUNT(*) AS claims\nFROM {CAT}.claims k\nWHERE k.claim_typ = 'DMG' AND YEAR(k.filed_dt) = 2024"),
    ("paid_out", "How much have we paid out on claims in total?",
     f"SELECT SUM(k.paid_amt) AS paid\nFROM {CAT}.claims k\nWHERE k.claim_stat = 'PAID'"),
    ("top_open_claims", "Which carrier has the most open claims?",
     f"SELECT c.carrier_nm\nFROM {CAT}.claims k\nJOIN {S} s ON k.shp_id = s.shp_id\nJOIN {CAT}.carriers c ON s.carrier_id = c.carrier_id\n"
     "WHERE k.claim_stat = 'OPEN'\nGROUP BY c.carrier_nm\nORDER BY COUNT(*) DESC\nLIMIT 1"),
    ("recovery_2024", "What share of the amount claimed in 2024 has been paid?",
     f"SELECT 100.0 * SUM(k.paid_amt) / SUM(k.claim_amt) AS recovery_pct\nFROM {CAT}.claims k\nWHERE YEAR(k.filed_dt) = 2024"),
    ("ent_no_claims", "Which enterprise customers have never had a claim?",
     f"SELECT c.cust_nm\nFROM {CAT}.customers c\nWHERE c.seg = 'ENT'\n  AND NOT EXISTS (SELECT 1 FROM {CAT}.claims k JOIN {S} s ON k.shp_id = s.shp_id "
     "WHERE s.cust_id = c.cust_id)"),
    ("busy_carriers", "Which carriers handled more than 150 shipments in 2024?",
     f"SELECT c.carrier_nm\nFROM {S} s\nJOIN {CAT}.carriers c ON s.carrier_id = c.carrier_id\nWHERE YEAR(s.ship_dt) = 2024 AND {CUSTOMER_SHIPMENTS}\n"
     "GROUP BY c.carrier_nm\nHAVING COUNT(*) > 150"),
    ("preferred_delivered", "How many shipments did each preferred carrier deliver in 2024?",
     f"SELECT c.carrier_nm, COUNT(*) AS delivered\nFROM {S} s\nJOIN {CAT}.carriers c ON s.carrier_id = c.carrier_id\n"
     "WHERE c.pref_flg = 'Y' AND s.shp_stat = 'DLV' AND YEAR(s.dlv_dt) = 2024 AND s.is_xfer = false\nGROUP BY c.carrier_nm"),
    ("avg_cost_de", "What is the average freight cost of a shipment to Germany?",
     f"SELECT AVG(s.frt_cost) AS avg_freight_cost\nFROM {S} s\nWHERE s.dest_ctry = 'DE' AND {CUSTOMER_SHIPMENTS}"),
    ("cross_docks", "List our cross-dock facilities.",
     f"SELECT w.wh_nm\nFROM {CAT}.warehouses w\nWHERE w.wh_typ = 'XD'"),
    ("spend_ytd", "What is our freight spend year to date?",
     f"SELECT SUM(s.frt_cost) AS freight_spend\nFROM {S} s\nWHERE s.ship_dt >= DATE_TRUNC('YEAR', CURRENT_DATE()) AND {CUSTOMER_SHIPMENTS}"),
    ("late_by_wh", "Late deliveries by warehouse in 2024",
     f"SELECT w.wh_nm, COUNT(*) AS late_deliveries\nFROM {S} s\nJOIN {CAT}.warehouses w ON s.orig_wh = w.wh_cd\n"
     "WHERE s.shp_stat = 'DLV' AND s.dlv_dt > s.prom_dt AND YEAR(s.dlv_dt) = 2024 AND s.is_xfer = false\nGROUP BY w.wh_nm"),
]

REWORDED = {
    "shipments_2024": "What was the number of shipments sent during 2024?",
    "in_transit": "Count of shipments that are in transit at the moment",
    "delivered_feb": "Number of shipments delivered during Feb 2025?",
    "by_carrier": "How many shipments did each carrier move in 2024?",
    "spend_2024": "Total freight cost for 2024?",
    "spend_mode": "How much freight did we spend per mode of transport in 2024?",
    "top_carrier_spend": "Which carrier got the biggest share of our 2024 freight spend?",
    "otd_2024": "What percentage of 2024 deliveries arrived on time?",
    "otd_carrier": "For each carrier, what share of its 2024 deliveries was on time?",
    "transit_express": "On average, how many days does an express shipment take to arrive?",
    "late_last_month": "Number of late deliveries in the previous month",
    "last_30d": "Count of shipments sent over the past 30 days",
    "rts": "What's the number of shipments that came back to sender?",
    "exceptions": "Count of shipments with an exception",
    "top_customers": "Show the 5 customers that received the most shipments in 2024, with their shipment counts.",
    "top_wh_pallets": "From which warehouse did the largest number of pallets leave in 2024?",
    "pallets_nl": "Total pallets shipped from our Dutch warehouses in 2024",
    "transfers_2024": "Number of warehouse-to-warehouse transfers in 2024",
    "cost_per_pallet": "How much does an LTL pallet cost us on average in freight?",
    "monthly_2024": "How many shipments did we send each month of 2024?",
    "svc_q4": "Shipment count per service level for the fourth quarter of 2024",
    "next_day_2024": "Count of 2024 shipments sent with next-day service",
    "weight_mexico": "Total kilograms shipped to Mexico during 2024?",
    "heavy_pkgs": "Number of packages over 30 kg",
    "billable_parcel": "Total billable kilograms of 2024 parcel shipments",
    "damage_2024": "Count of damage claims filed during 2024",
    "paid_out": "What is the total paid on claims so far?",
    "top_open_claims": "Which carrier has the largest number of open claims?",
    "recovery_2024": "What percentage of the 2024 claimed amount has been paid?",
    "ent_no_claims": "List enterprise customers without any claims.",
    "busy_carriers": "List the carriers with over 150 shipments in 2024.",
    "preferred_delivered": "Number of 2024 deliveries per preferred carrier",
    "avg_cost_de": "Mean freight cost per shipment to Germany?",
    "cross_docks": "Which of our facilities are cross-docks?",
    "spend_ytd": "How much have we spent on freight so far this year?",
    "late_by_wh": "Number of late deliveries per warehouse in 2024",
}


def spaces(bench):
    cfg = Ids("01f0d3c000010000")
    ins = Ids("01f0d3c000030000")
    bare = {
        "version": 2,
        "config": {"sample_questions": [
            {"id": cfg.next(), "question": ["How many shipments did we send last week?"]},
            {"id": cfg.next(), "question": ["What is the on-time rate by carrier?"]},
        ]},
        "data_sources": {"tables": [
            table(CAT, "carriers", "Carrier master", {"scac": {"description": ["Standard Carrier Alpha Code"]}}),
            table(CAT, "claims", "Freight claims"),
            table(CAT, "customers"),
            table(CAT, "pkgs"),
            table(CAT, "shipments", "Outbound shipments from the TMS, one row per shipment", {
                "frt_cost": {"description": ["Freight cost in USD"]},
                "prom_dt": {"description": ["Promised delivery date"]},
                "shp_stat": {"description": ["Shipment status"]},
            }),
            table(CAT, "warehouses", columns={"wh_nm": {"enable_format_assistance": True, "enable_entity_matching": True}}),
        ]},
        "instructions": {
            "text_instructions": [{"id": ins.next(), "content": [
                "You are a logistics analyst assistant.\n",
                "Costs are in USD and weights in kg.\n"]}],
            "join_specs": [join(ins, CAT, "shipments", "shipments", "carriers", "carriers",
                                "`shipments`.`carrier_id` = `carriers`.`carrier_id`")],
        },
        "benchmarks": {"questions": bench},
    }
    ideal = sort_space(bare)
    t = tables_by_name(ideal)

    def col(tbl, name, description=None, synonyms=(), entity=False):
        column(t[tbl], name, description, synonyms, entity)

    t["customers"]["description"] = ["Customer accounts (ship-to parties)"]
    t["pkgs"]["description"] = ["Parcel packages: one row per tracked package of a parcel or air shipment"]
    t["claims"]["description"] = ["Freight claims filed against carriers for damaged, lost or short shipments"]
    t["warehouses"]["description"] = ["Our warehouses and cross-docks: the facilities we ship from"]
    col("shipments", "shp_stat", "Shipment status: CRT = created, TRN = in transit, DLV = delivered, EXC = exception, "
                                 "RTS = returned to sender, CXL = cancelled")
    col("shipments", "is_xfer", "true for internal transfers between our own warehouses; false for customer shipments")
    col("shipments", "svc_lvl", "Service level: STD = standard, EXP = express, ND = next day", ["service level"])
    col("shipments", "ship_dt", "Date the shipment left the warehouse", ["ship date", "shipped", "sent"])
    col("shipments", "dlv_dt", "Date the shipment was delivered (empty until delivered)", ["delivery date", "delivered"])
    col("shipments", "frt_cost", "Freight cost in USD", ["freight spend", "freight cost", "freight", "spend"])
    col("shipments", "pallets", "Number of pallets", ["pallets"])
    col("shipments", "gross_wt_kg", "Gross weight of the shipment in kg", ["weight", "kg"])
    col("shipments", "dest_ctry", "Destination country, ISO code (US, CA, MX, DE, NL, FR, GB, PL)", ["destination country"])
    col("shipments", "orig_wh", "Warehouse the shipment left from (wh_cd)", ["origin warehouse"])
    col("carriers", "carrier_nm", "Carrier name", ["carrier"], entity=True)
    col("carriers", "mode_cd", "Transport mode: PCL = parcel, LTL = less than truckload, FTL = full truckload, AIR = air, OCN = ocean",
        ["transport mode", "mode"])
    col("carriers", "pref_flg", "Y when the carrier is one of our preferred carriers")
    col("warehouses", "wh_nm", "Warehouse name", ["warehouse"], entity=True)
    col("warehouses", "ctry", "Country of the warehouse, ISO code (US, MX, NL, PL, DE)")
    col("warehouses", "wh_typ", "Facility type: DC = distribution center, XD = cross-dock, 3PL = run by a third-party logistics provider")
    col("customers", "cust_nm", "Customer name", ["customer"])
    col("customers", "seg", "Customer segment: ENT = enterprise, MM = mid-market, SMB = small business", ["segment"])
    col("pkgs", "act_wt_kg", "Actual (scale) weight of the package in kg", ["package weight"])
    col("pkgs", "dim_wt_kg", "Dimensional weight of the package in kg")
    col("claims", "claim_typ", "Claim type: DMG = damage, LOST = lost, SHRT = shortage")
    col("claims", "claim_stat", "Claim status: OPEN, APPR = approved, PAID, DEN = denied")
    col("claims", "filed_dt", "Date the claim was filed")
    col("claims", "claim_amt", "Amount claimed in USD", ["amount claimed", "claimed amount"])
    col("claims", "paid_amt", "Amount the carrier paid in USD; empty unless the claim is PAID", ["paid", "paid out"])
    i = ideal["instructions"]
    i["text_instructions"][0]["content"] += [
        "Internal transfers (shipments.is_xfer = true) and cancelled shipments are not shipments for reporting: leave them out unless the question asks for them.\n",
        "Always apply shipments.is_xfer = false.\n",
        "Always apply shipments.shp_stat <> 'CXL'.\n",
        "Delivery questions (delivered, late, on time, transit time) count delivered shipments (shp_stat DLV) by their delivery date shipments.dlv_dt.\n",
        "A delivery is late when shipments.dlv_dt > shipments.prom_dt, on time otherwise.\n",
        "Use shipments.ship_dt as the default date for shipments.\n",
        "Use claims.filed_dt as the default date for claims.\n",
        "\"Germany\" means shipments.dest_ctry = 'DE'.\n",
        "\"Mexico\" means shipments.dest_ctry = 'MX'.\n",
        "\"Netherlands\" means warehouses.ctry = 'NL'.\n",
    ]
    i["join_specs"] += [
        join(ins, CAT, "shipments", "shipments", "customers", "customers", "`shipments`.`cust_id` = `customers`.`cust_id`"),
        join(ins, CAT, "shipments", "shipments", "warehouses", "warehouses", "`shipments`.`orig_wh` = `warehouses`.`wh_cd`"),
        join(ins, CAT, "pkgs", "pkgs", "shipments", "shipments", "`pkgs`.`shp_id` = `shipments`.`shp_id`"),
        join(ins, CAT, "claims", "claims", "shipments", "shipments", "`claims`.`shp_id` = `shipments`.`shp_id`"),
    ]
    i["sql_snippets"] = {
        "filters": [
            snippet(ins, "shipments.shp_stat = 'TRN'", "in transit"),
            snippet(ins, "shipments.shp_stat = 'DLV'", "delivered shipments", synonyms=["deliveries"]),
            snippet(ins, "shipments.shp_stat = 'RTS'", "returned to sender"),
            snippet(ins, "shipments.shp_stat = 'EXC'", "exception status", synonyms=["exception"]),
            snippet(ins, "shipments.shp_stat = 'DLV' AND shipments.dlv_dt > shipments.prom_dt", "late deliveries",
                    synonyms=["delivered late", "late"]),
            snippet(ins, "shipments.svc_lvl = 'EXP'", "express"),
            snippet(ins, "shipments.svc_lvl = 'ND'", "next-day", synonyms=["next day"]),
            snippet(ins, "shipments.is_xfer = true", "internal transfers", synonyms=["transfers"]),
            snippet(ins, "carriers.mode_cd = 'LTL'", "LTL"),
            snippet(ins, "carriers.mode_cd = 'PCL'", "parcel"),
            snippet(ins, "carriers.pref_flg = 'Y'", "preferred carrier", synonyms=["preferred"]),
            snippet(ins, "warehouses.wh_typ = 'XD'", "cross-dock", synonyms=["cross-docks", "cross dock"]),
            snippet(ins, "customers.seg = 'ENT'", "enterprise customers", synonyms=["enterprise"]),
            snippet(ins, "claims.claim_typ = 'DMG'", "damage claims", synonyms=["damage"]),
            snippet(ins, "claims.claim_stat = 'OPEN'", "open claims"),
        ],
        "expressions": [],
        "measures": [
            snippet(ins, "COUNT(DISTINCT shipments.shp_id)", "shipment volume", "shipment_volume", ["number of shipments"]),
            snippet(ins, "100.0 * SUM(CASE WHEN shipments.dlv_dt <= shipments.prom_dt THEN 1 ELSE 0 END) / COUNT(*)",
                    "on-time delivery rate", "otd_pct", ["OTD", "on-time rate", "on time delivery rate"]),
            snippet(ins, "AVG(DATEDIFF(shipments.dlv_dt, shipments.ship_dt))", "average transit time", "avg_transit_days",
                    ["transit time"]),
            snippet(ins, "SUM(shipments.frt_cost) / SUM(shipments.pallets)", "cost per pallet", "cost_per_pallet",
                    ["freight cost per pallet"]),
            snippet(ins, "SUM(GREATEST(pkgs.act_wt_kg, pkgs.dim_wt_kg))", "billable weight", "billable_kg"),
            snippet(ins, "100.0 * SUM(claims.paid_amt) / SUM(claims.claim_amt)", "claim recovery rate", "recovery_pct",
                    ["recovery rate", "share of the amount claimed"]),
        ],
    }
    return bare, sort_space(ideal)


def main():
    write_scenario(DIR, CAT, range(3, 500), generate, tables, HEADERS, TIE_CHECKS, QUESTIONS, REWORDED, spaces,
                   Ids("01f0d3c000020000"))


if __name__ == "__main__":
    main()
