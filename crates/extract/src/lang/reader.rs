//! Words by which a line speaks to the reader, per language: the second person, calls
//! to act, and the word of a relative time. A report speaks of others; page furniture
//! (paywalls, sign-up boxes, appeals, consent text, comment stamps) speaks to the reader.
//! Words are written folded (lowercase, no accents), as lines are read.

use super::Language;

/// Words that address the reader, calls to act and words of a relative time, per language.
pub struct ReaderWords {
    pub language: Language,
    /// Second-person pronouns and possessives, folded: a report speaks of others.
    /// Written capitalised when only the capitalised form addresses the reader (German
    /// "Sie"), and then matched as written.
    pub address: &'static [&'static str],
    /// Imperatives and verbs of page furniture, folded (subscribe, sign up, donate…).
    pub actions: &'static [&'static str],
    /// Before or after a number, a relative time: "ago", "il y a", "vor".
    pub ago: &'static [&'static str],
}

pub const READER_WORDS: &[ReaderWords] = &[
    ReaderWords {
        language: Language::English,
        address: &["you", "your", "you're", "you've", "yours"],
        actions: &[
            "subscribe",
            "sign up",
            "sign in",
            "log in",
            "donate",
            "register",
            "become a member",
            "click",
            "follow us",
            "download",
            "unlock",
            "cancel any time",
            "contact us",
            "contact our",
        ],
        ago: &["ago"],
    },
    ReaderWords {
        language: Language::French,
        address: &["vous", "votre", "vos", "tu", "ton", "tes"],
        actions: &[
            "abonnez",
            "inscrivez",
            "connectez",
            "soutenez",
            "suivez-nous",
            "telechargez",
            "cliquez",
            "faites un don",
            "desinscrire",
        ],
        ago: &["il y a"],
    },
    ReaderWords {
        language: Language::German,
        // Capitalised: "Sie haben…" speaks to the reader, "sie haben" of others.
        address: &["Sie", "Ihr", "Ihre", "Ihnen", "Ihren", "Ihrer", "Ihrem", "du", "dein", "deine", "dir", "dich"],
        actions: &[
            "abonnieren",
            "registrieren",
            "anmelden",
            "einloggen",
            "unterstutzen",
            "unterstutze",
            "spenden",
            "klicken",
            "jetzt testen",
            "weiterlesen",
            "herunterladen",
        ],
        ago: &["vor"],
    },
    ReaderWords {
        language: Language::Spanish,
        address: &["tu", "tus", "te", "usted", "ustedes", "vosotros"],
        actions: &[
            "suscribete",
            "registrate",
            "inicia sesion",
            "iniciar sesion",
            "unete",
            "apoyanos",
            "dona",
            "haz clic",
            "descarga",
            "anadenos",
            "hazte",
        ],
        ago: &["hace"],
    },
    ReaderWords {
        language: Language::Italian,
        address: &["tu", "tuo", "tua", "tuoi", "ti", "voi", "vostro", "vostra"],
        actions: &[
            "abbonati",
            "iscriviti",
            "accedi",
            "sostieni",
            "registrati",
            "clicca",
            "scarica",
            "disattivalo",
            "dona ora",
        ],
        ago: &["fa"],
    },
    ReaderWords {
        language: Language::Dutch,
        address: &["je", "jij", "jouw", "u", "uw"],
        actions: &["abonneer", "registreer", "log in", "meld je aan", "doneer", "klik"],
        ago: &["geleden"],
    },
];
