// The name is checked even in code that is never called and in generic code, and by
// `cargo check` (which trybuild runs here): the macros expand to a named `const` item.
use aad_audit_catalog::{Entry, entry};

#[allow(dead_code)]
fn never_called<T>(_: T) -> &'static Entry {
    entry!("B2C", "Authorization", "Delete identity providr")
}

fn main() {}
