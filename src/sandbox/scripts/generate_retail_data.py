#!/usr/bin/env python3
"""Generates the bundled retail scenario's CSV data (src/sandbox/resources/scenarios/retail/data/).

Not needed at run time: the CSVs are committed. Re-run only to change the data; it is deterministic
(fixed seed) and refuses data with ties where a benchmark asks for a top-N or a single best row.
Usage: python3 src/sandbox/scripts/generate_retail_data.py
"""
import csv
import datetime as dt
import os
import random
from collections import Counter, defaultdict

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "scenarios", "retail", "data")

FIRST = ["Ava", "Ben", "Chloe", "Daniel", "Emma", "Felix", "Grace", "Hugo", "Isla", "Jack", "Kara", "Liam",
         "Maya", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Sam", "Tara"]
LAST = ["Smith", "Meyer", "Tanaka", "Dubois", "Brown", "Rossi", "Kim", "Novak", "Silva", "Clarke", "Weber", "Lopez"]
CITIES = ["Boston", "Denver", "Austin", "Seattle", "Munich", "Lyon", "Leeds", "Osaka", "Perth", "Madrid"]
SEGMENTS = ["CONSUMER", "CORPORATE", "SMALL_BUSINESS"]
TIERS = ["Gold", "Silver", "Bronze"]

STORES = [  # id, name, city, country, region, type, open_date
    (1, "Fifth Avenue Flagship", "New York", "USA", "AMER", "FLAGSHIP", "2015-04-01"),
    (2, "Chicago Loop", "Chicago", "USA", "AMER", "OUTLET", "2017-09-15"),
    (3, "Toronto Eaton", "Toronto", "Canada", "AMER", "OUTLET", "2019-03-01"),
    (4, "Berlin Mitte", "Berlin", "Germany", "EMEA", "FLAGSHIP", "2016-06-01"),
    (5, "Paris Rivoli", "Paris", "France", "EMEA", "OUTLET", "2018-11-20"),
    (6, "London Oxford Street", "London", "UK", "EMEA", "FLAGSHIP", "2020-02-10"),
    (7, "Tokyo Ginza", "Tokyo", "Japan", "APJ", "FLAGSHIP", "2021-07-07"),
    (8, "Sydney Pitt Street", "Sydney", "Australia", "APJ", "OUTLET", "2022-05-02"),
]

PRODUCTS = {  # category -> [(name, brand, list_price)]
    "Electronics": [("Aurora Laptop 14", "Aurora", 1299.00), ("Aurora Tablet 10", "Aurora", 649.00),
                    ("Pulse Headphones", "Pulse", 199.00), ("Pulse Earbuds", "Pulse", 89.00),
                    ("Vertex Monitor 27", "Vertex", 379.00), ("Vertex Webcam HD", "Vertex", 74.00),
                    ("Aurora Smartwatch", "Aurora", 299.00), ("Pulse Speaker Mini", "Pulse", 59.00)],
    "Furniture": [("Oakline Desk", "Oakline", 549.00), ("Oakline Bookshelf", "Oakline", 229.00),
                  ("Ergo Chair Pro", "Ergo", 489.00), ("Ergo Footrest", "Ergo", 45.00),
                  ("Oakline Side Table", "Oakline", 139.00), ("Ergo Standing Desk", "Ergo", 799.00),
                  ("Oakline Filing Cabinet", "Oakline", 265.00)],
    "Office Supplies": [("Inkwell Pen Set", "Inkwell", 24.00), ("Inkwell Notebook A5", "Inkwell", 12.50),
                        ("Clipster Stapler", "Clipster", 18.00), ("Clipster Paper Ream", "Clipster", 9.75),
                        ("Inkwell Planner 2024", "Inkwell", 29.00), ("Clipster Label Maker", "Clipster", 69.00),
                        ("Inkwell Desk Organizer", "Inkwell", 34.00)],
    "Apparel": [("Trail Rain Jacket", "Trail", 159.00), ("Trail Fleece", "Trail", 84.00),
                ("Urbanite Hoodie", "Urbanite", 64.00), ("Urbanite Cap", "Urbanite", 22.00),
                ("Trail Hiking Boots", "Trail", 189.00), ("Urbanite Backpack", "Urbanite", 119.00),
                ("Trail Gloves", "Trail", 35.00), ("Urbanite Tote", "Urbanite", 27.00)],
}
NEVER_ORDERED = {"Oakline Filing Cabinet", "Inkwell Planner 2024", "Urbanite Tote"}


def write(name, header, rows):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, f"main.retail.{name}.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


def generate(seed):
    rnd = random.Random(seed)
    customers = []
    names = set()
    for cid in range(1, 61):
        while True:
            n = f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"
            if n not in names:
                names.add(n)
                break
        signup = dt.date(2021, 1, 1) + dt.timedelta(days=rnd.randrange(0, 4 * 365))
        customers.append((cid, n, n.lower().replace(" ", ".") + "@example.com", rnd.choice(SEGMENTS),
                          rnd.choices(TIERS, weights=[2, 3, 5])[0], rnd.choices(["ACTIVE", "CHURNED"], weights=[8, 2])[0],
                          rnd.choice(CITIES), signup.isoformat(), f"{rnd.randrange(10, 101) * 250:.2f}"))
    products = []
    pid = 0
    for cat, items in PRODUCTS.items():
        for name, brand, price in items:
            pid += 1
            cost = round(price * rnd.uniform(0.45, 0.7), 2)
            launch = dt.date(2019, 1, 1) + dt.timedelta(days=rnd.randrange(0, 5 * 365))
            products.append((pid, name, cat, brand, f"{price:.2f}", f"{cost:.2f}", launch.isoformat()))
    orderable = [p for p in products if p[1] not in NEVER_ORDERED]
    weights = [rnd.uniform(0.5, 3.0) for _ in orderable]
    orders, items = [], []
    item_id = 0
    start = dt.date(2023, 1, 1)
    for oid in range(1, 721):
        ord_dt = start + dt.timedelta(days=rnd.randrange(0, 731))
        ship_dt = ord_dt + dt.timedelta(days=rnd.randrange(1, 10))
        cust = rnd.choice(customers)
        store = rnd.choices(STORES, weights=[5, 3, 2, 4, 3, 4, 3, 2])[0]
        status = rnd.choices(["COMPLETED", "CANCELLED", "RETURNED"], weights=[80, 10, 10])[0]
        channel = rnd.choices(["ONLINE", "IN_STORE"], weights=[45, 55])[0]
        orders.append((oid, cust[0], store[0], ship_dt.isoformat(), ord_dt.isoformat(), status, channel))
        for _ in range(rnd.choices([1, 2, 3, 4], weights=[35, 35, 20, 10])[0]):
            p = rnd.choices(orderable, weights=weights)[0]
            item_id += 1
            qty = rnd.choices([1, 2, 3, 4, 5], weights=[50, 25, 12, 8, 5])[0]
            price = float(p[4])
            disc = rnd.choices([0, 5, 10, 15, 20], weights=[60, 12, 12, 8, 8])[0]
            net = round(qty * price * (100 - disc) / 100, 2)
            items.append((item_id, oid, p[0], f"{price:.2f}", qty, f"{disc:.2f}", f"{net:.2f}"))
    return customers, products, orders, items


def no_tie(values, n):
    """True when the n+1 largest values all differ: a top-n is well defined, and so is its order."""
    v = sorted(values, reverse=True)[:n + 1]
    return len(set(v)) == len(v)


def acceptable(customers, products, orders, items):
    revenue = defaultdict(float)
    for it in items:
        revenue[it[2]] += float(it[6])
    orders_per_customer = Counter(o[1] for o in orders)
    order_year = {o[0]: o[4][:4] for o in orders}
    order_store = {o[0]: o[2] for o in orders}
    store_rev_2024 = defaultdict(float)
    for it in items:
        if order_year[it[1]] == "2024":
            store_rev_2024[order_store[it[1]]] += float(it[6])
    return (no_tie(list(revenue.values()), 5) and no_tie(list(orders_per_customer.values()), 3)
            and no_tie(list(store_rev_2024.values()), 1)
            and no_tie([float(p[4]) for p in products], 5))


def main():
    for seed in range(7, 500):
        data = generate(seed)
        if acceptable(*data):
            break
    else:
        raise SystemExit("no seed without ties")
    customers, products, orders, items = data
    write("customers", ["customer_id", "full_name", "email", "seg_cd", "loyalty_tier", "status", "city", "signup_date", "credit_limit"], customers)
    write("products", ["product_id", "product_name", "category", "brand", "list_price", "unit_cost", "launch_date"], products)
    write("stores", ["store_id", "store_name", "city", "country", "region", "store_type", "open_date"], STORES)
    write("orders", ["order_id", "customer_id", "store_id", "ship_dt", "ord_dt", "status", "channel"], orders)
    write("order_items", ["item_id", "order_id", "sku", "unit_price", "qty", "disc_pct", "net_amt"], items)
    print(f"seed {seed}: {len(customers)} customers, {len(products)} products, {len(STORES)} stores, "
          f"{len(orders)} orders, {len(items)} order items")


if __name__ == "__main__":
    main()
