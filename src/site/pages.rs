//! Standalone pages (`content/pages/*.md`): their order, their versions in other
//! languages, and the slugs they may not take.

use std::collections::BTreeMap;

use super::Site;
use crate::config::NavTarget;
use crate::content::StandalonePage;
use crate::diagnostic::Diagnostic;
use crate::route::{LanguageId, PageId, kinds};
use crate::source::CONFIG_FILE;
use crate::yaml;

impl Site {
    /// The site with its standalone pages, and the problems they make: a translation with
    /// no default-language file, a slug that a section, a taxonomy or a language's folder
    /// takes, two pages at one address. Pages with a problem are left out.
    pub fn with_pages(mut self, mut pages: Vec<StandalonePage>) -> (Site, Vec<Diagnostic>) {
        let config = &self.config;
        for page in &mut pages {
            let lang = page.translation_language.as_deref().unwrap_or(&config.language);
            let typography = config.interface.get(config.interface.locale_for(lang)).typography();
            page.title = typography.text(&page.title);
            page.nav_title = typography.text(&page.nav_title);
            page.summary = typography.text(&page.summary);
            page.html = typography.html(&page.html);
        }
        let mut problems = Vec::new();
        let (translations, mut defaults): (Vec<StandalonePage>, Vec<StandalonePage>) =
            pages.into_iter().partition(|page| page.translation_language.is_some());
        defaults.sort_by(|a, b| {
            a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)).then_with(|| a.key.cmp(&b.key))
        });
        let mut ordered = defaults.clone();
        for translation in translations {
            if defaults.iter().any(|page| page.key == translation.key) {
                ordered.push(translation);
            } else {
                problems.push(Diagnostic::whole_file(
                    &translation.path,
                    format!(
                        "a translated page needs its default-language file: add content/pages/{}.md",
                        translation.key
                    ),
                ));
            }
        }
        let reserved = kinds::reserved_sections();
        let mut taken: BTreeMap<(LanguageId, String), &StandalonePage> = BTreeMap::new();
        let mut kept = Vec::with_capacity(ordered.len());
        for page in &ordered {
            let lang =
                page.translation_language.as_deref().map_or(LanguageId::DEFAULT, |code| config.language_id(code));
            let at = |message: String| match page.slug_position {
                (0, 0) => Diagnostic::whole_file(&page.path, message),
                (line, column) => Diagnostic::new(&page.path, line, column, message),
            };
            let slug = page.slug.as_str();
            let clash = if reserved.contains(&slug) {
                Some("a section of the site".to_owned())
            } else if config.taxonomies.iter().any(|taxonomy| taxonomy == slug) {
                Some(format!("the index of the taxonomy `{slug}` (site.yaml `taxonomies:`)"))
            } else if lang == LanguageId::DEFAULT && config.languages[1..].iter().any(|l| l.code == slug) {
                Some(format!("where the pages in `{slug}` are"))
            } else {
                None
            };
            if let Some(owner) = clash {
                problems.push(at(format!(
                    "the page slug `{slug}` is reserved: `/{slug}/` is {owner}; give the page another `slug:`"
                )));
                continue;
            }
            if let Some(other) = taken.get(&(lang, page.slug.clone())) {
                // `about.md` and `about.fr.md` where `fr` is the default: one name says
                // the language the other already has.
                let advice = if other.key == page.key {
                    format!(
                        "both are the page in the default language, `{}`: keep one, or if one of them is in another \
                         of the site's languages, name it `{}.<code>.md`",
                        config.language, page.key
                    )
                } else {
                    "give one of them another `slug:`".to_owned()
                };
                problems.push(at(format!(
                    "duplicate page slug `{slug}`: {} also makes this page; {advice}",
                    other.path.display()
                )));
                continue;
            }
            taken.insert((lang, page.slug.clone()), page);
            kept.push((lang, page));
        }
        let languages: Vec<LanguageId> = kept.iter().map(|(lang, _)| *lang).collect();
        let kept: Vec<StandalonePage> = kept.into_iter().map(|(_, page)| page.clone()).collect();
        let routes = std::mem::take(&mut self.routes);
        self.routes = routes.with_pages(languages.iter().copied().zip(kept.iter().map(|page| page.slug.as_str())));
        self.page_languages = languages;
        self.pages = kept;
        problems.extend(self.unknown_nav_targets());
        (self, problems)
    }

    /// The `nav:` entries and `publisher:` policies of site.yaml naming a page or topic the
    /// site does not have.
    fn unknown_nav_targets(&self) -> Vec<Diagnostic> {
        let mut keys: Vec<&str> =
            self.pages.iter().filter(|page| page.translation_language.is_none()).map(|p| p.key.as_str()).collect();
        keys.sort_unstable();
        let slugs: Vec<&str> = self.topics.iter().map(|entry| entry.topic.slug.as_str()).collect();
        let mut problems = Vec::new();
        let nav = self.config.nav.iter().map(|entry| (&entry.target, entry.line, entry.column));
        let policies = self.config.publisher.policies().map(|(_, link)| (&link.target, link.line, link.column));
        for (target, line, column) in nav.chain(policies) {
            let (what, name, known, folder) = match target {
                NavTarget::Page(key) => ("page", key, &keys, "content/pages"),
                NavTarget::Topic(slug) => ("topic", slug, &slugs, "content/topics"),
                NavTarget::Section(_) | NavTarget::Url(_) => continue,
            };
            if !known.contains(&name.as_str()) {
                let message =
                    format!("{} (a {what} is named by its file name in {folder}/)", yaml::unknown(what, name, known));
                problems.push(Diagnostic::new(CONFIG_FILE, line, column, message));
            }
        }
        problems
    }

    /// The versions of a page in other languages than its own, with their languages.
    pub fn page_versions(&self, id: PageId) -> impl Iterator<Item = (LanguageId, PageId)> + '_ {
        let key = &self.pages[id].key;
        (0..self.pages.len())
            .filter(move |&other| other != id.0 && self.pages[other].key == *key)
            .map(|other| (self.page_languages[other], PageId(other)))
    }

    /// The page of `key` (its file name) in `lang`, else in the default language.
    pub fn page_by_key(&self, key: &str, lang: LanguageId) -> Option<PageId> {
        let find = |lang: LanguageId| {
            (0..self.pages.len()).find(|&id| self.pages[id].key == key && self.page_languages[id] == lang)
        };
        find(lang).or_else(|| find(LanguageId::DEFAULT)).map(PageId)
    }
}
