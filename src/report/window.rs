//! The bytes of an input being read: a buffer that holds what is still needed (the record
//! being framed) and reads more in large blocks; and the decoding of UTF-16 inputs.

use std::io::{self, Read};

/// How much is read from the input at a time.
pub(super) const BLOCK: usize = 256 << 10;

/// A sliding buffer over an input. Positions are absolute byte offsets in the (decoded)
/// input; bytes before [`Window::keep_from`] may be dropped when more are read.
pub(super) struct Window<R> {
    src: R,
    buf: Vec<u8>,
    /// Absolute offset of `buf[0]`.
    offset: u64,
    /// Index of the first byte still needed.
    keep: usize,
    /// Index of the first byte not yet scanned.
    pos: usize,
    /// Index after the last byte read.
    end: usize,
    eof: bool,
}

impl<R: Read> Window<R> {
    /// A window over `src`, starting with `prefix` (bytes already read from it; a large one
    /// becomes the buffer itself, uncopied).
    pub(super) fn new(src: R, prefix: Vec<u8>) -> Window<R> {
        let end = prefix.len();
        let buf = if end >= BLOCK {
            prefix
        } else {
            let mut buf = vec![0; BLOCK];
            buf[..end].copy_from_slice(&prefix);
            buf
        };
        Window { src, buf, offset: 0, keep: 0, pos: 0, end, eof: false }
    }

    /// The buffer, for another window to use.
    pub(super) fn into_buffer(self) -> Vec<u8> {
        self.buf
    }

    /// The absolute offset of the scan position.
    pub(super) fn pos(&self) -> u64 {
        self.offset + self.pos as u64
    }

    /// Moves the scan position to an absolute offset (within the bytes held).
    pub(super) fn seek(&mut self, to: u64) {
        self.pos = (to - self.offset) as usize;
    }

    /// Bytes from `from` (absolute) on may not be dropped; earlier ones may.
    pub(super) fn keep_from(&mut self, from: u64) {
        self.keep = (from.max(self.offset) - self.offset) as usize;
    }

    /// The unscanned bytes held, from the scan position.
    pub(super) fn ahead(&self) -> &[u8] {
        &self.buf[self.pos..self.end]
    }

    /// Advances the scan position by `n` bytes of [`Window::ahead`].
    pub(super) fn advance(&mut self, n: usize) {
        self.pos += n;
    }

    /// The bytes between two absolute offsets, which must be held.
    pub(super) fn slice(&self, from: u64, to: u64) -> &[u8] {
        &self.buf[(from - self.offset) as usize..(to - self.offset) as usize]
    }

    /// Reads more of the input after what is held, dropping what is no longer needed;
    /// `false` at the end of the input.
    pub(super) fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.keep > 0 && (self.end == self.buf.len() || self.keep >= self.buf.len() / 2) {
            self.buf.copy_within(self.keep..self.end, 0);
            self.offset += self.keep as u64;
            self.pos -= self.keep;
            self.end -= self.keep;
            self.keep = 0;
        }
        if self.end == self.buf.len() {
            let grow = self.buf.len().max(BLOCK);
            self.buf.resize(self.buf.len() + grow, 0);
        }
        loop {
            match self.src.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// The next byte without scanning it, reading more if needed; `None` at the end.
    pub(super) fn peek(&mut self) -> io::Result<Option<u8>> {
        while self.pos == self.end {
            if !self.fill()? {
                return Ok(None);
            }
        }
        Ok(Some(self.buf[self.pos]))
    }

    /// What is left of the input: the bytes held from the scan position on, and the source.
    pub(super) fn into_rest(self) -> (Vec<u8>, R) {
        (self.buf[self.pos..self.end].to_vec(), self.src)
    }
}

/// A text encoding an input may arrive in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 (with or without a byte order mark).
    #[default]
    Utf8,
    /// UTF-16, little-endian, with a byte order mark: what Windows PowerShell 5.1 writes
    /// with `>` or `Out-File`. Decoded to UTF-8 as it is read.
    Utf16Le,
    /// UTF-16, big-endian, with a byte order mark. Decoded to UTF-8 as it is read.
    Utf16Be,
}

impl Encoding {
    /// The encoding a byte order mark at the start of `prefix` names, and the mark's length.
    pub fn sniff(prefix: &[u8]) -> (Encoding, usize) {
        match prefix {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding::Utf8, 3),
            [0xFF, 0xFE, ..] => (Encoding::Utf16Le, 2),
            [0xFE, 0xFF, ..] => (Encoding::Utf16Be, 2),
            _ => (Encoding::Utf8, 0),
        }
    }

    /// `UTF-8`, `UTF-16LE` or `UTF-16BE`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// An input as UTF-8 bytes: as it is, or decoded from UTF-16 (unpaired surrogates become
/// U+FFFD).
pub(super) enum Source<R> {
    Utf8(R),
    Utf16 { src: R, big_endian: bool, pending: Vec<u8>, out: Vec<u8>, at: usize, high: Option<u16> },
}

impl<R: Read> Source<R> {
    /// Reads the start of `src`, says its encoding, and returns the UTF-8 bytes read so far
    /// (after any byte order mark) with the source for the rest, and whether reading failed.
    pub(super) fn open(mut src: R) -> (Encoding, Vec<u8>, Source<R>, io::Result<()>) {
        let mut start = [0u8; 3];
        let mut got = 0;
        let mut result = Ok(());
        while got < start.len() {
            match src.read(&mut start[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        let (encoding, mark) = Encoding::sniff(&start[..got]);
        let rest = start[mark..got].to_vec();
        match encoding {
            Encoding::Utf8 => (encoding, rest, Source::Utf8(src), result),
            _ => {
                let big_endian = encoding == Encoding::Utf16Be;
                let source = Source::Utf16 { src, big_endian, pending: rest, out: Vec::new(), at: 0, high: None };
                (encoding, Vec::new(), source, result)
            }
        }
    }
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Source::Utf16 { src, big_endian, pending, out, at, high } = self else {
            let Source::Utf8(src) = self else { unreachable!() };
            return src.read(buf);
        };
        while *at == out.len() {
            out.clear();
            *at = 0;
            let mut raw = [0u8; 8192];
            let n = src.read(&mut raw)?;
            if n == 0 && pending.len() < 2 {
                if high.take().is_some() || !pending.is_empty() {
                    out.extend_from_slice("\u{FFFD}".as_bytes());
                    pending.clear();
                    continue;
                }
                return Ok(0);
            }
            pending.extend_from_slice(&raw[..n]);
            let units = pending.len() / 2;
            for pair in pending[..units * 2].chunks_exact(2) {
                let unit = if *big_endian {
                    u16::from_be_bytes([pair[0], pair[1]])
                } else {
                    u16::from_le_bytes([pair[0], pair[1]])
                };
                decode_unit(unit, high, out);
            }
            pending.drain(..units * 2);
        }
        let n = buf.len().min(out.len() - *at);
        buf[..n].copy_from_slice(&out[*at..*at + n]);
        *at += n;
        Ok(n)
    }
}

/// Appends the UTF-8 of one UTF-16 code unit, pairing surrogates through `high`.
fn decode_unit(unit: u16, high: &mut Option<u16>, out: &mut Vec<u8>) {
    let mut push = |c: char| out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    match (high.take(), unit) {
        (Some(h), 0xDC00..=0xDFFF) => {
            let c = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
            push(char::from_u32(c).unwrap_or('\u{FFFD}'));
        }
        (previous, 0xD800..=0xDBFF) => {
            if previous.is_some() {
                push('\u{FFFD}');
            }
            *high = Some(unit);
        }
        (previous, _) => {
            if previous.is_some() {
                push('\u{FFFD}');
            }
            push(char::from_u32(u32::from(unit)).unwrap_or('\u{FFFD}'));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::{Encoding, Source};

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        bytes
    }

    #[test]
    fn utf16_is_decoded_whatever_the_read_sizes() {
        let text = "{\"a\": \"caf\u{e9} \u{1F600}\"}\r\n[1]\n";
        for big_endian in [false, true] {
            let bytes = utf16(text, big_endian);
            let (encoding, prefix, mut source, opened) = Source::open(&bytes[..]);
            opened.unwrap();
            assert_eq!(encoding, if big_endian { Encoding::Utf16Be } else { Encoding::Utf16Le });
            let mut out = prefix;
            let mut one = [0u8; 3];
            loop {
                let n = source.read(&mut one).unwrap();
                if n == 0 {
                    break;
                }
                out.extend_from_slice(&one[..n]);
            }
            assert_eq!(String::from_utf8(out).unwrap(), text);
        }
        let (encoding, mut prefix, mut source, _) = Source::open(&b"\xEF\xBB\xBF{}"[..]);
        source.read_to_end(&mut prefix).unwrap();
        assert_eq!((encoding, prefix.as_slice()), (Encoding::Utf8, &b"{}"[..]));
    }
}
