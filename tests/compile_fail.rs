//! Names not in the catalog do not compile: each file in `tests/compile_fail/` must fail, with
//! the error in the `.stderr` file beside it (regenerate with `TRYBUILD=overwrite`, then review).

#[test]
fn misspelled_names_do_not_compile() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/compile_fail/*.rs");
}
