//! Every field extracted from each fixture page, and the absence of every noise line.

use std::fs;

use super::*;

#[test]
fn french_finance_portal_text_page() {
    let site = site();
    let (front, body) = parsed(&imported(site.path(), FRENCH_TEXT));
    assert_eq!(front.title, "Norvale Systems ferme son centre de recherche en IA de Shenzhen");
    assert_eq!(front.date.to_string(), "2024-11-14T17:20:00+01:00", "Paris winter time");
    assert_eq!(
        front.summary,
        "Le groupe américain Norvale Systems a fermé son centre de recherche en intelligence artificielle de Shenzhen, a indiqué jeudi à l'AFP une source proche du dossier."
    );
    assert_eq!(front.topics, strings(&["ai-labs-leaving-china"]));
    assert_eq!(front.organizations, strings(&["Norvale Systems", "Quillbright"]));
    assert_eq!(front.regions, strings(&["China", "United States"]));
    let source = front.source.unwrap();
    assert_eq!(source.name, "AFP");
    assert_eq!(source.url, None);
    assert_eq!(source.published.unwrap().to_string(), "2024-11-14T17:20:00+01:00");
    assert_eq!(front.lang.as_deref(), Some("fr"));
    assert_eq!(front.updated, None);
    assert!(front.tags.is_empty() && !front.draft && front.slug.is_none());

    assert_eq!(body.matches("Le siège de Norvale Systems").count(), 1, "caption kept once:\n{body}");
    assert!(body.contains(
        "\n*Le siège de Norvale Systems, éditeur de logiciels imaginaire, à Austin* (AFP / CLAIRE FICTIVE)\n"
    ));
    assert!(body.contains("\n## Des équipes redéployées\n"), "{body}");
    assert!(
        body.contains(
            "\n- Les projets en cours seront transférés à Austin d'ici la fin de l'année.\n- Les partenariats"
        )
    );
    assert!(body.trim_end().ends_with("renforcés par les États-Unis."), "{body}");
    assert_absent(
        &body,
        &[
            "Aller au contenu",
            "contraste",
            "Fermer",
            "information fournie par",
            "14/11/2024",
            "Publicité",
            "Valeurs associées",
            "USD",
            "NASDAQ",
            "+0,48%",
            "commentaire",
            "A lire aussi",
            "Pékin dénonce",
            "réduit la voilure",
            "Mes listes",
            "Cette liste",
            "Chargement",
        ],
    );
}

#[test]
fn english_wire_service_text_page() {
    let site = site();
    let (front, body) = parsed(&imported(site.path(), ENGLISH_TEXT));
    assert_eq!(front.title, "Quillbright to shut Lisbon chip design centre as export curbs bite");
    assert_eq!(front.date.to_string(), "2024-09-06T10:12:00+02:00");
    assert!(
        front.summary.starts_with("Quillbright, a US chip designer, will close"),
        "the wire dateline is not in the summary: {}",
        front.summary
    );
    assert_eq!(front.topics, strings(&["export-controls"]));
    assert_eq!(front.organizations, strings(&["Quillbright"]));
    assert_eq!(front.regions, strings(&["United States", "China", "European Union"]));
    let source = front.source.unwrap();
    let byline = source.byline.clone();
    assert_eq!(source.name, "Reuters");
    assert_eq!(source.published.unwrap().to_string(), "2024-09-06T10:12:00+02:00");
    assert_eq!(front.lang.as_deref(), Some("en"));

    assert_eq!(body.matches("A visitor walks past").count(), 1, "{body}");
    assert!(body.contains(
        "*A visitor walks past the Quillbright stand at a trade fair in Lisbon.* (REUTERS / Ana Ficta / File Photo)"
    ));
    assert!(body.trim_start().starts_with("LISBON, Sept 6 (Reuters) - Quillbright"), "{body}");
    assert!(body.contains("\n## Jobs moved to Austin\n"), "{body}");
    assert_eq!(byline.as_deref(), Some("Mara Quillon and Teodor Vasko"), "the reporters are the source's");
    assert!(!body.contains("Mara Quillon and Teodor Vasko"), "{body}");
    assert_absent(
        &body,
        &[
            "Skip to main content",
            "Exclusive news",
            "World | Technology",
            "Updated 2 hours ago",
            "\nShare",
            "Advertisement",
            "Reporting by",
            "Our Standards",
            "Read next",
            "opens a lab in Dublin",
            "Chipmakers brace",
            "newsletter",
            "All rights reserved",
        ],
    );
}

#[test]
fn french_news_html_page() {
    let site = site();
    let (front, body) = parsed(&imported(site.path(), FRENCH_HTML));
    assert_eq!(front.title, "Veldmark suspend ses livraisons de machines vers la Chine");
    assert_eq!(front.date.to_string(), "2025-07-04T06:30:00+02:00", "JSON-LD local time read as Paris summer time");
    assert_eq!(front.updated.unwrap().to_string(), "2025-07-04T09:05:00+02:00");
    assert!(front.summary.starts_with("Le fabricant néerlandais d'équipements pour semi-conducteurs Veldmark"));
    assert_eq!(front.topics, strings(&["export-controls", "chip-supply-chains"]));
    assert_eq!(front.organizations, strings(&["Veldmark", "Government of the Netherlands"]));
    assert_eq!(front.regions, strings(&["China", "United States", "European Union", "Netherlands"]));
    let source = front.source.unwrap();
    let byline = source.byline.clone();
    assert_eq!(source.name, "AFP");
    assert_eq!(source.url.as_deref(), Some("https://quotidien.example/economie/veldmark-livraisons-chine"));
    assert_eq!(source.published.unwrap().to_string(), "2025-07-04T06:30:00+02:00");
    assert_eq!(front.lang.as_deref(), Some("fr"));

    assert_eq!(body.matches("Une salle blanche de Veldmark").count(), 1, "{body}");
    // The photo's alt text says less than its caption: a screen reader would read it twice.
    assert!(
        body.contains(
            "\n\n```figure\nsrc: https://quotidien.example/img/veldmark.jpg\n\
             caption: Une salle blanche de Veldmark à Eindhoven, aux Pays-Bas.\ncredit: AFP / Piet Imaginaire\n```\n\n"
        ),
        "{body}"
    );
    assert!(body.contains("\n## Des clients chinois dans l'incertitude\n"), "{body}");
    assert!(body.contains("\n- les machines de gravure les plus récentes ;\n- les pièces détachées"), "{body}");
    assert!(body.contains("selon des sources *diplomatiques* à Bruxelles."), "{body}");
    assert_eq!(byline.as_deref(), Some("Jeanne Fictive"), "the reporters are the source's");
    assert!(!body.contains("Jeanne Fictive"), "{body}");
    assert_absent(
        &body,
        &[
            "<",
            "dataLayer",
            "min-height",
            "Aller au contenu",
            "cookies",
            "Tout accepter",
            "International",
            "S'abonner",
            "CAC 40",
            "Économie › Tech",
            "Partager",
            "E-mail",
            "Publicité",
            "ads.example",
            "À lire aussi",
            "durcissent leurs règles",
            "lettre d'information",
            "Je m'inscris",
            "commentaires",
            "coûter cher",
            "Signaler",
            "Les plus lus",
            "Un autre article",
            "Tous droits réservés",
            "Mentions légales",
            "Publié le",
            "# Veldmark",
        ],
    );
}

#[test]
fn english_html_page_without_an_article_element() {
    let site = site();
    let (front, body) = parsed(&imported(site.path(), ENGLISH_HTML));
    assert_eq!(front.title, "Sundial Compute halts exports of AI servers to China");
    assert_eq!(front.date.to_string(), "2024-12-03T14:05:00+00:00");
    assert_eq!(front.topics, strings(&["export-controls"]));
    assert_eq!(front.regions, strings(&["China", "United States"]));
    let source = front.source.unwrap();
    let byline = source.byline.clone();
    assert_eq!(
        (source.name.as_str(), source.url.as_deref()),
        ("Reuters", Some("https://wire.example/tech/sundial-halts-exports"))
    );
    assert_eq!(front.lang.as_deref(), Some("en"));
    assert!(front.summary.starts_with("Sundial Compute, a US maker of AI servers"), "{}", front.summary);
    assert!(body.contains("Analysts said other server makers were likely to follow."), "{body}");
    assert_eq!(byline.as_deref(), Some("Ode Fenn"), "the reporters are the source's");
    assert!(!body.contains("Ode Fenn"), "{body}");
    assert_absent(
        &body,
        &[
            "Sign in",
            "Subscribe",
            "Technology",
            "Advertisement",
            "Read next",
            "Reporting by",
            "Related Coverage",
            "Story one",
            "Terms of use",
            "©",
        ],
    );
}

#[test]
fn imported_articles_build_and_appear_on_their_topic_organization_and_region_pages() {
    let site = site();
    briefing().args(["import", "--root"]).arg(site.path()).arg(fixtures().join("pages")).assert().success();
    let article =
        site.path().join("content/articles/2025/veldmark-suspend-ses-livraisons-de-machines-vers-la-chine.md");
    let written = fs::read_to_string(&article).unwrap();
    assert_eq!(written, imported(site.path(), FRENCH_HTML), "what is written is what --stdout prints");

    briefing().args(["build", "--root"]).arg(site.path()).assert().success();
    let public = site.path().join("public");
    let html = |path: &str| fs::read_to_string(public.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let article_page = html("articles/veldmark-suspend-ses-livraisons-de-machines-vers-la-chine/index.html");
    assert!(article_page.contains("Des clients chinois dans l"), "the body is rendered");
    for page in [
        "topics/export-controls/index.html",
        "topics/chip-supply-chains/index.html",
        "organizations/veldmark/index.html",
        "organizations/government-of-the-netherlands/index.html",
        "regions/netherlands/index.html",
        "regions/china/index.html",
    ] {
        assert!(html(page).contains("Veldmark suspend ses livraisons"), "{page} lists the article");
    }
    assert!(html("topics/ai-labs-leaving-china/index.html").contains("Norvale Systems ferme son centre"));
    assert!(html("organizations/quillbright/index.html").contains("Quillbright to shut Lisbon"));
    assert!(html("regions/european-union/index.html").contains("Quillbright to shut Lisbon"));
}

#[test]
fn hostile_html_stays_text() {
    let site = site();
    let hostile = r#"<html lang="en"><head><title>Hostile page</title>
        <meta property="article:published_time" content="2025-01-10T09:00:00Z"></head><body><article>
        <h1>Norvale Systems export controls &lt;script&gt;</h1>
        <p onclick="alert(1)">Norvale Systems said its export controls review <img src=x onerror=alert(1)> was **done** and [not a link](javascript:alert(1)) for now, officials said.</p>
        <p><a href="javascript:alert(2)">a javascript link inside some text</a> and more words so that the paragraph is prose.</p>
        <script>alert(3)</script><iframe src="https://evil.example"></iframe>
        </article></body></html>"#;
    let output = briefing()
        .args(["import", "--stdout", "--root"])
        .arg(site.path())
        .arg("-")
        .write_stdin(hostile)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let (front, body) = parsed(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(front.title, "Norvale Systems export controls <script>");
    assert_absent(&body, &["<img", "<script", "onerror=", "evil.example", "alert(3)", "alert(2)"]);
    assert!(
        body.contains("\\*\\*done\\*\\* and \\[not a link\\](javascript"),
        "Markdown in the page's text is escaped: {body}"
    );
    let html = briefing::render_markdown(&body).html;
    assert!(!html.contains("<img") && !html.contains("<script") && !html.contains("href=\"javascript"), "{html}");
}

/// `--explain` on a corpus page: its stderr.
fn explained(page: &str) -> String {
    let corpus = super::corpus_table::corpus();
    let output = briefing()
        .args(["import", "--stdout", "--explain", "--topic", "export-controls", "--root"])
        .arg(corpus.join("site"))
        .arg(corpus.join("pages").join(page))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn explain_says_which_reading_of_a_numeric_date_won_and_why() {
    let stderr = explained("ambiguous-numeric-us.html");
    assert!(
        stderr.contains(
            "read: 04/08/2024 read month first, as 8 April 2024: the page's language tag en-us writes the month first"
        ),
        "{stderr}"
    );
    let stderr = explained("ambiguous-numeric-evidence-en.html");
    assert!(
        stderr.contains(
            "read: 04/08/2024 read day first, as 4 August 2024: another date of the page, 20/08/2024, can only be read day first"
        ),
        "{stderr}"
    );
    assert!(!explained("zh-news.html").contains("read:"), "a year-first date reads one way only");
}

#[test]
fn explain_names_the_date_taken_when_a_page_has_no_dateline() {
    let stderr = explained("shown-date-only-en.html");
    assert!(
        stderr.contains("read: no dateline: the date shown in <div> \"Tech desk · Lisbon · 18 Nov 2024\""),
        "{stderr}"
    );
}
