use aad_audit_catalog::{Service, service};

const CORE: Service = service!("Core Directry");

fn main() {
    let _ = CORE;
}
