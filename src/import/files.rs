//! The reads and writes of an import: input files, directories and stdin in; article
//! files out, never over an existing one unless forced.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

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
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|source| ImportError::Read { path: PathBuf::from("<stdin>"), source })
            .and_then(|_| decode(bytes, Path::new("<stdin>")))
    });
    inputs
        .par_iter()
        .map(|input| {
            let text = match input {
                Input::Stdin => match &stdin_text {
                    Some(Ok(text)) => Ok(text.clone()),
                    Some(Err(error)) => Err(ImportError::Read {
                        path: PathBuf::from("<stdin>"),
                        source: std::io::Error::other(error.to_string()),
                    }),
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
    let bytes = fs::read(path).map_err(|source| ImportError::Read { path: path.to_path_buf(), source })?;
    decode(bytes, path)
}

/// UTF-8 (a leading byte-order mark dropped), else Windows-1252, in which older French
/// pages are often saved.
fn decode(bytes: Vec<u8>, path: &Path) -> Result<String, ImportError> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            windows_1252(error.as_bytes()).ok_or_else(|| ImportError::NotText { path: path.to_path_buf() })?
        }
    };
    Ok(text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))
}

/// A fetched page's bytes as text, in the charset it declares; without one, as `decode`.
pub fn decode_bytes(bytes: Vec<u8>, charset: Option<&str>) -> Result<String, String> {
    match charset {
        None => decode(bytes, Path::new("page")).map_err(|_| "the page is neither UTF-8 nor Windows-1252".to_owned()),
        Some("utf-8" | "utf8") => String::from_utf8(bytes)
            .map(|text| text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text))
            .map_err(|_| "the page says it is UTF-8 but is not".to_owned()),
        Some("windows-1252" | "iso-8859-1" | "iso-8859-15" | "latin1" | "latin-1" | "us-ascii" | "cp1252") => {
            windows_1252(&bytes).ok_or_else(|| "the page has bytes that are not Windows-1252 text".to_owned())
        }
        Some(other) => Err(format!(
            "its charset `{other}` is not supported (UTF-8 and Windows-1252/ISO-8859-1 are); save the page as UTF-8 and import the file"
        )),
    }
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
            let target = root.join(&article.path);
            if target.exists() && !force {
                return Err(ImportError::Exists { path: target });
            }
            if let Some(directory) = target.parent() {
                fs::create_dir_all(directory)
                    .map_err(|source| ImportError::Write { path: directory.to_path_buf(), source })?;
            }
            fs::write(&target, article.document())
                .map_err(|source| ImportError::Write { path: target.clone(), source })?;
            Ok(target)
        })
        .collect()
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
}
