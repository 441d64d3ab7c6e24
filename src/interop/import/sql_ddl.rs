//! SQL `CREATE TABLE` statements (PostgreSQL or MySQL) into contracts, read with
//! sqlparser. Each table becomes a `table` with its columns (`NOT NULL` or `PRIMARY KEY`
//! makes a column required, anything else is `T?`), its primary key as `key`, simple
//! literal defaults, column comments as docs; its foreign keys, unique constraints and
//! checks become an `expect` of the same file (`references`, `unique`, `check`). Other
//! statements and options are reported, never silently dropped.

use super::{report, SqlDialect};
use crate::diagnostics::Diagnostic;
use crate::interop::codes::{APPROXIMATED, UNMAPPED, UNREADABLE};
use crate::interop::locate::find;
use crate::interop::truth::{self, Decl, Field, File};
use crate::span::{FileId, Span};
use sqlparser::ast::{ColumnOption, CreateTable, DataType, Expr, Ident, Statement, TableConstraint, Value};
use sqlparser::dialect::{Dialect, MySqlDialect, PostgreSqlDialect};
use sqlparser::parser::Parser;

pub fn import(file: FileId, text: &str, dialect: SqlDialect, diags: &mut Vec<Diagnostic>) -> Vec<(String, File)> {
    let d: Box<dyn Dialect> = match dialect {
        SqlDialect::Postgres => Box::new(PostgreSqlDialect {}),
        SqlDialect::Mysql => Box::new(MySqlDialect {}),
    };
    let statements = match Parser::parse_sql(d.as_ref(), text) {
        Ok(s) => s,
        Err(e) => {
            let msg = e.to_string();
            report(
                diags,
                &UNREADABLE,
                position(file, text, &msg),
                format!("the SQL does not parse: {msg}"),
                None,
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    let mut cursor = 0usize;
    for st in statements {
        match st {
            Statement::CreateTable(ct) => {
                let table_name = ct.name.to_string();
                let span = find_from(file, text, &mut cursor, &unquote(&table_name));
                out.push(table(file, text, span, &ct, diags));
            }
            other => {
                let shown: String = other.to_string().chars().take(60).collect();
                report(
                    diags,
                    &UNMAPPED,
                    Span::new(file, cursor, cursor),
                    format!("`{shown}…` is not a `CREATE TABLE`; it is left out"),
                    None,
                );
            }
        }
    }
    out
}

/// The line and column sqlparser puts in its messages, as a span.
fn position(file: FileId, text: &str, msg: &str) -> Span {
    let num = |key: &str| -> Option<usize> {
        let rest = &msg[msg.find(key)? + key.len()..];
        rest.trim_start()
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    };
    match (num("Line:"), num("Column:")) {
        (Some(l), Some(c)) => crate::interop::locate::at_line_col(file, text, l, c),
        _ => Span::new(file, 0, 0),
    }
}

fn find_from(file: FileId, text: &str, cursor: &mut usize, word: &str) -> Span {
    let s = find(file, &text[(*cursor).min(text.len())..], &[word]);
    let span = Span::new(file, s.start as usize + *cursor, s.end as usize + *cursor);
    if s.end > 0 {
        *cursor = span.end as usize;
    }
    span
}

fn unquote(s: &str) -> String {
    s.trim_matches(|c| c == '"' || c == '`').to_string()
}

fn ident(i: &Ident) -> String {
    truth::name(&i.value).0
}

fn table(file: FileId, text: &str, span: Span, ct: &CreateTable, diags: &mut Vec<Diagnostic>) -> (String, File) {
    let parts: Vec<&Ident> = ct.name.0.iter().filter_map(|p| p.as_ident()).collect();
    let (ns, raw) = match parts.as_slice() {
        [.., schema, t] => (Some(schema.value.clone()), t.value.clone()),
        [t] => (None, t.value.clone()),
        [] => (None, ct.name.to_string()),
    };
    let (name, renamed) = truth::name(&raw);
    if renamed {
        report(
            diags,
            &APPROXIMATED,
            span,
            format!("`{raw}` is not a contract name; it is imported as `{name}`"),
            None,
        );
    }
    let base = span.start as usize;
    let here = &text[base..];
    let at = |word: &str| {
        let s = find(file, here, &[word]);
        Span::new(file, s.start as usize + base, s.end as usize + base)
    };
    let mut key: Vec<String> = Vec::new();
    let mut expectations: Vec<String> = Vec::new();
    let mut fields = Vec::new();
    for col in &ct.columns {
        let cname = ident(&col.name);
        let cspan = at(&col.name.value);
        let (ty, note) = sql_type(&col.data_type);
        if let Some(n) = note {
            report(diags, &APPROXIMATED, cspan, format!("column `{cname}`: {n}"), None);
        }
        let mut f = Field {
            name: cname.clone(),
            ty,
            nullable: true,
            ..Field::default()
        };
        for opt in &col.options {
            match &opt.option {
                ColumnOption::NotNull => f.nullable = false,
                ColumnOption::Null => {}
                ColumnOption::PrimaryKey(_) => {
                    f.nullable = false;
                    key.push(cname.clone());
                }
                ColumnOption::Unique(_) => expectations.push(format!("unique {cname}")),
                ColumnOption::ForeignKey(fk) => {
                    if let Some(to) = fk.referred_columns.first() {
                        expectations.push(format!(
                            "references {cname} -> {}.{}",
                            target(&fk.foreign_table, ns.as_deref()),
                            ident(to)
                        ));
                    }
                }
                ColumnOption::Check(c) => {
                    expectations.push(format!("check {cname}_check: {}", c.expr));
                }
                ColumnOption::Comment(c) => f.doc = Some(c.clone()),
                ColumnOption::Default(e) => match literal(e, &f.ty) {
                    Some(l) => f.default = Some(l),
                    None => report(
                        diags,
                        &UNMAPPED,
                        cspan,
                        format!("the default `{e}` of `{cname}` is computed by the database; contracts keep literal defaults only"),
                        None,
                    ),
                },
                other => report(
                    diags,
                    &UNMAPPED,
                    cspan,
                    format!("the option `{other}` of column `{cname}` is left out"),
                    None,
                ),
            }
        }
        fields.push(f);
    }
    for c in &ct.constraints {
        match c {
            TableConstraint::PrimaryKey(pk) => {
                for ic in &pk.columns {
                    let n = truth::name(&unquote(&ic.column.expr.to_string())).0;
                    if let Some(f) = fields.iter_mut().find(|f| f.name == n) {
                        f.nullable = false;
                    }
                    key.push(n);
                }
            }
            TableConstraint::Unique(u) => {
                let cols: Vec<String> = u
                    .columns
                    .iter()
                    .map(|ic| truth::name(&unquote(&ic.column.expr.to_string())).0)
                    .collect();
                expectations.push(format!("unique {}", cols.join(", ")));
            }
            TableConstraint::ForeignKey(fk) => {
                if fk.columns.len() != 1 {
                    report(
                        diags,
                        &APPROXIMATED,
                        at("FOREIGN"),
                        format!(
                            "the foreign key ({}) spans several columns; it is checked column by column",
                            fk.columns.iter().map(ident).collect::<Vec<_>>().join(", ")
                        ),
                        None,
                    );
                }
                for (from, to) in fk.columns.iter().zip(&fk.referred_columns) {
                    expectations.push(format!(
                        "references {} -> {}.{}",
                        ident(from),
                        target(&fk.foreign_table, ns.as_deref()),
                        ident(to)
                    ));
                }
            }
            TableConstraint::Check(ch) => {
                let n = ch.name.as_ref().map_or(format!("{name}_check"), ident);
                expectations.push(format!("check {n}: {}", ch.expr));
            }
            other => {
                let shown: String = other.to_string().chars().take(60).collect();
                report(
                    diags,
                    &UNMAPPED,
                    span,
                    format!("the constraint `{shown}` of `{raw}` is left out"),
                    None,
                );
            }
        }
    }
    let mut entries = Vec::new();
    if !key.is_empty() {
        entries.push(format!("key {}", key.join(", ")));
    }
    let mut decls = vec![Decl {
        doc: None,
        header: format!("table {name}"),
        entries,
        block: Some("columns"),
        fields,
    }];
    if !expectations.is_empty() {
        decls.push(Decl {
            doc: Some(format!("Constraints of `{raw}` in the source database.")),
            header: format!("expect {name}"),
            entries: expectations,
            block: None,
            fields: Vec::new(),
        });
    }
    let stem = match &ns {
        Some(n) => format!("{}.{name}", truth::name(n).0),
        None => name,
    };
    (
        stem,
        File {
            namespace: ns.as_deref().and_then(truth::namespace),
            decls,
        },
    )
}

/// A referenced table as the expectation names it: unqualified in the same schema.
fn target(t: &sqlparser::ast::ObjectName, ns: Option<&str>) -> String {
    let parts: Vec<String> =
        t.0.iter()
            .filter_map(|p| p.as_ident())
            .map(|i| i.value.clone())
            .collect();
    match parts.as_slice() {
        [schema, table] if Some(schema.as_str()) != ns => {
            format!("{}.{}", truth::name(schema).0, truth::name(table).0)
        }
        [.., table] => truth::name(table).0,
        [] => t.to_string(),
    }
}

fn literal(e: &Expr, ty: &str) -> Option<String> {
    let Expr::Value(v) = e else {
        return match e {
            Expr::UnaryOp { op, expr } if op.to_string() == "-" => literal(expr, ty).map(|l| format!("-{l}")),
            _ => None,
        };
    };
    match &v.value {
        Value::Number(n, _) if !n.contains(['e', 'E']) && ty == "bool" => match n.as_str() {
            "0" => Some("false".into()),
            "1" => Some("true".into()),
            _ => None,
        },
        Value::Number(n, _) if !n.contains(['e', 'E']) => Some(n.clone()),
        Value::Boolean(b) => Some(b.to_string()),
        Value::Null => Some("null".into()),
        Value::SingleQuotedString(s) if ty.starts_with("enum(") => truth::is_name(s).then(|| s.clone()),
        Value::SingleQuotedString(s) if ty.starts_with("string") => Some(truth::string(s)),
        _ => None,
    }
}

/// The contract type of a SQL type, and a note when it is only the nearest one.
fn sql_type(t: &DataType) -> (String, Option<String>) {
    let shown = t.to_string();
    let lower = shown.to_ascii_lowercase();
    let (base, args) = match lower.find('(') {
        Some(i) => (
            lower[..i].trim().to_string(),
            lower[i + 1..].trim_end_matches(')').to_string(),
        ),
        None => (lower.trim().to_string(), String::new()),
    };
    if let Some(signed) = base.strip_suffix(" unsigned") {
        let (t, _) = sql_type(&parse_type(signed).unwrap_or(DataType::Text));
        return (
            t.clone(),
            Some(format!("`{shown}`: the contract type `{t}` does not say unsigned")),
        );
    }
    let nums: Vec<u64> = args.split(',').filter_map(|a| a.trim().parse().ok()).collect();
    let near = |t: &str| {
        (
            t.to_string(),
            Some(format!("`{shown}` has no exact contract type; imported as `{t}`")),
        )
    };
    if let Some(elem) = lower.strip_suffix("[]") {
        let (inner, note) = sql_type(&parse_type(elem).unwrap_or(DataType::Text));
        return (format!("list<{inner}>"), note);
    }
    match base.as_str() {
        "boolean" | "bool" => ("bool".into(), None),
        "tinyint" if nums == [1] => ("bool".into(), None),
        "smallint" | "int2" | "tinyint" | "mediumint" | "smallserial" => near("int"),
        "int" | "integer" | "int4" | "serial" => ("int".into(), None),
        "bigint" | "int8" | "bigserial" => ("long".into(), None),
        "real" | "float4" => ("float".into(), None),
        "float" if nums.first().is_some_and(|p| *p > 24) => ("double".into(), None),
        "float" => ("float".into(), None),
        "double precision" | "double" | "float8" => ("double".into(), None),
        "numeric" | "decimal" | "dec" => match nums.as_slice() {
            [p, s] if (1..=38).contains(p) => (format!("decimal({p}, {s})"), None),
            [p] if (1..=38).contains(p) => (format!("decimal({p}, 0)"), None),
            _ => near("decimal(38, 9)"),
        },
        "varchar" | "character varying" | "char" | "character" | "nvarchar" | "nchar" | "bpchar" => {
            match nums.first() {
                Some(n) => (format!("string({n})"), None),
                None => ("string".into(), None),
            }
        }
        "text" | "tinytext" | "mediumtext" | "longtext" | "citext" | "string" | "clob" => ("string".into(), None),
        "bytea" | "blob" | "tinyblob" | "mediumblob" | "longblob" => ("bytes".into(), None),
        "binary" | "varbinary" => match nums.first() {
            Some(n) => (format!("bytes({n})"), None),
            None => ("bytes".into(), None),
        },
        "uuid" => ("uuid".into(), None),
        "date" => ("date".into(), None),
        "time" | "time without time zone" | "time with time zone" | "timetz" => match nums.first() {
            Some(p) => (format!("time({p})"), None),
            None => ("time".into(), None),
        },
        "timestamp" | "timestamptz" | "timestamp with time zone" | "timestamp without time zone" | "datetime" => {
            match nums.first() {
                Some(p) => (format!("timestamp({p})"), None),
                None => ("timestamp".into(), None),
            }
        }
        "interval" => ("duration".into(), None),
        "enum" => {
            let symbols: Vec<String> = args
                .split(',')
                .map(|s| s.trim().trim_matches('\'').to_string())
                .collect();
            if symbols.iter().all(|s| truth::is_name(s)) && !symbols.is_empty() {
                // Keep the case as written: only the type name was lowercased.
                let written: Vec<String> = shown[shown.find('(').map_or(0, |i| i + 1)..]
                    .trim_end_matches(')')
                    .split(',')
                    .map(|s| s.trim().trim_matches('\'').to_string())
                    .collect();
                (format!("enum({})", written.join(", ")), None)
            } else {
                near("string")
            }
        }
        _ => near("string"),
    }
}

fn parse_type(text: &str) -> Option<DataType> {
    let sql = format!("CREATE TABLE t (c {text})");
    match Parser::parse_sql(&PostgreSqlDialect {}, &sql)
        .ok()?
        .into_iter()
        .next()?
    {
        Statement::CreateTable(ct) => ct.columns.into_iter().next().map(|c| c.data_type),
        _ => None,
    }
}
