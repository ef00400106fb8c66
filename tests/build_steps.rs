//! The build script's steps as ordinary code: the unit tests in `build/steps/*.rs` run here,
//! and the tables are generated again from the bundled inputs and compared, byte for byte,
//! with those the build wrote (which also shows generation is deterministic).

#[path = "../build/steps/mod.rs"]
#[allow(dead_code)]
mod steps;

use steps::model::{Model, PageInput, merge_orders};
use steps::services::Mapping;

fn manifest(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn bundled_inputs() -> Vec<PageInput> {
    let mut paths: Vec<_> = std::fs::read_dir(manifest("data/pages")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let rows = steps::page::read(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            PageInput { path: path.display().to_string(), name, rows }
        })
        .collect()
}

fn bundled_mapping() -> Mapping {
    let mut mapping = Mapping::default();
    mapping.read(&std::fs::read_to_string(manifest("data/services.csv")).unwrap(), "data/services.csv").unwrap();
    mapping
}

#[test]
fn generation_is_deterministic_and_is_what_the_build_wrote() {
    if option_env!("AAD_AUDIT_CATALOG_REFERENCE").is_some_and(|p| !p.is_empty())
        || option_env!("AAD_AUDIT_CATALOG_SERVICES").is_some_and(|p| !p.is_empty())
    {
        return; // the build used inputs this test does not read
    }
    let first = steps::emit::emit(&Model::build(bundled_inputs(), &bundled_mapping()).unwrap()).unwrap();
    let second = steps::emit::emit(&Model::build(bundled_inputs(), &bundled_mapping()).unwrap()).unwrap();
    assert!(first == second, "two generations differ");
    let built = include_str!(concat!(env!("OUT_DIR"), "/catalog.rs"));
    assert!(first == built, "the tables the build wrote differ from a fresh generation");
}

#[test]
fn the_bundled_pages_make_one_catalog() {
    let model = Model::build(bundled_inputs(), &bundled_mapping()).unwrap();
    assert!(model.warnings.is_empty(), "{:?}", model.warnings);
    let dates: Vec<&str> = model.pages.iter().map(|p| p.date.as_str()).collect();
    assert_eq!(dates, ["2022-11-29", "2024-10-04"]);
    // Every heading of both pages is mapped: no service of its own.
    assert!(model.notes.iter().all(|n| n.kind != steps::note_kind::NoteKind::UnmappedService));
    let core = model.services.iter().find(|s| s.variant == "CoreDirectory").unwrap();
    let headings: Vec<&str> = core.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!((core.name.as_str(), headings), ("Core Directory", vec!["Core directory", "Core Directory"]));
    // Entries are contiguous per service, and each service's groups too.
    for (i, s) in model.services.iter().enumerate() {
        assert!(model.entries[s.entries.0..s.entries.1].iter().all(|e| e.service == i));
        assert!(model.groups[s.groups.0..s.groups.1].iter().all(|g| model.entries[g.entries[0]].service == i));
    }
}

#[test]
fn merged_order_keeps_each_sequence_in_order() {
    let merged = merge_orders(vec![vec!["a", "c", "e"], vec!["x", "a", "b", "c", "d", "e", "f"], vec!["c", "g", "a"]]);
    assert_eq!(merged, ["x", "a", "b", "c", "g", "d", "e", "f"]);
    assert_eq!(merge_orders(vec![vec![1, 2, 2, 3]]), [1, 2, 3]);
    assert_eq!(merge_orders::<u8>(vec![]), Vec::<u8>::new());
}

fn page(date: &str, body: &str) -> PageInput {
    let text = format!("---\nms.date: {date}\n---\n# T\n\n{body}");
    PageInput { path: format!("{date}.md"), name: format!("{date}.md"), rows: steps::page::read(&text).unwrap() }
}

const TABLE: &str = "|Audit Category|Activity|\n|---|---|\n";

fn mapping(rows: &str) -> Mapping {
    let mut m = Mapping::default();
    m.read(&format!("variant,heading,logged_by_service\n{rows}"), "services.csv").unwrap();
    m
}

#[test]
fn a_renamed_heading_keeps_its_service_and_the_newest_heading_names_it() {
    let old = page("01/02/2022", &format!("## Old name\n\n{TABLE}|C|A|\n|C|B|\n"));
    let new = page("01/02/2024", &format!("## New name\n\n{TABLE}|C|A|\n|C|N|\n"));
    let model = Model::build(vec![new, old], &mapping("Svc,Old name,\nSvc,New name,\n")).unwrap();
    assert_eq!(model.services.len(), 1);
    assert_eq!((model.services[0].variant.as_str(), model.services[0].name.as_str()), ("Svc", "New name"));
    let entries: Vec<(&str, Vec<usize>)> =
        model.entries.iter().map(|e| (e.activity.as_str(), e.listings.iter().map(|l| l.page).collect())).collect();
    // What the newer page adds follows its predecessor there.
    assert_eq!(entries, [("A", vec![0, 1]), ("N", vec![1]), ("B", vec![0])]);
}

#[test]
fn an_unmapped_heading_is_a_service_of_its_own_with_a_note() {
    let p = page("01/02/2024", &format!("## Brand New (Thing)\n\n{TABLE}|C|A|\n"));
    let model = Model::build(vec![p], &mapping("Gone,Gone,\n")).unwrap();
    assert_eq!(model.services[0].variant, "BrandNewThing");
    assert_eq!(model.notes[0].kind, steps::note_kind::NoteKind::UnmappedService);
    assert_eq!(model.warnings, ["services.csv:2: heading \"Gone\" is a section of no page; its mapping is unused"]);
}

#[test]
fn names_that_cannot_be_told_apart_are_errors_with_a_place() {
    let two_dates = Model::build(
        vec![
            page("01/02/2024", &format!("## S\n\n{TABLE}|C|A|\n")),
            page("01/02/2024", &format!("## S\n\n{TABLE}|C|B|\n")),
        ],
        &Mapping::default(),
    );
    assert!(two_dates.err().unwrap().contains("have the same ms.date 2024-01-02"));
    let twice = Model::build(
        vec![page("01/02/2024", &format!("## S\n\n{TABLE}|C|A|\n\n## S\n\n{TABLE}|C|B|\n"))],
        &Mapping::default(),
    );
    let e = twice.err().unwrap();
    assert_eq!(
        e,
        "01/02/2024.md:12: heading \"S\" is used again (first at line 6): a page has one section per service"
    );
    let alike = Model::build(
        vec![page("01/02/2024", &format!("## A-B\n\n{TABLE}|C|A|\n\n## A B\n\n{TABLE}|C|B|\n"))],
        &Mapping::default(),
    );
    let e = alike.err().unwrap();
    assert_eq!(
        e,
        "01/02/2024.md:12: heading \"A B\" is service AB, as is \"A-B\" at line 6: a page has one section per service"
    );
    let keyword =
        Model::build(vec![page("01/02/2024", &format!("## self\n\n{TABLE}|Self|A|\n"))], &Mapping::default()).unwrap();
    assert_eq!(
        (keyword.services[0].variant.as_str(), keyword.categories[0].variant.as_str()),
        ("SelfService", "SelfCategory")
    );
}

#[test]
fn more_services_than_the_enum_holds_is_an_error_with_a_place() {
    let body: String = (0..257).map(|i| format!("## S{i}\n\n{TABLE}|C|A|\n\n")).collect();
    let e = Model::build(vec![page("01/02/2024", &body)], &Mapping::default()).err().unwrap();
    assert!(e.starts_with("01/02/2024.md:") && e.contains("beyond the 256 the Service enum holds"), "{e}");
}

#[test]
fn a_large_group_builds_and_the_entry_cap_names_the_row() {
    // One service and category with every row the tables hold (quadratic work in the group
    // made this take half a minute at 60,000 rows), then one more.
    let rows: String = (0..65_535).map(|i| format!("|C|Activity {i}|\n")).collect();
    let model = Model::build(vec![page("01/02/2024", &format!("## S\n\n{TABLE}{rows}"))], &Mapping::default()).unwrap();
    assert_eq!(model.entries.len(), 65_535);
    assert!(steps::emit::emit(&model).unwrap().contains("Activity 65534"));
    let e =
        Model::build(vec![page("01/02/2024", &format!("## S\n\n{TABLE}{rows}|C|One more|\n"))], &Mapping::default());
    assert_eq!(
        e.err().unwrap(),
        "01/02/2024.md:65545: more than 65535 entries: more than the tables' u16 indices hold"
    );
}
