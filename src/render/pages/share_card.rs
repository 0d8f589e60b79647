//! Share cards: what the card of an article or of the site shows, in its language. The
//! drawing is `card`'s; the build keeps cards by their key (`output::card_cache`).

use super::{Listed, Reads};
use crate::render::Renderer;
use crate::render::views::topic_name;
use crate::route::{LanguageId, Route};
use crate::site::{ArticleId, Site};
use briefing_card::Card;

/// An article's card reads the article; the site's, no article.
pub(super) fn reads(route: Route) -> Reads<'static> {
    match route {
        Route::ShareCard(id) => super::article::reads(id),
        _ => Reads { articles: Listed::None },
    }
}

/// The cards of a site with share cards: one per article without an `image:` of its own,
/// and the site's in each language unless site.yaml names a `share_image:`.
pub(crate) fn routes(site: &Site) -> Vec<Route> {
    if site.config.share_cards.is_none() {
        return Vec::new();
    }
    let articles = site.articles.iter().enumerate().filter(|(_, article)| article.image.is_none());
    let mut routes: Vec<Route> = articles.map(|(id, _)| Route::ShareCard(ArticleId(id))).collect();
    if site.config.share_image.is_none() {
        routes.extend(site.routes.languages().map(Route::SiteCard));
    }
    routes
}

impl Renderer<'_> {
    /// What the card of `route` shows, for a card's route.
    pub(crate) fn card(&self, route: Route) -> Option<Card> {
        match route {
            Route::ShareCard(id) => Some(article_card(self.site, id)),
            Route::SiteCard(lang) => Some(site_card(self.site, lang)),
            _ => None,
        }
    }
}

/// An article's card: its first topic, its title, the site's name and its date, in its
/// language. A title the card's fonts cannot draw (Chinese, Arabic...) gets the site's card.
fn article_card(site: &Site, id: ArticleId) -> Card {
    let article = &site.articles[id];
    let lang = site.article_languages[id];
    if !Card::can_draw(&article.title) {
        return site_card(site, lang);
    }
    let config = &site.config;
    let locale = config.interface.get(config.interface.locale_for(&article.lang));
    let kicker = site.article_topics[id].first().map_or("", |&t| topic_name(site, t, lang).0);
    Card {
        kicker: kicker.to_owned(),
        headline: article.title.clone(),
        standfirst: String::new(),
        footer: config.languages[lang.0].title.clone(),
        date: locale.date(&article.date),
        colours: config.share_cards.unwrap_or_default(),
    }
}

/// The site's card in a language: its name and description there, and its address.
fn site_card(site: &Site, lang: LanguageId) -> Card {
    let config = &site.config;
    let language = &config.languages[lang.0];
    let address = config.base_url.split_once("://").map_or(config.base_url.as_str(), |(_, rest)| rest);
    Card {
        kicker: String::new(),
        headline: language.title.clone(),
        standfirst: language.description.clone(),
        footer: address.to_owned(),
        date: String::new(),
        colours: config.share_cards.unwrap_or_default(),
    }
}
