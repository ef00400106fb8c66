//! Checking one JSON Lines input on several threads: the input is cut into chunks at line
//! boundaries, chunks are checked apart (rayon), and their tallies are merged in input order,
//! which gives exactly the tally one thread makes.

use std::io::{self, Read};
use std::sync::Arc;

use rayon::prelude::*;

use super::Options;
use super::input::{InputFormat, Layout};
use super::reader::{Reader, io_stop, too_long_line};
use super::tally::{Counts, Tally};

/// A piece of the input for one thread.
enum Chunk {
    /// Whole lines (the last one may lack its newline at the end of the input).
    Lines(Vec<u8>),
    /// One line longer than the record limit, skipped.
    LongLine,
    /// Reading failed here.
    Failed(io::Error),
}

/// Reads one input with `threads` threads (see [`Report::read_parallel`](super::Report::read_parallel)).
pub(super) fn read<R: Read + Send>(
    name: String,
    reader: R,
    format: InputFormat,
    threads: usize,
    options: &Options,
) -> Tally {
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) if threads > 1 && format != InputFormat::Json => pool,
        _ => return Tally::read(name, reader, format, options),
    };
    // The start on this thread: the layout is decided, and the first record line read.
    let mut first = Reader::with_options(name.clone(), reader, format, options);
    let mut counts = Counts::new(options);
    while first.summary().records == 0 && first.read_next(|c| counts.add(c)) {}
    if first.summary().layout != Layout::JsonLines || first.summary().stopped.is_some() {
        while first.read_next(|c| counts.add(c)) {}
        return Tally::from_parts(first.summary().clone(), first.lines(), counts);
    }
    let lines = first.lines();
    let (held, source, summary) = first.into_rest();
    let mut tally = Tally::from_parts(summary, lines, counts);
    let mut source = io::Cursor::new(held).chain(source);
    let name: Arc<str> = Arc::from(name);
    let mut carry = Vec::new();
    // Buffers of checked chunks, reused so that each batch does not fault in fresh pages.
    let mut spare: Vec<Vec<u8>> = Vec::new();
    let mut batch = read_batch(&mut source, &mut carry, &mut spare, 2 * threads, options);
    while !batch.is_empty() {
        let failed = batch.iter().any(|c| matches!(c, Chunk::Failed(_)));
        let mut next_spare = Vec::new();
        let (checked, next) = pool.install(|| {
            rayon::join(
                || batch.into_par_iter().map(|chunk| check(&name, chunk, options)).collect::<Vec<_>>(),
                || {
                    if failed {
                        Vec::new()
                    } else {
                        read_batch(&mut source, &mut carry, &mut spare, 2 * threads, options)
                    }
                },
            )
        });
        for (t, buffer) in checked {
            tally.merge(t);
            next_spare.extend(buffer);
        }
        spare = next_spare;
        batch = next;
    }
    tally
}

/// Checks one chunk: its tally, numbered from its first line, and its buffer to reuse.
fn check(name: &Arc<str>, chunk: Chunk, options: &Options) -> (Tally, Option<Vec<u8>>) {
    let tally = match chunk {
        Chunk::Lines(bytes) => {
            let (tally, buffer) = Tally::of_chunk(&**name, bytes, options);
            return (tally, Some(buffer));
        }
        Chunk::LongLine => {
            let mut counts = Counts::new(options);
            too_long_line(name, options.max_record_bytes, |c| counts.add(c));
            let mut summary = super::InputSummary::new(name);
            summary.layout = Layout::JsonLines;
            summary.records = 1;
            Tally::from_parts(summary, 1, counts)
        }
        Chunk::Failed(e) => {
            let mut summary = super::InputSummary::new(name);
            summary.layout = Layout::JsonLines;
            summary.stopped = Some(io_stop(&e, Some(1)));
            Tally::from_parts(summary, 0, Counts::new(options))
        }
    };
    (tally, None)
}

/// Up to `n` chunks, in buffers from `spare` where it has some; fewer at the end of the input
/// (none after it), and none after a failure.
fn read_batch(
    src: &mut impl Read,
    carry: &mut Vec<u8>,
    spare: &mut Vec<Vec<u8>>,
    n: usize,
    options: &Options,
) -> Vec<Chunk> {
    let mut chunks = Vec::with_capacity(n);
    while chunks.len() < n {
        let mut buf = spare.pop().unwrap_or_default();
        buf.clear();
        buf.append(carry);
        match next_chunk(src, buf, carry, options.chunk_bytes.max(1), options.max_record_bytes.max(1)) {
            Ok(Some(chunk)) => chunks.push(chunk),
            Ok(None) => break,
            Err(e) => {
                chunks.push(Chunk::Failed(e));
                break;
            }
        }
    }
    chunks
}

/// Reads into `buf` until it holds `size` bytes or the input ends; whether it ended.
fn fill(src: &mut impl Read, buf: &mut Vec<u8>, size: usize) -> io::Result<bool> {
    buf.reserve(size.saturating_sub(buf.len()));
    while buf.len() < size {
        let had = buf.len();
        let n = src.by_ref().take((size - had) as u64).read_to_end(buf)?;
        if n == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The next chunk of whole lines (about `size` bytes) in `buf`, which starts with what the
/// previous read left over; `carry` is left holding what follows the chunk.
fn next_chunk(
    src: &mut impl Read,
    mut buf: Vec<u8>,
    carry: &mut Vec<u8>,
    size: usize,
    limit: usize,
) -> io::Result<Option<Chunk>> {
    let want = size.max(buf.len());
    let mut ended = fill(src, &mut buf, want)?;
    if buf.is_empty() {
        return Ok(None);
    }
    loop {
        if let Some(at) = memchr::memrchr(b'\n', &buf) {
            carry.extend_from_slice(&buf[at + 1..]);
            buf.truncate(at + 1);
            return Ok(Some(Chunk::Lines(buf)));
        }
        if ended {
            return Ok(Some(Chunk::Lines(buf)));
        }
        if buf.len() > limit {
            // One line longer than a record may be: skip to its end.
            return skip_long_line(src, carry).map(|()| Some(Chunk::LongLine));
        }
        let want = buf.len() + size;
        ended = fill(src, &mut buf, want)?;
    }
}

/// Skips the rest of a line; `carry` holds what follows it.
fn skip_long_line(src: &mut impl Read, carry: &mut Vec<u8>) -> io::Result<()> {
    let mut block = vec![0u8; 64 << 10];
    loop {
        let n = match src.read(&mut block) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(());
        }
        if let Some(at) = memchr::memchr(b'\n', &block[..n]) {
            carry.extend_from_slice(&block[at + 1..n]);
            return Ok(());
        }
    }
}
