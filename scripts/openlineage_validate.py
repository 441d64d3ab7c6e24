"""Checks OpenLineage events (JSON lines on stdin) against the OpenLineage Python client.

The client (openlineage-python) is generated from the specification's JSON schemas but
ships no schema file, so each event is read into the client's generated classes, strictly:
every key must be a field of the class (facets by their registered name), every required
field present, every value of its declared type; the classes' own validators run (event
time, schema URLs). The event is then written back with the client's serializer, and must
come out equal to what was read: nothing was dropped, renamed or retyped on the way.

Prints one line per problem and exits 1 if there is any; prints the count of events read.
"""

import json
import sys
import types
import typing

import attr
from openlineage.client.generated import base
from openlineage.client.generated.column_lineage_dataset import ColumnLineageDatasetFacet
from openlineage.client.generated.documentation_dataset import DocumentationDatasetFacet
from openlineage.client.generated.documentation_job import DocumentationJobFacet
from openlineage.client.generated.job_type_job import JobTypeJobFacet
from openlineage.client.generated.ownership_dataset import OwnershipDatasetFacet
from openlineage.client.generated.ownership_job import OwnershipJobFacet
from openlineage.client.generated.schema_dataset import SchemaDatasetFacet
from openlineage.client.generated.sql_job import SQLJobFacet
from openlineage.client.serde import Serde

# The facet each name stands for, as the specification registers them.
DATASET_FACETS = {
    "schema": SchemaDatasetFacet,
    "columnLineage": ColumnLineageDatasetFacet,
    "documentation": DocumentationDatasetFacet,
    "ownership": OwnershipDatasetFacet,
}
JOB_FACETS = {
    "jobType": JobTypeJobFacet,
    "sql": SQLJobFacet,
    "documentation": DocumentationJobFacet,
    "ownership": OwnershipJobFacet,
}


class Invalid(Exception):
    pass


def hints(cls):
    """Each field's type, resolved in the module of the class that declares it."""
    out = {}
    for klass in reversed(cls.__mro__):
        ns = dict(vars(typing))
        ns.update(vars(sys.modules[klass.__module__]))
        for name, ann in vars(klass).get("__annotations__", {}).items():
            out[name] = eval(ann, ns) if isinstance(ann, str) else ann
    return out


def build(tp, value, path, facets=None):
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        return build(inner[0], value, path, facets)
    if tp is str:
        if not isinstance(value, str):
            raise Invalid(f"{path}: expected a string, got {value!r}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise Invalid(f"{path}: expected a boolean, got {value!r}")
        return value
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise Invalid(f"{path}: expected an integer, got {value!r}")
        return value
    if origin is list:
        if not isinstance(value, list):
            raise Invalid(f"{path}: expected a list")
        return [build(args[0], v, f"{path}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise Invalid(f"{path}: expected an object")
        out = {}
        for k, v in value.items():
            if facets is not None:
                if k not in facets:
                    raise Invalid(f"{path}.{k}: not a facet this check knows")
                out[k] = build(facets[k], v, f"{path}.{k}")
            else:
                out[k] = build(args[1], v, f"{path}.{k}")
        return out
    if isinstance(tp, type) and issubclass(tp, base.EventType):
        return tp(value)
    if attr.has(tp):
        return build_class(tp, value, path)
    raise Invalid(f"{path}: no check for {tp!r}")


def build_class(cls, value, path):
    if not isinstance(value, dict):
        raise Invalid(f"{path}: expected an object for {cls.__name__}")
    types_of = hints(cls)
    fields = {f.name: f for f in attr.fields(cls)}
    # attrs strips the leading underscore of private fields in __init__.
    by_key = {f.name: f for f in fields.values()}
    kwargs = {}
    for key, v in value.items():
        f = by_key.get(key)
        if f is None:
            raise Invalid(f"{path}.{key}: {cls.__name__} has no such field")
        if not f.init:
            # Set by the class itself (a schema URL): compared on the way back.
            continue
        facets = None
        if key == "facets" and cls in (base.Dataset, base.InputDataset, base.OutputDataset, base.StaticDataset):
            facets = DATASET_FACETS
        if key == "facets" and cls is base.Job:
            facets = JOB_FACETS
        kwargs[f.alias] = build(types_of[f.name], v, f"{path}.{key}", facets)
    for f in fields.values():
        if f.init and f.default is attr.NOTHING and f.alias not in kwargs:
            raise Invalid(f"{path}: {cls.__name__} requires `{f.name}`")
    try:
        return cls(**kwargs)
    except (ValueError, TypeError) as e:
        raise Invalid(f"{path}: {cls.__name__}: {e}") from e


def strip_empty(v):
    """The serializer drops nulls; lists and objects left empty are dropped alike."""
    if isinstance(v, dict):
        return {k: strip_empty(x) for k, x in v.items() if x is not None and x != [] and x != {}}
    if isinstance(v, list):
        return [strip_empty(x) for x in v]
    return v


def diff(a, b, path):
    """The first place where `a` (read) and `b` (written back) differ."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in b:
                return f"{path}.{k}: dropped"
            if k not in a:
                return f"{path}.{k}: added as {b[k]!r}"
            d = diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items read, {len(b)} written"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} read, {b!r} written"


def main():
    problems = []
    count = 0
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        count += 1
        event = json.loads(line)
        try:
            built = build_class(base.JobEvent, event, f"line {n}")
            back = Serde.to_dict(built)
            d = diff(strip_empty(event), strip_empty(back), f"line {n}")
            if d:
                problems.append(f"{d} (the client writes the event back differently)")
        except Invalid as e:
            problems.append(str(e))
    for p in problems:
        print(p)
    print(f"{count} events read, {len(problems)} problems")
    sys.exit(1 if problems or count == 0 else 0)


if __name__ == "__main__":
    main()
