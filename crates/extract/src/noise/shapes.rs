//! Page furniture told by its shape rather than its words: price lines, comment
//! counts, menus of section names, reading times, slug lines, kickers in capitals.

use super::{Rule, fold, word_count};

const CURRENCIES: &[&str] = &["usd", "eur", "gbp", "jpy", "cny", "chf", "hkd", "krw", "twd", "$", "€", "£", "¥"];
const EXCHANGES: &[&str] =
    &["nasdaq", "nyse", "euronext", "xetra", "lse", "hkex", "sse", "szse", "tse", "six", "otc", "amex", "krx", "twse"];

/// `231,4400 USD NASDAQ -0,34%`, `+0.55%`, `EUR/USD 1.0842`: prices, quotes, changes.
pub fn market_line(folded: &str) -> Option<Rule> {
    let tokens: Vec<&str> = folded.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() > 10 {
        return None;
    }
    let is_number = |t: &str| {
        let t = t.trim_matches(['(', ')']).trim_start_matches(['+', '-', '−']).trim_end_matches('%');
        !t.is_empty()
            && t.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            && t.chars().any(|c| c.is_ascii_digit())
    };
    let numbers = tokens.iter().filter(|t| is_number(t)).count();
    let change = tokens.iter().any(|t| {
        let t = t.trim_matches(['(', ')']);
        t.starts_with(['+', '-', '−']) && is_number(t)
    });
    // "NVDA 182.74 +1.96 (1.09%)": a ticker symbol, a price and its change.
    let ticker = tokens.len() <= 6 && numbers >= 2 && change && tokens.iter().filter(|t| !is_number(t)).count() <= 2;
    let currency = tokens.iter().any(|t| CURRENCIES.contains(t) || t.contains("usd") && t.contains('/'));
    let exchange = tokens.iter().any(|t| EXCHANGES.contains(t));
    let listed = numbers >= 1 && (currency || exchange) && (change || numbers >= 2 || exchange);
    (listed || ticker || change && tokens.len() <= 3).then_some(Rule::MarketData)
}

/// "0 commentaire", "12 comments".
pub fn comment_count(folded: &str) -> bool {
    let mut tokens = folded.split_whitespace();
    let (Some(count), Some(word), None) = (tokens.next(), tokens.next(), tokens.next()) else { return false };
    count.chars().all(|c| c.is_ascii_digit()) && (word.starts_with("commentaire") || word.starts_with("comment"))
}

/// "World | Technology | Business", "Accueil > Économie > Tech": short items and separators.
pub fn menu_line(line: &str) -> bool {
    let separators = line.matches(['|', '>', '›', '·', '•']).count();
    let pieces: Vec<&str> =
        line.split(['|', '>', '›', '·', '•']).map(str::trim).filter(|piece| !piece.is_empty()).collect();
    let is_item = |piece: &&str| {
        piece.split_whitespace().count() <= 3
            && piece.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && piece.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '’' | '&' | '.'))
    };
    separators > 0 && pieces.len() >= 2 && pieces.iter().all(is_item)
}

/// Section names of news sites, folded: a line made mostly of them is a menu.
const SECTIONS: &[&str] = &[
    "menu",
    "home",
    "accueil",
    "world",
    "monde",
    "u.s.",
    "us",
    "politics",
    "politique",
    "business",
    "economy",
    "economie",
    "tech",
    "technology",
    "science",
    "sciences",
    "health",
    "sante",
    "sport",
    "sports",
    "culture",
    "opinion",
    "opinions",
    "markets",
    "marches",
    "international",
    "lifestyle",
    "life",
    "style",
    "video",
    "videos",
    "podcasts",
    "live",
    "weather",
    "meteo",
    "climate",
    "climat",
    "asia",
    "europe",
    "china",
    "france",
    "societe",
    "idees",
    "planete",
    "environnement",
    "education",
    "regions",
    "local",
    "news",
    "latest",
    "more",
    "travel",
    "food",
    "arts",
    "books",
    "media",
    "magazine",
    "entertainment",
    "investigations",
    "sections",
    "search",
    "rechercher",
    "newsletters",
    "podcast",
    "finance",
    "bourse",
    "immobilier",
    "emploi",
    "auto",
    "people",
];

/// "Menu World U.S. Politics Business Tech …": capitalised words, most of them section names.
pub fn section_menu(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().filter(|w| !matches!(*w, "&" | "|" | "-" | "·" | "•")).collect();
    if words.len() < 4 || !words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c == '…')) {
        return false;
    }
    let sections = words.iter().filter(|w| SECTIONS.contains(&fold(w.trim_end_matches(['…', ','])).as_str())).count();
    sections >= 3 && sections * 5 >= words.len() * 3
}

/// "Join our Telegram channel and get the latest news", "Download the app".
pub fn app_promotion(folded: &str) -> bool {
    let words = folded.split_whitespace().count();
    let channel =
        ["telegram", "whatsapp", " app", "application", "channel", "chaine"].iter().any(|w| folded.contains(w));
    let call =
        ["join", "download", "follow", "get ", "rejoignez", "telechargez", "suivez"].iter().any(|w| folded.contains(w));
    words <= 20
        && channel
        && call
        && folded.split_whitespace().next().is_some_and(|first| {
            ["join", "download", "follow", "get", "rejoignez", "telechargez", "suivez", "subscribe"].contains(&first)
        })
}

/// "Get weekly news and analysis … with the newsletter On the Campaign Trail. Sign up
/// here.": a newsletter and a call to sign up, however long the line.
pub fn newsletter_promotion(folded: &str) -> bool {
    let newsletter = ["newsletter", "lettre d'information", "infolettre"].iter().any(|w| folded.contains(w));
    let call = ["sign up", "subscribe", "inscrivez-vous", "abonnez-vous", "s'inscrire", "register"]
        .iter()
        .any(|w| folded.contains(w));
    newsletter && call && folded.split_whitespace().count() <= 40
}

/// "Reuters • 3 min read", "Lecture : 4 min", "5 min de lecture".
pub fn reading_time(folded: &str) -> bool {
    let words = folded.split_whitespace().count();
    words <= 8
        && (folded.contains("min read")
            || folded.contains("minute read")
            || folded.contains("min de lecture")
            || folded.contains("temps de lecture")
            || (folded.starts_with("lecture") && folded.contains("min")))
}

/// "…/ Newslooks/ WASHINGTON/ J. Mansour/ Morning Edition/": short pieces between slashes.
pub fn slug_line(line: &str) -> bool {
    let pieces: Vec<&str> = line.split('/').map(str::trim).filter(|p| !p.is_empty() && *p != "…").collect();
    line.matches('/').count() >= 3
        && pieces.len() >= 3
        && pieces.iter().all(|p| p.split_whitespace().count() <= 4 && p.chars().any(char::is_alphabetic))
}

/// "WHAT'S THE STORY?", "EXPLAINER:": a few words in capitals, not a sentence.
pub fn kicker(line: &str) -> bool {
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    let words = word_count(line);
    (1..=6).contains(&words)
        && letters.len() >= 4
        && letters.iter().all(|c| c.is_uppercase())
        && !line.trim_end().ends_with('.')
        && !line.split_whitespace().all(|w| w.chars().filter(|c| c.is_alphabetic()).count() <= 5 && words <= 2)
}
