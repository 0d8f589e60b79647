//! The lead photo's image: the `<img>` of the article's captioned photo (or its first
//! photo), else the page's share image, as an absolute address; never a logo, an avatar
//! or a tracking pixel, which a page marks by their address, class or size.

use markup5ever_rcdom::Handle;
use url::Url;

use super::dom::{attr, class_tokens, descendants, tag};
use crate::byline::same_text;
use crate::tuning::{LEAD_IMAGE_MIN_PIXELS, LINE_BARE_CREDIT_WORDS};
use crate::{Caption, LeadImage};

/// An `<img>` of the article as the page writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// Its address, maybe relative.
    pub src: String,
    pub alt: String,
}

/// Words of an image's address, class or id that name something other than a photo of
/// the news (also with a plural `s` or a number: `logos`, `icon32`).
const NOT_PHOTO_WORDS: &[&str] = &[
    "logo",
    "avatar",
    "icon",
    "favicon",
    "spacer",
    "sprite",
    "badge",
    "emoji",
    "gravatar",
    "placeholder",
    "blank",
    "transparent",
    "tracking",
    "tracker",
    "beacon",
    "author",
    "profile",
    "headshot",
];

/// Alt texts that say only that the image is one.
const GENERIC_ALTS: &[&str] = &[
    "image",
    "photo",
    "picture",
    "img",
    "foto",
    "bild",
    "imagen",
    "immagine",
    "illustration",
    "thumbnail",
    "placeholder",
    "lead image",
    "main image",
    "hero image",
    "photo d'illustration",
    "image d'illustration",
];

/// The first photo in `node` (itself included), skipping logos, avatars and pixels.
pub fn photo_in(node: &Handle) -> Option<Photo> {
    descendants(node).into_iter().filter(|n| tag(n) == Some("img")).find_map(|img| {
        let src = address_of(&img)?;
        is_photo(&img, &src).then(|| Photo { src, alt: attr(&img, "alt").unwrap_or_default() })
    })
}

/// An `<img>`'s address: `src`, or where a lazy-loading page keeps it while `src` holds a
/// placeholder (`data-src`, the first of a `srcset`).
fn address_of(img: &Handle) -> Option<String> {
    let usable = |value: &str| {
        let value = value.trim();
        (!value.is_empty() && !value.starts_with("data:")).then(|| value.to_owned())
    };
    ["src", "data-src", "data-lazy-src", "data-original"]
        .iter()
        .find_map(|name| attr(img, name).and_then(|value| usable(&value)))
        .or_else(|| {
            ["srcset", "data-srcset"].iter().find_map(|name| {
                let set = attr(img, name)?;
                usable(set.split(',').next()?.split_whitespace().next()?)
            })
        })
}

/// Whether an `<img>` shows a photo rather than a logo, an avatar or a tracking pixel.
fn is_photo(img: &Handle, src: &str) -> bool {
    let small = ["width", "height"].iter().any(|name| {
        attr(img, name)
            .and_then(|value| value.trim().trim_end_matches("px").parse::<u32>().ok())
            .is_some_and(|pixels| pixels < LEAD_IMAGE_MIN_PIXELS)
    });
    !small && !class_tokens(img).iter().any(|token| names_no_photo(token)) && is_photo_address(src)
}

/// Whether an image's address could be a photo's: not a vector drawing or an icon file,
/// and no word of it names a logo, an avatar or a pixel (`/img/logo-2x.png`, `1x1.gif`).
fn is_photo_address(src: &str) -> bool {
    let path = src.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    let drawing = path.ends_with(".svg") || path.ends_with(".ico");
    !drawing && !path.split(|c: char| !c.is_ascii_alphanumeric()).any(names_no_photo)
}

/// `logo`, `avatars`, `icon32`, or a size too small for a photo (`1x1`, `48x48`).
fn names_no_photo(token: &str) -> bool {
    let named = NOT_PHOTO_WORDS.iter().any(|word| {
        token.strip_prefix(word).is_some_and(|rest| rest == "s" || rest.chars().all(|c| c.is_ascii_digit()))
    });
    let tiny = token.split_once('x').is_some_and(|(width, height)| {
        [width, height].iter().all(|side| side.parse::<u32>().is_ok_and(|pixels| pixels < LEAD_IMAGE_MIN_PIXELS))
    });
    named || tiny
}

/// Words a credit line opens with ("Photo: Ana Ficta", "Crédit photo : X / AFP").
const CREDIT_OPENERS: &[&str] = &["photo", "foto", "credit", "credito", "crédit", "crédito", "copyright", "bild"];

/// A credit with no caption in it: "© Ana Ficta", "Photo: Ana Ficta", "Foto Kai Erdacht / dpa".
pub fn is_bare_credit(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let short = lower.split_whitespace().count() <= LINE_BARE_CREDIT_WORDS + 2;
    let opened = lower.starts_with('©')
        || CREDIT_OPENERS.iter().any(|opener| lower.starts_with(opener)) && lower.contains([':', '/', '©']);
    short && opened
}

/// What the page's relative addresses are relative to: its `<base href>` (itself
/// resolved against the page's address), else the address it was saved from, else the
/// address it declares as its own.
pub fn base_address(base: Option<&str>, address: Option<&str>, canonical: Option<&str>) -> Option<Url> {
    let page = address.or(canonical).and_then(|address| Url::parse(address.trim()).ok());
    let base = base.and_then(|base| match &page {
        Some(page) => page.join(base.trim()).ok(),
        None => Url::parse(base.trim()).ok(),
    });
    base.or(page).filter(|url| matches!(url.scheme(), "http" | "https"))
}

/// `src` as an absolute `http(s)` address: as it is, or resolved against `base`. Without
/// a base, a relative address has none (`//host/x.jpg` is taken as `https:`).
pub fn absolute(src: &str, base: Option<&Url>) -> Option<String> {
    let src = src.trim();
    let url = match (Url::parse(src), base) {
        (Ok(url), _) => url,
        (Err(url::ParseError::RelativeUrlWithoutBase), Some(base)) => base.join(src).ok()?,
        (Err(url::ParseError::RelativeUrlWithoutBase), None) if src.starts_with("//") => {
            Url::parse(&format!("https:{src}")).ok()?
        }
        _ => return None,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// The lead photo's image: `photo` (the article's) when its address resolves, else the
/// page's share image `shared`. The alt text is kept when it describes the image: not
/// empty, not a file name (`IMG_2041.jpg`), not a word like "photo", and not the headline
/// or (part of) the caption again, which a screen reader would read twice.
pub fn lead_image(
    photo: Option<Photo>,
    shared: Option<&str>,
    base: Option<&Url>,
    caption: Option<&Caption>,
    title: &str,
) -> Option<LeadImage> {
    if let Some(photo) = photo
        && let Some(src) = absolute(&photo.src, base)
    {
        let alt = photo.alt.split_whitespace().collect::<Vec<_>>().join(" ");
        let file_name =
            !alt.contains(' ') && alt.contains(|c: char| c == '.' || c == '_' || c == '-' || c.is_ascii_digit());
        let key = |text: &str| text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect::<String>();
        let repeated = same_text(&alt, title) || caption.is_some_and(|caption| key(&caption.text).contains(&key(&alt)));
        let describes = !alt.is_empty()
            && !file_name
            && !repeated
            && !GENERIC_ALTS.contains(&alt.to_lowercase().trim_end_matches('.'));
        return Some(LeadImage { src, alt: describes.then_some(alt) });
    }
    let src = absolute(shared?, base).filter(|src| is_photo_address(src))?;
    Some(LeadImage { src, alt: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(html: &str) -> Option<Photo> {
        let document = htmd::HtmlToMarkdown::new().html_to_tree(html).unwrap();
        photo_in(&document)
    }

    #[test]
    fn logos_avatars_and_pixels_are_no_photos() {
        let found = photo(
            r#"<img src="/static/site-logo.svg"><img src="https://px.example/1x1.gif"><img class="author-avatar" src="/a/mara.jpg">
            <img src="/img/x.jpg" width="48" height="48"><img src="/img/y.png" width="100%"><img src="data:image/gif;base64,R0lG" data-src="/img/lab.jpg" alt="The lab">"#,
        );
        assert_eq!(found, Some(Photo { src: "/img/y.png".into(), alt: String::new() }));
        let found = photo(r#"<img src="data:image/gif;base64,R0lG" data-src="/img/lab.jpg" alt="The lab">"#);
        assert_eq!(found, Some(Photo { src: "/img/lab.jpg".into(), alt: "The lab".into() }));
        assert_eq!(photo(r#"<img src="/icons/share.png"><img src="/logos/x.png">"#), None);
    }

    #[test]
    fn a_credit_alone_is_told_from_a_caption() {
        for credit in
            ["© Ana Ficta", "Photo: Ana Ficta", "Crédit photo : Jeanne Fictive / AFP", "Foto Kai Erdacht / dpa"]
        {
            assert!(is_bare_credit(credit), "{credit}");
        }
        for caption in [
            "Photos of the plant were released on Monday",
            "The lab in Lisbon",
            "Photo: the lab in Lisbon, where 90 engineers worked until Friday",
        ] {
            assert!(!is_bare_credit(caption), "{caption}");
        }
    }

    #[test]
    fn addresses_resolve_against_the_base_the_page_or_its_canonical_address() {
        let base = base_address(None, None, Some("https://news.example/tech/story.html"));
        assert_eq!(absolute("lab.jpg", base.as_ref()).as_deref(), Some("https://news.example/tech/lab.jpg"));
        assert_eq!(absolute("/i/lab.jpg", base.as_ref()).as_deref(), Some("https://news.example/i/lab.jpg"));
        let base = base_address(Some("/media/"), Some("https://a.example/x/y"), Some("https://b.example/"));
        assert_eq!(absolute("lab.jpg", base.as_ref()).as_deref(), Some("https://a.example/media/lab.jpg"));
        assert_eq!(absolute("lab.jpg", None), None);
        assert_eq!(absolute("//cdn.example/lab.jpg", None).as_deref(), Some("https://cdn.example/lab.jpg"));
        assert_eq!(absolute("javascript:alert(1)", base.as_ref()), None);
    }

    #[test]
    fn an_alt_text_is_kept_when_it_describes_the_image() {
        let lead = |alt: &str| {
            let photo = Photo { src: "https://cdn.example/lab.jpg".into(), alt: alt.into() };
            let caption = Caption { text: "The lab in Lisbon.".into(), credit: None };
            lead_image(Some(photo), None, None, Some(&caption), "Norvale closes its lab").unwrap().alt
        };
        assert_eq!(
            lead("Engineers beside a clean-room window").as_deref(),
            Some("Engineers beside a clean-room window")
        );
        assert_eq!(lead("工場の完成予想図").as_deref(), Some("工場の完成予想図"));
        for alt in ["", "IMG_2041.jpg", "DSC01234", "Photo", "the lab in Lisbon", "The lab", "Norvale closes its lab"] {
            assert_eq!(lead(alt), None, "{alt}");
        }
    }

    #[test]
    fn the_share_image_stands_in_when_the_article_has_no_photo_with_an_address() {
        let relative = Photo { src: "lab.jpg".into(), alt: "The lab".into() };
        let lead = lead_image(Some(relative), Some("https://cdn.example/share/lab.jpg"), None, None, "T").unwrap();
        assert_eq!(lead, LeadImage { src: "https://cdn.example/share/lab.jpg".into(), alt: None });
        assert_eq!(lead_image(None, Some("https://cdn.example/default-logo.png"), None, None, "T"), None);
    }
}
