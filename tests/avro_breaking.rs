//! `breaking` on imported Avro schemas gives the verdict Avro's resolution rules give
//! (a reader schema reading data of a writer schema), under each compatibility mode:
//! backward = the new schema reads old data, forward = the old schema reads new data,
//! full = both. Each pair is imported with `truthline import avro`, then compared.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod run;

use std::path::Path;

fn truthline(dir: &Path, args: &[&str]) -> (i32, String) {
    let (code, out, err) = run::truthline_in(dir, args);
    (code, format!("{out}{err}"))
}

fn record(fields: &str) -> String {
    format!(r#"{{"type": "record", "name": "order_paid", "namespace": "shop", "fields": [{fields}]}}"#)
}

const CHANNEL: &str = r#"{"name": "channel", "type": {"type": "enum", "name": "channel", "symbols": [SYMBOLS]}}"#;

/// (case, old fields, new fields, passes backward, passes forward).
fn cases() -> Vec<(&'static str, String, String, bool, bool)> {
    let id = r#"{"name": "id", "type": "string"}"#;
    let channel = |symbols: &str| CHANNEL.replace("SYMBOLS", symbols);
    vec![
        (
            "add an optional field with a default",
            id.to_string(),
            format!(r#"{id}, {{"name": "coupon", "type": ["null", "string"], "default": null}}"#),
            true,
            true,
        ),
        (
            "remove a field without a default",
            format!(r#"{id}, {{"name": "coupon", "type": "string"}}"#),
            id.to_string(),
            true,
            false,
        ),
        (
            "add a field without a default",
            id.to_string(),
            format!(r#"{id}, {{"name": "coupon", "type": "string"}}"#),
            false,
            true,
        ),
        (
            "promote int to long",
            format!(r#"{id}, {{"name": "n", "type": "int"}}"#),
            format!(r#"{id}, {{"name": "n", "type": "long"}}"#),
            true,
            false,
        ),
        (
            "add an enum symbol",
            format!(r#"{id}, {}"#, channel(r#""web", "ios""#)),
            format!(r#"{id}, {}"#, channel(r#""web", "ios", "android""#)),
            true,
            false,
        ),
        (
            "remove an enum symbol",
            format!(r#"{id}, {}"#, channel(r#""web", "ios", "android""#)),
            format!(r#"{id}, {}"#, channel(r#""web", "ios""#)),
            false,
            true,
        ),
        (
            "change string to int",
            format!(r#"{id}, {{"name": "n", "type": "string"}}"#),
            format!(r#"{id}, {{"name": "n", "type": "int"}}"#),
            false,
            false,
        ),
    ]
}

#[test]
fn breaking_on_imported_avro_follows_avro_resolution_per_mode() {
    let mut wrong = Vec::new();
    for (case, old, new, backward, forward) in cases() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("old.avsc"), record(&old)).unwrap();
        std::fs::write(dir.join("new.avsc"), record(&new)).unwrap();
        for (file, out) in [("old.avsc", "baseline"), ("new.avsc", "current")] {
            let (code, log) = truthline(dir, &["import", "avro", file, "--out", out]);
            assert_eq!(code, 0, "{case}: {log}");
        }
        for (mode, expected) in [
            ("backward", backward),
            ("forward", forward),
            ("full", backward && forward),
            ("none", true),
        ] {
            let (code, log) = truthline(dir, &["breaking", "current", "--against", "baseline", "--mode", mode]);
            assert!(code == 0 || code == 1, "{case}, {mode}: could not run:\n{log}");
            if (code == 0) != expected {
                wrong.push(format!(
                    "{case}, {mode}: expected {}, got exit {code}\n{log}",
                    if expected { "compatible" } else { "breaking" }
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
