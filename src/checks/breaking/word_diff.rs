//! What changed in a long value (a normalized query, a measure), word by word in git's
//! `--word-diff` notation: `[-removed-]` and `{+added+}`, with a few words of context,
//! so that a one-word change of a 600-character query is read at a glance.

use similar::{ChangeTag, TextDiff};

/// Words of context kept on each side of a change (each word and each space count: four
/// words).
const CONTEXT: usize = 8;

/// `…p.payment_id = r.payment_id {+WHERE r.refund_amount > 0+}`
pub fn word_diff(old: &str, new: &str) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut hunks = Vec::new();
    for group in diff.grouped_ops(CONTEXT) {
        // Runs of one kind; a space between two runs of the same change joins them.
        let mut runs: Vec<(ChangeTag, String)> = Vec::new();
        for op in &group {
            for c in diff.iter_changes(op) {
                match runs.last_mut() {
                    Some((tag, text)) if *tag == c.tag() => text.push_str(c.value()),
                    _ => runs.push((c.tag(), c.value().to_string())),
                }
            }
        }
        let mut i = 1;
        while i + 1 < runs.len() {
            let joins = runs[i].0 == ChangeTag::Equal
                && runs[i].1.trim().is_empty()
                && runs[i - 1].0 != ChangeTag::Equal
                && runs[i - 1].0 == runs[i + 1].0;
            if joins {
                let space = runs.remove(i).1;
                let next = runs.remove(i).1;
                runs[i - 1].1.push_str(&space);
                runs[i - 1].1.push_str(&next);
            } else {
                i += 1;
            }
        }
        let mut text = String::new();
        for (tag, t) in &runs {
            // The spaces around a change stay outside its marks.
            let (lead, rest) = t.split_at(t.len() - t.trim_start().len());
            let (core, trail) = rest.split_at(rest.trim_end().len());
            match tag {
                ChangeTag::Equal => text.push_str(t),
                ChangeTag::Delete => text.push_str(&format!("{lead}[-{core}-]{trail}")),
                ChangeTag::Insert => text.push_str(&format!("{lead}{{+{core}+}}{trail}")),
            }
        }
        let starts = group.first().is_some_and(|op| op.old_range().start == 0);
        let ends = group
            .last()
            .is_some_and(|op| op.old_range().end == diff.old_slices().len());
        hunks.push(format!(
            "{}{}{}",
            if starts { "" } else { "…" },
            text.trim(),
            if ends { "" } else { "…" }
        ));
    }
    hunks.join(" ")
}

#[cfg(test)]
mod tests {
    use super::word_diff;

    #[test]
    fn one_change_in_a_long_text_shows_with_its_neighbours() {
        let old = "SELECT a, b FROM t JOIN u ON u.id = t.id";
        let new = "SELECT a, b FROM t JOIN u ON u.id = t.id WHERE t.x > 0";
        assert_eq!(word_diff(old, new), "…ON u.id = t.id {+WHERE t.x > 0+}");
        assert_eq!(
            word_diff("sum(a) FROM t", "sum(b) FROM t"),
            "[-sum(a)-]{+sum(b)+} FROM t"
        );
        let far = "a b c d e f g h i j k l m n o p";
        assert_eq!(
            word_diff(far, &far.replace("b", "B").replace("o", "O")),
            "a [-b-]{+B+} c d e f… …k l m n [-o-]{+O+} p"
        );
    }
}
