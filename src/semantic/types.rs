//! Resolved types: what a field or column holds once named types are looked up.

use serde::Serialize;
use std::sync::Arc;

/// A resolved type. Nullability is kept apart, on the column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Type {
    Bool,
    Int,
    Long,
    Float,
    Double,
    Decimal {
        precision: u64,
        scale: u64,
    },
    String {
        max_length: Option<u64>,
    },
    Bytes {
        max_length: Option<u64>,
    },
    Fixed {
        size: u64,
        /// The declared name (`type md5 = fixed(16)`): Avro resolves fixed types by name.
        name: Option<String>,
    },
    Uuid,
    Date,
    Time {
        precision: Option<u64>,
    },
    Timestamp {
        precision: Option<u64>,
    },
    Duration,
    Enum {
        /// Shared: a named enum such as `std.currency_code` is used by many columns.
        symbols: Arc<[String]>,
        default: Option<String>,
        /// The declared name (`type channel = enum(…)`): Avro resolves enums by name.
        name: Option<String>,
    },
    List(Box<Type>, bool),
    Map(Box<Type>, Box<Type>, bool),
    Struct {
        name: Option<String>,
        fields: Vec<StructField>,
    },
    /// The type of a value that is always null (Avro's `null`).
    Null,
    /// One of several types, in the order written (`union<null, string, address>`).
    Union(Vec<Type>),
    /// A named struct met again inside itself (a linked list, a tree): the name of the
    /// struct, looked up in [`crate::semantic::model::Model::named`].
    Ref(String),
    /// A type that could not be resolved; it agrees with everything so one error is
    /// reported once.
    Unknown,
}

/// A field of a struct, with what Avro's resolution needs besides its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct StructField {
    pub name: String,
    pub ty: Type,
    pub nullable: bool,
    /// The declared default, as written; a reader needs one for data written without the field.
    pub default: Option<String>,
    /// Earlier names (`@renamed_from`): the names this field reads from a writer.
    pub aliases: Vec<String>,
}

impl StructField {
    pub fn new(name: impl Into<String>, ty: Type, nullable: bool) -> Self {
        StructField {
            name: name.into(),
            ty,
            nullable,
            default: None,
            aliases: Vec::new(),
        }
    }
}

/// Whether every symbol of `a` is in `b`; a set when the lists are long (ISO code lists
/// have about 180 symbols, and a scan per symbol is quadratic).
fn symbols_within(a: &[String], b: &[String]) -> bool {
    if a.len() * b.len() <= 256 {
        return a.iter().all(|s| b.contains(s));
    }
    let set: std::collections::HashSet<&str> = b.iter().map(String::as_str).collect();
    a.iter().all(|s| set.contains(s.as_str()))
}

impl Type {
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Type::Int | Type::Long | Type::Float | Type::Double | Type::Decimal { .. } | Type::Unknown
        )
    }

    /// The Avro type it is written as: logical types are their underlying type (`date` is
    /// an `int`, `timestamp(3)` a `long`, `decimal` `bytes`, `uuid` a `string`).
    pub fn avro_base(&self) -> &'static str {
        match self {
            Type::Null => "null",
            Type::Bool => "boolean",
            Type::Int | Type::Date | Type::Time { precision: Some(0..=3) } => "int",
            Type::Long | Type::Time { .. } | Type::Timestamp { .. } => "long",
            Type::Float => "float",
            Type::Double => "double",
            Type::String { .. } | Type::Uuid => "string",
            Type::Bytes { .. } | Type::Decimal { .. } => "bytes",
            Type::Fixed { .. } | Type::Duration => "fixed",
            Type::Enum { .. } => "enum",
            Type::List(..) => "array",
            Type::Map(..) => "map",
            Type::Struct { .. } | Type::Ref(_) => "record",
            Type::Union(_) => "union",
            Type::Unknown => "unknown",
        }
    }

    /// Whether SQL stores it as one semi-structured column (JSON, variant or text): lists,
    /// maps, structs, unions, a recursive struct and `null`.
    pub fn is_composite(&self) -> bool {
        matches!(
            self,
            Type::List(..) | Type::Map(..) | Type::Struct { .. } | Type::Union(..) | Type::Ref(..) | Type::Null
        )
    }

    /// Whether a null is one of the type's values (`null`, or a union with a `null` branch).
    pub fn holds_null(&self) -> bool {
        match self {
            Type::Null => true,
            Type::Union(b) => b.contains(&Type::Null),
            _ => false,
        }
    }

    pub fn is_temporal(&self) -> bool {
        matches!(self, Type::Date | Type::Timestamp { .. } | Type::Unknown)
    }

    /// Whether a value of `self` can be stored as `to` without loss: equal types, or a
    /// legal widening (int → long → float/double, decimal with as many integer and
    /// fractional digits, longer strings, enum → string, uuid → string).
    pub fn widens_to(&self, to: &Type) -> bool {
        use Type::*;
        match (self, to) {
            (Unknown, _) | (_, Unknown) => true,
            (a, b) if a == b => true,
            (Int, Long | Float | Double) | (Long, Float | Double) | (Float, Double) => true,
            // A decimal's integer digits: `precision - scale`, and none for a scale above
            // the precision (a syntax error in its file, whose model is still compared).
            (Int, Decimal { precision, scale }) => precision.saturating_sub(*scale) >= 10,
            (Long, Decimal { precision, scale }) => precision.saturating_sub(*scale) >= 19,
            (
                Decimal {
                    precision: p1,
                    scale: s1,
                },
                Decimal {
                    precision: p2,
                    scale: s2,
                },
            ) => s2 >= s1 && p2.saturating_sub(*s2) >= p1.saturating_sub(*s1),
            (String { max_length: a }, String { max_length: b })
            | (Bytes { max_length: a }, Bytes { max_length: b }) => match (a, b) {
                (_, None) => true,
                (Some(a), Some(b)) => a <= b,
                (None, Some(_)) => false,
            },
            (Enum { .. } | Uuid, String { max_length: None }) => true,
            (Enum { symbols: a, .. }, Enum { symbols: b, .. }) => symbols_within(a, b),
            (Fixed { .. }, Bytes { max_length: None }) => true,
            (Timestamp { precision: a }, Timestamp { precision: b })
            | (Time { precision: a }, Time { precision: b }) => a.unwrap_or(6) <= b.unwrap_or(6),
            (Date, Timestamp { .. }) => true,
            (List(a, an), List(b, bn)) => a.widens_to(b) && (!an || *bn),
            (Map(ak, av, an), Map(bk, bv, bn)) => ak == bk && av.widens_to(bv) && (!an || *bn),
            (Struct { fields: a, .. }, Struct { fields: b, .. }) => {
                a.len() == b.len()
                    && a.iter().all(|f| {
                        b.iter()
                            .any(|g| f.name == g.name && f.ty.widens_to(&g.ty) && (!f.nullable || g.nullable))
                    })
            }
            (Null, Union(b)) => b.contains(&Null),
            (Union(a), Union(b)) => a.iter().all(|x| b.iter().any(|y| x.widens_to(y))),
            (a, Union(b)) => b.iter().any(|y| a.widens_to(y)),
            _ => false,
        }
    }
}

impl std::fmt::Display for Type {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let opt = |p: &Option<u64>| p.map(|v| format!("({v})")).unwrap_or_default();
        let q = |n: &bool| if *n { "?" } else { "" };
        match self {
            Type::Bool => write!(f, "bool"),
            Type::Int => write!(f, "int"),
            Type::Long => write!(f, "long"),
            Type::Float => write!(f, "float"),
            Type::Double => write!(f, "double"),
            Type::Decimal { precision, scale } => write!(f, "decimal({precision},{scale})"),
            Type::String { max_length } => write!(f, "string{}", opt(max_length)),
            Type::Bytes { max_length } => write!(f, "bytes{}", opt(max_length)),
            Type::Fixed { name: Some(n), .. } => write!(f, "{n}"),
            Type::Fixed { size, .. } => write!(f, "fixed({size})"),
            Type::Uuid => write!(f, "uuid"),
            Type::Date => write!(f, "date"),
            Type::Time { precision } => write!(f, "time{}", opt(precision)),
            Type::Timestamp { precision } => write!(f, "timestamp{}", opt(precision)),
            Type::Duration => write!(f, "duration"),
            Type::Enum { name: Some(n), .. } => write!(f, "{n}"),
            Type::Enum { symbols, .. } => write!(f, "enum({})", symbols.join(", ")),
            Type::List(t, n) => write!(f, "list<{t}{}>", q(n)),
            Type::Map(k, v, n) => write!(f, "map<{k}, {v}{}>", q(n)),
            Type::Struct { name: Some(n), .. } => write!(f, "{n}"),
            Type::Struct { name: None, fields } => {
                let parts: Vec<String> = fields
                    .iter()
                    .map(|x| format!("{} {}{}", x.name, x.ty, q(&x.nullable)))
                    .collect();
                write!(f, "struct {{ {} }}", parts.join(", "))
            }
            Type::Null => write!(f, "null"),
            Type::Union(branches) => {
                let parts: Vec<String> = branches.iter().map(Type::to_string).collect();
                write!(f, "union<{}>", parts.join(", "))
            }
            Type::Ref(n) => write!(f, "{n}"),
            Type::Unknown => write!(f, "<unknown>"),
        }
    }
}

/// The built-in scalar for a name and its parameters, if it is one.
pub fn builtin(name: &str, args: &[u64]) -> Option<Type> {
    let first = args.first().copied();
    Some(match name {
        "bool" | "boolean" => Type::Bool,
        "int" => Type::Int,
        "long" => Type::Long,
        "float" => Type::Float,
        "double" => Type::Double,
        "decimal" => Type::Decimal {
            precision: first.unwrap_or(38),
            scale: args.get(1).copied().unwrap_or(0),
        },
        "string" => Type::String { max_length: first },
        "bytes" => Type::Bytes { max_length: first },
        "fixed" => Type::Fixed {
            size: first.unwrap_or(1),
            name: None,
        },
        "null" => Type::Null,
        "uuid" => Type::Uuid,
        "date" => Type::Date,
        "time" => Type::Time { precision: first },
        "timestamp" => Type::Timestamp { precision: first },
        "duration" => Type::Duration,
        _ => return None,
    })
}

/// Names of the built-in scalars, for "did you mean".
pub const BUILTINS: &[&str] = &[
    "bool",
    "int",
    "long",
    "float",
    "double",
    "decimal",
    "string",
    "bytes",
    "fixed",
    "uuid",
    "date",
    "time",
    "timestamp",
    "duration",
    "null",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_follows_the_promotion_rules() {
        let dec = |p, s| Type::Decimal { precision: p, scale: s };
        assert!(Type::Int.widens_to(&Type::Long));
        assert!(!Type::Long.widens_to(&Type::Int));
        assert!(dec(18, 2).widens_to(&dec(20, 2)));
        assert!(!dec(18, 2).widens_to(&dec(18, 4)));
        assert!(!dec(18, 2).widens_to(&dec(10, 2)));
        assert!(Type::Uuid.widens_to(&Type::String { max_length: None }));
        assert!(!Type::String { max_length: None }.widens_to(&Type::Uuid));
        assert!(Type::String { max_length: Some(3) }.widens_to(&Type::String { max_length: Some(5) }));
    }

    /// Found by the `breaking` fuzz target: `decimal(1,2)` is a syntax error in its file,
    /// but the model still holds it and `breaking` compares it; `precision - scale`
    /// overflowed (a panic in a debug build, a wrapped digit count in a release build).
    #[test]
    fn a_scale_above_the_precision_widens_without_overflow() {
        let dec = |p, s| Type::Decimal { precision: p, scale: s };
        assert!(!Type::Int.widens_to(&dec(1, 2)));
        assert!(!Type::Long.widens_to(&dec(1, 2)));
        assert!(dec(1, 2).widens_to(&dec(18, 2)));
        assert!(!dec(18, 2).widens_to(&dec(1, 2)));
        assert!(dec(0, 3).widens_to(&dec(1, 4)));
    }
}
