//! Images the site's texts show from its own files that are too heavy for a page: a file
//! over `MAX_IMAGE_BYTES`, or wider than `MAX_IMAGE_WIDTH`. (An image whose file is not
//! in `static/` is a broken link, which the link check reports.)

use std::collections::HashMap;
use std::path::Path;

use super::{Finding, Severity};
use crate::content::BodyImage;
use crate::diagnostic::Diagnostic;
use crate::site::Site;
use crate::source::StaticFile;

/// A page's image above this many bytes makes readers on a phone wait.
pub(super) const MAX_IMAGE_BYTES: u64 = 1_000_000;

/// Wider than any screen shows it: the reader downloads pixels that are thrown away.
pub(super) const MAX_IMAGE_WIDTH: u32 = 3_000;

/// A warning for each image of an article, topic or page whose file is too heavy.
pub(super) fn findings(site: &Site, statics: &[StaticFile]) -> Vec<Finding> {
    let files: HashMap<String, &StaticFile> =
        statics.iter().map(|file| (format!("/{}", file.relative.to_string_lossy().replace('\\', "/")), file)).collect();
    let texts = (site.articles.iter().map(|a| (a.path.as_path(), a.images.as_slice())))
        .chain(
            site.topics
                .iter()
                .flat_map(|entry| std::iter::once(&entry.topic).chain(&entry.translations))
                .map(|topic| (topic.path.as_path(), topic.images.as_slice())),
        )
        .chain(site.pages.iter().map(|page| (page.path.as_path(), page.images.as_slice())));
    let mut findings = Vec::new();
    for (path, images) in texts {
        for image in images {
            if let Some(file) = files.get(&image.src) {
                findings.extend(too_heavy(path, image, file));
            }
        }
    }
    findings
}

fn too_heavy(path: &Path, image: &BodyImage, file: &StaticFile) -> Option<Finding> {
    let problem = if file.bytes > MAX_IMAGE_BYTES {
        format!(
            "the image `{}` is {:.1} MB, over {} MB: readers on a phone wait for it; save it smaller (JPEG or WebP)",
            image.src,
            file.bytes as f64 / 1e6,
            MAX_IMAGE_BYTES / 1_000_000
        )
    } else if let Some((width, _)) = file.image_size.filter(|(width, _)| *width > MAX_IMAGE_WIDTH) {
        format!(
            "the image `{}` is {width} pixels wide, over {MAX_IMAGE_WIDTH}: no screen shows that many; resize it",
            image.src
        )
    } else {
        return None;
    };
    Some(Finding { severity: Severity::Warning, diagnostic: Diagnostic::new(path, image.line, image.column, problem) })
}
