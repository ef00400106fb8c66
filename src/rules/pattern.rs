//! What a comparison operator does to an activity name: equality, substring, prefix, suffix,
//! KQL's whole-term `has`, and Sigma's `*`/`?` wildcards, each with or without case, as the
//! rule languages define them. The lint counts the documented activities a pattern matches
//! with these semantics.

use std::string::String;
use std::vec::Vec;

/// One element of a glob: a literal character, any one character (`?`), or any run (`*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Glob {
    /// This character.
    Char(char),
    /// Any one character.
    One,
    /// Any run of characters, the empty run included.
    Run,
}

/// What a value must be to match a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Pattern {
    /// The whole name, character for character (with `*`/`?` wildcards where there are any).
    Glob(Vec<Glob>),
    /// KQL `has`: the text as one or more whole terms of the name (terms are runs of ASCII
    /// letters and digits; the text's edges must fall on term edges where they are
    /// alphanumeric).
    Term(String),
}

/// How to compare characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) struct Fold {
    /// Compare regardless of letter case.
    pub case: bool,
    /// Treat every Unicode dash as a hyphen.
    pub dashes: bool,
}

impl Pattern {
    /// Whether `name` matches, comparing characters as `fold` says.
    pub(super) fn matches(&self, name: &str, fold: Fold) -> bool {
        let name: Vec<char> = name.chars().map(|c| fold_char(c, fold)).collect();
        match self {
            Pattern::Glob(glob) => {
                let glob: Vec<Glob> = glob
                    .iter()
                    .map(|g| match *g {
                        Glob::Char(c) => Glob::Char(fold_char(c, fold)),
                        other => other,
                    })
                    .collect();
                glob_matches(&glob, &name)
            }
            Pattern::Term(text) => {
                let text: Vec<char> = text.chars().map(|c| fold_char(c, fold)).collect();
                has_term(&name, &text)
            }
        }
    }

    /// The pattern with its literal text trimmed, inner whitespace runs collapsed and trailing
    /// periods dropped: what the author most likely meant when the pattern as written matches
    /// nothing. `None` when that changes nothing.
    pub(super) fn tidied(&self) -> Option<Pattern> {
        let tidy = |s: &str| -> String {
            let words: Vec<&str> = s.split_whitespace().collect();
            words.join(" ").trim_end_matches('.').trim_end().into()
        };
        let tidied = match self {
            Pattern::Term(t) => Pattern::Term(tidy(t)),
            Pattern::Glob(g) => {
                // Tidy each literal run between wildcards.
                let mut out = Vec::with_capacity(g.len());
                let mut run = String::new();
                for item in g.iter().chain(core::iter::once(&Glob::Run)) {
                    match item {
                        Glob::Char(c) => run.push(*c),
                        wild => {
                            out.extend(tidy(&run).chars().map(Glob::Char));
                            run.clear();
                            out.push(*wild);
                        }
                    }
                }
                out.pop(); // the Run chained on above
                Pattern::Glob(out)
            }
        };
        (tidied != *self).then_some(tidied)
    }

    /// The pattern as text, wildcards as `*` and `?`.
    pub(super) fn text(&self) -> String {
        match self {
            Pattern::Term(t) => t.clone(),
            Pattern::Glob(g) => g
                .iter()
                .map(|x| match x {
                    Glob::Char(c) => *c,
                    Glob::One => '?',
                    Glob::Run => '*',
                })
                .collect(),
        }
    }
}

/// Whether `c` is a Unicode dash other than the hyphen-minus.
pub(super) fn is_other_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}')
}

fn fold_char(c: char, fold: Fold) -> char {
    let c = if fold.dashes && is_other_dash(c) { '-' } else { c };
    if fold.case {
        // Simple lowercasing: one character for one (multi-character lowercase forms, rare in
        // activity names, keep their first character on both sides alike).
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// Whether `name` matches `glob` as a whole. Iterative with one backtrack point (the last
/// `Run`), so linear-ish and never recursive.
fn glob_matches(glob: &[Glob], name: &[char]) -> bool {
    let (mut g, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match glob.get(g) {
            Some(Glob::Run) => {
                star = Some((g + 1, n));
                g += 1;
            }
            Some(Glob::One) => {
                g += 1;
                n += 1;
            }
            Some(Glob::Char(c)) if *c == name[n] => {
                g += 1;
                n += 1;
            }
            _ => match star {
                Some((sg, sn)) => {
                    g = sg;
                    n = sn + 1;
                    star = Some((sg, sn + 1));
                }
                None => return false,
            },
        }
    }
    glob[g..].iter().all(|x| *x == Glob::Run)
}

/// KQL `has`: `text` occurs in `name` with its alphanumeric edges on term boundaries.
fn has_term(name: &[char], text: &[char]) -> bool {
    if text.is_empty() {
        return true;
    }
    let alnum = |c: char| c.is_ascii_alphanumeric();
    (0..=name.len().saturating_sub(text.len())).any(|at| {
        let end = at + text.len();
        end <= name.len()
            && name[at..end] == *text
            && (at == 0 || !alnum(text[0]) || !alnum(name[at - 1]))
            && (end == name.len() || !alnum(text[text.len() - 1]) || !alnum(name[end]))
    })
}

/// Constructors for the tests (the lint builds patterns from operands, in `judge.rs`).
#[cfg(test)]
impl Pattern {
    /// `text` as a whole name, no wildcards.
    pub(super) fn exact(text: &str) -> Pattern {
        Pattern::Glob(text.chars().map(Glob::Char).collect())
    }

    /// `text` anywhere in the name.
    pub(super) fn contains(text: &str) -> Pattern {
        Pattern::Glob(Self::wrap(text, true, true))
    }

    /// The name starts with `text`.
    pub(super) fn prefix(text: &str) -> Pattern {
        Pattern::Glob(Self::wrap(text, false, true))
    }

    /// The name ends with `text`.
    pub(super) fn suffix(text: &str) -> Pattern {
        Pattern::Glob(Self::wrap(text, true, false))
    }

    fn wrap(text: &str, before: bool, after: bool) -> Vec<Glob> {
        let mut g = Vec::with_capacity(text.len() + 2);
        g.extend(before.then_some(Glob::Run));
        g.extend(text.chars().map(Glob::Char));
        g.extend(after.then_some(Glob::Run));
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CI: Fold = Fold { case: true, dashes: false };
    const CS: Fold = Fold { case: false, dashes: false };

    #[test]
    fn operators() {
        assert!(Pattern::exact("Add user").matches("add USER", CI));
        assert!(!Pattern::exact("Add user").matches("add USER", CS));
        assert!(Pattern::contains("member to").matches("Add member to group", CI));
        assert!(Pattern::prefix("add ").matches("Add member to group", CI));
        assert!(!Pattern::prefix("member").matches("Add member to group", CI));
        assert!(Pattern::suffix("group").matches("Add member to group", CI));
        let term = Pattern::Term("user".into());
        assert!(term.matches("Add user", CI));
        assert!(!term.matches("Add users", CI));
        assert!(!term.matches("Superuser", CI));
        assert!(Pattern::Term("member to".into()).matches("Add member to role", CI));
        assert!(Pattern::Term("role.".into()).matches("Add member to role.", CI));
    }

    #[test]
    fn globs_and_dashes() {
        let g = Pattern::Glob(std::vec![Glob::Char('a'), Glob::Run, Glob::Char('c'), Glob::One]);
        assert!(g.matches("abbbcd", CS));
        assert!(!g.matches("abbbc", CS));
        let dash = Pattern::exact("Update application \u{2013} Certificates");
        assert!(!dash.matches("Update application - Certificates", CI));
        assert!(dash.matches("Update application - Certificates", Fold { case: true, dashes: true }));
    }

    #[test]
    fn tidying() {
        assert_eq!(Pattern::exact(" Add  user. ").tidied(), Some(Pattern::exact("Add user")));
        assert_eq!(Pattern::contains("Add user").tidied(), None);
        assert_eq!(Pattern::contains("to group.").tidied().unwrap().text(), "*to group*");
    }
}
