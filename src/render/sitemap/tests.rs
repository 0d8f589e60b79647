use std::path::Path;

use super::*;
use crate::config::SiteConfig;
use crate::content::{Article, ParseContext, Topic};
use crate::render::Templates;
use crate::site::{Entities, Site, SiteOptions};

/// A site of `count` articles in one topic, on a site of two languages.
fn site(count: usize) -> Site {
    let config = "title: T\nbase_url: https://example.org/b\nlanguages:\n  - code: en\n  - code: fr\n";
    let config = SiteConfig::parse(config, "site.yaml").unwrap();
    let topics = vec!["a".to_owned()];
    let context = ParseContext {
        default_language: "en",
        languages: &config.languages[1..],
        topics: &topics,
        topic_titles: &[],
        taxonomies: &config.taxonomies,
    };
    let articles = (0..count)
        .map(|n| {
            let text = format!("---\ntitle: Article {n}\ndate: 2025-01-{:02}\ntopics: [a]\n---\nText.\n", n % 28 + 1);
            Article::parse(Path::new(&format!("content/articles/a{n}.md")), &text, &context).unwrap()
        })
        .collect();
    let topic = Topic::parse(Path::new("content/topics/a.md"), "---\ntitle: Topic A\n---\nIntro\n").unwrap();
    Site::assemble(config, articles, vec![topic], &Entities::default(), SiteOptions::default()).unwrap()
}

fn text(renderer: &Renderer<'_>, route: Route) -> String {
    String::from_utf8(renderer.render(route).unwrap().bytes).unwrap()
}

/// The values of `<tag>` in an XML text, in order.
fn values<'x>(xml: &'x str, tag: &str) -> Vec<&'x str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(&open).skip(1).map(|rest| &rest[..rest.find(&close).expect("closed")]).collect()
}

#[test]
fn a_sitemap_over_the_limit_becomes_an_index_of_parts_that_list_every_url_once() {
    let (site, templates) = (site(9), Templates::compile(&[]).unwrap());
    let whole = Renderer::new(&site, &templates, &[]);
    assert!(!whole.routes().iter().any(|route| matches!(route, Route::SitemapPart(_))), "one file is enough");
    let unsplit = text(&whole, Route::Sitemap);
    let every_url = values(&unsplit, "loc");
    assert!(every_url.len() > 10, "{unsplit}");

    let limits = SitemapLimits { urls: 4, bytes: SITEMAP_LIMITS.bytes };
    let split = Renderer::new(&site, &templates, &[]).with_sitemap_limits(limits);
    let parts: Vec<Route> = split.routes().into_iter().filter(|route| matches!(route, Route::SitemapPart(_))).collect();
    assert_eq!(parts.len(), every_url.len().div_ceil(4));
    assert_eq!(split.output_file(parts[0]), "sitemap-1.xml");

    let index = text(&split, Route::Sitemap);
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), "{index}");
    assert!(!index.contains("<url>"), "{index}");
    let listed: Vec<String> = (1..=parts.len()).map(|n| format!("https://example.org/b/sitemap-{n}.xml")).collect();
    assert_eq!(values(&index, "loc"), listed);

    let mut seen = Vec::new();
    for &part in &parts {
        let xml = text(&split, part);
        assert!(
            xml.starts_with("<?xml") && xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"")
        );
        let urls = values(&xml, "loc");
        assert!((1..=4).contains(&urls.len()), "{xml}");
        assert_eq!(xml.matches("<url>").count(), urls.len());
        seen.extend(urls.into_iter().map(str::to_owned));
    }
    assert_eq!(seen, every_url);
    assert!(text(&split, Route::Robots).contains("Sitemap: https://example.org/b/sitemap.xml"));
}

#[test]
fn no_part_is_larger_than_the_byte_limit() {
    let (site, templates) = (site(6), Templates::compile(&[]).unwrap());
    let limits = SitemapLimits { urls: SITEMAP_LIMITS.urls, bytes: 1_500 };
    let split = Renderer::new(&site, &templates, &[]).with_sitemap_limits(limits);
    let parts: Vec<Route> = split.routes().into_iter().filter(|route| matches!(route, Route::SitemapPart(_))).collect();
    assert!(parts.len() > 2, "{parts:?}");
    for part in parts {
        let xml = text(&split, part);
        assert!(xml.len() <= limits.bytes, "{} bytes: {xml}", xml.len());
        assert!(xml.contains("<url>"), "no empty part");
    }
}
