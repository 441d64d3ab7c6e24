#!/usr/bin/env python3
"""Writes the inputs the tools users would pick instead of truthline read, equivalent to
`gen_workload.py N` (same groups, same fields, same changes with --changed):

- `datacontract/ns<k>.yaml`: Open Data Contract Standard v3 documents for the
  `datacontract` CLI, one per namespace (the event and its tables as schema objects,
  with required flags and quality rules). One file per namespace, not per group, is the
  peer's best case: the CLI reads one contract per process.
- `dbt/`: a dbt project (sources for the events, raw, curated and metric models with
  enforced contracts, column tests, exposures for the consumers) for `dbt parse` and
  `dbt docs generate` with the duckdb adapter.
- `proto/`: Protocol Buffers messages for the events, for `buf breaking`. buf checks
  event schemas only; tables, metrics and consumers have no protobuf equivalent.

    scripts/gen_peers.py 10000 /tmp/p10k
    scripts/gen_peers.py 10000 /tmp/p10k-changed --changed
"""
import argparse
import os
import random

from gen_workload import GROUPS_PER_FILE, NAMESPACES, change_kind, fields_of

ODCS_TYPES = {
    "string": "string", "long": "integer", "int": "integer", "double": "number", "bool": "boolean",
    "timestamp": "timestamp", "date": "date", "uuid": "string", "decimal(18,2)": "number",
    "std.currency_code": "string", "std.money": "number", "bytes": "string",
}
SQL_TYPES = {
    "string": "varchar", "long": "bigint", "int": "integer", "double": "double", "bool": "boolean",
    "timestamp": "timestamp", "date": "date", "uuid": "uuid", "decimal(18,2)": "decimal(18,2)",
    "std.currency_code": "varchar", "std.money": "decimal(18,2)", "bytes": "blob",
}
PROTO_TYPES = {
    "string": "string", "long": "int64", "int": "int32", "double": "double", "bool": "bool",
    "timestamp": "google.protobuf.Timestamp", "date": "string", "uuid": "string",
    "decimal(18,2)": "string", "std.currency_code": "string", "std.money": "string", "bytes": "bytes",
}
CURATED = [("event_id", "uuid"), ("entity_id", "string"), ("amount", "std.money"),
           ("occurred_at", "timestamp"), ("ingested_at", "timestamp")]


def groups_of(n, changed):
    rnd = random.Random(42)
    out = []
    for i in range(max(1, n // 6)):
        kind = change_kind(changed, rnd)
        fields = list(fields_of(i, kind))
        if kind == "compatible":
            fields.append((f"note_{i}", "string?"))
        out.append((i, fields))
    return out


def odcs_property(name, ty, indent):
    optional = ty.endswith("?")
    ty = ty.rstrip("?")
    pad = " " * indent
    return (f"{pad}- name: {name}\n{pad}  logicalType: {ODCS_TYPES.get(ty, 'string')}\n"
            f"{pad}  physicalType: {SQL_TYPES.get(ty, 'varchar')}\n{pad}  required: {str(not optional).lower()}\n")


def write_datacontract(out, groups):
    os.makedirs(out, exist_ok=True)
    for ns in range(min(NAMESPACES, len(groups))):
        parts = [f"apiVersion: v3.1.0\nkind: DataContract\nid: ns{ns}\nname: Namespace {ns}\n"
                 f"version: 1.0.0\nstatus: active\ndescription:\n  purpose: Events and tables of team {ns}.\n"
                 f"team:\n  name: team{ns}\nschema:\n"]
        for i, fields in groups:
            if i % NAMESPACES != ns:
                continue
            parts.append(f"  - name: e{i}\n    physicalType: topic\n    description: 'Group {i}: something that happened to entity {i}.'\n    properties:\n")
            parts.extend(odcs_property(n, t, 6) for n, t in fields)
            parts.append(f"  - name: cur_e{i}\n    physicalType: table\n    properties:\n")
            parts.extend(odcs_property(n, t, 6) for n, t in CURATED)
            parts.append("    quality:\n      - type: sql\n        description: event_id is unique\n"
                         f"        query: SELECT COUNT(*) - COUNT(DISTINCT event_id) FROM cur_e{i}\n"
                         "        mustBe: 0\n")
        with open(os.path.join(out, f"ns{ns}.yaml"), "w") as f:
            f.write("".join(parts))


def write_dbt(out, groups):
    os.makedirs(os.path.join(out, "models"), exist_ok=True)
    with open(os.path.join(out, "dbt_project.yml"), "w") as f:
        f.write("name: workload\nversion: '1.0.0'\nconfig-version: 2\nprofile: workload\n"
                "model-paths: [models]\n")
    with open(os.path.join(out, "profiles.yml"), "w") as f:
        f.write("workload:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: workload.duckdb\n")
    for ns in range(min(NAMESPACES, len(groups))):
        d = os.path.join(out, "models", f"ns{ns}")
        os.makedirs(d, exist_ok=True)
        yml = [f"version: 2\nsources:\n  - name: ns{ns}\n    tables:\n"]
        models = ["models:\n"]
        exposures = ["exposures:\n"]
        for i, fields in groups:
            if i % NAMESPACES != ns:
                continue
            yml.append(f"      - name: e{i}\n        description: 'Group {i}: something that happened to entity {i}.'\n        columns:\n")
            yml.extend(f"          - name: {n}\n            data_type: {SQL_TYPES[t.rstrip('?')]}\n" for n, t in fields)
            cols = ", ".join(n for n, _ in fields)
            with open(os.path.join(d, f"raw_e{i}.sql"), "w") as f:
                f.write(f"select {cols}, current_timestamp as ingested_at from {{{{ source('ns{ns}', 'e{i}') }}}}\n")
            with open(os.path.join(d, f"cur_e{i}.sql"), "w") as f:
                f.write("select event_id, entity_id, amount, occurred_at, ingested_at\n"
                        f"from {{{{ ref('raw_e{i}') }}}}\n"
                        "qualify row_number() over (partition by event_id order by ingested_at desc) = 1\n")
            with open(os.path.join(d, f"m{i}.sql"), "w") as f:
                f.write("select date_trunc('day', occurred_at) as day, sum(amount) as m\n"
                        f"from {{{{ ref('cur_e{i}') }}}} where amount > 0 group by 1\n")
            ref = (i * 7 + 3) % max(i, 1)
            models.append(f"  - name: cur_e{i}\n    config:\n      contract:\n        enforced: true\n    columns:\n")
            for n, t in CURATED:
                models.append(f"      - name: {n}\n        data_type: {SQL_TYPES[t]}\n")
                tests = {"event_id": ["unique", "not_null"], "amount": ["not_null"]}.get(n, [])
                if n == "entity_id":
                    models.append(f"        data_tests:\n          - relationships:\n              arguments:\n"
                                  f"                to: ref('cur_e{ref}')\n                field: entity_id\n"
                                  "              config:\n                severity: warn\n")
                elif tests:
                    models.append("        data_tests: [" + ", ".join(tests) + "]\n")
            models.append(f"  - name: m{i}\n    description: Total amount of group {i}\n")
            exposures.append(f"  - name: dash{i}\n    type: dashboard\n    owner:\n      name: team{ns}\n"
                             f"    depends_on:\n      - ref('m{i}')\n")
        with open(os.path.join(d, "schema.yml"), "w") as f:
            f.write("".join(yml + models + exposures))


def write_proto(out, groups):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "buf.yaml"), "w") as f:
        f.write("version: v2\nbreaking:\n  use:\n    - FILE\n")
    files = {}
    for i, fields in groups:
        files.setdefault((i % NAMESPACES, i // (GROUPS_PER_FILE * NAMESPACES)), []).append((i, fields))
    for (ns, k), part in sorted(files.items()):
        d = os.path.join(out, f"ns{ns}")
        os.makedirs(d, exist_ok=True)
        text = [f'syntax = "proto3";\n\npackage ns{ns};\n\nimport "google/protobuf/timestamp.proto";\n']
        for i, fields in part:
            text.append(f"\n// Group {i}: something that happened to entity {i}.\nmessage E{i} {{\n")
            # Field numbers are stable per name, so a removed field leaves a gap, as it
            # would in a real schema.
            names = [n for n, _ in fields_of(i, None)] + [f"note_{i}"]
            for n, t in fields:
                opt = "optional " if t.endswith("?") else ""
                text.append(f"  {opt}{PROTO_TYPES[t.rstrip('?')]} {n} = {names.index(n) + 1};\n")
            text.append("}\n")
        with open(os.path.join(d, f"part{k:04}.proto"), "w") as f:
            f.write("".join(text))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("contracts", type=int)
    ap.add_argument("out")
    ap.add_argument("--changed", action="store_true")
    a = ap.parse_args()
    groups = groups_of(a.contracts, a.changed)
    write_datacontract(os.path.join(a.out, "datacontract"), groups)
    write_dbt(os.path.join(a.out, "dbt"), groups)
    write_proto(os.path.join(a.out, "proto"), groups)


if __name__ == "__main__":
    main()
