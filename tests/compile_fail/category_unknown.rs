use aad_audit_catalog::category;

fn main() {
    let _ = category!("User Managment");
}
