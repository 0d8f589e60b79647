//! The share cards of earlier builds, kept by key under the site root
//! (`.briefing/cache/cards/<key>.png`), so that a build draws only the cards whose texts
//! or colours changed. A card's key hashes everything its bytes depend on (`Card::key`),
//! so a kept card is always the card a build would draw.
//!
//! Like Zola's processed images and Hugo's `resources/_gen`, the cache is a folder of the
//! site, not of the output: a new output folder, or the staging folder every build starts
//! from, still finds it. It is only a saving: a card that cannot be read or kept is drawn.
//! A build keeps the cards it drew only once it has succeeded, copying them from its
//! output, so a failed build leaves the site's folder as it was.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use briefing_card::{Card, CardKey};
use rayon::prelude::*;

/// The cache's folder under the site root; `/.briefing/` is in the `.gitignore` that
/// `briefing init` writes.
pub const CARD_CACHE_DIR: &str = ".briefing/cache/cards";

/// What every whole PNG ends with: its `IEND` chunk (length 0, type, CRC).
const PNG_END: [u8; 12] = [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82];
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

/// The cards of one build: where they are kept, which this build used and which it drew.
#[derive(Debug)]
pub struct CardCache {
    dir: PathBuf,
    /// The keys of the cards this build asked for: what `prune` keeps.
    used: Mutex<HashSet<CardKey>>,
    /// The cards this build drew, by key, with their file under the output root.
    drawn: Mutex<Vec<(CardKey, String)>>,
}

impl CardCache {
    /// The cache of the site at `root`; the folder is made when a first card is kept.
    pub fn of_site(root: &Path) -> CardCache {
        CardCache { dir: root.join(CARD_CACHE_DIR), used: Mutex::default(), drawn: Mutex::default() }
    }

    /// The PNG of `card`, which the build writes to `output_file`: the kept one, else
    /// drawn (and kept by `keep_drawn`). A kept file that is not a whole PNG (a disk that
    /// lost its end) is drawn again.
    pub(crate) fn card(&self, card: &Card, output_file: &str) -> Vec<u8> {
        let key = card.key();
        self.used.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).insert(key);
        if let Ok(bytes) = fs::read(self.dir.join(file_name(key)))
            && is_whole_png(&bytes)
        {
            return bytes;
        }
        self.drawn.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((key, output_file.to_owned()));
        card.draw()
    }

    /// Keeps the cards this build drew, copied from the finished output at `output`. Each
    /// is copied to a temporary file and renamed into place: a copy stopped at any moment
    /// leaves a whole card or none (at worst a temporary file, which `prune` removes).
    /// Keeping is a saving: a card that cannot be kept (a read-only or full disk) is
    /// drawn again next time.
    pub fn keep_drawn(&self, output: &Path) {
        let drawn = std::mem::take(&mut *self.drawn.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
        if drawn.is_empty() || fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        drawn.par_iter().enumerate().for_each(|(number, (key, file))| {
            let temporary = self.dir.join(format!(".{}-{number}.tmp", std::process::id()));
            let kept = fs::copy(output.join(file), &temporary)
                .and_then(|_| fs::rename(&temporary, self.dir.join(file_name(*key))));
            if kept.is_err() {
                let _ = fs::remove_file(&temporary);
            }
        });
    }

    /// Removes the cards this build did not use (an edited headline's old card, a deleted
    /// article's) and the temporary files of stopped builds, so that the cache holds what
    /// the site needs and no more. Call it once every card was asked for and kept.
    pub fn prune(&self) -> io::Result<()> {
        let used = self.used.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(error) => return Err(error),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let key = name.strip_suffix(".png").and_then(|hex| u128::from_str_radix(hex, 16).ok());
            if !key.is_some_and(|key| used.contains(&CardKey(key))) {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    }
}

fn file_name(key: CardKey) -> String {
    format!("{}.png", key.hex())
}

fn is_whole_png(bytes: &[u8]) -> bool {
    bytes.starts_with(&PNG_SIGNATURE) && bytes.ends_with(&PNG_END)
}

#[cfg(test)]
mod tests {
    use super::*;
    use briefing_card::Colours;

    fn card(headline: &str) -> Card {
        Card {
            kicker: "Chips".to_owned(),
            headline: headline.to_owned(),
            standfirst: String::new(),
            footer: "Briefing".to_owned(),
            date: "1 May 2025".to_owned(),
            colours: Colours::default(),
        }
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .map(|entries| entries.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        names.sort();
        names
    }

    /// A build of `cards` with the cache at `root`, written to `output` as a build writes
    /// them, then kept: the cards' bytes.
    fn build(root: &Path, output: &Path, cards: &[Card]) -> (CardCache, Vec<Vec<u8>>) {
        let cache = CardCache::of_site(root);
        let mut pngs = Vec::new();
        for (index, card) in cards.iter().enumerate() {
            let file = format!("{index}.png");
            let bytes = cache.card(card, &file);
            fs::write(output.join(&file), &bytes).unwrap();
            pngs.push(bytes);
        }
        cache.keep_drawn(output);
        (cache, pngs)
    }

    #[test]
    fn a_kept_card_is_read_back_rather_than_drawn() {
        let (root, output) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (_, drawn) = build(root.path(), output.path(), &[card("One")]);
        assert_eq!(drawn, [card("One").draw()]);
        let dir = root.path().join(CARD_CACHE_DIR);
        assert_eq!(files(&dir), [file_name(card("One").key())], "one card, no temporary file");
        // A kept card that is whole is what the cache hands out, as it is: marking it shows
        // that it was read, not drawn.
        let mut marked = card("One").draw();
        marked.splice(8..8, *b"\0\0\0\0teXt");
        fs::write(dir.join(file_name(card("One").key())), &marked).unwrap();
        assert_eq!(build(root.path(), output.path(), &[card("One")]).1, [marked]);
    }

    #[test]
    fn nothing_is_kept_until_the_build_succeeded() {
        let root = tempfile::tempdir().unwrap();
        let cache = CardCache::of_site(root.path());
        cache.card(&card("One"), "one.png");
        assert!(!root.path().join(".briefing").exists(), "a build that stops here leaves the site as it was");
    }

    #[test]
    fn a_damaged_card_is_drawn_again_and_replaced() {
        let (root, output) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        build(root.path(), output.path(), &[card("One")]);
        let kept = root.path().join(CARD_CACHE_DIR).join(file_name(card("One").key()));
        let whole = fs::read(&kept).unwrap();
        fs::write(&kept, &whole[..whole.len() / 2]).unwrap();
        assert_eq!(build(root.path(), output.path(), &[card("One")]).1, std::slice::from_ref(&whole));
        assert_eq!(fs::read(&kept).unwrap(), whole);
    }

    #[test]
    fn prune_keeps_the_cards_of_this_build_only() {
        let (root, output) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        build(root.path(), output.path(), &[card("Old"), card("Kept")]);
        let dir = root.path().join(CARD_CACHE_DIR);
        fs::write(dir.join(".1-0.tmp"), b"stopped").unwrap();
        fs::write(dir.join("notes.txt"), b"not a card").unwrap();
        let (second, _) = build(root.path(), output.path(), &[card("Kept"), card("New")]);
        second.prune().unwrap();
        let mut expected = vec![file_name(card("Kept").key()), file_name(card("New").key())];
        expected.sort();
        assert_eq!(files(&dir), expected);
        CardCache::of_site(&root.path().join("none")).prune().unwrap();
    }

    #[test]
    fn a_cache_that_cannot_be_written_still_gives_the_card() {
        let (root, output) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        // A file where the cache's folder would be: nothing can be kept.
        fs::create_dir_all(root.path().join(".briefing/cache")).unwrap();
        fs::write(root.path().join(CARD_CACHE_DIR), b"in the way").unwrap();
        assert_eq!(build(root.path(), output.path(), &[card("One")]).1, [card("One").draw()]);
    }
}
