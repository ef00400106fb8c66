//! Memory stays bounded whatever the input (feature `records`, Linux). Each check runs this
//! test binary again as a child process that reads a generated input (made on the fly, never
//! held) and prints its peak resident set size (`VmHWM` of `/proc/self/status`); the parent
//! compares the peaks of a small and a large input. No timing is measured.
#![cfg(all(feature = "records", target_os = "linux"))]

use std::io::{self, Read};
use std::process::Command;

use aad_audit_catalog::report::{InputFormat, Options, Report};

/// The environment variable that makes the `child` test do a workload.
const CHILD: &str = "AAD_AUDIT_MEMORY_CHILD";

const MIB: u64 = 1 << 20;

/// One item of a generated input: `head`, then `fill` repeated `len` times, then `tail`;
/// streamed, never built whole.
struct Item {
    head: Vec<u8>,
    fill: u8,
    len: u64,
    tail: Vec<u8>,
}

/// An input made on the fly: `count` items made by `item(i)`, each followed by `sep`.
struct Generated<F: FnMut(u64) -> Item> {
    item: F,
    count: u64,
    next: u64,
    sep: &'static [u8],
    /// The item being served, and how far: 0 head, 1 fill, 2 tail.
    current: Option<(Item, u8, u64)>,
}

fn generated<F: FnMut(u64) -> Item>(count: u64, sep: &'static [u8], item: F) -> Generated<F> {
    Generated { item, count, next: 0, sep, current: None }
}

impl<F: FnMut(u64) -> Item> Read for Generated<F> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some((item, part, done)) = &mut self.current else {
                if self.next == self.count {
                    return Ok(0);
                }
                let mut item = (self.item)(self.next);
                item.tail.extend_from_slice(self.sep);
                self.next += 1;
                self.current = Some((item, 0, 0));
                continue;
            };
            let n = match part {
                0 | 2 => {
                    let bytes = if *part == 0 { &item.head } else { &item.tail };
                    let n = buf.len().min(bytes.len() - *done as usize);
                    buf[..n].copy_from_slice(&bytes[*done as usize..*done as usize + n]);
                    n
                }
                _ => {
                    let n = buf.len().min((item.len - *done) as usize);
                    buf[..n].fill(item.fill);
                    n
                }
            };
            *done += n as u64;
            let size = match part {
                0 => item.head.len() as u64,
                1 => item.len,
                _ => item.tail.len() as u64,
            };
            if *done == size {
                *part += 1;
                *done = 0;
                if *part == 3 {
                    self.current = None;
                }
            }
            if n > 0 {
                return Ok(n);
            }
        }
    }
}

/// A Graph record line naming `activity`.
fn record(activity: &str) -> Item {
    let head = format!(
        r#"{{"loggedByService":"Core Directory","category":"UserManagement","activityDisplayName":"{activity}"#
    );
    Item { head: head.into_bytes(), fill: b'a', len: 0, tail: br#"","id":"x"}"#.to_vec() }
}

/// A record whose activity is `len` bytes of one letter, then `i` (distinct per `i`).
fn long_record(i: u64, len: u64) -> Item {
    let mut item = record("");
    item.fill = b'a' + (i % 26) as u8;
    item.len = len;
    item.tail = format!(r#"{i}","id":"x"}}"#).into_bytes();
    item
}

/// The workloads a child runs, by name; `size` scales the input.
fn workload(name: &str, size: u64) -> Report {
    let mut report = Report::new();
    match name {
        // Distinct unknown service names of 4 MiB each: kept as excerpts, echoed cut. (Unknown
        // services: the core's per-thread memory of activity suggestions is not the report's.)
        "long-names" => {
            let input = generated(size, b"\n", |i| {
                let mut item = long_record(i, 4 * MIB);
                item.head =
                    br#"{"category":"UserManagement","activityDisplayName":"Add user","loggedByService":""#.to_vec();
                item
            });
            report.read("names.jsonl", input, InputFormat::Auto);
        }
        // A record far longer than the limit inside a JSON document read as JSON.
        "document-record" => {
            let input = generated(3, b",\n", move |i| {
                let mut item = if i == 1 { long_record(i, size * MIB) } else { record("Add user") };
                if i == 0 {
                    item.head.insert(0, b'[');
                }
                if i == 2 {
                    item.tail.push(b']');
                }
                item
            });
            report.read("doc.json", input, InputFormat::Json);
        }
        // A first line far longer than the limit, in auto mode.
        "first-line" => {
            let input =
                generated(2, b"\n", move |i| if i == 0 { long_record(i, size * MIB) } else { record("Add user") });
            report.read("first.jsonl", input, InputFormat::Auto);
        }
        // Many records, checked on two threads, in chunks of 256 KiB (so that both sizes below
        // hold the most chunks at a time: 2 threads x 2 x 2 batches).
        "parallel" => {
            let mut options = Options::default();
            options.chunk_bytes = 256 << 10;
            report = Report::with_options(options);
            let input = generated(size * 10_000, b"\n", |i| record(if i % 10 == 0 { "Add usr" } else { "Add user" }));
            report.read_parallel("many.jsonl", input, InputFormat::Auto, 2);
        }
        other => panic!("no workload {other}"),
    }
    report
}

/// This process's peak resident set size, in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM");
    line.split_whitespace().nth(1).and_then(|kib| kib.parse::<u64>().ok()).expect("a number of kB") * 1024
}

/// Runs a workload when this binary is started as a child by [`child_peak`].
#[test]
fn child() {
    let Ok(spec) = std::env::var(CHILD) else { return };
    let (name, size) = spec.split_once(':').expect("name:size");
    let report = workload(name, size.parse().expect("size"));
    let text = report.to_string();
    let json = serde_json::to_string(&report).expect("serializes");
    let t = report.totals();
    println!("PEAK={} RECORDS={} TEXT={} JSON={}", peak_rss(), t.records, text.len(), json.len());
}

/// The child's peak RSS, records, text and JSON sizes for a workload.
fn child_peak(name: &str, size: u64) -> [u64; 4] {
    let exe = std::env::current_exe().expect("this test binary");
    let out = Command::new(exe)
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env(CHILD, format!("{name}:{size}"))
        .output()
        .expect("runs the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find_map(|l| l.find("PEAK=").map(|at| &l[at..])).unwrap_or_else(|| {
        panic!("child {name}:{size} printed no peak: {stdout}\n{}", String::from_utf8_lossy(&out.stderr))
    });
    let mut values = line.split_whitespace().map(|kv| kv.split_once('=').unwrap().1.parse::<u64>().unwrap());
    [(); 4].map(|()| values.next().unwrap())
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / MIB as f64
}

#[test]
fn distinct_long_unknown_names_do_not_grow_the_report() {
    let [small, records_small, text_small, _] = child_peak("long-names", 6);
    let [large, records_large, text_large, json_large] = child_peak("long-names", 24);
    assert_eq!((records_small, records_large), (6, 24));
    // 18 more 4 MiB names (72 MiB more if names were kept whole): at most 8 MiB more.
    assert!(large < small + 8 * MIB, "peak {:.1} MiB for 6 names, {:.1} MiB for 24", mib(small), mib(large));
    assert!(large < 120 * MIB, "peak {:.1} MiB", mib(large));
    assert!(text_large < text_small + 18 * 4096 && json_large < 200_000, "text {text_large}, JSON {json_large}");
}

#[test]
fn a_huge_record_inside_a_json_document_is_skipped_in_bounded_memory() {
    let [small, records, ..] = child_peak("document-record", 20);
    let [large, ..] = child_peak("document-record", 80);
    assert_eq!(records, 3);
    // The record grows by 60 MiB; what is held is bounded by the 16 MiB record limit.
    assert!(large < small + 8 * MIB, "peak {:.1} MiB for a 20 MiB record, {:.1} MiB for 80", mib(small), mib(large));
    assert!(large < 100 * MIB, "peak {:.1} MiB", mib(large));
}

#[test]
fn a_huge_first_line_in_auto_mode_is_held_to_the_record_limit() {
    let [small, records, ..] = child_peak("first-line", 20);
    let [large, ..] = child_peak("first-line", 80);
    assert_eq!(records, 2);
    assert!(large < small + 8 * MIB, "peak {:.1} MiB for a 20 MiB line, {:.1} MiB for 80", mib(small), mib(large));
    assert!(large < 100 * MIB, "peak {:.1} MiB", mib(large));
}

#[test]
fn checking_on_threads_holds_a_few_chunks_whatever_the_input_size() {
    let [small, records_small, ..] = child_peak("parallel", 4);
    let [large, records_large, ..] = child_peak("parallel", 16);
    assert_eq!((records_small, records_large), (40_000, 160_000));
    // 13 MiB more input: at most 2 MiB more held.
    assert!(
        large < small + 2 * MIB,
        "peak {:.1} MiB for 40,000 records, {:.1} MiB for 160,000",
        mib(small),
        mib(large)
    );
}
