//! The image a shared page shows (`image:` of an article, `share_image:` of site.yaml):
//! a file of `static/`, or an image elsewhere on the web. Read once here, so that
//! `og:image` and JSON-LD take the same URL from it.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What a path segment of a URL may not carry as it is (RFC 3986 `pchar`); other bytes
/// than ASCII are encoded as well.
const SEGMENT: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'#').add(b'%').add(b'<').add(b'>').add(b'?').add(b'`').add(b'{').add(b'}');

/// A share image as written, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareImage {
    /// An absolute `http(s)` URL, normalised (lower-case scheme and host, spaces encoded).
    Url(String),
    /// A file under `static/`, which the output root holds: `images/a b.png` for
    /// `/images/a b.png`.
    File(String),
}

impl ShareImage {
    /// Reads a written value: `/images/x.png` (a file of `static/`), `https://…` in any
    /// case, or `//host/x.png` (taken as https). Refuses `..`, other schemes and empty values.
    pub fn parse(written: &str) -> Result<ShareImage, String> {
        let value = written.trim();
        if value.is_empty() {
            return Err("the image is empty: write a file of static/ such as `/images/x.png`, or leave it out".into());
        }
        let lower = value.to_ascii_lowercase();
        let absolute = if value.starts_with("//") {
            Some(format!("https:{value}"))
        } else if lower.starts_with("https://") || lower.starts_with("http://") {
            Some(value.to_owned())
        } else {
            None
        };
        if let Some(absolute) = absolute {
            return match url::Url::parse(&absolute) {
                Ok(url) if url.host_str().is_some_and(|host| !host.is_empty()) => Ok(ShareImage::Url(url.into())),
                _ => Err(format!("`{value}` is not a valid URL")),
            };
        }
        let scheme = value.split_once(':').is_some_and(|(before, _)| !before.contains('/'));
        if scheme || value.contains('\\') {
            return Err(format!(
                "`{value}` is neither a file of static/ (`/images/x.png`) nor an http(s) URL (`https://example.org/x.png`)"
            ));
        }
        let segments: Vec<&str> = value.split('/').filter(|segment| !segment.is_empty() && *segment != ".").collect();
        if segments.contains(&"..") {
            return Err(format!("`{value}` steps out of static/ with `..`: name a file of static/ from its root"));
        }
        if segments.is_empty() {
            return Err(format!("`{value}` names no file: write a file of static/ such as `/images/x.png`"));
        }
        Ok(ShareImage::File(segments.join("/")))
    }

    /// Its absolute URL, a file's under the site's `base_url`, each segment percent-encoded.
    pub fn url(&self, base_url: &str) -> String {
        match self {
            ShareImage::Url(url) => url.clone(),
            ShareImage::File(path) => {
                let encoded: Vec<String> =
                    path.split('/').map(|segment| utf8_percent_encode(segment, SEGMENT).to_string()).collect();
                format!("{base_url}/{}", encoded.join("/"))
            }
        }
    }

    /// The file of `static/` it names, if it names one.
    pub fn static_file(&self) -> Option<&str> {
        match self {
            ShareImage::File(path) => Some(path),
            ShareImage::Url(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url_of(written: &str) -> String {
        ShareImage::parse(written).unwrap().url("https://example.org/briefing")
    }

    #[test]
    fn absolute_urls_keep_their_host_with_a_lower_case_scheme() {
        assert_eq!(url_of("HTTPS://Example.COM/a b.png"), "https://example.com/a%20b.png");
        assert_eq!(url_of("//cdn.example.net/x.png"), "https://cdn.example.net/x.png");
        assert_eq!(url_of("http://example.com/x.png?w=2"), "http://example.com/x.png?w=2");
    }

    #[test]
    fn files_of_static_are_under_the_base_url_and_encoded() {
        assert_eq!(url_of("/images/my photo#1.png"), "https://example.org/briefing/images/my%20photo%231.png");
        assert_eq!(url_of("share.png"), "https://example.org/briefing/share.png");
        assert_eq!(url_of("/images/été.png"), "https://example.org/briefing/images/%C3%A9t%C3%A9.png");
        assert_eq!(ShareImage::parse("/images/./x.png").unwrap().static_file(), Some("images/x.png"));
    }

    #[test]
    fn escapes_other_schemes_and_empty_values_are_refused() {
        for written in [
            "../secret.png",
            "/images/../../site.yaml",
            "javascript:alert(1)",
            "data:image/png;base64,AA",
            "",
            " ",
            "/",
            "https://",
            "a\\b.png",
        ] {
            assert!(ShareImage::parse(written).is_err(), "{written}");
        }
    }
}
