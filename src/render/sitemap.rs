//! The sitemap: its entries, split into parts when one file could not hold them
//! (sitemaps.org: at most 50,000 URLs and 50 MB a file), and then an index of the
//! parts at `sitemap.xml`, the address robots.txt names either way.

use serde::Serialize;

use super::fingerprint::PageContext;
use super::pages::Listed;
use super::{Alternate, Renderer};
use crate::route::Route;

/// What one sitemap file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SitemapLimits {
    pub urls: usize,
    pub bytes: usize,
}

/// The limits of the sitemap protocol (sitemaps.org), which search engines enforce.
pub const SITEMAP_LIMITS: SitemapLimits = SitemapLimits { urls: 50_000, bytes: 52_428_800 };

/// Room for the XML declaration, the `<urlset>` element and its namespaces.
const FILE_OVERHEAD_BYTES: usize = 300;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct SitemapEntry {
    loc: String,
    lastmod: Option<String>,
    /// The page's versions in other languages (`xhtml:link`), itself included.
    alternates: Vec<Alternate>,
}

impl SitemapEntry {
    /// At least the bytes the template writes for the entry: its tags, and its text as if
    /// every character to escape took six bytes.
    fn bytes(&self) -> usize {
        let text = |text: &str| text.len() + 5 * text.matches(['&', '<', '>', '"', '\'']).count();
        let url = 40 + text(&self.loc) + self.lastmod.as_deref().map_or(0, |lastmod| 30 + text(lastmod));
        url + self.alternates.iter().map(|a| 60 + text(&a.hreflang) + text(&a.href)).sum::<usize>()
    }
}

/// Entries in files of at most `limits`, in their order; one part (maybe empty) at least.
pub(crate) fn split(entries: Vec<SitemapEntry>, limits: SitemapLimits) -> Vec<Vec<SitemapEntry>> {
    let mut parts: Vec<Vec<SitemapEntry>> = vec![Vec::new()];
    let mut bytes = FILE_OVERHEAD_BYTES;
    for entry in entries {
        let size = entry.bytes();
        let part = parts.last_mut().expect("one part at least");
        if !part.is_empty() && (part.len() == limits.urls || bytes + size > limits.bytes) {
            parts.push(Vec::new());
            bytes = FILE_OVERHEAD_BYTES;
        }
        bytes += size;
        parts.last_mut().expect("one part at least").push(entry);
    }
    parts
}

/// One part as the index lists it.
#[derive(Serialize)]
struct SitemapLink {
    loc: String,
}

impl<'a> Renderer<'a> {
    /// The sitemap's parts, made the first time they are asked for.
    pub(crate) fn sitemap_parts(&self) -> &[Vec<SitemapEntry>] {
        self.sitemap.get_or_init(|| split(self.sitemap_entries(), self.sitemap_limits))
    }

    /// The files of the sitemap's parts when there is more than one, else none.
    pub(crate) fn sitemap_part_routes(&self) -> Vec<Route> {
        match self.sitemap_parts().len() {
            1 => Vec::new(),
            parts => (0..parts).map(Route::SitemapPart).collect(),
        }
    }

    /// `entries` (and `has_alternates`) of the sitemap or of one part; `sitemaps`, the
    /// parts, for the sitemap of a site with several.
    pub(super) fn sitemap_context(&self, route: Route, context: &mut PageContext) {
        let parts = self.sitemap_parts();
        let mut links: Vec<SitemapLink> = Vec::new();
        let entries: &[SitemapEntry] = match route {
            Route::SitemapPart(part) => &parts[part],
            _ if parts.len() == 1 => &parts[0],
            _ => {
                links = (0..parts.len())
                    .map(|part| SitemapLink { loc: self.site.routes.permalink(Route::SitemapPart(part)) })
                    .collect();
                &[]
            }
        };
        context.insert("sitemaps", &links);
        context.insert("has_alternates", &entries.iter().any(|e| !e.alternates.is_empty()));
        context.insert("entries", entries);
    }

    /// Every page the sitemap lists, in the order of the route table, with the date of
    /// the latest change among the articles it shows and its versions in other languages.
    fn sitemap_entries(&self) -> Vec<SitemapEntry> {
        let site = self.site;
        let lastmod = |ids: &[crate::site::ArticleId]| site.last_updated(ids).map(|d| d.to_rfc3339());
        // Many pages read every article: their date is found once.
        let of_all = lastmod(&Listed::All.ids(site));
        (site.routes.all(&[]).into_iter())
            .chain(site.period_routes())
            .filter(|route| route.in_sitemap() && (site.config.search || !route.is_search()))
            // A syndicated copy's address is not the one to index: its original's is.
            .filter(|route| !matches!(route, Route::Article(id) if site.articles[*id].canonical.is_some()))
            .map(|route| SitemapEntry {
                alternates: match route {
                    Route::Article(id) => self.alternates(id),
                    _ => self.page_alternates(route),
                },
                loc: site.routes.permalink(route),
                // The latest change among the articles the page reads.
                lastmod: match super::pages::reads(site, route).articles {
                    Listed::All => of_all.clone(),
                    listed => lastmod(&listed.ids(site)),
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
