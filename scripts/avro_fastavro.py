#!/usr/bin/env python3
"""Checks the Avro corpus (tests/fixtures/avro-spec/cases.json) against fastavro, an
implementation nobody here wrote: for each case and direction, random data written with
one schema is read with the other.

A read that fails proves the pair incompatible; reads that all succeed only suggest it is
compatible (random data may miss the one symbol or branch that fails). So the script
reports two kinds of disagreement with the corpus:

- "fastavro fails": the corpus says compatible and fastavro could not read some datum.
  Either truthline's corpus is wrong, or fastavro resolves more strictly than the spec.
- "fastavro reads": the corpus says incompatible and every datum read. Either the data
  missed the failing value, or fastavro is more lenient than the spec (docs/breaking.md
  lists the known cases).

Usage: scripts/avro_fastavro.py [SAMPLES]   (installs fastavro in a venv when absent)
"""
import io
import json
import os
import subprocess
import sys

VENV = os.path.expanduser("~/.cache/truthline/venv")
HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "tests", "fixtures", "avro-spec", "cases.json")


def ensure_fastavro():
    try:
        import fastavro  # noqa: F401
        return
    except ImportError:
        pass
    py = os.path.join(VENV, "bin", "python")
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    if subprocess.run([py, "-c", "import fastavro"], capture_output=True).returncode != 0:
        subprocess.run([py, "-m", "pip", "install", "-q", "fastavro"], check=True)
    os.execv(py, [py, *sys.argv])


def parse(schema):
    """A schema as fastavro parses it; a list of named types ending with the record is the
    record, the types before it named for it (the corpus's "schema lists" layout)."""
    from fastavro import parse_schema

    if isinstance(schema, list) and schema and isinstance(schema[-1], dict) and schema[-1].get("type") == "record":
        named = {}
        for s in schema[:-1]:
            parse_schema(s, named_schemas=named)
        return parse_schema(schema[-1], named_schemas=named)
    return parse_schema(schema)


def reads(writer, reader, samples):
    """None when every sample written with `writer` reads with `reader`, else the error."""
    from fastavro import schemaless_reader, schemaless_writer
    from fastavro.utils import generate_many

    w, r = parse(writer), parse(reader)
    # A recursive record may have no finite random datum: such a case is not asked.
    data = list(generate_many(w, samples))
    for datum in data:
        buf = io.BytesIO()
        schemaless_writer(buf, w, datum)
        buf.seek(0)
        try:
            schemaless_reader(buf, w, r)
        except Exception as e:  # any failure to read is the answer
            return f"{type(e).__name__}: {e}"
    return None


def main():
    ensure_fastavro()
    samples = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    cases = json.load(open(CASES))
    fails, lenient, skipped, agreed = [], [], [], 0
    for c in cases:
        for direction, writer, reader, mode in (
            ("new reads old", c["old"], c["new"], "backward"),
            ("old reads new", c["new"], c["old"], "forward"),
        ):
            expected = c["verdicts"][mode] == "compatible"
            try:
                err = reads(writer, reader, samples)
            except RecursionError:
                skipped.append(f"{c['section']} / {c['name']} ({direction}): no finite random datum")
                continue
            except Exception as e:
                skipped.append(f"{c['section']} / {c['name']} ({direction}): fastavro cannot parse: {e}")
                continue
            if expected and err:
                fails.append(f"{c['section']} / {c['name']} ({direction}): {err}")
            elif not expected and not err:
                lenient.append(f"{c['section']} / {c['name']} ({direction})")
            else:
                agreed += 1
    total = agreed + len(fails) + len(lenient)
    print(f"{len(cases)} cases, {total} questions asked of fastavro ({samples} random data each): "
          f"{agreed} agree, {len(fails)} fastavro fails where the corpus says compatible, "
          f"{len(lenient)} fastavro reads where the corpus says incompatible, {len(skipped)} not parsed")
    for title, items in (("fastavro fails", fails), ("fastavro reads", lenient), ("not parsed", skipped)):
        if items:
            print(f"\n{title}:")
            for i in items:
                print(f"  - {i}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
