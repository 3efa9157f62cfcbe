//! Looking at a file before trusting it: what sits at a path, read within a
//! bound, and what its text says once line endings and a byte-order mark are
//! set aside.
//!
//! Nothing here follows a symbolic link or opens anything but a regular
//! file: a FIFO would block a read for ever and `/dev/zero` would never end.

use std::fs::{self, File};
use std::io::{self, Read as _};
use std::path::Path;

use crate::marker;

/// No generated document comes near this; a larger file is not one of ours.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// What sits at a path.
#[derive(Debug)]
pub enum Found {
    Missing,
    /// A regular file, read whole.
    File(Vec<u8>),
    /// Something that is not a regular file, or too large to be a document:
    /// never read further, never replaced.
    Other(&'static str),
}

/// Reads the regular file at `path`, if that is what is there.
pub fn look(path: &Path) -> io::Result<Found> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) => return Err(e),
    };
    if let Some(what) = not_regular(&meta) {
        return Ok(Found::Other(what));
    }
    if meta.len() > MAX_BYTES {
        return Ok(Found::Other("a file larger than any generated document"));
    }
    let file = match open_no_follow(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) => return Err(e),
    };
    // The path may have been swapped since `lstat`: trust what was opened.
    let opened = file.metadata()?;
    if let Some(what) = not_regular(&opened) {
        return Ok(Found::Other(what));
    }
    let mut bytes = Vec::with_capacity(opened.len() as usize);
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Ok(Found::Other("a file larger than any generated document"));
    }
    Ok(Found::File(bytes))
}

/// What a non-regular file is, in words; `None` for a regular file.
fn not_regular(meta: &fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        None
    } else if kind.is_symlink() {
        Some("a symbolic link")
    } else if kind.is_dir() {
        Some("a folder")
    } else {
        Some("a special file (a FIFO, socket or device)")
    }
}

/// Opens for reading without following a link and without waiting on a FIFO
/// that took the path's place since it was looked at.
fn open_no_follow(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
        options.custom_flags(flags.bits() as i32);
    }
    options.open(path)
}

/// A file's text as the writer compares it.
#[derive(Debug)]
pub struct Text {
    /// Valid UTF-8 (lossily decoded otherwise), without a byte-order mark,
    /// with `\r\n` read as `\n`.
    pub text: String,
    /// The bytes on disk are exactly `text`.
    pub pristine: bool,
    /// What the bytes hold beside `text`, in words, when not pristine.
    pub noise: Option<&'static str>,
    /// The fingerprint of the bytes when they are not `text` itself.
    raw: Option<Seen>,
}

/// True for what an interrupted write or a power cut can leave: nothing, or
/// only NUL bytes. Such a file holds nothing to lose.
pub fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| *b == 0)
}

/// Decodes `bytes` the way every comparison and marker check sees them,
/// without a copy when, as nearly always, they are LF-only UTF-8.
pub fn text(bytes: Vec<u8>) -> Text {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let crlf = bytes.contains(&b'\r') && bytes.windows(2).any(|w| w == b"\r\n");
    // The fingerprint of the bytes on disk, kept only where the text differs.
    let mut raw = None;
    let body = if bom || crlf {
        raw = Some(Seen::of(&bytes));
        bytes[if bom { 3 } else { 0 }..].to_vec()
    } else {
        bytes
    };
    let (decoded, valid) = match String::from_utf8(body) {
        Ok(s) => (s, true),
        Err(e) => {
            raw = raw.or_else(|| Some(Seen::of(e.as_bytes())));
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), false)
        }
    };
    let text = if crlf { decoded.replace("\r\n", "\n") } else { decoded };
    let noise = match (bom, crlf, valid) {
        (_, _, false) => Some("bytes that are not UTF-8"),
        (true, true, true) => Some("a byte-order mark and CRLF line endings"),
        (true, false, true) => Some("a byte-order mark"),
        (false, true, true) => Some("CRLF line endings"),
        (false, false, true) => None,
    };
    Text { pristine: noise.is_none(), noise, text, raw }
}

impl Text {
    /// The fingerprint of the bytes on disk.
    pub fn seen(&self) -> Seen {
        self.raw.unwrap_or_else(|| Seen::of(self.text.as_bytes()))
    }
}

/// A fingerprint of the bytes a plan saw, to tell before replacing or
/// removing a file that nobody saved over it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    len: u64,
    hash: u64,
}

impl Seen {
    pub fn of(bytes: &[u8]) -> Seen {
        Seen { len: bytes.len() as u64, hash: marker::hash_bytes(bytes) }
    }

    /// True when `path` still holds the bytes seen.
    pub fn still(&self, path: &Path) -> io::Result<bool> {
        Ok(match look(path)? {
            Found::File(bytes) => Seen::of(&bytes) == *self,
            Found::Missing | Found::Other(_) => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_a_byte_order_mark_are_set_aside_and_named() {
        let t = text(b"\xEF\xBB\xBFa\r\nb\n".to_vec());
        assert_eq!((t.text.as_str(), t.pristine), ("a\nb\n", false));
        assert_eq!(t.noise, Some("a byte-order mark and CRLF line endings"));
        let t = text(b"a\nb\n".to_vec());
        assert!(t.pristine && t.noise.is_none());
        // A lone CR is content, not a line ending to normalise.
        assert_eq!(text(b"a\rb".to_vec()).text, "a\rb");
    }

    #[test]
    fn a_byte_that_is_not_utf8_is_read_lossily() {
        let t = text(b"ok \xFF\n".to_vec());
        assert_eq!(t.noise, Some("bytes that are not UTF-8"));
        assert!(t.text.starts_with("ok "));
        assert_eq!(t.seen(), Seen::of(b"ok \xFF\n"), "the fingerprint is of the bytes on disk");
    }

    #[test]
    fn empty_and_nul_filled_files_are_blank() {
        assert!(is_blank(b""));
        assert!(is_blank(&[0; 4096]));
        assert!(!is_blank(b"\0x"));
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_not_read() {
        let tmp = tempfile::tempdir().expect("tmp");
        let link = tmp.path().join("zero.md");
        std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
        assert!(matches!(look(&link).expect("look"), Found::Other("a symbolic link")));
        assert!(matches!(look(tmp.path()).expect("look"), Found::Other("a folder")));
        assert!(matches!(look(&tmp.path().join("none.md")).expect("look"), Found::Missing));
    }
}
