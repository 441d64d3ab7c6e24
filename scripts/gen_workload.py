#!/usr/bin/env python3
"""Writes a realistic truthline project of N contracts (declarations), deterministically.

Each group is an event of 12 fields, its raw landing table, a curated table, a metric,
an expectation set and a consumer (6 contracts), spread over namespaces and files like a
real monorepo, with cross references between groups. `--changed` writes the same
project with about 10% of the groups changed incompatibly and 10% compatibly, for
`truthline breaking`. `--marts` adds to each group a mart built by a `transform` query (a
CTE, an aggregate, and a join with an earlier group's curated table), for the column
lineage benchmark (7 contracts a group). `--events-only` writes N events and nothing else (besides the teams
and systems they name), as in issue 4's benchmark of 10,000 events against 10,000.

    scripts/gen_workload.py 10000 /tmp/w10k
    scripts/gen_workload.py 10000 /tmp/w10k-changed --changed
    scripts/gen_workload.py 10000 /tmp/e10k --events-only
"""
import argparse
import os
import random

GROUPS_PER_FILE = 20
NAMESPACES = 10
FIELD_TYPES = ["string", "long", "int", "double", "bool", "timestamp", "date", "uuid", "decimal(18,2)", "std.currency_code"]


def change_kind(changed, rnd):
    """None, "breaking" or "compatible": about 10% each in the changed copy."""
    if not changed:
        return None
    r = rnd.random()
    return "breaking" if r < 0.10 else "compatible" if r < 0.20 else None


def fields_of(i, kind):
    """The event's fields as (name, type); a breaking change alters one type or drops one field."""
    fields = [("event_id", "uuid"), ("entity_id", "string"), ("amount", "std.money"), ("occurred_at", "timestamp")]
    for k in range(8):
        fields.append((f"attr_{k}", FIELD_TYPES[(i + k) % len(FIELD_TYPES)]))
    if kind == "breaking":
        # A type change or a removed field: both break a backward reader.
        if i % 2:
            fields[5] = (fields[5][0], "bytes" if fields[5][1] != "bytes" else "int")
        else:
            del fields[-1]
    return fields


def group(i, changed, rnd, events_only=False, marts=False):
    ns_i = i % NAMESPACES
    kind = change_kind(changed, rnd)
    fields = fields_of(i, kind)
    extra = "    note_{0}  string?\n".format(i) if kind == "compatible" else ""
    ref = (i * 7 + 3) % max(i, 1)  # an earlier group this one's expectation refers to
    w = max(len(n) for n, _ in fields)
    field_lines = "".join(f"    {n.ljust(w)}  {t}\n" for n, t in fields)
    event = f"""/// Group {i}: something that happened to entity {i}.
event e{i} v1 {{
  owner team{ns_i}
  from svc{ns_i}
  compatibility backward
  key entity_id
  delivery at_least_once
  dedupe event_id
  event_time occurred_at
  lateness 2d
  fields {{
{field_lines}{extra}  }}
}}
"""
    if events_only:
        return event
    return event + f"""
table raw_e{i} {{
  layer raw
  store warehouse{ns_i}
  owner team{ns_i}
  source event e{i} v1
  include std.raw_metadata
  partition by day(occurred_at)
  retention 400d
  write append
}}

table cur_e{i} {{
  layer curated
  store warehouse{ns_i}
  owner team{ns_i}
  source tables raw_e{i}
  columns {{
    event_id     uuid
    entity_id    string
    amount       std.money
    occurred_at  timestamp
    ingested_at  timestamp
  }}
  grain event_id
  key event_id
  dedupe on event_id keep latest by ingested_at
  lateness 2d
}}

expect cur_e{i} {{
  unique event_id
  not_null event_id, amount
  freshness occurred_at within 6h
  references entity_id -> ns{ref % NAMESPACES}.cur_e{ref}.entity_id severity warning
}}

metric m{i} v1 {{
  owner team{ns_i}
  intent "Total amount of group {i}"
  from cur_e{i}
  measure sum(amount)
  where amount > 0
  time occurred_at grain day timezone "UTC" lateness 2d
  unit count
}}

consumer dash{i} {{
  owner team{ns_i}
  kind dashboard
  uses metric m{i} v1
}}
""" + (mart(i, ns_i) if marts else "")


def mart(i, ns_i):
    """A mart over this group's curated table, joined with the same namespace's previous group."""
    j = i - NAMESPACES
    sources = f"cur_e{i}, cur_e{j}" if j >= 0 else f"cur_e{i}"
    join = f"\n    LEFT JOIN cur_e{j} AS p ON p.entity_id = r.entity_id" if j >= 0 else ""
    peers = "count(p.event_id)" if j >= 0 else "0"
    return f"""
table mart_e{i} {{
  layer mart
  store warehouse{ns_i}
  owner team{ns_i}
  source tables {sources}
  grain entity_id
  key entity_id
  transform \"\"\"
    WITH recent AS (SELECT entity_id, amount, occurred_at FROM cur_e{i} WHERE amount > 0)
    SELECT r.entity_id, sum(r.amount) AS total, max(r.occurred_at) AS last_at, {peers} AS peers
    FROM recent AS r{join}
    GROUP BY r.entity_id
  \"\"\"
  columns {{
    entity_id  string
    total      std.money
    last_at    timestamp
    peers      long
  }}
}}

consumer mart_reader{i} {{
  owner team{ns_i}
  kind export
  uses table mart_e{i} (entity_id, total)
}}
"""


def shared(ns_i):
    return f"""/// Team {ns_i}.
team team{ns_i} {{ contact "#team{ns_i}" }}

system svc{ns_i} {{
  domain operational
  engine postgres
  owner team{ns_i}
  read via events, cdc
  tables entities
}}

system warehouse{ns_i} {{ domain analytical engine duckdb owner team{ns_i} }}

concept entity{ns_i} {{
  authority svc{ns_i}.entities
  identifier entity_id
  time occurred_at as event
}}
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("contracts", type=int, help="number of declarations to write (about)")
    ap.add_argument("out")
    ap.add_argument("--changed", action="store_true", help="write the changed copy")
    ap.add_argument("--events-only", action="store_true", help="write N events and no other contracts")
    ap.add_argument("--marts", action="store_true", help="add a mart with a transform query and its reader to each group")
    a = ap.parse_args()
    groups = max(1, a.contracts if a.events_only else a.contracts // (8 if a.marts else 6))
    rnd = random.Random(42)
    os.makedirs(a.out, exist_ok=True)
    for ns_i in range(min(NAMESPACES, groups)):
        with open(os.path.join(a.out, f"ns{ns_i}_shared.truth"), "w") as f:
            f.write(f"namespace ns{ns_i}\n\n" + shared(ns_i))
    files = {}
    for i in range(groups):
        files.setdefault(((i % NAMESPACES), i // (GROUPS_PER_FILE * NAMESPACES)), []).append(group(i, a.changed, rnd, a.events_only, a.marts))
    for (ns_i, k), parts in sorted(files.items()):
        with open(os.path.join(a.out, f"ns{ns_i}_part{k:04}.truth"), "w") as f:
            f.write(f"namespace ns{ns_i}\n\n" + "\n".join(parts))


if __name__ == "__main__":
    main()
