// `lookup` forgives these spellings; compile-time names do not: write the catalog's spelling.
use aad_audit_catalog::{entry, service};

fn main() {
    // Letter case in an activity.
    let _ = entry!("Core Directory", "UserManagement", "add user");
    // A trailing period.
    let _ = entry!("Core Directory", "UserManagement", "Add user.");
    // Letter case in a service name.
    let _ = service!("core directory");
}
