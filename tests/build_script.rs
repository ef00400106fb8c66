//! The build script end to end: a newer page through `AAD_AUDIT_CATALOG_REFERENCE`, strict
//! mode, and pages the build cannot use. Each case runs cargo on this crate in a target
//! directory of its own (under `CARGO_TARGET_TMPDIR`), one case at a time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;

static CARGO_LOCK: Mutex<()> = Mutex::new(());

fn tmp() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-script-tests")
}

/// Runs cargo `args` on this crate with the given page (and strict mode), quietly.
fn cargo(args: &[&str], page: Option<&Path>, strict: bool) -> Output {
    let _guard = CARGO_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut cmd = Command::new(env!("CARGO"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CARGO_TARGET_DIR", tmp().join("target"))
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("AAD_AUDIT_CATALOG_REFERENCE")
        .env_remove("AAD_AUDIT_CATALOG_STRICT");
    if let Some(page) = page {
        cmd.env("AAD_AUDIT_CATALOG_REFERENCE", page);
    }
    if strict {
        cmd.env("AAD_AUDIT_CATALOG_STRICT", "1");
    }
    cmd.output().expect("cargo runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Writes a page into the temporary folder and returns its absolute path.
fn page(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = tmp().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const FRONT: &str = "---\ntitle: t\nms.date: 01/02/2024\n---\n# T\n\n";

#[test]
fn a_newer_page_builds_a_catalog_of_its_own() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/entra-2024.md");
    let out = cargo(&["run", "--example", "export", "--", "tsv"], Some(&fixture), false);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        text(&out.stdout),
        "line\tservice\tcategory\tactivity\n\
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
    // The services.csv rows for headings this page lacks are reported as build warnings.
    assert!(stderr.contains("heading \"Core directory\" is not a section of the page"), "{stderr}");

    let out = cargo(&["run", "-q", "--example", "export", "--", "notes"], Some(&fixture), false);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        "entra-2024.md:21: trailing-whitespace: whitespace after the end of the row\n\
         entra-2024.md:29: unmapped-service: service \"Core Directory\" is not in data/services.csv: it has no known loggedByService value and answers to its heading only\n\
         entra-2024.md:34: row-continued: row continues on line 35 (a lone `|`); joined\n\
         entra-2024.md:39: section-without-table: heading \"Microsoft Entra Connect Health\" has no activity table under it; it is not a service\n\
         entra-2024.md:43: unmapped-service: service \"Microsoft Entra Workload ID\" is not in data/services.csv: it has no known loggedByService value and answers to its heading only\n"
    );
}

#[test]
fn strict_mode_lists_every_note_at_once() {
    let out = cargo(&["check", "-q", "--lib"], None, true);
    let stderr = text(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("AAD_AUDIT_CATALOG_STRICT is set and the page has 37 source note(s)"), "{stderr}");
    let listed = stderr.lines().filter(|l| l.contains("reference-audit-activities.md:")).count();
    assert_eq!(listed, 37, "{stderr}");
    assert!(stderr.contains("reference-audit-activities.md:169: duplicate-row:"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    // A page with nothing to note builds in strict mode.
    let clean = page(
        "clean.md",
        format!("{FRONT}## Access reviews\n\n|Audit Category|Activity|\n|---|---|\n|Policy|Apply decision|\n")
            .as_bytes(),
    );
    let out = cargo(&["check", "-q", "--lib"], Some(&clean), true);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn pages_the_build_cannot_use_fail_with_one_clear_message() {
    let missing = tmp().join("pages/does-not-exist.md");
    let not_utf8 = page("latin1.md", b"---\nms.date: 01/02/2024\n---\n# T\n\n## S caf\xe9\n");
    let no_tables = page("no-tables.md", format!("{FRONT}## S\n\nProse only.\n").as_bytes());
    let no_activity = page(
        "no-activity.md",
        format!("{FRONT}## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n|C||\n").as_bytes(),
    );
    let no_date = page("no-date.md", b"# T\n\n## S\n\n|Audit Category|Activity|\n|---|---|\n|C|A|\n");
    let cases = [
        (missing.clone(), format!("{}: cannot read the reference page", missing.display())),
        (not_utf8.clone(), format!("{}:6: not UTF-8", not_utf8.display())),
        (no_tables.clone(), format!("{}: the page has no activity tables", no_tables.display())),
        (no_activity.clone(), format!("{}:12: row has no activity: \"|C||\"", no_activity.display())),
        (no_date.clone(), format!("{}: the page has no `ms.date:` in its front matter", no_date.display())),
    ];
    for (path, message) in cases {
        let out = cargo(&["check", "-q", "--lib"], Some(&path), false);
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{} built", path.display());
        assert!(stderr.contains("error: aad-audit-catalog could not build its catalog:"), "{stderr}");
        assert!(stderr.contains(&message), "expected {message:?} in:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}
