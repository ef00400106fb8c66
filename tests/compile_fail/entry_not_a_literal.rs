// The macros take string literals (the error message is built from them); for names in
// constants, use `aad_audit_catalog::compile_time::entry` in a `const` item.
use aad_audit_catalog::entry;

const SERVICE: &str = "Core Directory";

fn main() {
    let _ = entry!(SERVICE, "UserManagement", "Add user");
}
