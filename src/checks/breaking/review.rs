//! The pull-request comment of `breaking --format markdown`: one page a reviewer reads.
//! What fails the gate comes first, each finding with the element and the place that
//! changed, who reads it and which teams own them, and what would make it pass; what is
//! allowed and the warnings follow; compatible changes are folded away. No timestamps and
//! no run-dependent text, so a sticky comment changes only when the findings do.

use super::{Change, Object};
use crate::diagnostics::Severity;

fn object_word(o: Object) -> &'static str {
    match o {
        Object::Event => "event",
        Object::Table => "table",
        Object::Metric => "metric",
    }
}

/// Inline code that a backtick in the text cannot break.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

fn finding(out: &mut String, c: &Change, fix: bool) {
    let place = if c.path.is_empty() {
        code(&c.name)
    } else {
        format!("{} {}", code(&c.name), code(&c.path))
    };
    out.push_str(&format!(
        "- **{}** {place} — {} ({})\n",
        object_word(c.object),
        c.message,
        code(c.code.name)
    ));
    match (&c.old, &c.new) {
        (Some(o), Some(n)) => out.push_str(&format!("  - was {}, now {}\n", code(o), code(n))),
        (Some(o), None) => out.push_str(&format!("  - was {}, now gone\n", code(o))),
        (None, Some(n)) => out.push_str(&format!("  - now {}\n", code(n))),
        (None, None) => {}
    }
    if c.affected.is_empty() {
        out.push_str("  - read by nothing the contracts know\n");
    } else {
        out.push_str(&format!("  - affects {}\n", c.affected.join(", ")));
    }
    if !c.owners.is_empty() {
        out.push_str(&format!("  - owners: {}\n", c.owners.join(", ")));
    }
    if let Some(a) = &c.allowed {
        out.push_str(&format!("  - allowed: {a}\n"));
    }
    if fix {
        if let Some(h) = &c.help {
            out.push_str(&format!("  - to pass: {h}. A new version, or an acknowledgement in `truthline.yaml` (rule {}, element {}{}), also passes\n",
                code(c.code.name),
                code(&c.name),
                if c.path.is_empty() { String::new() } else { format!(", path {}", code(&c.path)) }
            ));
        }
    }
}

/// The comment for `changes` against `baseline`.
pub fn markdown(changes: &[Change], baseline: &str) -> String {
    let failing: Vec<&Change> = changes.iter().filter(|c| c.breaking && c.allowed.is_none()).collect();
    let allowed: Vec<&Change> = changes.iter().filter(|c| c.allowed.is_some()).collect();
    let warnings: Vec<&Change> = changes
        .iter()
        .filter(|c| !c.breaking && c.allowed.is_none() && c.severity == Severity::Warning)
        .collect();
    let compatible: Vec<&Change> = changes
        .iter()
        .filter(|c| !c.breaking && c.allowed.is_none() && c.severity != Severity::Warning)
        .collect();
    let mut out = String::from("<!-- truthline breaking -->\n");
    let verdict = match failing.len() {
        0 => "no breaking change".to_string(),
        1 => "**1 breaking change**".to_string(),
        n => format!("**{n} breaking changes**"),
    };
    out.push_str(&format!("## truthline: {verdict} against {}\n\n", code(baseline)));
    out.push_str(&format!(
        "{} breaking, {} allowed, {}, {} compatible.\n",
        failing.len(),
        allowed.len(),
        super::report::warnings(warnings.len()),
        compatible.len()
    ));
    for (title, list, fix) in [
        ("Breaking: these fail the gate", &failing, true),
        ("Allowed", &allowed, false),
        ("Warnings", &warnings, false),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {title}\n\n"));
        for c in list.iter() {
            finding(&mut out, c, fix);
        }
    }
    if !compatible.is_empty() {
        out.push_str(&format!(
            "\n<details><summary>{} compatible change{}</summary>\n\n",
            compatible.len(),
            if compatible.len() == 1 { "" } else { "s" }
        ));
        for c in &compatible {
            let place = if c.path.is_empty() {
                code(&c.name)
            } else {
                format!("{} {}", code(&c.name), code(&c.path))
            };
            out.push_str(&format!("- {place} — {}\n", c.message));
        }
        out.push_str("\n</details>\n");
    }
    out
}
