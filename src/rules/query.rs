//! KQL queries: which string literals are compared with `OperationName`,
//! `ActivityDisplayName`, `Category` and `LoggedByService`, and in which table's part of the
//! query.
//!
//! What it understands:
//! - statements separated by `;`; `let NAME = dynamic([...])`, `pack_array(...)` or a string
//!   (a list or value used by name later), and `let NAME = <tabular expression>` (its table
//!   is the expression's source, so `NAME | where ...` reads that table);
//! - a pipeline's source: a table name, a `let` name, `table("X")`, `union` (with options and
//!   wildcards: `union isfuzzy=true Audit*, (SigninLogs | ...)`), `materialize(...)`, or a
//!   parenthesised query; `| union ...` adds tables to what follows;
//! - subqueries in parentheses (a `|` inside makes one): after `join`/`lookup`, in `union`, or
//!   inside an expression (`in ((SigninLogs | ...))`); each is its own part with its own
//!   table, except those starting with an operator (`mv-apply ... on (where ...)`, `fork`),
//!   which read the rows of the part they are in;
//! - comparisons `COLUMN OP VALUE` with every operator of [`operator`], the value a string,
//!   a parenthesised list (strings, `dynamic([...])`, `let` names), `dynamic([...])`,
//!   `pack_array(...)` or a `let` name;
//! - pins: a `Category` or `LoggedByService` equality (`==`, `=~`, `in`, `in~`) that is a
//!   top-level conjunct of a `where` (no `or` at its level, not in parentheses) narrows the
//!   activity check of its part.
//!
//! What it does not understand (those values are reported as skipped or not found): columns
//! renamed or computed (`extend op = OperationName`, `tostring(...)`), values on the left
//! (`"Add user" == OperationName`), functions (`let f = (x) { ... }`, stored functions and
//! parsers as sources: the part's table is unknown), `search`/`find`, string concatenation,
//! `datatable` lists, pins inside `or` or parentheses, and `$left.`/`$right.` columns in
//! `join ... on`.

use core::ops::Range;
use std::collections::{BTreeSet, HashMap};
use std::string::{String, ToString};
use std::vec::Vec;

use super::kql::{Kind, Token, tokenize};

/// A string literal in the query: its value and where it is (bytes in the query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Literal {
    pub value: String,
    pub span: Range<usize>,
}

/// What a comparison's right-hand side is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Values {
    /// String literals (one, or a list).
    Literals(Vec<Literal>),
    /// Something the lint does not check, and why.
    Unchecked(String),
}

/// Which column a comparison reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    /// `OperationName` or `ActivityDisplayName`.
    Activity,
    /// `Category`.
    Category,
    /// `LoggedByService`.
    Service,
}

/// A comparison of a column with values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Comparison {
    pub column: Column,
    /// The column as written, and where.
    pub column_text: String,
    pub column_span: Range<usize>,
    /// The operator as written.
    pub op: String,
    pub values: Values,
    /// Index into [`Analysis::parts`].
    pub part: usize,
    /// For pins: whether it narrows its part (a top-level conjunct of a `where`).
    pub narrows: bool,
}

/// The tables one part of a query reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Tables(pub BTreeSet<String>);

/// The stand-in name for a source the analysis does not know.
pub(super) const UNKNOWN: &str = "?";

impl Tables {
    fn one(name: &str) -> Tables {
        Tables(BTreeSet::from([name.to_string()]))
    }

    /// Whether AuditLogs is among the tables (a wildcard that matches it counts).
    pub(super) fn has_audit(&self) -> bool {
        self.0.iter().any(|t| is_audit(t))
    }

    /// The tables other than AuditLogs.
    pub(super) fn others(&self) -> Vec<&str> {
        self.0.iter().filter(|t| !is_audit(t)).map(String::as_str).collect()
    }
}

fn is_audit(table: &str) -> bool {
    let t = table.to_ascii_lowercase();
    t == "auditlogs" || t.strip_suffix('*').is_some_and(|p| "auditlogs".starts_with(p))
}

/// What a query compares, part by part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Analysis {
    pub parts: Vec<Tables>,
    pub comparisons: Vec<Comparison>,
}

/// The comparisons of activity, category and service columns in `query`.
pub(super) fn analyze(query: &str) -> Analysis {
    let tokens = tokenize(query);
    let close = brackets(&tokens);
    let mut a = Analyzer { q: query, t: tokens, close, lets: HashMap::new(), out: Analysis::default() };
    for statement in a.split(0..a.t.len(), ';') {
        a.statement(statement);
    }
    a.out
}

/// For each opening bracket, the index of its closing one (or the end).
fn brackets(tokens: &[Token]) -> Vec<usize> {
    let mut close: Vec<usize> = (0..tokens.len()).collect();
    let mut open: Vec<usize> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.is('(') || t.is('[') || t.is('{') {
            open.push(i);
        } else if (t.is(')') || t.is(']') || t.is('}')) && !open.is_empty() {
            let o = open.pop().unwrap_or(i);
            close[o] = i;
        }
    }
    for o in open {
        close[o] = tokens.len().saturating_sub(1);
    }
    close
}

/// What a `let` name stands for.
#[derive(Debug, Clone)]
enum Binding {
    /// Strings (a `dynamic` list, `pack_array`, or one string).
    Strings(Vec<Literal>),
    /// A tabular expression reading these tables.
    Tabular(Tables),
}

/// Tabular operators: a subquery starting with one reads the rows of the part it is in.
const OPERATORS: &[&str] = &[
    "where",
    "filter",
    "extend",
    "project",
    "project-away",
    "project-keep",
    "project-rename",
    "summarize",
    "take",
    "limit",
    "top",
    "sort",
    "order",
    "distinct",
    "count",
    "mv-expand",
    "mv-apply",
    "parse",
    "parse-where",
    "as",
    "make-series",
    "sample",
    "serialize",
    "invoke",
    "evaluate",
];

struct Analyzer<'q> {
    q: &'q str,
    t: Vec<Token>,
    close: Vec<usize>,
    lets: HashMap<String, Binding>,
    out: Analysis,
}

impl Analyzer<'_> {
    fn text(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.text(self.q))
    }

    fn is(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.is(c))
    }

    fn is_open(&self, i: usize) -> bool {
        self.is(i, '(') || self.is(i, '[') || self.is(i, '{')
    }

    /// The ranges between `sep` punctuation at the top level of `range`.
    fn split(&self, range: Range<usize>, sep: char) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let (mut start, mut i) = (range.start, range.start);
        while i < range.end {
            if self.is(i, sep) {
                out.push(start..i);
                start = i + 1;
            } else if self.is_open(i) {
                i = self.close[i];
            }
            i += 1;
        }
        out.push(start..range.end);
        out.retain(|r| !r.is_empty());
        out
    }

    /// The inside of the bracket opening at `open`.
    fn inside(&self, open: usize) -> Range<usize> {
        open + 1..self.close[open].max(open + 1)
    }

    fn statement(&mut self, s: Range<usize>) {
        match self.text(s.start) {
            "let" if s.len() >= 3 && self.is(s.start + 2, '=') => {
                let name = self.text(s.start + 1).to_string();
                if let Some(binding) = self.binding(s.start + 3..s.end) {
                    self.lets.insert(name, binding);
                }
            }
            "set" | "declare" | "alias" | "pattern" => {}
            _ => {
                self.pipeline(s);
            }
        }
    }

    /// What `let NAME = <range>` binds, if anything the lint uses.
    fn binding(&mut self, r: Range<usize>) -> Option<Binding> {
        if let Some(strings) = self.strings(r.clone()) {
            return Some(Binding::Strings(strings));
        }
        // `(params) { body }`: a function; its body is not analysed.
        if self.is(r.start, '(') && self.is(self.close[r.start] + 1, '{') {
            return None;
        }
        Some(Binding::Tabular(self.pipeline(r)))
    }

    /// The strings of `dynamic([...])`, `pack_array(...)` or a lone string literal that make
    /// up all of `r`.
    fn strings(&self, r: Range<usize>) -> Option<Vec<Literal>> {
        let call = matches!(self.text(r.start), "dynamic" | "pack_array") && self.is(r.start + 1, '(');
        if call && self.close[r.start + 1] + 1 == r.end {
            return Some(self.literals_in(self.inside(r.start + 1)));
        }
        (r.len() == 1).then(|| self.literals_in(r)).filter(|l| !l.is_empty())
    }

    fn literals_in(&self, r: Range<usize>) -> Vec<Literal> {
        self.t[r]
            .iter()
            .filter_map(|t| match &t.kind {
                Kind::Str(v) => Some(Literal { value: v.clone(), span: t.span.clone() }),
                _ => None,
            })
            .collect()
    }

    /// Analyses a pipeline with a source of its own; returns the tables of its last part.
    fn pipeline(&mut self, r: Range<usize>) -> Tables {
        let segments = self.split(r, '|');
        let Some(first) = segments.first() else { return Tables::default() };
        let tables = self.source(first.clone());
        let mut part = self.new_part(tables);
        for seg in segments.into_iter().skip(1) {
            part = self.segment(seg, part);
        }
        self.out.parts[part].clone()
    }

    fn new_part(&mut self, tables: Tables) -> usize {
        self.out.parts.push(tables);
        self.out.parts.len() - 1
    }

    /// The tables a pipeline's first segment reads.
    fn source(&mut self, r: Range<usize>) -> Tables {
        let s = r.start;
        match self.text(s) {
            "union" => self.union(s + 1..r.end),
            "(" => self.pipeline(self.inside(s)),
            "materialize" | "view" if self.is(s + 1, '(') => self.pipeline(self.inside(s + 1)),
            "table" if self.is(s + 1, '(') => match self.literals_in(self.inside(s + 1)).first() {
                Some(l) => Tables::one(&l.value),
                None => Tables::one(UNKNOWN),
            },
            _ if self.is(s + 1, '(') => Tables::one(UNKNOWN), // a function call
            name if matches!(self.t.get(s).map(|t| &t.kind), Some(Kind::Ident)) => self.table(name.to_string(), s),
            _ => Tables::one(UNKNOWN),
        }
    }

    /// A table or `let` name (a trailing `*` makes it a wildcard).
    fn table(&self, name: String, at: usize) -> Tables {
        match self.lets.get(&name) {
            Some(Binding::Tabular(t)) => t.clone(),
            Some(Binding::Strings(_)) => Tables::one(UNKNOWN),
            None if self.is(at + 1, '*') => Tables::one(&(name + "*")),
            None if matches!(name.as_str(), "search" | "find" | "print" | "range" | "datatable") => {
                Tables::one(UNKNOWN)
            }
            None => Tables::one(&name),
        }
    }

    /// `union` operands (options skipped): the tables of all of them.
    fn union(&mut self, r: Range<usize>) -> Tables {
        let mut tables = Tables::default();
        for operand in self.split(r, ',') {
            let mut s = operand.start;
            // Options: `kind=outer`, `withsource=T`, `isfuzzy=true`.
            while s + 2 < operand.end && self.is(s + 1, '=') {
                s += 3;
            }
            if s < operand.end {
                tables.0.extend(self.source(s..operand.end).0);
            }
        }
        tables
    }

    /// One `| operator ...` segment in `part`; returns the part the rest of the pipeline is in.
    fn segment(&mut self, r: Range<usize>, part: usize) -> usize {
        match self.text(r.start) {
            "join" | "lookup" => {
                if let Some(open) = (r.start..r.end).find(|&i| self.is(i, '(')) {
                    self.pipeline(self.inside(open));
                }
                part
            }
            "union" => {
                let mut tables = self.out.parts[part].clone();
                tables.0.extend(self.union(r.start + 1..r.end).0);
                self.new_part(tables)
            }
            op => {
                let filter = matches!(op, "where" | "filter");
                self.scan(r, part, filter);
                part
            }
        }
    }

    /// Finds comparisons in an operator's arguments; subqueries get their own parts.
    fn scan(&mut self, r: Range<usize>, part: usize, filter: bool) {
        // Pins narrow only as top-level conjuncts of a `where` with no top-level `or`.
        let top_or = self.top_level(r.clone()).any(|i| self.text(i).eq_ignore_ascii_case("or"));
        let mut i = r.start;
        while i < r.end {
            if self.is(i, '(') && self.is_subquery(i) {
                let inner = self.inside(i);
                if OPERATORS.contains(&self.text(inner.start)) {
                    for seg in self.split(inner, '|') {
                        self.segment(seg, part);
                    }
                } else {
                    self.pipeline(inner);
                }
                i = self.close[i] + 1;
                continue;
            }
            if let Some(next) = self.comparison(i, part, filter && !top_or && self.depth_zero(r.start, i)) {
                i = next;
                continue;
            }
            i += 1;
        }
    }

    /// Indices of the tokens at the top level of `r`.
    fn top_level(&self, r: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let mut i = r.start;
        core::iter::from_fn(move || {
            if i >= r.end {
                return None;
            }
            let at = i;
            i = if self.is_open(at) { self.close[at] + 1 } else { at + 1 };
            Some(at)
        })
    }

    fn depth_zero(&self, start: usize, at: usize) -> bool {
        self.top_level(start..at + 1).any(|i| i == at)
    }

    /// Whether the parenthesis at `open` holds a query (a `|` at its top level).
    fn is_subquery(&self, open: usize) -> bool {
        self.top_level(self.inside(open)).any(|i| self.is(i, '|'))
    }
}

/// How a KQL comparison operator compares: (test, case-sensitive, negated, takes a list,
/// all values must match together). `None` for what is not a comparison this lint checks.
pub(super) fn operator(op: &str) -> Option<(super::judge::Test, bool, bool, bool, bool)> {
    use super::judge::Test::{Contains, EndsWith, Equals, Has, StartsWith};
    let negated = op.starts_with('!');
    let base = op.trim_start_matches('!');
    let found = match base {
        "==" | "=" => (Equals, true, false, false),
        "=~" | "~" => (Equals, false, false, false),
        "in" => (Equals, true, true, false),
        "in~" => (Equals, false, true, false),
        "has" => (Has, false, false, false),
        "has_cs" => (Has, true, false, false),
        "has_any" => (Has, false, true, false),
        "has_all" => (Has, false, true, true),
        "contains" => (Contains, false, false, false),
        "contains_cs" => (Contains, true, false, false),
        "startswith" => (StartsWith, false, false, false),
        "startswith_cs" => (StartsWith, true, false, false),
        "endswith" => (EndsWith, false, false, false),
        "endswith_cs" => (EndsWith, true, false, false),
        _ => return None,
    };
    let (test, cs, list, all) = found;
    Some((test, cs, negated, list, all))
}

impl Analyzer<'_> {
    /// A comparison starting at token `i`, if there is one: recorded, and the index after it.
    fn comparison(&mut self, i: usize, part: usize, narrows: bool) -> Option<usize> {
        let column = match self.text(i).to_ascii_lowercase().as_str() {
            "operationname" | "activitydisplayname" => Column::Activity,
            "category" => Column::Category,
            "loggedbyservice" => Column::Service,
            _ => return None,
        };
        // `x.OperationName`, `$left.OperationName`: another table's or a record's column.
        if i > 0 && self.is(i - 1, '.') {
            return None;
        }
        let mut op = self.text(i + 1).to_string();
        if op == "matches" && self.text(i + 2) == "regex" {
            op.push_str(" regex");
        }
        let known = operator(&op).is_some() && op != "=" && op != "~";
        let unchecked_words = ["matches", "hasprefix", "hassuffix", "!hasprefix", "!hassuffix", "between", "!between"];
        let unchecked = unchecked_words.iter().any(|w| op.starts_with(w));
        if !known && !unchecked {
            return None;
        }
        let (values, next) = if unchecked {
            let why = if op == "matches regex" {
                "a regular expression (matches regex) is not checked".into()
            } else {
                std::format!("the operator {op} is not checked")
            };
            (Values::Unchecked(why), i + 2)
        } else {
            self.values(i + 2)
        };
        let t = &self.t[i];
        let comparison = Comparison {
            column,
            column_text: t.text(self.q).to_string(),
            column_span: t.span.clone(),
            op,
            values,
            part,
            narrows: narrows && column != Column::Activity,
        };
        self.out.comparisons.push(comparison);
        Some(next)
    }

    /// The values at token `v`, and the index after them.
    fn values(&mut self, v: usize) -> (Values, usize) {
        let Some(t) = self.t.get(v) else {
            return (Values::Unchecked("the comparison has no right-hand side".into()), v);
        };
        if let Kind::Str(value) = &t.kind {
            return (Values::Literals(std::vec![Literal { value: value.clone(), span: t.span.clone() }]), v + 1);
        }
        if matches!(self.text(v), "dynamic" | "pack_array") && self.is(v + 1, '(') {
            return (Values::Literals(self.literals_in(self.inside(v + 1))), self.close[v + 1] + 1);
        }
        if self.is(v, '(') {
            let end = self.close[v] + 1;
            if self.is_subquery(v) {
                self.pipeline(self.inside(v));
                return (Values::Unchecked("the values come from a subquery".into()), end);
            }
            return (self.list(self.inside(v)), end);
        }
        (self.named(v), v + 1)
    }

    /// A parenthesised list: strings, `dynamic(...)` lists and `let` names.
    fn list(&mut self, r: Range<usize>) -> Values {
        let mut out = Vec::new();
        for item in self.split(r, ',') {
            if self.is(item.start, '(') && self.is_subquery(item.start) {
                self.pipeline(self.inside(item.start));
                return Values::Unchecked("the values come from a subquery".into());
            }
            match &self.t[item.start].kind {
                Kind::Str(_) if item.len() == 1 => out.extend(self.literals_in(item)),
                _ if self.strings(item.clone()).is_some() => out.extend(self.literals_in(item)),
                Kind::Ident if item.len() == 1 => match self.named(item.start) {
                    Values::Literals(l) => out.extend(l),
                    unchecked => return unchecked,
                },
                _ => {
                    let why = std::format!("the list item {} is not a string", self.text(item.start));
                    return Values::Unchecked(why);
                }
            }
        }
        Values::Literals(out)
    }

    /// A `let` name's strings.
    fn named(&self, at: usize) -> Values {
        let name = self.text(at);
        match self.lets.get(name) {
            Some(Binding::Strings(l)) => Values::Literals(l.clone()),
            Some(Binding::Tabular(_)) => Values::Unchecked(std::format!("{name} is a table, not a list of strings")),
            None => Values::Unchecked(std::format!("{name} is not a string literal or a let-bound list of strings")),
        }
    }
}
