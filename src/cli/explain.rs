//! `truthline explain [CODE]`

use super::output::print;
use super::Exit;
use truthline::diagnostics::{codes, did_you_mean};

pub fn run(query: Option<&str>) -> miette::Result<Exit> {
    let Some(query) = query else {
        let mut out = String::new();
        for c in codes::all() {
            out.push_str(&format!(
                "{}  {:<34} {:<8} {}\n",
                c.code,
                c.name,
                c.severity.as_str(),
                c.summary
            ));
        }
        print(&out);
        return Ok(Exit::Ok);
    };
    match codes::find(query) {
        Some(c) => {
            print(&format!(
                "# {} {}\n\n{} (default severity: {}, stage: {:?})\n\n{}",
                c.code,
                c.name,
                c.summary,
                c.severity.as_str(),
                c.category,
                c.documentation()
            ));
            Ok(Exit::Ok)
        }
        None => {
            let all = codes::all();
            let hint = did_you_mean(query, all.iter().map(|c| c.name))
                .map(|m| format!("did you mean `{m}`?"))
                .unwrap_or_else(|| "run `truthline explain` to list every code".to_string());
            Err(miette::miette!(help = hint, "unknown code `{query}`"))
        }
    }
}
