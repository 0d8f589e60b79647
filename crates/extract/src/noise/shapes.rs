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

/// Units of a relative time, folded, as their stems: "hours", "heures", "Stunden", "horas".
const TIME_UNITS: &[&str] = &[
    "s",
    "sec",
    "second",
    "seconde",
    "sekunde",
    "segundo",
    "secondo",
    "seconden",
    "m",
    "min",
    "minute",
    "minuut",
    "minuto",
    "minuti",
    "h",
    "hr",
    "hrs",
    "hour",
    "heure",
    "stunde",
    "hora",
    "ora",
    "ore",
    "uur",
    "d",
    "day",
    "jour",
    "tag",
    "tage",
    "dia",
    "giorno",
    "giorni",
    "dag",
    "dagen",
    "week",
    "semaine",
    "woche",
    "semana",
    "settimana",
    "weken",
    "month",
    "mois",
    "monat",
    "mes",
    "meses",
    "mese",
    "mesi",
    "maand",
    "maanden",
    "year",
    "an",
    "ans",
    "annee",
    "jahr",
    "ano",
    "anno",
    "anni",
    "jaar",
];

/// "3 hours ago", "il y a 3 heures", "vor 2 Stunden", "hace 5 minutos", "2 ore fa",
/// "há 3 horas", "3 uur geleden", "3小时前", "Updated 2h ago": when the page was seen.
pub fn relative_time(folded: &str) -> bool {
    // "3小时前", "5分前": a number, a unit, then "before".
    if let Some(before) = folded.trim_end_matches(['.', ' ']).strip_suffix('前') {
        let unit = before.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        let digits = before.chars().any(|c| c.is_ascii_digit());
        if digits && ["小时", "分钟", "秒", "天", "時間", "分", "日", "秒前"].iter().any(|u| unit.trim_end() == *u)
        {
            return before.chars().filter(|c| !c.is_ascii_digit() && !c.is_whitespace()).count() <= 3;
        }
    }
    let words: Vec<&str> = folded.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
    if words.len() > 8 {
        return false;
    }
    let is_amount = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty()
            || matches!(w, "a" | "an" | "one" | "un" | "une" | "einer" | "einem" | "einigen" | "una" | "uno" | "een")
    };
    // Plurals: "hours", "Stunden", "horas", "Monaten".
    let is_unit = |w: &str| {
        [Some(w), w.strip_suffix('s'), w.strip_suffix('n'), w.strip_suffix("en")]
            .into_iter()
            .flatten()
            .any(|stem| TIME_UNITS.contains(&stem))
    };
    // "3h", "5min": the amount glued to its unit.
    let glued = |w: &str| {
        let split = w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len());
        split > 0 && split < w.len() && is_unit(&w[split..])
    };
    let amount_unit = |at: usize| {
        words.get(at).is_some_and(|w| glued(w))
            || words.get(at).is_some_and(|w| is_amount(w)) && words.get(at + 1).is_some_and(|w| is_unit(w))
    };
    let unit_end = |at: usize| if words.get(at).is_some_and(|w| glued(w)) { at + 1 } else { at + 2 };
    // The words the relative time spans, from `at`.
    let span = |at: usize| -> Option<usize> {
        // "il y a 3 heures", "vor 2 Stunden", "hace 5 minutos", "há 3 horas": the marker first.
        match words[at] {
            "vor" | "hace" | "ha" if amount_unit(at + 1) => return Some(unit_end(at + 1) - at),
            "il" if words.get(at + 1) == Some(&"y") && words.get(at + 2) == Some(&"a") && amount_unit(at + 3) => {
                return Some(unit_end(at + 3) - at);
            }
            _ => {}
        }
        // "3 hours ago", "2 ore fa", "3 uur geleden": the marker last.
        (amount_unit(at) && matches!(words.get(unit_end(at)), Some(&("ago" | "fa" | "geleden"))))
            .then(|| unit_end(at) + 1 - at)
    };
    // The relative time and at most a label ("Updated", "Mis à jour"): a line with a date
    // besides ("November 20, 2025 9:13 AM Updated 2 hours ago") is a date line.
    (0..words.len()).any(|at| span(at).is_some_and(|used| words.len() - used <= RELATIVE_TIME_LABEL_WORDS))
}

/// Words a relative-time line may hold besides the relative time: its label.
const RELATIVE_TIME_LABEL_WORDS: usize = 3;
