// The activity is not under that service and category: the page has "Add user".
use aad_audit_catalog::{Entry, entry};

const ADD_USER: &Entry = entry!("Core Directory", "UserManagement", "Add usr");

fn main() {
    let _ = ADD_USER;
}
