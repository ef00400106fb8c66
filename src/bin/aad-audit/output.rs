//! Where the command writes and how: standard output or `--output FILE`, nothing with
//! `--quiet`, colour only where asked or on a terminal, and the exit codes.

use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

/// What a run came to; each exit code means one thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: everything asked about is fine.
    Clean,
    /// 1: something needs attention (unknown, malformed, empty, strict-forgiven, lint errors,
    /// nothing found).
    Attention,
    /// 2: a usage error, or an input or output that could not be read or written.
    Failure,
}

impl Exit {
    /// `Attention` when `attention`, else `Clean`.
    pub fn attention_if(attention: bool) -> Exit {
        if attention { Exit::Attention } else { Exit::Clean }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(match exit {
            Exit::Clean => 0,
            Exit::Attention => 1,
            Exit::Failure => 2,
        })
    }
}

/// A run that could not do what was asked: the message for standard error, exit code 2.
#[derive(Debug)]
pub struct Failed(pub String);

impl From<io::Error> for Failed {
    fn from(e: io::Error) -> Failed {
        Failed(format!("cannot write the output: {e}"))
    }
}

/// What a subcommand returns.
pub type Outcome = Result<Exit, Failed>;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour (even into a pipe or a file).
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub fn decide(self, terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                // https://no-color.org: any non-empty value turns colour off.
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
                terminal && !no_color && !dumb
            }
        }
    }
}

/// ANSI styles, or none: what colour a piece of text gets.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    on: bool,
}

/// The colours used.
#[derive(Debug, Clone, Copy)]
pub enum Hue {
    /// Fine: exact, OK.
    Good,
    /// Worth a look: forgiven, warnings, notes.
    Warn,
    /// Needs attention: unknown, malformed, errors.
    Bad,
    /// A heading.
    Bold,
}

impl Paint {
    /// Colours when `on`.
    pub fn new(on: bool) -> Paint {
        Paint { on }
    }

    /// `text` in `hue`, when colouring.
    pub fn paint<T: fmt::Display>(self, hue: Hue, text: T) -> Painted<T> {
        Painted { code: if self.on { Some(hue.code()) } else { None }, text }
    }
}

impl Hue {
    fn code(self) -> &'static str {
        match self {
            Hue::Good => "\x1b[32m",
            Hue::Warn => "\x1b[33m",
            Hue::Bad => "\x1b[1;31m",
            Hue::Bold => "\x1b[1m",
        }
    }
}

/// Text with its colour: see [`Paint::paint`].
pub struct Painted<T> {
    code: Option<&'static str>,
    text: T,
}

impl<T: fmt::Display> fmt::Display for Painted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.code {
            Some(code) => write!(f, "{code}{}\x1b[0m", self.text),
            None => self.text.fmt(f),
        }
    }
}

/// Standard output, a file or nothing; a reader that goes away (`| head`) is not an error:
/// what is left is dropped, so the run goes on and its exit code stays the one it earns.
struct Sink {
    target: Target,
    closed: bool,
}

/// Where a [`Sink`] writes.
enum Target {
    Ready(Box<dyn Write>),
    /// `--output FILE`, created at the first write (after the inputs are known not to be it).
    Pending(PathBuf),
}

impl Sink {
    fn target(&mut self) -> io::Result<&mut dyn Write> {
        if let Target::Pending(path) = &self.target {
            let file = File::create(path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: cannot create: {e}", path.display())))?;
            self.target = Target::Ready(Box::new(file));
        }
        match &mut self.target {
            Target::Ready(w) => Ok(w.as_mut()),
            Target::Pending(_) => unreachable!("created above"),
        }
    }

    /// `result`, with a closed pipe taken as the end of the output.
    fn unless_closed<T>(&mut self, result: io::Result<T>, done: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let written = self.target()?.write(buf);
        self.unless_closed(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        // Nothing written yet: nothing to flush, and no file to create yet.
        if self.closed || matches!(self.target, Target::Pending(_)) {
            return Ok(());
        }
        let flushed = self.target()?.flush();
        self.unless_closed(flushed, ())
    }
}

/// What a subcommand writes to, and how.
pub struct Out {
    writer: BufWriter<Sink>,
    /// Colours for the output (off for files and pipes unless `--color always`).
    pub paint: Paint,
    /// Colours for standard error.
    pub paint_err: Paint,
    /// `--quiet`: nothing on standard output.
    pub quiet: bool,
    /// `--output FILE`, when the output goes to a file.
    pub file: Option<PathBuf>,
}

impl Out {
    /// The output `--output`, `--quiet` and `--color` ask for.
    pub fn open(output: Option<&Path>, quiet: bool, color: ColorChoice) -> Out {
        let file = output.filter(|p| !quiet && !is_stdin(p)).map(Path::to_path_buf);
        let (target, terminal) = match (quiet, &file) {
            (true, _) => (Target::Ready(Box::new(io::sink())), false),
            (false, Some(path)) => (Target::Pending(path.clone()), false),
            (false, None) => (Target::Ready(Box::new(io::stdout())), io::stdout().is_terminal()),
        };
        Out {
            writer: BufWriter::with_capacity(64 << 10, Sink { target, closed: false }),
            paint: Paint::new(color.decide(terminal)),
            paint_err: Paint::new(color.decide(io::stderr().is_terminal())),
            quiet,
            file,
        }
    }

    /// Writes everything still buffered; with `create`, creates the output file even if
    /// nothing was written (a run that failed leaves an existing file alone).
    pub fn finish(mut self, create: bool) -> io::Result<()> {
        self.writer.flush()?;
        if create {
            self.writer.get_mut().target()?;
        }
        Ok(())
    }

    /// A warning on standard error (`aad-audit: warning: ...`); `--quiet` keeps it back.
    pub fn warn(&self, message: impl fmt::Display) {
        if !self.quiet {
            eprintln!("aad-audit: {} {message}", self.paint_err.paint(Hue::Warn, "warning:"));
        }
    }

    /// A note on standard error (`aad-audit: ...`); `--quiet` keeps it back.
    pub fn note(&self, message: impl fmt::Display) {
        if !self.quiet {
            eprintln!("aad-audit: {message}");
        }
    }

    /// An error on standard error (`aad-audit: error: ...`), shown even with `--quiet`.
    pub fn error(&self, message: impl fmt::Display) {
        eprintln!("aad-audit: {} {message}", self.paint_err.paint(Hue::Bad, "error:"));
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// Writes `value` as pretty JSON and a newline.
pub fn json(out: &mut Out, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Whether a path names standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// `-` for standard input, when no path is given.
pub fn stdin_if_none(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() { vec![PathBuf::from("-")] } else { paths }
}
