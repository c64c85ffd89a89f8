"""Shared helpers for the scenario generators (generate_hr_data.py, generate_logistics_data.py).

Writes the CSV data, the space.json / ideal.json (serialized_space version 2, sorted as the server
requires) and reworded.json of a scenario, and checks the data for ties with an in-memory SQLite copy.
Not needed at run time: the generated files are committed.
"""
import copy
import datetime as dt
import csv
import json
import os
import sqlite3


class Ids:
    """32-hex ids in ascending order: a fixed 16-hex prefix per scenario and kind, then a counter."""

    def __init__(self, prefix):
        assert len(prefix) == 16
        self.prefix = prefix
        self.n = 0

    def next(self):
        self.n += 1
        return f"{self.prefix}{self.n:016x}"


def lines(text):
    """A JSON string array as the API carries multi-line text: every line but the last ends with a newline."""
    parts = text.strip("\n").split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def write_csv(out_dir, identifier, header, rows):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, f"{identifier}.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in r])


def sqlite_copy(tables):
    """tables: {name: (header, rows)} -> an in-memory SQLite database for tie checks."""
    db = sqlite3.connect(":memory:")
    for name, (header, rows) in tables.items():
        db.execute(f"CREATE TABLE {name} ({', '.join(header)})")
        db.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' for _ in header)})",
                       [[(1 if v is True else 0 if v is False else v) for v in r] for r in rows])
    return db


def assert_no_tie(db, sql, n, what):
    """sql orders by the ranked value (second column); the n-th and (n+1)-th values must differ."""
    rows = db.execute(sql).fetchall()
    assert len(rows) >= n, f"{what}: only {len(rows)} rows"
    if len(rows) > n:
        assert rows[n - 1][1] != rows[n][1], f"{what}: tie at rank {n}: {rows[n - 1]} / {rows[n]}"


def sort_space(space):
    s = copy.deepcopy(space)
    tables = s.get("data_sources", {}).get("tables", [])
    for t in tables:
        if "column_configs" in t:
            t["column_configs"].sort(key=lambda c: c["column_name"])
    tables.sort(key=lambda t: t["identifier"])
    ins = s.get("instructions", {})
    for key in ("text_instructions", "example_question_sqls", "join_specs"):
        if key in ins:
            ins[key].sort(key=lambda x: x["id"])
    for kind in ("filters", "expressions", "measures"):
        if kind in ins.get("sql_snippets", {}):
            ins["sql_snippets"][kind].sort(key=lambda x: x["id"])
    s.get("benchmarks", {}).get("questions", []).sort(key=lambda x: x["id"])
    return s


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False)
        f.write("\n")


def benchmarks(ids, questions):
    """questions: [(key, question, sql)] -> (benchmark objects, {key: id})."""
    out, by_key = [], {}
    for key, question, sql in questions:
        qid = ids.next()
        by_key[key] = qid
        out.append({"id": qid, "question": [question],
                    "answer": [{"format": "SQL", "content": lines(sql)}]})
    return out, by_key


def reworded(by_key, rewordings, questions):
    keys = [k for k, _, _ in questions]
    assert set(rewordings) == set(keys), f"rewordings differ from questions: {set(keys) ^ set(rewordings)}"
    originals = {k: q for k, q, _ in questions}
    for k, text in rewordings.items():
        assert text.strip().lower() != originals[k].strip().lower(), f"{k} is not reworded"
    return {by_key[k]: rewordings[k] for k in keys}


def table(cat, name, description=None, columns=None):
    t = {"identifier": f"{cat}.{name}"}
    if description:
        t["description"] = [description]
    if columns:
        t["column_configs"] = [dict(column_name=c, **spec) for c, spec in columns.items()]
    return t


def tables_by_name(space):
    return {x["identifier"].split(".")[-1]: x for x in space["data_sources"]["tables"]}


def column(tbl, name, description=None, synonyms=(), entity=False, exclude=False):
    """Adds to (or creates) a column config of a table object."""
    cc = tbl.setdefault("column_configs", [])
    c = next((x for x in cc if x["column_name"] == name), None)
    if c is None:
        c = {"column_name": name}
        cc.append(c)
    if description:
        c["description"] = [description]
    if synonyms:
        c["synonyms"] = list(synonyms)
    if exclude:
        c["exclude"] = True
    if entity:
        c["enable_format_assistance"] = True
        c["enable_entity_matching"] = True


def join(ids, cat, left, la, right, ra, cond, rel="MANY_TO_ONE"):
    return {"id": ids.next(), "left": {"identifier": f"{cat}.{left}", "alias": la},
            "right": {"identifier": f"{cat}.{right}", "alias": ra},
            "sql": [cond, f"--rt=FROM_RELATIONSHIP_TYPE_{rel}--"]}


def snippet(ids, sql, display_name, alias=None, synonyms=()):
    s = {"id": ids.next()}
    if alias:
        s["alias"] = alias
    s["display_name"] = display_name
    s["sql"] = [sql]
    if synonyms:
        s["synonyms"] = list(synonyms)
    return s


def write_scenario(out_dir, cat, seeds, generate, tables, headers, tie_checks, questions, rewordings, spaces, benchmark_ids):
    """Picks the first seed whose data has no ties, then writes data/, space.json, ideal.json and reworded.json.

    generate(seed) -> data; tables(data) -> {table: rows}; spaces(benchmarks) -> (bare, ideal)."""
    def rows_of(rows):
        return [[v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v for v in r] for r in rows]

    for seed in seeds:
        data = generate(seed)
        db = sqlite_copy({k: (headers[k], rows_of(rows)) for k, rows in tables(data).items()})
        try:
            for sql, n in tie_checks:
                assert_no_tie(db, sql, n, sql[:60])
            break
        except AssertionError:
            continue
    else:
        raise SystemExit("no seed without ties")
    for name, rows in tables(data).items():
        write_csv(os.path.join(out_dir, "data"), f"{cat}.{name}", headers[name], rows_of(rows))
    bench, by_key = benchmarks(benchmark_ids, questions)
    bare, ideal = spaces(bench)
    write_json(os.path.join(out_dir, "space.json"), sort_space(bare))
    write_json(os.path.join(out_dir, "ideal.json"), sort_space(ideal))
    write_json(os.path.join(out_dir, "reworded.json"), reworded(by_key, rewordings, questions))
    print(f"seed {seed}: " + ", ".join(f"{len(rows)} {name}" for name, rows in tables(data).items())
          + f"; {len(questions)} benchmarks")
