//! `aad-audit lookup`: one (service, category, activity), a category's activities, or every
//! place an activity is listed (`Catalog::validate`, `Catalog::find_activity`).

use std::io::{self, Write};

use aad_audit_catalog::{Catalog, Entry, Field, Match, Page, Validated, ValidationError};
use clap::ValueEnum;
use serde::Serialize;

use crate::inputs;
use crate::output::{self, Exit, Failed, Hue, Out, Outcome};

/// Look up an activity, or list a category's activities.
///
/// `SERVICE CATEGORY ACTIVITY` checks one, `SERVICE CATEGORY` lists the category's activities,
/// `--activity NAME` finds every place an activity is listed.
///
/// Names are forgiven as audit logs spell them (case, whitespace, dashes, a trailing period)
/// and the answer says what was forgiven; an unknown name gets what was probably meant. Names
/// printed are the log values (loggedByService, the canonical category), so they paste into
/// queries. Exit 1 when there is no match.
#[derive(clap::Args)]
#[command(after_help = crate::EXIT_CODES)]
pub struct Args {
    /// `loggedByService` value or section heading.
    #[arg(required_unless_present = "by_activity")]
    service: Option<String>,
    /// Category, any spelling.
    #[arg(required_unless_present = "by_activity")]
    category: Option<String>,
    /// Activity (`activityDisplayName`); leave it out to list the category's activities.
    #[arg(value_name = "ACTIVITY")]
    activity: Option<String>,
    /// Find an activity by name alone, wherever it is listed.
    #[arg(long = "activity", value_name = "NAME", conflicts_with_all = ["service", "category", "activity"])]
    by_activity: Option<String>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Answer as one page version alone would (a date such as 2022-11-29, `oldest` or `latest`).
    #[arg(short, long, value_name = "DATE", value_parser = inputs::parse_page)]
    page: Option<Page>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Text for a person (listings: tab-separated with a header).
    Text,
    /// JSON.
    Json,
}

/// Runs the lookup the arguments ask for.
pub fn run(args: Args, out: &mut Out) -> Outcome {
    let catalog = args.page.map_or_else(Catalog::all, Catalog::page);
    let json = args.format == Format::Json;
    match (&args.by_activity, &args.service, &args.category, &args.activity) {
        (Some(name), ..) => by_activity(catalog, name, json, out),
        (None, Some(s), Some(c), Some(a)) => one(catalog, [s, c, a], json, out),
        (None, Some(s), Some(c), None) => list(catalog, s, c, json, out),
        // clap requires SERVICE and CATEGORY unless --activity.
        _ => Err(Failed("give SERVICE and CATEGORY (and ACTIVITY), or --activity NAME".into())),
    }
}

/// `service / category / activity (documented in ...)` of an entry.
fn describe(e: &Entry) -> String {
    format!("{e} (documented {})", e.pages())
}

/// The query and its answer, as JSON.
#[derive(Serialize)]
struct Answer<'a> {
    query: Query<'a>,
    verdict: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    r#match: Option<Match>,
    #[serde(skip_serializing_if = "Option::is_none")]
    matches: Option<Vec<Match>>,
    error: Option<ValidationError>,
}

#[derive(Serialize)]
struct Query<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    activity: Option<&'a str>,
}

/// The verdict word: `exact`, `forgiven` or `unknown`.
fn verdict(m: Option<&Match>) -> &'static str {
    match m {
        Some(m) if m.is_exact() => "exact",
        Some(_) => "forgiven",
        None => "unknown",
    }
}

fn paint_verdict(out: &Out, word: &'static str) -> String {
    let hue = match word {
        "exact" => Hue::Good,
        "forgiven" => Hue::Warn,
        _ => Hue::Bad,
    };
    out.paint.paint(hue, word).to_string()
}

/// One (service, category, activity).
fn one(catalog: Catalog, [s, c, a]: [&String; 3], json: bool, out: &mut Out) -> Outcome {
    let result = catalog.validate(Some(s), Some(c), Some(a));
    let m = result.as_ref().ok().and_then(Validated::as_match);
    let error = result.err();
    if json {
        let query = Query { service: Some(s), category: Some(c), activity: Some(a) };
        let answer = Answer { query, verdict: verdict(m.as_ref()), r#match: m, matches: None, error };
        output::json(out, &answer)?;
    } else if let Some(m) = &m {
        write_match(out, m)?;
        let given = [(Field::Service, s), (Field::Category, c), (Field::Activity, a)];
        write_forgiven(out, m, &given)?;
    } else if let Some(e) = &error {
        writeln!(out, "{}: {e}", paint_verdict(out, "unknown"))?;
    }
    Ok(Exit::attention_if(m.is_none()))
}

fn write_match(out: &mut Out, m: &Match) -> io::Result<()> {
    let word = verdict(Some(m));
    let what = if m.is_exact() { String::new() } else { format!(" ({})", m.forgiven()) };
    writeln!(out, "{}{what}: {}", paint_verdict(out, word), describe(m.entry()))
}

/// One line per part whose spelling was forgiven: as given, as the catalog writes it.
fn write_forgiven(out: &mut Out, m: &Match, given: &[(Field, &String)]) -> io::Result<()> {
    let e = m.entry();
    for &(field, text) in given {
        let n = m.forgiven_in(field);
        if n.is_empty() {
            continue;
        }
        let canonical = match field {
            Field::Service => e.service().as_str(),
            Field::Category => e.category().as_str(),
            Field::Activity => e.activity(),
        };
        writeln!(out, "  {field:<8} {text:?} -> {canonical:?} ({n})")?;
    }
    Ok(())
}

/// Every place an activity is listed.
fn by_activity(catalog: Catalog, name: &str, json: bool, out: &mut Out) -> Outcome {
    let matches: Vec<Match> = catalog.find_activity(name).collect();
    let error = if matches.is_empty() { catalog.validate(None, None, Some(name)).err() } else { None };
    if json {
        let query = Query { service: None, category: None, activity: Some(name) };
        let word = if matches.is_empty() { "unknown" } else { "found" };
        let answer = Answer { query, verdict: word, r#match: None, matches: Some(matches.clone()), error };
        output::json(out, &answer)?;
    } else {
        for m in &matches {
            write_match(out, m)?;
        }
        match (matches.is_empty(), error) {
            (true, Some(e)) => writeln!(out, "{}: {e}", paint_verdict(out, "unknown"))?,
            (true, None) => writeln!(out, "{}: no activity {name:?}", paint_verdict(out, "unknown"))?,
            _ => {}
        }
    }
    Ok(Exit::attention_if(matches.is_empty()))
}

/// A category's activities under a service, as JSON.
#[derive(Serialize)]
struct Listing<'a> {
    service: aad_audit_catalog::Service,
    category: aad_audit_catalog::Category,
    forgiven: aad_audit_catalog::Normalizations,
    entries: &'a [&'static Entry],
}

/// The activities a service lists under a category (in the catalog's pages).
fn list(catalog: Catalog, service: &str, category: &str, json: bool, out: &mut Out) -> Outcome {
    let v = match catalog.validate(Some(service), Some(category), None) {
        Ok(v) => v,
        Err(e) => {
            match json {
                true => output::json(out, &serde_json::json!({ "error": e, "entries": [] }))?,
                false => writeln!(out, "{}: {e}", paint_verdict(out, "unknown"))?,
            }
            return Ok(Exit::Attention);
        }
    };
    let (Some(s), Some(c)) = (v.service(), v.category()) else { return Ok(Exit::Attention) };
    let pages = catalog.page_set();
    let entries: Vec<&'static Entry> = s.activities(c).filter(|e| e.pages().intersects(pages)).collect();
    if json {
        output::json(out, &Listing { service: s, category: c, forgiven: v.forgiven(), entries: &entries })?;
    } else {
        if !v.is_exact() {
            out.note(format_args!("{s} / {c}: found after forgiving {}", v.forgiven()));
        }
        crate::search::write_entries(out, &entries)?;
    }
    if entries.is_empty() {
        out.note(format_args!("{s} lists nothing under {c} in the {pages} page"));
    }
    Ok(Exit::attention_if(entries.is_empty()))
}
