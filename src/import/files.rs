//! The reads and writes of an import: input files, directories and stdin in; article
//! files out, never over an existing one unless forced.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs;
use std::io::{self, ErrorKind, Read, Write};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::{ImportError, Imported, Importer, fetch};
use crate::source::is_ignored;

/// Where a page comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
    /// An http(s) page, fetched.
    Url(String),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_owned(),
            Input::File(path) => path.display().to_string(),
            Input::Url(url) => url.clone(),
        }
    }
}

/// Extensions of the pages a directory import picks up.
const PAGE_EXTENSIONS: &[&str] = &["txt", "text", "html", "htm", "xhtml"];

/// The inputs named on the command line, directories expanded (sorted); and whether
/// any was a directory.
pub fn collect_inputs(arguments: &[PathBuf]) -> Result<(Vec<Input>, bool), ImportError> {
    let mut inputs = Vec::new();
    let mut any_directory = false;
    for argument in arguments {
        if argument.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if let Some(url) = argument.to_str().filter(|a| fetch::is_url(a)) {
            inputs.push(Input::Url(url.to_owned()));
        } else if argument.is_dir() {
            any_directory = true;
            let walker = WalkDir::new(argument).follow_links(true).sort_by_file_name().into_iter();
            for entry in walker.filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_str().unwrap_or(""))) {
                let entry = entry.map_err(|error| ImportError::Read {
                    path: error.path().unwrap_or(argument).to_path_buf(),
                    source: error.into_io_error().unwrap_or_else(|| std::io::Error::other("symbolic link loop")),
                })?;
                let is_page = entry
                    .path()
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|known| e.eq_ignore_ascii_case(known)));
                if entry.file_type().is_file() && is_page {
                    inputs.push(Input::File(entry.into_path()));
                }
            }
        } else {
            inputs.push(Input::File(argument.clone()));
        }
    }
    Ok((inputs, any_directory))
}

/// Reads and imports every input, in parallel; `on_done` is called after each.
pub fn import_all(
    importer: &Importer,
    inputs: &[Input],
    on_done: &(dyn Fn() + Sync),
) -> Vec<Result<Imported, ImportError>> {
    // Stdin can be read once only, so it is read before the parallel part.
    let stdin_text = inputs.contains(&Input::Stdin).then(|| {
        let stdin = Path::new("<stdin>");
        read_capped(std::io::stdin().lock(), stdin).and_then(|bytes| decode(bytes, stdin))
    });
    inputs
        .par_iter()
        .map(|input| {
            let text = match input {
                Input::Stdin => match &stdin_text {
                    Some(Ok(text)) => Ok(text.clone()),
                    Some(Err(ImportError::Read { path, source })) => Err(ImportError::Read {
                        path: path.clone(),
                        source: io::Error::new(source.kind(), source.to_string()),
                    }),
                    Some(Err(_)) => Err(ImportError::NotText { path: PathBuf::from("<stdin>") }),
                    None => unreachable!("stdin is read when it is an input"),
                },
                Input::File(path) => read_page(path),
                Input::Url(url) => fetch::fetch(url, importer.fetch_timeout),
            };
            let fetched_from = match input {
                Input::Url(url) => Some(url.as_str()),
                _ => None,
            };
            let result = text.and_then(|text| importer.import_from(&text, fetched_from));
            on_done();
            result
        })
        .collect()
}

fn read_page(path: &Path) -> Result<String, ImportError> {
    let file = fs::File::open(path).map_err(|source| ImportError::Read { path: path.to_path_buf(), source })?;
    decode(read_capped(file, path)?, path)
}

/// All of `input`, up to the size of the largest page a URL may give (`MAX_PAGE_BYTES`).
fn read_capped(input: impl Read, path: &Path) -> Result<Vec<u8>, ImportError> {
    let mut bytes = Vec::new();
    input
        .take(fetch::MAX_PAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ImportError::Read { path: path.to_path_buf(), source })?;
    if bytes.len() as u64 > fetch::MAX_PAGE_BYTES {
        let limit = format!("it is larger than the {} MB limit of one page", fetch::MAX_PAGE_BYTES / (1024 * 1024));
        return Err(ImportError::Read { path: path.to_path_buf(), source: io::Error::other(limit) });
    }
    Ok(bytes)
}

/// The text a byte-order mark announces (UTF-8 or UTF-16), else UTF-8, else
/// Windows-1252, in which older French pages are often saved.
fn decode(bytes: Vec<u8>, path: &Path) -> Result<String, ImportError> {
    if let Some(text) = decode_with_bom(&bytes) {
        return text.map_err(|_| ImportError::NotText { path: path.to_path_buf() });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => windows_1252(error.as_bytes()).ok_or_else(|| ImportError::NotText { path: path.to_path_buf() }),
    }
}

/// A fetched page's bytes as text: in the encoding its byte-order mark announces, as
/// browsers read it whatever the header says; else in the charset the page declares;
/// without one, as `decode`.
pub fn decode_bytes(bytes: Vec<u8>, charset: Option<&str>) -> Result<String, String> {
    if let Some(text) = decode_with_bom(&bytes) {
        return text;
    }
    match charset {
        None => decode(bytes, Path::new("page")).map_err(|_| "the page is neither UTF-8 nor Windows-1252".to_owned()),
        Some("utf-8" | "utf8") => {
            String::from_utf8(bytes).map_err(|_| "the page says it is UTF-8 but is not".to_owned())
        }
        Some("windows-1252" | "iso-8859-1" | "iso-8859-15" | "latin1" | "latin-1" | "us-ascii" | "cp1252") => {
            windows_1252(&bytes).ok_or_else(|| "the page has bytes that are not Windows-1252 text".to_owned())
        }
        Some(other) => Err(format!(
            "its charset `{other}` is not supported (UTF-8 and Windows-1252/ISO-8859-1 are); save the page as UTF-8 and import the file"
        )),
    }
}

/// The text after a UTF-8 or UTF-16 byte-order mark, or why it is not that; `None`
/// without a mark.
fn decode_with_bom(bytes: &[u8]) -> Option<Result<String, String>> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return Some(
            String::from_utf8(rest.to_vec())
                .map_err(|_| "the page starts with a UTF-8 byte-order mark but is not UTF-8".to_owned()),
        );
    }
    let (rest, big_endian) = match bytes {
        [0xfe, 0xff, rest @ ..] => (rest, true),
        [0xff, 0xfe, rest @ ..] => (rest, false),
        _ => return None,
    };
    let units = rest.chunks(2).map(|pair| {
        let pair = [pair[0], pair.get(1).copied().unwrap_or(0)];
        if big_endian { u16::from_be_bytes(pair) } else { u16::from_le_bytes(pair) }
    });
    Some(
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| "the page starts with a UTF-16 byte-order mark but is not UTF-16".to_owned()),
    )
}

/// Windows-1252 text; `None` for bytes it leaves undefined or control characters (binary files).
fn windows_1252(bytes: &[u8]) -> Option<String> {
    const HIGH: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘', '’', '“', '”',
        '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&byte| match byte {
            0x80..=0x9f => Some(HIGH[usize::from(byte - 0x80)]).filter(|&c| c != '\0'),
            b'\t' | b'\n' | b'\r' => Some(char::from(byte)),
            0x00..=0x1f => None,
            _ => Some(char::from(byte)),
        })
        .collect()
}

/// Writes articles under `root`, each named with its input, refusing to overwrite an
/// existing file unless `force` and refusing two inputs of this run that make the same
/// file. Returns, per article, the path written.
pub fn write_all(root: &Path, articles: &[(String, &Imported)], force: bool) -> Vec<Result<PathBuf, ImportError>> {
    let mut claimed: HashMap<&Path, &str> = HashMap::new();
    articles
        .iter()
        .map(|(input, article)| {
            if let Some(other) = claimed.get(article.path.as_path()) {
                return Err(ImportError::SameSlug { path: article.path.clone(), other: other.to_string() });
            }
            claimed.insert(&article.path, input);
            write_article(root, &article.path, &article.document(), force)
        })
        .collect()
}

/// Writes `text` as the file `relative` (`content/articles/2025/x.md`) under `root`,
/// where the build will read it, and never through a symbolic link: a folder on the way
/// may be a link only if it stays inside the site (the build follows those and refuses
/// the others), and the file itself is never one, not even with `force`. The file is
/// created without following links, so a link put in its place meanwhile is not
/// written through either; an existing file is replaced, not written into.
pub fn write_article(root: &Path, relative: &Path, text: &str, force: bool) -> Result<PathBuf, ImportError> {
    let refuse =
        |path: &Path, reason: String| ImportError::Write { path: path.to_path_buf(), source: io::Error::other(reason) };
    let shown = root.join(relative);
    let real_root = fs::canonicalize(root).map_err(|source| ImportError::Write { path: root.to_path_buf(), source })?;
    let names: Option<Vec<&OsStr>> =
        relative.components().map(|c| if let Component::Normal(name) = c { Some(name) } else { None }).collect();
    let Some((file_name, folders)) = names.as_deref().and_then(<[&OsStr]>::split_last) else {
        return Err(refuse(&shown, "not a file inside the site".to_owned()));
    };
    let mut folder = real_root.clone();
    let mut named = root.to_path_buf();
    for name in folders {
        named.push(name);
        let next = folder.join(name);
        match fs::create_dir(&next) {
            Err(error) if error.kind() != ErrorKind::AlreadyExists => {
                return Err(ImportError::Write { path: named, source: error });
            }
            _ => {}
        }
        let metadata =
            fs::symlink_metadata(&next).map_err(|source| ImportError::Write { path: named.clone(), source })?;
        if metadata.file_type().is_symlink() {
            let Ok(real) = fs::canonicalize(&next) else {
                return Err(refuse(
                    &named,
                    format!("it is a symbolic link to `{}`, which does not exist", link_target(&next)),
                ));
            };
            if !real.starts_with(&real_root) {
                return Err(refuse(
                    &named,
                    format!(
                        "it is a symbolic link to `{}`, outside the site root: import never writes outside the site",
                        real.display()
                    ),
                ));
            }
            if !real.is_dir() {
                return Err(refuse(
                    &named,
                    format!("it is a symbolic link to `{}`, which is not a folder", real.display()),
                ));
            }
            folder = real;
        } else if metadata.is_dir() {
            folder = next;
        } else {
            return Err(refuse(&named, "it is a file where a folder should be".to_owned()));
        }
    }
    let target = folder.join(file_name);
    match fs::symlink_metadata(&target) {
        Ok(metadata) if metadata.file_type().is_symlink() => Err(refuse(
            &shown,
            format!(
                "it is a symbolic link (to `{}`): import never writes through a link, even with --force; remove the link and import again",
                link_target(&target)
            ),
        )),
        Ok(metadata) if !metadata.is_file() => Err(refuse(&shown, "it is not a regular file".to_owned())),
        Ok(_) if !force => Err(ImportError::Exists { path: shown }),
        Ok(_) => replace(&folder, &target, text)
            .map(|()| shown.clone())
            .map_err(|source| ImportError::Write { path: shown, source }),
        Err(error) if error.kind() == ErrorKind::NotFound => match create_new(&target, text) {
            Ok(()) => Ok(shown),
            Err(error) if error.kind() == ErrorKind::AlreadyExists => Err(ImportError::Exists { path: shown }),
            Err(source) => Err(ImportError::Write { path: shown, source }),
        },
        Err(source) => Err(ImportError::Write { path: shown, source }),
    }
}

fn link_target(link: &Path) -> String {
    fs::read_link(link).map_or_else(|_| "?".to_owned(), |target| target.display().to_string())
}

/// Creates `path` with `text`; fails if anything, a link included, is already there.
fn create_new(path: &Path, text: &str) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

/// Replaces the file `target` in `folder` by one holding `text`: written beside it, then
/// renamed over it, which replaces the entry itself and never follows a link.
fn replace(folder: &Path, target: &Path, text: &str) -> io::Result<()> {
    let name = target.file_name().and_then(OsStr::to_str).unwrap_or("article");
    // Hidden and `.tmp`: a build never reads it, were it left behind.
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = create_new(&temporary, text).and_then(|()| fs::rename(&temporary, target));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_pages_are_decoded() {
        let bytes = b"L\x92\xe9t\xe9 \x80 \x9c".to_vec();
        assert_eq!(decode(bytes, Path::new("x.txt")).unwrap(), "L’été € œ");
        assert!(decode(vec![0xff, 0x00, 0x01], Path::new("x.bin")).is_err());
    }

    #[test]
    fn a_byte_order_mark_wins_over_the_declared_charset() {
        let utf8 = "\u{feff}L’été".as_bytes().to_vec();
        assert_eq!(decode_bytes(utf8, Some("windows-1252")).unwrap(), "L’été");
        let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain("Été".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode_bytes(utf16.clone(), Some("utf-8")).unwrap(), "Été");
        assert_eq!(decode(utf16, Path::new("x.txt")).unwrap(), "Été");
    }
}
