//! Inputs: paths and directories walked as ripgrep walks them, standard input (saying so when
//! it is a terminal), UTF-16 without a byte order mark, the `--page` value, and the options
//! `validate` and `check` share on what passes.

use std::fs::{self, File};
use std::io::{self, BufRead, Cursor, IsTerminal, Read};
use std::path::{Path, PathBuf};

use aad_audit_catalog::allowlist::Allowlist;
use aad_audit_catalog::{Catalog, Page};

use crate::output::{Failed, Out, is_stdin};

/// One input to read: standard input or a file.
pub enum Input {
    /// Standard input (`-`, or no path given).
    Stdin,
    /// A file, as given or found in a directory.
    File(PathBuf),
    /// A path that could not be read (a directory that cannot be listed, a missing path).
    Unreadable(PathBuf, io::Error),
}

impl Input {
    /// The name the report gives it.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(p) | Input::Unreadable(p, _) => p.display().to_string(),
        }
    }
}

/// The inputs `paths` name: files as given (any extension), `-` for standard input,
/// directories walked for files with one of `extensions` (by name, depth first, hidden entries
/// left out unless `hidden`; symbolic links to directories are not followed). A directory with
/// no such file is told on standard error.
pub fn expand(paths: &[PathBuf], extensions: &[&str], hidden: bool, out: &Out) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if is_stdin(path) {
            inputs.push(Input::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let before = inputs.len();
                walk(path, extensions, hidden, &mut inputs);
                if inputs.len() == before {
                    let wanted: Vec<String> = extensions.iter().map(|e| format!("*.{e}")).collect();
                    out.warn(format_args!(
                        "{}: a directory with no {} file in it",
                        path.display(),
                        wanted.join(" or ")
                    ));
                }
            }
            Ok(_) => inputs.push(Input::File(path.clone())),
            Err(e) => inputs.push(Input::Unreadable(path.clone(), e)),
        }
    }
    inputs
}

fn walk(dir: &Path, extensions: &[&str], hidden: bool, inputs: &mut Vec<Input>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return inputs.push(Input::Unreadable(dir.to_path_buf(), e)),
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') && !hidden {
            continue;
        }
        let wanted = path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            let e = e.to_ascii_lowercase();
            extensions.contains(&e.as_str())
        });
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, extensions, hidden, inputs),
            Ok(_) if wanted => inputs.push(Input::File(path)),
            Ok(_) => {}
            Err(e) => inputs.push(Input::Unreadable(path, e)),
        }
    }
}

/// Keeps the `--output` file out of the inputs: named as an input it is an error (writing it
/// would destroy what is read); found in a directory it is skipped, as ripgrep does.
pub fn leave_out_output(inputs: &mut Vec<Input>, given: &[PathBuf], out: &Out) -> Result<(), Failed> {
    let Some(output) = out.file.as_ref().and_then(|f| fs::canonicalize(f).ok()) else { return Ok(()) };
    let is_output = |p: &Path| fs::canonicalize(p).is_ok_and(|p| p == output);
    if let Some(path) = given.iter().find(|p| !is_stdin(p) && is_output(p)) {
        return Err(Failed(format!(
            "{} is both an input and the output (--output): write the output elsewhere",
            path.display()
        )));
    }
    inputs.retain(|input| !matches!(input, Input::File(p) if is_output(p)));
    Ok(())
}

/// Says on standard error that standard input is a terminal and the command waits for it,
/// so a command typed without a file does not just hang.
pub fn hint_if_terminal(out: &Out, what: &str) {
    if io::stdin().is_terminal() {
        out.note(format_args!(
            "reading {what} from standard input (a terminal); type or paste them and end with Ctrl-D \
             (Ctrl-Z then Enter on Windows), or give a file (`aad-audit --help`)"
        ));
    }
}

/// A UTF-16 encoding told from the first bytes of a text without a byte order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BareUtf16 {
    /// `x 0 y 0`: ASCII text in UTF-16LE.
    Le,
    /// `0 x 0 y`: ASCII text in UTF-16BE.
    Be,
}

impl BareUtf16 {
    /// The encoding, when the first four bytes are two ASCII characters in UTF-16 (JSON starts
    /// with `{`, `[` or whitespace, never with NUL bytes in UTF-8).
    pub fn sniff(start: &[u8]) -> Option<BareUtf16> {
        let ascii = |b: u8| b != 0 && b.is_ascii();
        match *start {
            [a, 0, b, 0, ..] if ascii(a) && ascii(b) => Some(BareUtf16::Le),
            [0, a, 0, b, ..] if ascii(a) && ascii(b) => Some(BareUtf16::Be),
            _ => None,
        }
    }

    /// The byte order mark that makes the reader decode it.
    fn mark(self) -> &'static [u8] {
        match self {
            BareUtf16::Le => &[0xFF, 0xFE],
            BareUtf16::Be => &[0xFE, 0xFF],
        }
    }

    /// `UTF-16LE` or `UTF-16BE`.
    pub fn as_str(self) -> &'static str {
        match self {
            BareUtf16::Le => "UTF-16LE",
            BareUtf16::Be => "UTF-16BE",
        }
    }
}

/// A reader whose first bytes were looked at: `reader` again, from its start, with a byte
/// order mark put in front when it is UTF-16 without one (the report's reader decodes UTF-16
/// that has a mark).
pub type Sniffed<R> = io::Chain<Cursor<Vec<u8>>, io::Take<R>>;

/// Looks at the first bytes of `reader` for UTF-16 without a byte order mark.
pub fn sniff<R: Read>(mut reader: R) -> io::Result<(Sniffed<R>, Option<BareUtf16>)> {
    let mut start = Vec::with_capacity(4);
    (&mut reader).take(4).read_to_end(&mut start)?;
    // Fewer bytes mean the input ended; a terminal says so once (Ctrl-D), and reading it
    // again would wait for more.
    let rest = if start.len() < 4 { 0 } else { u64::MAX };
    let bare = BareUtf16::sniff(&start);
    if let Some(utf16) = bare {
        start.splice(0..0, utf16.mark().iter().copied());
    }
    Ok((Cursor::new(start).chain(reader.take(rest)), bare))
}

/// Opens a file for reading.
pub fn open(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// `--page DATE`: a page version by date (`2024-10-04`), file name, `oldest` or `latest`.
pub fn parse_page(s: &str) -> Result<Page, String> {
    s.parse::<Page>().map_err(|e| e.to_string())
}

/// What passes a check: the options `validate` and `check` share.
#[derive(clap::Args)]
pub struct Acceptance {
    /// Check against one page version only (a date such as 2024-10-04, `oldest` or `latest`);
    /// by default every bundled page version.
    #[arg(short, long, value_name = "DATE", value_parser = parse_page)]
    pub page: Option<Page>,
    /// Accept the activities in FILE as well (`service<TAB>category<TAB>activity` lines; an empty
    /// service or category means any): what the catalog does not list but FILE does is
    /// "allowed".
    #[arg(short, long, value_name = "FILE")]
    pub allow: Option<PathBuf>,
    /// Forgiven spellings need attention too (exit 1): only the catalog's exact spellings pass.
    #[arg(short, long)]
    pub strict: bool,
    /// Exit 0 when there is nothing to check (by default an empty input needs attention).
    #[arg(long)]
    pub allow_empty: bool,
}

impl Acceptance {
    /// The catalog to check against: one page version's, or every version's.
    pub fn catalog(&self) -> Catalog {
        self.page.map_or_else(Catalog::all, Catalog::page)
    }

    /// The allowlist read from `--allow FILE`, if given.
    pub fn allowlist(&self) -> Result<Option<Allowlist>, Failed> {
        self.allow.as_deref().map(Allowlist::read_path).transpose().map_err(|e| Failed(e.to_string()))
    }
}

/// A line read with the record limit: its bytes, or that it was too long (and skipped).
pub enum Line {
    /// A line (in the buffer).
    Text,
    /// A line longer than the limit, skipped.
    TooLong,
    /// The end of the input.
    End,
}

/// Reads one line into `buf` (without its line end), holding at most `limit` bytes of it: a
/// longer line is skipped to its end unheld, so memory stays bounded whatever the input.
pub fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let (mut any, mut too_long) = (false, false);
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', available) {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        // Room for the line and a CRLF line end.
        if !too_long && buf.len() + take > limit + 2 {
            too_long = true;
            *buf = Vec::new();
        }
        if !too_long {
            buf.extend_from_slice(&available[..take]);
        }
        reader.consume(take);
        if done {
            break;
        }
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(match (any, too_long || buf.len() > limit) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Text,
    })
}
