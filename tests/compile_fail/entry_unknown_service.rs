// No service is called so (the page has "Core directory", logs say "Core Directory").
use aad_audit_catalog::entry;

fn main() {
    let _ = entry!("Core Directry", "UserManagement", "Add user");
}
