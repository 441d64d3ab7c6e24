#!/usr/bin/env python3
"""Writes a PostgreSQL schema of N tables (default 300) for the import benchmark: ten to
twenty columns of varied types each, a primary key, a unique email on some, and foreign
keys to earlier tables, like a real application's database. Deterministic."""
import sys

TYPES = ["bigint", "integer", "smallint", "varchar(64)", "text", "numeric(18,2)", "boolean",
         "timestamptz", "date", "uuid", "jsonb", "double precision", "char(3)", "timestamp(6)"]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    out = []
    for t in range(n):
        cols = [f"  id bigint PRIMARY KEY"]
        for c in range(10 + t % 11):
            ty = TYPES[(t * 7 + c * 3) % len(TYPES)]
            null = " NOT NULL" if (t + c) % 3 == 0 else ""
            cols.append(f"  col_{c} {ty}{null}")
        if t % 4 == 0:
            cols.append("  email varchar(320) NOT NULL UNIQUE")
        for r in range(min(t, 2)):
            cols.append(f"  ref_{r}_id bigint REFERENCES table_{(t * 13 + r) % t:04d} (id)")
        cols.append("  created_at timestamptz NOT NULL DEFAULT now()")
        out.append(f"CREATE TABLE table_{t:04d} (\n" + ",\n".join(cols) + "\n);\n")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
