#!/usr/bin/env python3
"""Generates the bundled `hr` scenario (src/sandbox/resources/scenarios/hr/): data CSVs, space.json (the space
as its owner left it), ideal.json (the same space with the knowledge a careful owner would add) and
reworded.json (the benchmark questions in other words, for evaluating a final space on unseen wording).

Deterministic (fixed seed; refuses data with ties where a benchmark asks for a top-N). The snapshot date
("today" in scenario.json) is 2025-06-30. Usage: python3 src/sandbox/scripts/generate_hr_data.py
"""
import datetime as dt
import os
import random
import sys

sys.path.insert(0, os.path.dirname(__file__))
from scenario_files import (Ids, column, join, lines, snippet, sort_space, table, tables_by_name,  # noqa: E402
                            write_scenario)

DIR = os.path.join(os.path.dirname(__file__), "..", "resources", "scenarios", "hr")
CAT = "people.hris"
TODAY = dt.date(2025, 6, 30)

DEPTS = [  # dept_cd, dept_nm, div_cd, cost_ctr, weight, job codes
    ("ENG", "Engineering", "RND", "CC100", 30, ["SWE1", "SWE2", "SWE3", "SWE4"]),
    ("PRD", "Product Management", "RND", "CC110", 6, ["PM2", "PM3"]),
    ("SLS", "Sales", "GTM", "CC200", 20, ["SDR", "AE2", "AE3"]),
    ("MKT", "Marketing", "GTM", "CC210", 8, ["MKT1", "MKT2"]),
    ("CSM", "Customer Success", "GTM", "CC220", 14, ["CSA1", "CSM2"]),
    ("FIN", "Finance", "GNA", "CC300", 7, ["ACC1", "FA2"]),
    ("HR", "People Operations", "GNA", "CC310", 5, ["HRC1", "HRG2"]),
    ("OPS", "Operations", "GNA", "CC320", 10, ["OPS1", "OPS2"]),
]
MANAGER_JOB = {"ENG": "EM1", "SLS": "SM1", "CSM": "CSL1"}
LOCATIONS = [  # loc_id, site_nm, city, ctry_cd, rgn, weight
    (1, "Austin HQ", "Austin", "US", "AMER", 30), (2, "New York Office", "New York", "US", "AMER", 15),
    (3, "Berlin Office", "Berlin", "DE", "EMEA", 15), (4, "Munich Office", "Munich", "DE", "EMEA", 8),
    (5, "London Office", "London", "GB", "EMEA", 12), (6, "Bangalore Office", "Bengaluru", "IN", "APAC", 15),
    (7, "Sao Paulo Office", "Sao Paulo", "BR", "AMER", 5),
]
CCY = {"US": ("USD", 1.0, 1.0), "DE": ("EUR", 1.08, 0.85), "GB": ("GBP", 1.27, 0.8),
       "IN": ("INR", 0.012, 0.3), "BR": ("BRL", 0.2, 0.35)}  # currency, USD per unit, pay level vs US
JOBS = [  # job_cd, job_title, job_family, job_lvl, flsa, US base salary
    ("SWE1", "Software Engineer I", "Engineering", "P1", "E", 95000), ("SWE2", "Software Engineer II", "Engineering", "P2", "E", 120000),
    ("SWE3", "Senior Software Engineer", "Engineering", "P3", "E", 150000), ("SWE4", "Staff Engineer", "Engineering", "P4", "E", 185000),
    ("EM1", "Engineering Manager", "Engineering", "M1", "E", 175000),
    ("PM2", "Product Manager", "Product", "P2", "E", 125000), ("PM3", "Senior Product Manager", "Product", "P3", "E", 155000),
    ("SDR", "Sales Development Rep", "Sales", "P1", "N", 55000), ("AE2", "Account Executive", "Sales", "P2", "E", 90000),
    ("AE3", "Senior Account Executive", "Sales", "P3", "E", 120000), ("SM1", "Sales Manager", "Sales", "M1", "E", 140000),
    ("MKT1", "Marketing Coordinator", "Marketing", "P1", "N", 58000), ("MKT2", "Marketing Specialist", "Marketing", "P2", "E", 82000),
    ("CSA1", "Support Associate", "Customer Success", "P1", "N", 50000), ("CSM2", "Customer Success Manager", "Customer Success", "P2", "E", 80000),
    ("CSL1", "Support Team Lead", "Customer Success", "M1", "E", 105000),
    ("ACC1", "Accounting Clerk", "Finance", "P1", "N", 52000), ("FA2", "Financial Analyst", "Finance", "P2", "E", 88000),
    ("HRC1", "HR Coordinator", "People", "P1", "N", 54000), ("HRG2", "HR Generalist", "People", "P2", "E", 80000),
    ("OPS1", "Operations Coordinator", "Operations", "P1", "N", 50000), ("OPS2", "Operations Analyst", "Operations", "P2", "E", 78000),
    ("DIR", "Director", "Management", "M2", "E", 210000), ("VP", "Vice President", "Management", "M3", "E", 260000),
]
JOB = {j[0]: j for j in JOBS}
FIRST_F = ["Anna", "Priya", "Sofia", "Emily", "Laura", "Mei", "Olivia", "Fatima", "Julia", "Hannah", "Ana", "Grace",
           "Chloe", "Ines", "Nina", "Sara", "Lea", "Aisha", "Maria", "Zoe", "Kavya", "Clara", "Ruth", "Beatriz"]
FIRST_M = ["James", "Arjun", "Lukas", "Daniel", "Tom", "Wei", "Liam", "Omar", "Felix", "Noah", "Rafael", "Ben",
           "Jonas", "Ravi", "Pedro", "Max", "Leon", "Samuel", "David", "Ethan", "Rohan", "Paul", "Marco", "Hugo"]
LAST = ["Schmidt", "Patel", "Garcia", "Smith", "Mueller", "Chen", "Johnson", "Khan", "Silva", "Brown", "Fischer", "Rao",
        "Williams", "Weber", "Santos", "Taylor", "Wagner", "Iyer", "Martin", "Becker", "Costa", "Clark", "Nair", "Lewis",
        "Hoffmann", "Oliveira", "Walker", "Sharma", "Young", "Koch"]
HIRE_YEAR_WEIGHTS = {2012: 2, 2013: 2, 2014: 3, 2015: 3, 2016: 4, 2017: 5, 2018: 6, 2019: 7, 2020: 6, 2021: 10,
                     2022: 12, 2023: 11, 2024: 13, 2025: 7}


def day_between(rnd, a, b):
    return a + dt.timedelta(days=rnd.randrange(0, (b - a).days + 1))


def generate(seed):
    rnd = random.Random(seed)
    names = set()

    def name(gndr):
        while True:
            first = rnd.choice(FIRST_F if gndr == "F" else FIRST_M if gndr == "M" else FIRST_F + FIRST_M)
            n = f"{first} {rnd.choice(LAST)}"
            if n not in names:
                names.add(n)
                return n

    employees = []  # emp_id, full_nm, gndr, birth_dt, dept_cd, loc_id, job_cd, mgr_id, emp_typ, emp_stat, hire_dt, term_dt, term_rsn, is_test
    managers = {d[0]: [] for d in DEPTS}
    emp_id = 10000

    def add(gndr, dept, loc, job, mgr, typ, hire, term, rsn, test=False, full_nm=None):
        nonlocal emp_id
        emp_id += 1
        stat = "T" if term else ("L" if rnd.random() < 0.05 else "A")
        birth = day_between(rnd, dt.date(1962, 1, 1), dt.date(2002, 12, 31))
        employees.append([emp_id, full_nm or name(gndr), gndr, birth, dept, loc, job, mgr, typ, stat, hire, term, rsn, test])
        return emp_id

    ceo = add("F", "OPS", 1, "VP", None, "FT", dt.date(2012, 2, 1), None, None)
    for d in DEPTS:  # a director per department, then a few line managers where teams are large
        g = rnd.choice("FM")
        managers[d[0]].append(add(g, d[0], 1, "DIR", ceo, "FT", day_between(rnd, dt.date(2012, 3, 1), dt.date(2016, 12, 31)), None, None))
    for dept, job in MANAGER_JOB.items():
        for _ in range({"ENG": 4, "SLS": 3, "CSM": 2}[dept]):
            loc = rnd.choices(LOCATIONS, weights=[x[5] for x in LOCATIONS])[0][0]
            managers[dept].append(add(rnd.choice("FM"), dept, loc, job, managers[dept][0], "FT",
                                      day_between(rnd, dt.date(2014, 1, 1), dt.date(2019, 12, 31)), None, None))
    years = list(HIRE_YEAR_WEIGHTS)
    for _ in range(640):
        d = rnd.choices(DEPTS, weights=[x[4] for x in DEPTS])[0]
        loc = rnd.choices(LOCATIONS, weights=[x[5] for x in LOCATIONS])[0][0]
        y = rnd.choices(years, weights=list(HIRE_YEAR_WEIGHTS.values()))[0]
        hire = day_between(rnd, dt.date(y, 1, 1), min(dt.date(y, 12, 31), dt.date(2025, 6, 27)))
        typ = rnd.choices(["FT", "PT", "CTR"], weights=[80, 12, 8])[0]
        gndr = rnd.choices(["F", "M", "U"], weights=[44, 54, 2])[0]
        term, rsn = None, None
        first_possible = max(hire + dt.timedelta(days=60), dt.date(2019, 1, 1))
        if first_possible < dt.date(2025, 6, 25) and rnd.random() < (0.55 if typ == "CTR" else 0.33):
            term = day_between(rnd, first_possible, dt.date(2025, 6, 25))
            rsn = "EOC" if typ == "CTR" else rnd.choices(["VOL", "INV", "RET"], weights=[62, 30, 8])[0]
        add(gndr, d[0], loc, rnd.choice(d[5]), rnd.choice(managers[d[0]]), typ, hire, term, rsn)
    for i, full_nm in enumerate(["Test Employee", "Test Employee 2", "Workday Integration", "Payroll Test User",
                                 "Test Manager", "Dummy Hire", "Test Employee 3", "Onboarding Test"]):
        d = DEPTS[i % len(DEPTS)]
        add("U", d[0], 1, d[5][0], None, "FT", day_between(rnd, dt.date(2024, 1, 1), dt.date(2025, 6, 20)), None, None,
            test=True, full_nm=full_nm)
    for e in employees:
        if e[13]:
            e[9] = "A"
        if e[0] in {m for ms in managers.values() for m in ms} or e[0] == ceo:
            e[9] = "A"

    loc_ctry = {x[0]: x[3] for x in LOCATIONS}
    comp, comp_id = [], 0
    for e in employees:
        if e[8] == "CTR":
            continue
        ccy, usd_per_unit, level = CCY[loc_ctry[e[5]]]
        usd = JOB[e[6]][5] * level * rnd.uniform(0.85, 1.15)
        rows = [(e[10], "HIRE", usd)]
        for y in (2022, 2023, 2024, 2025):
            eff = dt.date(y, 4, 1)
            if eff > e[10] + dt.timedelta(days=90) and (e[11] is None or eff < e[11]):
                promo = rnd.random() < 0.1
                usd *= rnd.uniform(1.10, 1.15) if promo else rnd.uniform(1.02, 1.06)
                rows.append((eff, "PROMO" if promo else "MERIT", usd))
        for k, (eff, why, usd_amt) in enumerate(rows):
            comp_id += 1
            local = round(usd_amt / usd_per_unit, -2)
            base_usd = round(local * usd_per_unit, 2)
            if e[13]:
                local, base_usd = 1.0, round(usd_per_unit, 2)  # placeholder pay on test records
            end = rows[k + 1][0] - dt.timedelta(days=1) if k + 1 < len(rows) else e[11]
            comp.append((comp_id, e[0], eff, end, f"{local:.2f}", ccy, f"{base_usd:.2f}", why))

    absences, abs_id = [], 0
    for e in employees:
        if e[13] or e[8] == "CTR":
            continue
        start = max(e[10], dt.date(2023, 1, 1))
        end = min(e[11] or TODAY, TODAY)
        if end <= start:
            continue
        for _ in range(round((end - start).days / 365 * rnd.uniform(0.5, 2.0))):
            typ = rnd.choices(["VAC", "SICK", "UNP", "PAR"], weights=[50, 38, 8, 4])[0]
            days = {"VAC": rnd.randrange(2, 21) / 2, "SICK": rnd.randrange(1, 11) / 2, "UNP": float(rnd.randrange(1, 6)),
                    "PAR": float(rnd.randrange(20, 61))}[typ]
            s = day_between(rnd, start, end)
            stat = rnd.choices(["PEND", "APPR"], weights=[50, 50])[0] if s > dt.date(2025, 6, 1) else \
                rnd.choices(["APPR", "REJ", "PEND"], weights=[88, 8, 4])[0]
            abs_id += 1
            absences.append((abs_id, e[0], typ, s, s + dt.timedelta(days=max(0, int(days + 0.5) - 1)), f"{days:.1f}", stat))

    reqs = []
    for i in range(1, 241):
        d = rnd.choices(DEPTS, weights=[x[4] for x in DEPTS])[0]
        opened = day_between(rnd, dt.date(2023, 1, 2), dt.date(2025, 6, 25))
        recent = opened > dt.date(2025, 4, 1)
        stat = rnd.choices(["OPEN", "FILLED", "HOLD", "CXL"], weights=[70, 15, 10, 5] if recent else [6, 72, 4, 18])[0]
        filled = opened + dt.timedelta(days=rnd.randrange(15, 150)) if stat == "FILLED" else None
        if filled and filled > TODAY:
            stat, filled = "OPEN", None
        reqs.append((f"REQ-{opened.year}-{i:04d}", d[0], rnd.choice(d[5]), rnd.choices(LOCATIONS, weights=[x[5] for x in LOCATIONS])[0][0],
                     rnd.choices(["P1", "P2", "P3"], weights=[25, 50, 25])[0], stat, opened, filled))
    return employees, comp, absences, reqs


HEADERS = {
    "dept": ["dept_cd", "dept_nm", "div_cd", "cost_ctr"],
    "locations": ["loc_id", "site_nm", "city", "ctry_cd", "rgn"],
    "job_codes": ["job_cd", "job_title", "job_family", "job_lvl", "flsa"],
    "employees": ["emp_id", "full_nm", "gndr", "birth_dt", "dept_cd", "loc_id", "job_cd", "mgr_id", "emp_typ", "emp_stat",
                  "hire_dt", "term_dt", "term_rsn", "is_test"],
    "comp_hist": ["comp_id", "emp_id", "eff_dt", "end_dt", "base_amt", "ccy", "base_usd", "chg_rsn"],
    "absences": ["abs_id", "emp_id", "abs_typ", "start_dt", "end_dt", "days", "apprv_stat"],
    "reqs": ["req_id", "dept_cd", "job_cd", "loc_id", "prio", "req_stat", "open_dt", "fill_dt"],
}


def tables(data):
    employees, comp, absences, reqs = data
    return {
        "dept": [d[:4] for d in DEPTS],
        "locations": [x[:5] for x in LOCATIONS],
        "job_codes": [j[:5] for j in JOBS],
        "employees": employees, "comp_hist": comp, "absences": absences, "reqs": reqs,
    }


TIE_CHECKS = [  # (sqlite SQL ordering by the ranked value in column 2, n)
    ("SELECT e.full_nm, CAST(c.base_usd AS REAL) v FROM comp_hist c JOIN employees e ON c.emp_id = e.emp_id "
     "WHERE c.end_dt IS NULL AND e.is_test = 0 ORDER BY v DESC", 5),
    ("SELECT d.dept_nm, AVG(CAST(c.base_usd AS REAL)) v FROM comp_hist c JOIN employees e ON c.emp_id = e.emp_id "
     "JOIN dept d ON e.dept_cd = d.dept_cd WHERE c.end_dt IS NULL AND e.is_test = 0 GROUP BY d.dept_nm ORDER BY v DESC", 1),
    ("SELECT m.emp_id, COUNT(*) v FROM employees e JOIN employees m ON e.mgr_id = m.emp_id WHERE e.emp_stat IN ('A','L') "
     "AND e.emp_typ <> 'CTR' AND e.is_test = 0 GROUP BY m.emp_id ORDER BY v DESC", 1),
    ("SELECT e.emp_id, SUM(CAST(a.days AS REAL)) v FROM absences a JOIN employees e ON a.emp_id = e.emp_id "
     "WHERE a.abs_typ = 'SICK' AND a.apprv_stat = 'APPR' AND a.start_dt LIKE '2024%' GROUP BY e.emp_id ORDER BY v DESC", 3),
]

E = f"{CAT}.employees"
CURRENT = "e.emp_stat IN ('A', 'L') AND e.emp_typ <> 'CTR' AND e.is_test = false"
QUESTIONS = [
    ("headcount", "What is our current headcount?",
     f"SELECT COUNT(*) AS headcount\nFROM {E} e\nWHERE {CURRENT}"),
    ("contractors", "How many contractors are currently working for us?",
     f"SELECT COUNT(*) AS contractors\nFROM {E} e\nWHERE e.emp_typ = 'CTR' AND e.emp_stat IN ('A', 'L') AND e.is_test = false"),
    ("headcount_dept", "Show the current headcount by department.",
     f"SELECT d.dept_nm, COUNT(*) AS headcount\nFROM {E} e\nJOIN {CAT}.dept d ON e.dept_cd = d.dept_cd\nWHERE {CURRENT}\nGROUP BY d.dept_nm"),
    ("on_leave", "How many employees are on leave right now?",
     f"SELECT COUNT(*) AS on_leave\nFROM {E} e\nWHERE e.emp_stat = 'L' AND e.emp_typ <> 'CTR' AND e.is_test = false"),
    ("pt_germany", "How many part-time employees do we have in Germany?",
     f"SELECT COUNT(*) AS part_time\nFROM {E} e\nJOIN {CAT}.locations l ON e.loc_id = l.loc_id\n"
     f"WHERE e.emp_typ = 'PT' AND l.ctry_cd = 'DE' AND e.emp_stat IN ('A', 'L') AND e.is_test = false"),
    ("hires_2024", "How many people did we hire in 2024?",
     f"SELECT COUNT(*) AS hires\nFROM {E} e\nWHERE YEAR(e.hire_dt) = 2024 AND e.emp_typ <> 'CTR' AND e.is_test = false"),
    ("leavers_2024", "How many employees left the company in 2024?",
     f"SELECT COUNT(*) AS leavers\nFROM {E} e\nWHERE YEAR(e.term_dt) = 2024 AND e.emp_typ <> 'CTR' AND e.is_test = false"),
    ("voluntary_2024", "How many voluntary leavers did we have in 2024?",
     f"SELECT COUNT(*) AS voluntary_leavers\nFROM {E} e\nWHERE e.term_rsn = 'VOL' AND YEAR(e.term_dt) = 2024 AND e.is_test = false"),
    ("term_reasons", "Break down 2024 terminations by reason.",
     f"SELECT e.term_rsn, COUNT(*) AS terminations\nFROM {E} e\nWHERE YEAR(e.term_dt) = 2024 AND e.emp_typ <> 'CTR' AND e.is_test = false\n"
     "GROUP BY e.term_rsn"),
    ("monthly_hires", "Monthly new hires in 2024",
     f"SELECT DATE_TRUNC('MONTH', e.hire_dt) AS hire_month, COUNT(*) AS hires\nFROM {E} e\n"
     "WHERE YEAR(e.hire_dt) = 2024 AND e.emp_typ <> 'CTR' AND e.is_test = false\nGROUP BY DATE_TRUNC('MONTH', e.hire_dt)"),
    ("hires_q1", "How many people joined in the first quarter of 2025?",
     f"SELECT COUNT(*) AS hires\nFROM {E} e\nWHERE e.hire_dt BETWEEN DATE'2025-01-01' AND DATE'2025-03-31' AND e.emp_typ <> 'CTR' AND e.is_test = false"),
    ("hires_90d", "How many employees were hired in the last 90 days?",
     f"SELECT COUNT(*) AS hires\nFROM {E} e\nWHERE e.hire_dt >= DATE_SUB(CURRENT_DATE(), 90) AND e.emp_typ <> 'CTR' AND e.is_test = false"),
    ("leavers_ytd", "How many people have left so far this year?",
     f"SELECT COUNT(*) AS leavers\nFROM {E} e\nWHERE e.term_dt >= DATE_TRUNC('YEAR', CURRENT_DATE()) AND e.emp_typ <> 'CTR' AND e.is_test = false"),
    ("salary_level", "What is the average base salary in USD by job level?",
     f"SELECT j.job_lvl, AVG(c.base_usd) AS avg_base_usd\nFROM {CAT}.comp_hist c\nJOIN {E} e ON c.emp_id = e.emp_id\n"
     f"JOIN {CAT}.job_codes j ON e.job_cd = j.job_cd\nWHERE c.end_dt IS NULL AND e.is_test = false\nGROUP BY j.job_lvl"),
    ("payroll", "What is our total annual base payroll in USD?",
     f"SELECT SUM(c.base_usd) AS payroll_usd\nFROM {CAT}.comp_hist c\nJOIN {E} e ON c.emp_id = e.emp_id\n"
     "WHERE c.end_dt IS NULL AND e.is_test = false"),
    ("top_paid", "List the 5 highest paid employees with their base salary in USD.",
     f"SELECT e.full_nm, c.base_usd\nFROM {CAT}.comp_hist c\nJOIN {E} e ON c.emp_id = e.emp_id\n"
     "WHERE c.end_dt IS NULL AND e.is_test = false\nORDER BY c.base_usd DESC\nLIMIT 5"),
    ("top_dept_salary", "Which department has the highest average salary?",
     f"SELECT d.dept_nm\nFROM {CAT}.comp_hist c\nJOIN {E} e ON c.emp_id = e.emp_id\nJOIN {CAT}.dept d ON e.dept_cd = d.dept_cd\n"
     "WHERE c.end_dt IS NULL AND e.is_test = false\nGROUP BY d.dept_nm\nORDER BY AVG(c.base_usd) DESC\nLIMIT 1"),
    ("female_pct", "What percentage of our current employees are women?",
     f"SELECT 100.0 * SUM(CASE WHEN e.gndr = 'F' THEN 1 ELSE 0 END) / COUNT(*) AS female_pct\nFROM {E} e\nWHERE {CURRENT}"),
    ("female_dept", "Female share by department",
     f"SELECT d.dept_nm, 100.0 * SUM(CASE WHEN e.gndr = 'F' THEN 1 ELSE 0 END) / COUNT(*) AS female_pct\nFROM {E} e\n"
     f"JOIN {CAT}.dept d ON e.dept_cd = d.dept_cd\nWHERE {CURRENT}\nGROUP BY d.dept_nm"),
    ("tenure", "What is the average tenure in years of our current employees?",
     f"SELECT AVG(DATEDIFF(CURRENT_DATE(), e.hire_dt) / 365.25) AS avg_tenure_years\nFROM {E} e\nWHERE {CURRENT}"),
    ("top_manager", "Which manager has the most direct reports?",
     f"SELECT m.full_nm\nFROM {E} e\nJOIN {E} m ON e.mgr_id = m.emp_id\nWHERE {CURRENT}\nGROUP BY m.emp_id, m.full_nm\n"
     "ORDER BY COUNT(*) DESC\nLIMIT 1"),
    ("sick_2024", "How many sick days were taken in 2024?",
     f"SELECT SUM(a.days) AS sick_days\nFROM {CAT}.absences a\nWHERE a.abs_typ = 'SICK' AND a.apprv_stat = 'APPR' AND YEAR(a.start_dt) = 2024"),
    ("vacation_dept", "Total vacation days taken per department in 2024",
     f"SELECT d.dept_nm, SUM(a.days) AS vacation_days\nFROM {CAT}.absences a\nJOIN {E} e ON a.emp_id = e.emp_id\n"
     f"JOIN {CAT}.dept d ON e.dept_cd = d.dept_cd\nWHERE a.abs_typ = 'VAC' AND a.apprv_stat = 'APPR' AND YEAR(a.start_dt) = 2024\n"
     "GROUP BY d.dept_nm"),
    ("pending", "How many absence requests are waiting for approval?",
     f"SELECT COUNT(*) AS pending_requests\nFROM {CAT}.absences a\nWHERE a.apprv_stat = 'PEND'"),
    ("top_sick", "Which 3 employees took the most sick days in 2024?",
     f"SELECT e.full_nm\nFROM {CAT}.absences a\nJOIN {E} e ON a.emp_id = e.emp_id\n"
     "WHERE a.abs_typ = 'SICK' AND a.apprv_stat = 'APPR' AND YEAR(a.start_dt) = 2024\nGROUP BY e.emp_id, e.full_nm\n"
     "ORDER BY SUM(a.days) DESC\nLIMIT 3"),
    ("never_sick", "Which current Finance employees have never taken a sick day?",
     f"SELECT e.full_nm\nFROM {E} e\nJOIN {CAT}.dept d ON e.dept_cd = d.dept_cd\nWHERE d.dept_nm = 'Finance' AND {CURRENT}\n"
     f"  AND NOT EXISTS (SELECT 1 FROM {CAT}.absences a WHERE a.emp_id = e.emp_id AND a.abs_typ = 'SICK' AND a.apprv_stat = 'APPR')"),
    ("open_reqs", "How many job requisitions are open?",
     f"SELECT COUNT(*) AS open_reqs\nFROM {CAT}.reqs r\nWHERE r.req_stat = 'OPEN'"),
    ("open_p1", "How many high-priority requisitions are still open?",
     f"SELECT COUNT(*) AS open_reqs\nFROM {CAT}.reqs r\nWHERE r.prio = 'P1' AND r.req_stat = 'OPEN'"),
    ("ttf_2024", "What was the average time to fill, in days, for requisitions filled in 2024?",
     f"SELECT AVG(DATEDIFF(r.fill_dt, r.open_dt)) AS avg_days_to_fill\nFROM {CAT}.reqs r\n"
     "WHERE r.req_stat = 'FILLED' AND YEAR(r.fill_dt) = 2024"),
    ("ttf_dept", "Average time to fill by department",
     f"SELECT d.dept_nm, AVG(DATEDIFF(r.fill_dt, r.open_dt)) AS avg_days_to_fill\nFROM {CAT}.reqs r\n"
     f"JOIN {CAT}.dept d ON r.dept_cd = d.dept_cd\nWHERE r.req_stat = 'FILLED'\nGROUP BY d.dept_nm"),
    ("depts_open", "Which departments have more than 5 open requisitions?",
     f"SELECT d.dept_nm\nFROM {CAT}.reqs r\nJOIN {CAT}.dept d ON r.dept_cd = d.dept_cd\nWHERE r.req_stat = 'OPEN'\n"
     "GROUP BY d.dept_nm\nHAVING COUNT(*) > 5"),
    ("reqs_6m", "How many requisitions were opened in the last 6 months?",
     f"SELECT COUNT(*) AS opened\nFROM {CAT}.reqs r\nWHERE r.open_dt >= DATEADD(MONTH, -6, CURRENT_DATE())"),
    ("headcount_country", "Headcount by country",
     f"SELECT l.ctry_cd, COUNT(*) AS headcount\nFROM {E} e\nJOIN {CAT}.locations l ON e.loc_id = l.loc_id\nWHERE {CURRENT}\n"
     "GROUP BY l.ctry_cd"),
    ("emea", "How many employees do we have in EMEA?",
     f"SELECT COUNT(*) AS headcount\nFROM {E} e\nJOIN {CAT}.locations l ON e.loc_id = l.loc_id\nWHERE l.rgn = 'EMEA' AND {CURRENT}"),
    ("non_exempt_cs", "How many non-exempt employees work in Customer Success?",
     f"SELECT COUNT(*) AS non_exempt\nFROM {E} e\nJOIN {CAT}.job_codes j ON e.job_cd = j.job_cd\nJOIN {CAT}.dept d ON e.dept_cd = d.dept_cd\n"
     f"WHERE j.flsa = 'N' AND d.dept_nm = 'Customer Success' AND {CURRENT}"),
    ("salary_level_gender", "Average current salary by job level and gender",
     f"SELECT j.job_lvl, e.gndr, AVG(c.base_usd) AS avg_base_usd\nFROM {CAT}.comp_hist c\nJOIN {E} e ON c.emp_id = e.emp_id\n"
     f"JOIN {CAT}.job_codes j ON e.job_cd = j.job_cd\nWHERE c.end_dt IS NULL AND e.is_test = false\nGROUP BY j.job_lvl, e.gndr"),
    ("voluntary_share", "What share of the people who left in 2024 left voluntarily?",
     f"SELECT 100.0 * SUM(CASE WHEN e.term_rsn = 'VOL' THEN 1 ELSE 0 END) / COUNT(*) AS voluntary_pct\nFROM {E} e\n"
     "WHERE YEAR(e.term_dt) = 2024 AND e.emp_typ <> 'CTR' AND e.is_test = false"),
    ("sales_titles", "Which job titles are in the Sales job family?",
     f"SELECT j.job_title\nFROM {CAT}.job_codes j\nWHERE j.job_family = 'Sales'"),
]

REWORDED = {
    "headcount": "How many employees do we have at the moment?",
    "contractors": "What's the number of contractors we currently have?",
    "headcount_dept": "Give me the number of current staff in each department.",
    "on_leave": "What is the count of staff currently on leave?",
    "pt_germany": "Count of our part-time staff based in Germany",
    "hires_2024": "What was the number of new hires during 2024?",
    "leavers_2024": "Number of staff who left during 2024?",
    "voluntary_2024": "Count the voluntary departures in 2024.",
    "term_reasons": "Number of 2024 terminations per termination reason",
    "monthly_hires": "How many people were hired each month of 2024?",
    "hires_q1": "Number of hires in Q1 2025",
    "hires_90d": "How many new hires have we had over the past 90 days?",
    "leavers_ytd": "Year to date, how many employees have left?",
    "salary_level": "Mean base pay in USD for each job level",
    "payroll": "What does our annual base payroll add up to in USD?",
    "top_paid": "Show the top 5 earners and their USD base salary.",
    "top_dept_salary": "Which department pays the most on average?",
    "female_pct": "What is the share of women among current staff?",
    "female_dept": "Percentage of women in each department",
    "tenure": "On average, how many years have our current employees been with us?",
    "top_manager": "Who is the manager with the largest number of direct reports?",
    "sick_2024": "Total sick leave days in 2024?",
    "vacation_dept": "How many vacation days did each department take in 2024?",
    "pending": "Number of absence requests pending approval",
    "top_sick": "Who were the 3 employees with the most sick days in 2024?",
    "never_sick": "List current employees in Finance with no sick days at all.",
    "open_reqs": "What's the number of open requisitions?",
    "open_p1": "Count of open P1 priority requisitions",
    "ttf_2024": "For requisitions filled during 2024, how many days did they take to fill on average?",
    "ttf_dept": "Mean days to fill a requisition, per department",
    "depts_open": "List the departments with over 5 open requisitions.",
    "reqs_6m": "Number of requisitions opened over the past 6 months",
    "headcount_country": "How many current employees are there in each country?",
    "emea": "What is our EMEA headcount?",
    "non_exempt_cs": "Count of non-exempt staff in the Customer Success department",
    "salary_level_gender": "Mean current base pay per job level and per gender",
    "voluntary_share": "Of the 2024 leavers, what percentage left voluntarily?",
    "sales_titles": "List the job titles of the Sales job family.",
}


def spaces(by_key_benchmarks):
    cfg = Ids("01f0c7a000010000")
    ins = Ids("01f0c7a000030000")
    bare = {
        "version": 2,
        "config": {"sample_questions": [
            {"id": cfg.next(), "question": ["How many employees do we have?"]},
            {"id": cfg.next(), "question": ["Show hires by month"]},
        ]},
        "data_sources": {"tables": [
            table(CAT, "absences", "Absence requests from the time-off tool"),
            table(CAT, "comp_hist", columns={"base_amt": {"description": ["Annual base salary in local currency"]}}),
            table(CAT, "dept", "Department master"),
            table(CAT, "employees", "Employee master data (daily extract from Workday)", {
                "emp_stat": {"description": ["Employment status"]},
                "hire_dt": {"description": ["Original hire date"]},
                "mgr_id": {"description": ["emp_id of the manager"]},
            }),
            table(CAT, "job_codes"),
            table(CAT, "locations", "Office locations", {"ctry_cd": {"description": ["ISO country code"]}}),
            table(CAT, "reqs"),
        ]},
        "instructions": {
            "text_instructions": [{"id": ins.next(), "content": [
                "This space is for HR business partners.\n",
                "Numbers should match the monthly People dashboard.\n"]}],
            "join_specs": [join(ins, CAT, "employees", "employees", "dept", "dept", "`employees`.`dept_cd` = `dept`.`dept_cd`")],
        },
        "benchmarks": {"questions": by_key_benchmarks},
    }
    ideal = sort_space(bare)

    t = tables_by_name(ideal)

    def col(tbl, name, description=None, synonyms=(), entity=False, exclude=False):
        column(t[tbl], name, description, synonyms, entity, exclude)

    t["comp_hist"]["description"] = ["Salary history: one row per salary change. The current salary is the row with end_dt NULL."]
    t["job_codes"]["description"] = ["Job catalogue: title, job family, level and FLSA class of each job code"]
    t["reqs"]["description"] = ["Job requisitions (open positions) from the applicant tracking system"]
    t["employees"]["description"] = ["Employee master data (daily extract from Workday): one row per person, including leavers and contractors"]
    col("employees", "emp_stat", "Employment status: A = active, L = on leave, T = terminated. Current employees are A and L.")
    col("employees", "emp_typ", "Employment type: FT = full-time, PT = part-time, CTR = contractor (not an employee)")
    col("employees", "term_rsn", "Termination reason: VOL = voluntary (resignation), INV = involuntary, RET = retirement, EOC = end of contract",
        ["termination reason", "reason"])
    col("employees", "term_dt", "Termination date: the day the person left the company", ["termination date"])
    col("employees", "hire_dt", "Original hire date: the day the person joined", ["hire date", "hired", "joined"])
    col("employees", "gndr", "Gender: F = female, M = male, U = undisclosed", ["gender"])
    col("employees", "full_nm", "Full name", ["employee name", "name"])
    col("employees", "is_test", "true on test and integration records created by the HRIS team")
    col("comp_hist", "base_usd", "Annual base salary converted to USD", ["salary", "base salary", "base pay", "pay", "payroll"])
    col("comp_hist", "base_amt", exclude=True)  # local currency: never summed or compared across countries
    col("comp_hist", "end_dt", "Last day this salary was valid; NULL while it is still valid")
    col("absences", "abs_typ", "Absence type: SICK = sick leave, VAC = vacation, PAR = parental leave, UNP = unpaid leave")
    col("absences", "apprv_stat", "Approval status: APPR = approved, PEND = pending approval, REJ = rejected")
    col("absences", "days", "Length of the absence in days", ["absence days"])
    col("absences", "start_dt", "First day of the absence")
    col("reqs", "req_stat", "Status: OPEN, FILLED, HOLD = on hold, CXL = cancelled")
    col("reqs", "prio", "Priority: P1 = high, P2 = medium, P3 = low")
    col("reqs", "open_dt", "Date the position was opened")
    col("reqs", "fill_dt", "Date the position was filled (offer accepted)")
    col("job_codes", "job_lvl", "Job level: P1-P4 individual contributors, M1-M3 managers", ["job level", "level"])
    col("job_codes", "flsa", "FLSA class: E = exempt, N = non-exempt")
    col("job_codes", "job_family", "Job family: Engineering, Product, Sales, Marketing, Customer Success, Finance, People, Operations, Management")
    col("job_codes", "job_title", synonyms=["job title", "title"])
    col("dept", "dept_nm", "Department name", ["department"], entity=True)
    col("locations", "ctry_cd", "ISO country code: US, DE (Germany), GB (United Kingdom), IN (India), BR (Brazil)", ["country"])
    col("locations", "rgn", "Region: AMER, EMEA or APAC", ["region"], entity=True)
    i = ideal["instructions"]
    i["text_instructions"][0]["content"] += [
        "Contractors (emp_typ CTR) are not employees: leave them out of headcount, hires and leavers unless the question is about contractors.\n",
        "Always apply employees.emp_typ <> 'CTR'.\n",
        "Always apply employees.is_test = false.\n",
        "Always apply comp_hist.end_dt IS NULL.\n",
        "Always apply absences.apprv_stat = 'APPR'.\n",
        "Headcount counts current employees only: employees.emp_stat IN ('A', 'L').\n",
        "For \"headcount\", always apply employees.emp_stat IN ('A', 'L').\n",
        "For \"female share\", always apply employees.emp_stat IN ('A', 'L').\n",
        "Use employees.hire_dt as the default date for employees.\n",
        "Use absences.start_dt as the default date for absences.\n",
        "Use reqs.open_dt as the default date for reqs.\n",
        "Questions about people who left use employees.term_dt; questions about filled requisitions use reqs.fill_dt.\n",
        "Use employees.term_dt as the date for \"left\".\n",
        "Use employees.term_dt as the date for \"leavers\".\n",
        "Use employees.term_dt as the date for \"terminations\".\n",
        "Use reqs.fill_dt as the date for \"filled\".\n",
        "\"Germany\" means locations.ctry_cd = 'DE'.\n",
    ]
    i["join_specs"] += [
        join(ins, CAT, "employees", "employees", "locations", "locations", "`employees`.`loc_id` = `locations`.`loc_id`"),
        join(ins, CAT, "employees", "employees", "job_codes", "job_codes", "`employees`.`job_cd` = `job_codes`.`job_cd`"),
        join(ins, CAT, "comp_hist", "comp_hist", "employees", "employees", "`comp_hist`.`emp_id` = `employees`.`emp_id`"),
        join(ins, CAT, "absences", "absences", "employees", "employees", "`absences`.`emp_id` = `employees`.`emp_id`"),
        join(ins, CAT, "reqs", "reqs", "dept", "dept", "`reqs`.`dept_cd` = `dept`.`dept_cd`"),
        join(ins, CAT, "reqs", "reqs", "job_codes", "job_codes", "`reqs`.`job_cd` = `job_codes`.`job_cd`"),
        join(ins, CAT, "reqs", "reqs", "locations", "locations", "`reqs`.`loc_id` = `locations`.`loc_id`"),
    ]
    i["example_question_sqls"] = [{
        "id": ins.next(), "question": ["How many direct reports does each manager have?"],
        "sql": lines(f"SELECT m.full_nm AS manager, COUNT(*) AS direct_reports\nFROM {E} e\nJOIN {E} m ON e.mgr_id = m.emp_id\n"
                     f"WHERE {CURRENT}\nGROUP BY m.emp_id, m.full_nm")}]
    i["sql_snippets"] = {
        "filters": [
            snippet(ins, "employees.emp_stat IN ('A', 'L')", "current employees", synonyms=["current", "currently", "right now"]),
            snippet(ins, "employees.emp_stat = 'L'", "employees on leave", synonyms=["people on leave"]),
            snippet(ins, "employees.emp_typ = 'PT'", "part-time"),
            snippet(ins, "employees.emp_typ = 'CTR'", "contractors", synonyms=["contractor"]),
            snippet(ins, "employees.term_rsn = 'VOL'", "voluntary leavers", synonyms=["voluntary", "resignations"]),
            snippet(ins, "employees.gndr = 'F'", "women", synonyms=["female"]),
            snippet(ins, "job_codes.flsa = 'N'", "non-exempt", synonyms=["non exempt"]),
            snippet(ins, "absences.abs_typ = 'SICK'", "sick leave", synonyms=["sick"]),
            snippet(ins, "absences.abs_typ = 'VAC'", "vacation"),
            snippet(ins, "absences.apprv_stat = 'PEND'", "waiting for approval", synonyms=["pending approval", "pending"]),
            snippet(ins, "reqs.req_stat = 'OPEN'", "open requisitions", synonyms=["open reqs", "open"]),
            snippet(ins, "reqs.req_stat = 'FILLED'", "filled requisitions", synonyms=["filled"]),
            snippet(ins, "reqs.prio = 'P1'", "high-priority", synonyms=["high priority"]),
        ],
        "expressions": [],
        "measures": [
            snippet(ins, "COUNT(DISTINCT employees.emp_id)", "headcount", "headcount"),
            snippet(ins, "COUNT(DISTINCT employees.emp_id)", "new hires", "hires", ["hires"]),
            snippet(ins, "100.0 * SUM(CASE WHEN employees.gndr = 'F' THEN 1 ELSE 0 END) / COUNT(*)", "female share", "female_pct",
                    ["percentage of women", "share of women"]),
            snippet(ins, "100.0 * SUM(CASE WHEN employees.term_rsn = 'VOL' THEN 1 ELSE 0 END) / COUNT(*)", "voluntary share", "voluntary_pct",
                    ["share of leavers who left voluntarily"]),
            snippet(ins, "AVG(DATEDIFF(CURRENT_DATE(), employees.hire_dt) / 365.25)", "average tenure", "avg_tenure_years", ["tenure"]),
            snippet(ins, "AVG(DATEDIFF(reqs.fill_dt, reqs.open_dt))", "time to fill", "avg_days_to_fill", ["days to fill"]),
        ],
    }
    return bare, sort_space(ideal)


def main():
    write_scenario(DIR, CAT, range(11, 500), generate, tables, HEADERS, TIE_CHECKS, QUESTIONS, REWORDED, spaces,
                   Ids("01f0c7a000020000"))


if __name__ == "__main__":
    main()
