//! OpenLineage: the static lineage of the contracts as `JobEvent`s (OpenLineage 2's events
//! for design-time metadata, without a run), one per table built from sources and one per
//! metric version, written as JSON lines (`openlineage.ndjson`). Each output dataset carries the `schema` facet
//! (columns, types, descriptions) and the `columnLineage` facet: for every column, the
//! input columns it is made of (`DIRECT` with `IDENTITY`, `TRANSFORMATION` or
//! `AGGREGATION`, and `masking` for hashes), and the columns that steer the rows
//! (`INDIRECT`: `JOIN`, `FILTER`, `GROUP_BY`, `WINDOW`). Jobs carry `jobType`, `sql` for
//! a transform, `documentation` and `ownership`.
//!
//! Expectations are not written as `dataQualityAssertions`: that facet records whether a
//! test passed (`success` is required), which contracts alone do not know. One note says how
//! many were left out.
//!
//! Dataset names: a table is `namespace.table` in `ENGINE://STORE` (the store system
//! and its engine); an event is its topic (else `name.vN`) in `kafka://PRODUCER`; a
//! system's table is `table` in `ENGINE://SYSTEM`; a metric version is
//! `namespace.metric.vN` in `truthline://metrics`.

use super::{is_user, Exported};
use crate::codegen::OutputFile;
use crate::diagnostics::Diagnostic;
use crate::interop::codes::EXPORT_UNMAPPED;
use crate::lineage::{self, Col, ColumnLineage, How, Indirect};
use crate::semantic::model::{Column, Model, Node};
use serde_json::{json, Map, Value};

/// Static lineage has no run: the event time is fixed, so the same contracts give the same
/// file.
const EVENT_TIME: &str = "1970-01-01T00:00:00Z";
const PRODUCER: &str = concat!("https://truthline.dev/truthline/", env!("CARGO_PKG_VERSION"));
const SPEC: &str = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
const JOB_NAMESPACE: &str = "truthline";

pub fn export(model: &Model) -> Exported {
    let (g, _) = lineage::trace(model);
    let mut out = Exported::default();
    let mut lines = Vec::new();
    for (i, t) in model.tables.iter().enumerate() {
        if !is_user(&t.item.ns) || t.sources.is_empty() {
            continue;
        }
        lines.push(job(model, &g, &Node::Table(i)));
    }
    for (i, m) in model.metrics.iter().enumerate() {
        if !is_user(&m.item.ns) || m.from.is_none() {
            continue;
        }
        lines.push(job(model, &g, &Node::Metric(i)));
    }
    // One note for every `expect` block left out, at the first of them.
    let blocks: Vec<&crate::semantic::model::Expect> = model.expects.iter().filter(|e| is_user(&e.item.ns)).collect();
    let count: usize = blocks.iter().map(|e| e.item.ast.expectations.len()).sum();
    if let Some(first) = blocks.first().filter(|_| count > 0) {
        out.diagnostics.push(
            Diagnostic::new(
                &EXPORT_UNMAPPED,
                first.item.ast.target.span,
                format!(
                    "{count} expectation(s) of {} table(s) are not exported: OpenLineage's `dataQualityAssertions` records whether a test passed, which contracts alone do not know",
                    blocks.len()
                ),
            )
            .with_help("their SQL tests are in `truthline build`'s output, and `truthline test` runs them"),
        );
    }
    let mut text = String::new();
    for l in lines {
        text.push_str(&serde_json::to_string(&l).unwrap_or_default());
        text.push('\n');
    }
    out.files.push(OutputFile {
        path: "openlineage.ndjson".into(),
        contents: text,
    });
    out
}

fn facet(schema: &str, body: Value) -> Value {
    let mut m = Map::new();
    m.insert("_producer".into(), json!(PRODUCER));
    m.insert(
        "_schemaURL".into(),
        json!(format!("https://openlineage.io/spec/facets/{schema}")),
    );
    if let Value::Object(b) = body {
        m.extend(b);
    }
    Value::Object(m)
}

/// A dataset's namespace and name.
fn dataset(model: &Model, node: &Node) -> (String, String) {
    let system = |i: usize| {
        let s = &model.systems[i].item.ast;
        let engine = s.engine.as_ref().map_or("truthline".to_string(), |e| e.text.clone());
        format!("{engine}://{}", s.name.text)
    };
    let qualified = |ns: &str, name: &str| {
        if ns.is_empty() {
            name.to_string()
        } else {
            format!("{ns}.{name}")
        }
    };
    match node {
        Node::Table(i) => {
            let t = &model.tables[*i];
            let ns = t.store.map_or("truthline://warehouse".to_string(), system);
            (ns, qualified(&t.item.ns, &t.item.ast.name.text))
        }
        Node::Event(i) => {
            let e = &model.events[*i];
            let ns = e.producer.map_or("kafka://events".to_string(), |p| {
                format!("kafka://{}", model.systems[p].item.ast.name.text)
            });
            let name = e.item.ast.topic.as_ref().map_or_else(
                || {
                    format!(
                        "{}.v{}",
                        qualified(&e.item.ns, &e.item.ast.name.text),
                        e.version().unwrap_or(1)
                    )
                },
                |t| t.value.clone(),
            );
            (ns, name)
        }
        Node::SystemTable(s, t) => (system(*s), t.clone()),
        Node::Metric(i) => {
            let m = &model.metrics[*i];
            (
                "truthline://metrics".into(),
                format!(
                    "{}.v{}",
                    qualified(&m.item.ns, &m.item.ast.name.text),
                    m.version().unwrap_or(1)
                ),
            )
        }
        Node::System(i) => (system(*i), String::new()),
        Node::Consumer(i) => (
            "truthline://consumers".into(),
            model.consumers[*i].item.ast.name.text.clone(),
        ),
    }
}

fn columns_of<'m>(model: &'m Model, node: &Node) -> Option<&'m [Column]> {
    match node {
        Node::Table(i) => Some(&model.tables[*i].columns),
        Node::Event(i) => Some(&model.events[*i].fields),
        _ => None,
    }
}

fn schema(model: &Model, g: &ColumnLineage, node: &Node) -> Value {
    let fields: Vec<Value> = match columns_of(model, node) {
        Some(cols) => cols
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let mut f = Map::new();
                f.insert("name".into(), json!(c.name));
                f.insert("type".into(), json!(c.ty.to_string()));
                if let Some(d) = &c.doc {
                    f.insert("description".into(), json!(d));
                }
                f.insert("ordinal_position".into(), json!(k + 1));
                Value::Object(f)
            })
            .collect(),
        None => g
            .columns_of(node)
            .iter()
            .enumerate()
            .map(|(k, c)| json!({"name": c, "ordinal_position": k + 1}))
            .collect(),
    };
    facet(
        "1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet",
        json!({ "fields": fields }),
    )
}

fn input_field(model: &Model, c: &Col, t: Value) -> Value {
    let (namespace, name) = dataset(model, &c.node);
    json!({"namespace": namespace, "name": name, "field": c.name, "transformations": [t]})
}

fn direct(how: How) -> Value {
    let description = how.label();
    json!({"type": "DIRECT", "subtype": how.subtype(), "description": description, "masking": how == How::Masked})
}

fn indirect(kind: Indirect) -> Value {
    let subtype = serde_json::to_value(kind).unwrap_or_default();
    json!({"type": "INDIRECT", "subtype": subtype, "masking": false})
}

fn column_lineage(model: &Model, g: &ColumnLineage, node: &Node) -> Value {
    let mut fields = Map::new();
    for name in g.columns_of(node) {
        let col = Col::new(node.clone(), name.clone());
        let inputs: Vec<Value> = g
            .inputs_of(&col)
            .iter()
            .map(|i| input_field(model, &i.from, direct(i.how)))
            .collect();
        if !inputs.is_empty() {
            fields.insert(name.clone(), json!({ "inputFields": inputs }));
        }
    }
    let dataset: Vec<Value> = g
        .indirect
        .get(node)
        .map(|v| v.iter().map(|(c, k)| input_field(model, c, indirect(*k))).collect())
        .unwrap_or_default();
    facet(
        "1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet",
        json!({"fields": fields, "dataset": dataset}),
    )
}

fn ownership(model: &Model, owner: Option<usize>) -> Option<(String, Value)> {
    let team = &model.teams[owner?].item.ast.name.text;
    Some((team.clone(), json!([{"name": format!("team:{team}"), "type": "owner"}])))
}

fn job(model: &Model, g: &ColumnLineage, node: &Node) -> Value {
    let (sources, docs, owner, sql, kind): (Vec<Node>, &[String], Option<usize>, Option<String>, &str) = match node {
        Node::Table(i) => {
            let t = &model.tables[*i];
            let landing = t.sources.iter().all(|s| !matches!(s, Node::Table(_)));
            (
                t.sources.clone(),
                &t.item.docs,
                t.owner,
                t.item.ast.transform.as_ref().map(|s| s.text.trim().to_string()),
                if landing { "LANDING" } else { "TABLE" },
            )
        }
        Node::Metric(i) => {
            let m = &model.metrics[*i];
            (
                m.from.map(Node::Table).into_iter().collect(),
                &m.item.docs,
                m.owner,
                None,
                "METRIC",
            )
        }
        _ => (Vec::new(), &[], None, None, "TABLE"),
    };
    let (out_ns, out_name) = dataset(model, node);
    let mut job_facets = Map::new();
    job_facets.insert(
        "jobType".into(),
        facet(
            "2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
            json!({"processingType": "BATCH", "integration": "TRUTHLINE", "jobType": kind}),
        ),
    );
    if let Some(q) = sql {
        job_facets.insert(
            "sql".into(),
            facet("1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet", json!({ "query": q })),
        );
    }
    let mut ds_facets = Map::new();
    ds_facets.insert("schema".into(), schema(model, g, node));
    ds_facets.insert("columnLineage".into(), column_lineage(model, g, node));
    if !docs.is_empty() {
        let d = facet(
            "1-1-0/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet",
            json!({"description": docs.join("\n")}),
        );
        ds_facets.insert("documentation".into(), d.clone());
        let mut jd = d;
        jd["_schemaURL"] =
            json!("https://openlineage.io/spec/facets/1-1-0/DocumentationJobFacet.json#/$defs/DocumentationJobFacet");
        job_facets.insert("documentation".into(), jd);
    }
    if let Some((_, owners)) = ownership(model, owner) {
        ds_facets.insert(
            "ownership".into(),
            facet(
                "1-0-1/OwnershipDatasetFacet.json#/$defs/OwnershipDatasetFacet",
                json!({ "owners": owners.clone() }),
            ),
        );
        job_facets.insert(
            "ownership".into(),
            facet(
                "1-0-1/OwnershipJobFacet.json#/$defs/OwnershipJobFacet",
                json!({ "owners": owners }),
            ),
        );
    }
    let inputs: Vec<Value> = sources
        .iter()
        .map(|s| {
            let (namespace, name) = dataset(model, s);
            json!({"namespace": namespace, "name": name, "facets": {"schema": schema(model, g, s)}})
        })
        .collect();
    json!({
        "eventTime": EVENT_TIME,
        "producer": PRODUCER,
        "schemaURL": format!("{SPEC}#/$defs/JobEvent"),
        "job": {"namespace": JOB_NAMESPACE, "name": out_name.clone(), "facets": job_facets},
        "inputs": inputs,
        "outputs": [{"namespace": out_ns, "name": out_name, "facets": ds_facets}],
    })
}
