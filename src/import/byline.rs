//! Who wrote a report and which agency it came from: "information fournie par AFP",
//! "(AFP)", "Le Monde avec Reuters", "By Jane Doe", photo credits "( AFP / NAME )".

use super::Caption;
use super::noise::fold;

/// News agencies by canonical name, with the spellings pages use (folded).
const AGENCIES: &[(&str, &[&str])] = &[
    ("AFP", &["afp", "agence france-presse", "agence france presse"]),
    ("Reuters", &["reuters"]),
    ("AP", &["ap", "associated press"]),
    ("Bloomberg", &["bloomberg"]),
    ("dpa", &["dpa"]),
    ("ANSA", &["ansa"]),
    ("EFE", &["efe"]),
    ("Kyodo", &["kyodo"]),
    ("Xinhua", &["xinhua"]),
    ("Yonhap", &["yonhap"]),
    ("Belga", &["belga"]),
    ("ANP", &["anp"]),
];

/// The canonical agency `name` stands for, if it is one.
pub fn agency_named(name: &str) -> Option<&'static str> {
    let folded = fold(name.trim().trim_matches(|c: char| !c.is_alphanumeric()));
    AGENCIES.iter().find(|(_, spellings)| spellings.contains(&folded.as_str())).map(|&(canonical, _)| canonical)
}

/// The agency a line credits: "fournie par AFP", "(AFP)", "avec Reuters", "Source : AFP".
pub fn agency_in(line: &str) -> Option<&'static str> {
    let folded = fold(line);
    for marker in ["fournie par ", "fourni par ", "avec ", "source : ", "source: ", "sources : "] {
        for (at, _) in folded.match_indices(marker) {
            let rest = &folded[at + marker.len()..];
            if let Some(agency) = leading_agency(rest) {
                return Some(agency);
            }
        }
    }
    agency_in_parentheses(line)
}

/// The agency of a wire dateline: "LISBON, Sept 6 (Reuters) -", "Paris (AFP) -".
pub fn agency_in_parentheses(line: &str) -> Option<&'static str> {
    let folded = fold(line);
    let mut rest = folded.as_str();
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(')') else { break };
        if let Some(agency) = agency_named(&after[..close]) {
            return Some(agency);
        }
        rest = &after[close + 1..];
    }
    None
}

/// The agency named by the first one to three words of `text`.
fn leading_agency(text: &str) -> Option<&'static str> {
    let words: Vec<&str> = text.split_whitespace().take(3).collect();
    (1..=words.len()).rev().find_map(|n| agency_named(&words[..n].join(" ")))
}

/// "By Jane Doe and John Roe", "Par Jeanne Martin": the names, without a trailing agency.
pub fn byline_in(line: &str) -> Option<String> {
    let trimmed = line.trim();
    let lowered = trimmed.to_lowercase();
    let names = ["by ", "par ", "texte : ", "text: "]
        .iter()
        .find_map(|p| lowered.starts_with(p).then(|| &trimmed[p.len()..]))?;
    let names = names.split(['|', '\n']).next().unwrap_or_default();
    // "Jane Doe, Reuters", "Jeanne Martin avec AFP": the agency is not one of the names.
    let names = [",", " avec ", " with ", " pour ", " for "]
        .iter()
        .find_map(|separator| match names.rsplit_once(separator) {
            Some((before, after)) if agency_named(after).is_some() => Some(before),
            _ => None,
        })
        .unwrap_or(names);
    let names = names.trim().trim_end_matches(['.', ',', ';']);
    let words = names.split_whitespace().count();
    let capitalised = names.chars().next().is_some_and(char::is_uppercase);
    (capitalised && (1..=12).contains(&words)).then(|| names.to_owned())
}

/// "(Reporting by Jane Doe; Editing by John Roe)": the reporters.
pub fn reporters_in(line: &str) -> Option<String> {
    let inner = line.trim().trim_start_matches('(').trim_end_matches(')');
    let first = inner.split(';').next()?.trim();
    let names = first.strip_prefix("Reporting by ").or_else(|| first.strip_prefix("Writing by "))?;
    let names = names.split(" in ").next().unwrap_or(names).trim();
    (!names.is_empty()).then(|| names.to_owned())
}

/// A photo caption ending in its credit: "… à Lisbonne ( AFP / NAME )", "… REUTERS/Name".
pub fn caption_in(line: &str) -> Option<Caption> {
    let trimmed = line.trim();
    if trimmed.ends_with(')')
        && let Some(open) = trimmed.rfind('(')
    {
        let credit = trimmed[open + 1..trimmed.len() - 1].trim();
        let folded = fold(credit);
        let is_credit = (credit.contains('/') && leading_agency(&folded.replace('/', " ")).is_some())
            || ["photo", "credit", "©"].iter().any(|p| folded.starts_with(p));
        let text = trimmed[..open].trim();
        if is_credit && text.split_whitespace().count() >= 3 {
            return Some(Caption { text: text.to_owned(), credit: Some(tidy_credit(credit)) });
        }
    }
    for (canonical, _) in AGENCIES.iter().filter(|(name, _)| name.len() > 2) {
        let marker = format!("{}/", canonical.to_uppercase());
        if let Some(at) = trimmed.find(&marker) {
            let text = trimmed[..at].trim().trim_end_matches(['.', ' ']);
            if text.split_whitespace().count() >= 3 {
                return Some(Caption { text: format!("{text}."), credit: Some(tidy_credit(&trimmed[at..])) });
            }
        }
    }
    None
}

/// "AFP / NAME" with single spaces around the slash.
fn tidy_credit(credit: &str) -> String {
    credit.split('/').map(str::trim).collect::<Vec<_>>().join(" / ")
}

/// Text with whitespace collapsed and case, accents and punctuation ignored, to spot duplicates.
pub fn same_text(a: &str, b: &str) -> bool {
    let key = |s: &str| fold(s).chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    key(a) == key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_in_french_and_english_credits() {
        assert_eq!(agency_in("information fournie par AFP 12/03/2024 à 10:15"), Some("AFP"));
        assert_eq!(agency_in("LISBON, Sept 6 (Reuters) - Norvale Systems said"), Some("Reuters"));
        assert_eq!(agency_in("Le Quotidien avec Reuters"), Some("Reuters"));
        assert_eq!(agency_in("Source : Agence France-Presse"), Some("AFP"));
        assert_eq!(agency_in("The deal (announced in May) was approved"), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(byline_in("By Mara Quillon and Teodor Vasko").as_deref(), Some("Mara Quillon and Teodor Vasko"));
        assert_eq!(byline_in("By Mara Quillon, Reuters").as_deref(), Some("Mara Quillon"));
        assert_eq!(byline_in("Par Jeanne Fictive avec AFP").as_deref(), Some("Jeanne Fictive"));
        assert_eq!(byline_in("by the end of the year, the lab will close"), None);
        assert_eq!(
            reporters_in("(Reporting by Mara Quillon in Lisbon; Editing by Ode Fenn)").as_deref(),
            Some("Mara Quillon")
        );
    }

    #[test]
    fn captions_with_credits() {
        let caption = caption_in("Le campus de Norvale Systems à Grenoble ( AFP / JEAN FICTIF )").unwrap();
        assert_eq!(caption.text, "Le campus de Norvale Systems à Grenoble");
        assert_eq!(caption.credit.as_deref(), Some("AFP / JEAN FICTIF"));
        let caption = caption_in("A worker walks past the Norvale office in Lisbon. REUTERS/Ana Ficta").unwrap();
        assert_eq!(caption.credit.as_deref(), Some("REUTERS / Ana Ficta"));
        assert!(caption_in("The ministry (which declined to comment) said nothing").is_none());
    }
}
