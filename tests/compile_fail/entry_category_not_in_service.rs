// Every part exists, but PIM lists nothing under UserManagement.
use aad_audit_catalog::entry;

fn main() {
    let _ = entry!("PIM", "UserManagement", "Add user");
}
