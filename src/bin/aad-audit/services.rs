//! `aad-audit services`: the services that log audit activities (`services()`).

use std::io::Write;

use aad_audit_catalog::{Category, Heading, Service, services};
use serde::Serialize;

use crate::lookup::Format;
use crate::output::{self, Exit, Out, Outcome};

/// List the services that log audit activities.
///
/// Name (the loggedByService value where known), loggedByService, number of activities,
/// categories.
#[derive(clap::Args)]
pub struct Args {
    /// Output format: tab-separated with a header, or JSON (with each page's heading).
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// A service as JSON.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    service: Service,
    logged_by_service: Option<&'static str>,
    headings: Vec<HeadingRow>,
    activities: usize,
    categories: Vec<Category>,
}

/// A page's heading for a service.
#[derive(Serialize)]
struct HeadingRow {
    page: aad_audit_catalog::Page,
    heading: &'static str,
    line: u32,
}

impl From<&Heading> for HeadingRow {
    fn from(h: &Heading) -> HeadingRow {
        HeadingRow { page: h.page(), heading: h.text(), line: h.line() }
    }
}

/// Lists the services.
pub fn run(args: Args, out: &mut Out) -> Outcome {
    if args.format == Format::Json {
        let rows: Vec<Row> = services()
            .map(|s| Row {
                service: s,
                logged_by_service: s.logged_by_service(),
                headings: s.headings().iter().map(HeadingRow::from).collect(),
                activities: s.entries().len(),
                categories: s.categories().collect(),
            })
            .collect();
        output::json(out, &rows)?;
        return Ok(Exit::Clean);
    }
    writeln!(out, "service\tloggedByService\tactivities\tcategories")?;
    for s in services() {
        let categories: Vec<&str> = s.categories().map(Category::as_str).collect();
        let logged = s.logged_by_service().unwrap_or_default();
        writeln!(out, "{s}\t{logged}\t{}\t{}", s.entries().len(), categories.join(", "))?;
    }
    Ok(Exit::Clean)
}
