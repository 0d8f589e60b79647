//! Reads what import needs of a site: `site.yaml` (for its taxonomies), the topics'
//! keywords and `content/entities.yaml`, with the build's own parsers, and the rules an
//! article of the site must meet.

use std::fs;
use std::path::Path;

use crate::config::SiteConfig;
use crate::content::Topic;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::site::Entities;
use crate::source::{CONFIG_FILE, ENTITIES_FILE, is_ignored, read_text};

use super::validate::SiteRules;
use super::{Gazetteer, ImportError};

/// The gazetteer of the site at `root`, and the rules its articles must meet; every
/// problem in those files is reported.
pub fn load_site(root: &Path) -> Result<(Gazetteer, SiteRules), ImportError> {
    if !root.join(CONFIG_FILE).is_file() {
        return Err(ImportError::NoSite { root: root.to_path_buf() });
    }
    let mut problems = Diagnostics::default();
    let config = read_text(root, Path::new(CONFIG_FILE))
        .and_then(|file| SiteConfig::parse(&file.text, CONFIG_FILE))
        .map_err(|problem| {
            let mut only = Diagnostics::default();
            only.push(problem);
            ImportError::Site(only)
        })?;

    let mut topics = Vec::new();
    let topics_dir = root.join("content/topics");
    let mut names: Vec<String> = match fs::read_dir(&topics_dir) {
        Ok(entries) => {
            entries.filter_map(Result::ok).filter_map(|e| e.file_name().to_str().map(str::to_owned)).collect()
        }
        Err(error) => {
            problems.push(Diagnostic::whole_file("content/topics", format!("cannot read the topics: {error}")));
            Vec::new()
        }
    };
    names.sort();
    let mut files = Vec::new();
    for name in names.iter().filter(|n| n.ends_with(".md") && !is_ignored(n)) {
        let relative = Path::new("content/topics").join(name);
        match read_text(root, &relative) {
            Ok(file) => files.push(file),
            Err(problem) => problems.push(problem),
        }
    }
    // As the build reads them: `<slug>.fr.md` translates a topic rather than being one.
    let (parsed, errors) = crate::plan::parse_topics(&files, &config.languages[1..]);
    topics.extend(parsed.into_iter().filter(|topic: &Topic| topic.translation_language().is_none()));
    problems.extend(errors);

    let entities = if root.join(ENTITIES_FILE).is_file() {
        match read_text(root, Path::new(ENTITIES_FILE)) {
            Ok(file) => Entities::parse(&file.text, &file.path, &config.taxonomies, &config.language_codes())
                .unwrap_or_else(|errors| {
                    problems.extend(errors);
                    Entities::default()
                }),
            Err(problem) => {
                problems.push(problem);
                Entities::default()
            }
        }
    } else {
        Entities::default()
    };
    if !problems.is_empty() {
        return Err(ImportError::Site(problems.sorted()));
    }
    let gazetteer = Gazetteer::new(&topics, &entities);
    let rules = SiteRules::new(&config, gazetteer.topic_slugs());
    Ok((gazetteer, rules))
}
