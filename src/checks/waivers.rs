//! In-source waivers: `waive CODE "reason" until DATE` silences one lint rule on the
//! declaration it sits in, until its date. Waivers are checked too: an unknown code, an
//! empty reason, an expired date or a waiver that silences nothing is reported.

use crate::diagnostics::codes::Category;
use crate::diagnostics::{codes, did_you_mean, Diagnostic};
use crate::semantic::codes::{EXPIRED_WAIVER, UNKNOWN_WAIVED_CODE, UNUSED_WAIVER, WAIVER_WITHOUT_REASON};
use crate::semantic::Model;

/// Removes waived findings from `diags` and adds findings about the waivers themselves.
pub fn apply(model: &Model, diags: &mut Vec<Diagnostic>) {
    let mut extra = Vec::new();
    for (decl, waivers) in model.waivable() {
        for w in waivers {
            let Some(code) = codes::find(&w.code.value).filter(|c| c.category == Category::Lint) else {
                let lint: Vec<&str> = crate::checks::lint::codes().iter().map(|c| c.name).collect();
                let mut d = Diagnostic::new(
                    &UNKNOWN_WAIVED_CODE,
                    w.code.span,
                    format!("`{}` is not a lint rule", w.code.value),
                );
                d = match (
                    codes::find(&w.code.value),
                    did_you_mean(&w.code.value, lint.iter().copied()),
                ) {
                    (Some(c), _) => d.with_help(format!(
                        "`{}` ({}) is reported by the {:?} stage; only lint rules can be waived",
                        c.code, c.name, c.category
                    )),
                    (None, Some(m)) => d.with_help(format!("did you mean `{m}`?")),
                    (None, None) => d.with_help("run `truthline explain` to list the rules"),
                };
                extra.push(d);
                continue;
            };
            if w.reason.value.trim().is_empty() {
                extra.push(
                    Diagnostic::new(
                        &WAIVER_WITHOUT_REASON,
                        w.reason.span,
                        format!("waiver of `{}` gives no reason", code.name),
                    )
                    .with_help(
                        "say why the rule does not apply here, so the next reader can judge whether it still holds",
                    ),
                );
            }
            if let (Some(until), Some(today)) = (&w.until, model.today) {
                if until.value < today {
                    extra.push(
                        Diagnostic::new(
                            &EXPIRED_WAIVER,
                            until.span,
                            format!("waiver of `{}` expired on {}", code.name, until.value),
                        )
                        .with_label_message("expired")
                        .with_note(format!("today is {today}; the waived findings are reported again"))
                        .with_help("fix the finding, or renew the waiver with a new date and reason"),
                    );
                    continue;
                }
            }
            let before = diags.len();
            diags.retain(|d| {
                let inside = d
                    .primary_span()
                    .is_some_and(|s| s.file == decl.file && s.start >= decl.start && s.end <= decl.end);
                !(inside && std::ptr::eq(d.code, code))
            });
            if diags.len() == before {
                extra.push(
                    Diagnostic::new(
                        &UNUSED_WAIVER,
                        w.span,
                        format!("waiver of `{}` silences nothing here", code.name),
                    )
                    .with_help("remove it: the rule no longer reports anything on this declaration"),
                );
            }
        }
    }
    diags.extend(extra);
}
