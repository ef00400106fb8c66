// No category is spelled so.
use aad_audit_catalog::entry;

fn main() {
    let _ = entry!("Core Directory", "UserManagment", "Add user");
}
