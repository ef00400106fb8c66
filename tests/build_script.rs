//! The build script end to end: one more page version through `AAD_AUDIT_CATALOG_REFERENCE`,
//! mapping rows through `AAD_AUDIT_CATALOG_SERVICES`, strict mode, and inputs the build cannot
//! use. Each case runs cargo in a target directory of its own (under `CARGO_TARGET_TMPDIR`),
//! one case at a time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

static CARGO_LOCK: Mutex<()> = Mutex::new(());

fn tmp() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-script-tests")
}

/// The build's environment variables for one case.
#[derive(Default)]
struct Env<'a> {
    reference: Option<&'a Path>,
    services: Option<&'a Path>,
    strict: Option<&'a str>,
}

/// Runs cargo `args` in `dir` (this crate, or a crate that depends on it) with `env`.
fn cargo_in(dir: &Path, args: &[&str], env: Env<'_>) -> Output {
    let _guard = CARGO_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(args).current_dir(dir).env("CARGO_TARGET_DIR", tmp().join("target")).env("CARGO_TERM_COLOR", "never");
    for (var, value) in [
        ("AAD_AUDIT_CATALOG_REFERENCE", env.reference.map(Path::as_os_str)),
        ("AAD_AUDIT_CATALOG_SERVICES", env.services.map(Path::as_os_str)),
        ("AAD_AUDIT_CATALOG_STRICT", env.strict.map(std::ffi::OsStr::new)),
    ] {
        match value {
            Some(v) => cmd.env(var, v),
            None => cmd.env_remove(var),
        };
    }
    cmd.output().expect("cargo runs")
}

/// Runs cargo `args` on this crate with `env`.
fn cargo(args: &[&str], env: Env<'_>) -> Output {
    cargo_in(Path::new(env!("CARGO_MANIFEST_DIR")), args, env)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes a file into the temporary folder and returns its absolute path.
fn file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = tmp().join("inputs");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const FRONT: &str = "---\ntitle: t\nms.date: 01/02/2025\n---\n# T\n\n";

#[test]
fn a_user_page_is_one_more_page_version() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/entra-2024.md");
    let env = || Env { reference: Some(&fixture), ..Env::default() };
    let out = cargo(&["run", "-q", "--example", "export", "--", "--page", "2024-03-14", "tsv"], env());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "line\theading\tcategory\tactivity\n\
         23\tAccess reviews\tDirectoryManagement\tCreate program\n\
         24\tAccess reviews\tPolicy\tAccess review ended\n\
         25\tAccess reviews\tUserManagement\tApply review\n\
         33\tCore Directory\tUserManagement\tAdd user\n\
         34\tCore Directory\tUserManagement\tUpdate user\n\
         36\tCore Directory\tUser Management\tDelete user\n\
         37\tCore Directory\tAdministrativeUnit\tAdd member to administrative unit\n\
         47\tMicrosoft Entra Workload ID\tWorkloadIdentityManagement\tAdd federated identity credential\n\
         48\tMicrosoft Entra Workload ID\tWorkloadIdentityManagement\tRemove federated identity credential\n"
    );
    let out = cargo(&["run", "-q", "--example", "export", "--", "--page", "2024-03-14", "notes"], env());
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "entra-2024.md:21: trailing-whitespace: whitespace after the end of the row\n\
         entra-2024.md:34: row-continued: row continues on line 35 (a lone `|`); joined\n\
         entra-2024.md:39: section-without-table: heading \"Microsoft Entra Connect Health\" has no activity table under it; it is not a service\n\
         entra-2024.md:43: unmapped-service: heading \"Microsoft Entra Workload ID\" is in no services mapping: a service of its own with no known loggedByService value\n"
    );
    // The bundled versions are still there: the user page is one more.
    let out = cargo(&["run", "-q", "--example", "export", "--", "--page", "2022-11-29", "tsv"], env());
    assert_eq!(text(&out.stdout).lines().count(), 1 + 826);
}

#[test]
fn a_renamed_heading_mapped_in_a_services_file_keeps_its_service_variant() {
    let page = file(
        "renamed.md",
        format!("{FRONT}## Core Directory (renamed)\n\n|Audit Category|Activity|\n|---|---|\n|UserManagement|Add user|\n|UserManagement|Brand new thing|\n").as_bytes(),
    );
    let services = file(
        "services.csv",
        b"variant,heading,logged_by_service\nCoreDirectory,Core Directory (renamed),Core Directory\n",
    );
    // A crate that depends on this one, as a user's would.
    let user = tmp().join("user-crate");
    std::fs::create_dir_all(user.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"user-crate\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n[dependencies]\naad-audit-catalog = {{ path = {:?} }}\n",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::write(user.join("Cargo.toml"), manifest).unwrap();
    let main = r#"use aad_audit_catalog::{Page, Service, lookup_exact};
fn main() {
    let page = Page::from_date("2025-01-02").expect("the user page is a version");
    assert_eq!(Service::CoreDirectory.heading(page), Some("Core Directory (renamed)"));
    let e = lookup_exact("Core Directory (renamed)", "UserManagement", "Add user").unwrap();
    assert_eq!(e.service(), Service::CoreDirectory);
    assert_eq!(e.pages().len(), 3);
    println!("{}", lookup_exact("Core Directory", "UserManagement", "Brand new thing").unwrap().pages());
}
"#;
    std::fs::write(user.join("src/main.rs"), main).unwrap();
    let out =
        cargo_in(&user, &["run", "-q"], Env { reference: Some(&page), services: Some(&services), ..Env::default() });
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "2025-01-02\n");
}

#[test]
fn strict_mode_lists_the_notes_of_the_pages_it_names() {
    let out = cargo(&["check", "-q", "--lib"], Env { strict: Some("1"), ..Env::default() });
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("AAD_AUDIT_CATALOG_STRICT is set and the page(s) have 48 source note(s)"), "{stderr}");
    assert!(stderr.contains("reference-audit-activities.md:169: duplicate-row:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let out = cargo(&["check", "-q", "--lib"], Env { strict: Some("2024-10-04"), ..Env::default() });
    let stderr = text(&out.stderr);
    assert!(stderr.contains("have 11 source note(s)"), "{stderr}");
    assert!(!stderr.contains("reference-audit-activities.md:"), "only the 2024 page's notes: {stderr}");

    // A user page with nothing to note passes its own review.
    let clean = file(
        "clean.md",
        format!("{FRONT}## Access reviews\n\n|Audit Category|Activity|\n|---|---|\n|Policy|Apply decision|\n")
            .as_bytes(),
    );
    let out =
        cargo(&["check", "-q", "--lib"], Env { reference: Some(&clean), strict: Some("clean.md"), ..Env::default() });
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn names_that_are_rust_keywords_build() {
    let page = file(
        "keywords.md",
        format!(
            "{FRONT}## Self\n\n|Audit Category|Activity|\n|---|---|\n|self|fn \"x\" {{ }}|\n|crate|}}]; panic!()|\n"
        )
        .as_bytes(),
    );
    let out = cargo(&["check", "-q", "--lib"], Env { reference: Some(&page), ..Env::default() });
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn inputs_the_build_cannot_use_fail_with_one_clear_message() {
    let missing = tmp().join("inputs/does-not-exist.md");
    let not_utf8 = file("latin1.md", b"---\nms.date: 01/02/2025\n---\n# T\n\n## S caf\xe9\n");
    let no_tables = file("no-tables.md", format!("{FRONT}## S\n\nProse only.\n").as_bytes());
    let no_activity = file(
        "no-activity.md",
        format!("{FRONT}## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n|C||\n").as_bytes(),
    );
    let no_date = file("no-date.md", b"# T\n\n## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n");
    let too_long = file(
        "too-long.md",
        format!("{FRONT}## S\n\n|Audit Category|Activity|\n|---|---|\n|C|{}|\n", "x".repeat(1 << 20)).as_bytes(),
    );
    let same_date = file(
        "same-date.md",
        b"---\nms.date: 11/29/2022\n---\n# T\n\n## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n",
    );
    let cases = [
        (missing.clone(), format!("{}: cannot read", missing.display())),
        (not_utf8.clone(), format!("{}:6: not UTF-8", not_utf8.display())),
        (no_tables.clone(), format!("{}: the page has no activity tables", no_tables.display())),
        (no_activity.clone(), format!("{}:12: row has no activity: \"|C||\"", no_activity.display())),
        (no_date.clone(), format!("{}: the page has no `ms.date:` in its front matter", no_date.display())),
        (too_long.clone(), format!("{}:11: activity \"xxxx", too_long.display())),
        (same_date.clone(), format!("and {} have the same ms.date 2022-11-29", same_date.display())),
    ];
    for (path, message) in cases {
        let out = cargo(&["check", "-q", "--lib"], Env { reference: Some(&path), ..Env::default() });
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{} built", path.display());
        assert!(stderr.contains("error: aad-audit-catalog could not build its catalog:"), "{stderr}");
        assert!(stderr.contains(&message), "expected {message:?} in:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let relative = Path::new("pages/mine.md");
    let out = cargo(&["check", "-q", "--lib"], Env { reference: Some(relative), ..Env::default() });
    assert!(
        text(&out.stderr).contains("AAD_AUDIT_CATALOG_REFERENCE=pages/mine.md: use an absolute path"),
        "{}",
        text(&out.stderr)
    );
    let bad_mapping = file("bad.csv", b"variant,heading,logged_by_service\nCoreDirectory,B2C,\n");
    let out = cargo(&["check", "-q", "--lib"], Env { services: Some(&bad_mapping), ..Env::default() });
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:2: heading \"B2C\" is mapped to CoreDirectory here and to B2c at",
            bad_mapping.display()
        )),
        "{stderr}"
    );
}
