//! The share cards of earlier builds, kept by key under the site root
//! (`.briefing/cache/cards/<key>.png`), so that a build draws only the cards whose texts
//! or colours changed. A card's key hashes everything its bytes depend on (`Card::key`),
//! so a kept card is always the card a build would draw.
//!
//! Like Zola's processed images and Hugo's `resources/_gen`, the cache is a folder of the
//! site, not of the output: a new output folder, or the staging folder every build starts
//! from, still finds it. It is only a saving: a card that cannot be read or kept is drawn.
//!
//! A kept card goes into the output as a hard link (`Output::link`), so an unchanged card
//! costs neither a read, nor a write, nor space. A build keeps the cards it drew only once
//! it has succeeded, linking them from its output, so a failed build leaves the site's
//! folder as it was.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use briefing_card::{Card, CardKey};
use rayon::prelude::*;

use super::{Output, OutputError};
use crate::render::Page;

/// The cache's folder under the site root; `/.briefing/` is in the `.gitignore` that
/// `briefing init` writes.
pub const CARD_CACHE_DIR: &str = ".briefing/cache/cards";

/// The keys of the cards each kind of build used last, one file per kind (`BuildKind`):
/// a build keeps the cards of the other kinds, so that builds with and without `--drafts`
/// do not remove each other's.
const USED_DIR: &str = ".briefing/cache/cards-used";

/// What every whole PNG ends with: its `IEND` chunk (length 0, type, CRC).
const PNG_END: [u8; 12] = [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xae, 0x42, 0x60, 0x82];
const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

/// Which articles a build publishes, and so which cards it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildKind {
    pub drafts: bool,
    pub future: bool,
}

impl BuildKind {
    const ALL: [BuildKind; 4] = [
        BuildKind { drafts: false, future: false },
        BuildKind { drafts: true, future: false },
        BuildKind { drafts: false, future: true },
        BuildKind { drafts: true, future: true },
    ];

    /// The name of its file of used keys.
    fn name(self) -> &'static str {
        match (self.drafts, self.future) {
            (false, false) => "published",
            (true, false) => "with-drafts",
            (false, true) => "with-future",
            (true, true) => "with-drafts-and-future",
        }
    }
}

/// The cards of one build: where they are kept, which this build used and which it drew.
#[derive(Debug)]
pub struct CardCache {
    dir: PathBuf,
    used_dir: PathBuf,
    kind: BuildKind,
    /// Whether the cache's folders stay inside the site: one that a symbolic link takes
    /// elsewhere is neither read, nor written, nor pruned, so nothing outside the site is.
    inside_site: bool,
    /// The keys of the cards this build asked for: what `finish` keeps.
    used: Mutex<HashSet<CardKey>>,
    /// The cards this build drew, by key, with their file under the output root.
    drawn: Mutex<Vec<(CardKey, String)>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl CardCache {
    /// The cache of the site at `root`, for a build of `kind`; the folder is made when a
    /// first card is kept.
    pub fn of_site(root: &Path, kind: BuildKind) -> CardCache {
        let (dir, used_dir) = (root.join(CARD_CACHE_DIR), root.join(USED_DIR));
        CardCache {
            inside_site: stays_inside(root, &dir) && stays_inside(root, &used_dir),
            dir,
            used_dir,
            kind,
            used: Mutex::default(),
            drawn: Mutex::default(),
        }
    }

    /// Puts `card` at `path` under `output`: the kept card, linked, else drawn (and kept by
    /// `finish`). A kept file that is not a whole PNG (a disk that lost its end) is drawn
    /// again; only its first and last bytes are read to tell.
    pub fn place(&self, card: &Card, path: &str, output: &Output) -> Result<(), OutputError> {
        let key = card.key();
        lock(&self.used).insert(key);
        let kept = self.dir.join(file_name(key));
        if !self.inside_site {
            return output.write(&Page { path: path.to_owned(), bytes: card.draw() });
        }
        // A link that fails (the card removed meanwhile by another site build's `finish`)
        // falls back to drawing; `write` reports an output that cannot be written.
        if let Some(size) = whole_png_size(&kept)
            && output.link(&kept, size, path).is_ok()
        {
            return Ok(());
        }
        lock(&self.drawn).push((key, path.to_owned()));
        output.write(&Page { path: path.to_owned(), bytes: card.draw() })
    }

    /// Once the build has succeeded into `output`: keeps the cards it drew, records the
    /// keys it used, and removes the cards no kind of build uses any more. Each step is a
    /// saving only, so failures are ignored: a card that cannot be kept is drawn again next
    /// time, a cache that cannot be tidied costs space.
    pub fn finish(&self, output: &Path) {
        if !self.inside_site {
            return;
        }
        self.keep_drawn(output);
        let _ = self.record_used_and_prune();
    }

    /// Keeps the cards this build drew, linked (or copied) from the finished output to a
    /// temporary file and renamed into place: stopped at any moment, it leaves a whole
    /// card or none (at worst a temporary file, which `prune` removes).
    fn keep_drawn(&self, output: &Path) {
        let drawn = std::mem::take(&mut *lock(&self.drawn));
        if drawn.is_empty() || fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        drawn.par_iter().enumerate().for_each(|(number, (key, file))| {
            let temporary = self.dir.join(format!(".{}-{number}.tmp", std::process::id()));
            let from = output.join(file);
            let made = fs::hard_link(&from, &temporary).or_else(|_| fs::copy(&from, &temporary).map(drop));
            if made.and_then(|()| fs::rename(&temporary, self.dir.join(file_name(*key)))).is_err() {
                let _ = fs::remove_file(&temporary);
            }
        });
    }

    /// Records the keys this build used under its kind, then removes every file of the
    /// cache that is not a card some kind of build used last (an edited headline's old
    /// card, a deleted article's, the temporary files of stopped builds).
    fn record_used_and_prune(&self) -> io::Result<()> {
        let used = lock(&self.used);
        let mut keep: HashSet<CardKey> = used.clone();
        for kind in BuildKind::ALL.into_iter().filter(|&kind| kind != self.kind) {
            keep.extend(read_keys(&self.used_dir.join(kind.name())));
        }
        let file = self.used_dir.join(self.kind.name());
        if read_keys(&file) != *used {
            write_keys(&file, &used)?;
        }
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(error) => return Err(error),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name();
            let key = name.to_str().and_then(|name| name.strip_suffix(".png")).and_then(parse_key);
            if !key.is_some_and(|key| keep.contains(&key)) {
                let _ = fs::remove_file(entry.path());
            }
        }
        Ok(())
    }
}

fn file_name(key: CardKey) -> String {
    format!("{}.png", key.hex())
}

fn parse_key(hex: &str) -> Option<CardKey> {
    (hex.len() == 32).then(|| u128::from_str_radix(hex, 16).ok().map(CardKey)).flatten()
}

/// The keys listed in `file`, one a line; none if it cannot be read.
fn read_keys(file: &Path) -> HashSet<CardKey> {
    fs::read_to_string(file).map(|text| text.lines().filter_map(parse_key).collect()).unwrap_or_default()
}

/// Lists `keys` in `file`, written to a temporary file and renamed into place.
fn write_keys(file: &Path, keys: &HashSet<CardKey>) -> io::Result<()> {
    let mut lines: Vec<String> = keys.iter().map(|key| key.hex()).collect();
    lines.sort_unstable();
    let mut text = lines.join("\n");
    text.push('\n');
    let dir = file.parent().expect("a file of the cache's folder");
    fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(".{}.tmp", std::process::id()));
    fs::write(&temporary, text).and_then(|()| fs::rename(&temporary, file)).inspect_err(|_| {
        let _ = fs::remove_file(&temporary);
    })
}

/// The size of the file at `path` if it is a whole PNG: it begins with the signature and
/// ends with the `IEND` chunk. Reads those 20 bytes only.
/// Whether `path` under `root` resolves inside `root`: its deepest existing folder, links
/// followed, is `root` or below it.
fn stays_inside(root: &Path, path: &Path) -> bool {
    let Ok(real_root) = fs::canonicalize(root) else { return false };
    path.ancestors()
        .find(|ancestor| fs::symlink_metadata(ancestor).is_ok())
        .and_then(|existing| fs::canonicalize(existing).ok())
        .is_some_and(|real| real.starts_with(&real_root))
}

fn whole_png_size(path: &Path) -> Option<u64> {
    // A kept card is a file the build wrote, never a link to one elsewhere.
    if !fs::symlink_metadata(path).ok()?.file_type().is_file() {
        return None;
    }
    let mut file = File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    if size < (PNG_SIGNATURE.len() + PNG_END.len()) as u64 {
        return None;
    }
    let (mut start, mut end) = ([0; PNG_SIGNATURE.len()], [0; PNG_END.len()]);
    file.read_exact(&mut start).ok()?;
    file.seek(SeekFrom::End(-(PNG_END.len() as i64))).ok()?;
    file.read_exact(&mut end).ok()?;
    (start == PNG_SIGNATURE && end == PNG_END).then_some(size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use briefing_card::Colours;

    const PUBLISHED: BuildKind = BuildKind { drafts: false, future: false };

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

    fn kept(root: &Path, card: &Card) -> PathBuf {
        root.join(CARD_CACHE_DIR).join(file_name(card.key()))
    }

    /// A build of `cards` of `kind` with the cache at `root`, into `output` as a build
    /// writes them: the cards' bytes in the output.
    fn build_kind(root: &Path, output: &Path, kind: BuildKind, cards: &[Card]) -> Vec<Vec<u8>> {
        let cache = CardCache::of_site(root, kind);
        let staging = Output::prepare(root, output).unwrap();
        for (index, card) in cards.iter().enumerate() {
            cache.place(card, &format!("{index}.png"), &staging).unwrap();
        }
        let output = staging.commit().unwrap();
        cache.finish(&output);
        (0..cards.len()).map(|index| fs::read(output.join(format!("{index}.png"))).unwrap()).collect()
    }

    fn build(root: &Path, output: &Path, cards: &[Card]) -> Vec<Vec<u8>> {
        build_kind(root, output, PUBLISHED, cards)
    }

    #[test]
    fn a_kept_card_is_taken_rather_than_drawn() {
        let (root, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let output = out.path().join("public");
        assert_eq!(build(root.path(), &output, &[card("One")]), [card("One").draw()]);
        let dir = root.path().join(CARD_CACHE_DIR);
        assert_eq!(files(&dir), [file_name(card("One").key())], "one card, no temporary file");
        // A kept card that is whole is what the build puts out, as it is: marking it shows
        // that it was taken, not drawn.
        let mut marked = card("One").draw();
        marked.splice(8..8, *b"\0\0\0\0teXt");
        fs::remove_file(kept(root.path(), &card("One"))).unwrap();
        fs::write(kept(root.path(), &card("One")), &marked).unwrap();
        assert_eq!(build(root.path(), &output, &[card("One")]), [marked]);
    }

    #[cfg(unix)]
    #[test]
    fn a_kept_card_is_shared_with_the_output_not_copied() {
        use std::os::unix::fs::MetadataExt;
        let (root, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let output = out.path().join("public");
        build(root.path(), &output, &[card("One")]);
        let inode = |path: &Path| fs::metadata(path).unwrap().ino();
        assert_eq!(inode(&output.join("0.png")), inode(&kept(root.path(), &card("One"))), "drawn, then linked");
        build(root.path(), &output, &[card("One")]);
        assert_eq!(inode(&output.join("0.png")), inode(&kept(root.path(), &card("One"))), "kept, then linked");
    }

    #[test]
    fn nothing_is_kept_until_the_build_succeeded() {
        let (root, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let cache = CardCache::of_site(root.path(), PUBLISHED);
        let staging = Output::prepare(root.path(), &out.path().join("public")).unwrap();
        cache.place(&card("One"), "one.png", &staging).unwrap();
        drop(staging);
        assert!(!root.path().join(".briefing").exists(), "a build that stops here leaves the site as it was");
    }

    #[test]
    fn a_damaged_card_is_drawn_again_and_replaced() {
        let (root, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let output = out.path().join("public");
        build(root.path(), &output, &[card("One")]);
        let kept = kept(root.path(), &card("One"));
        let whole = fs::read(&kept).unwrap();
        fs::remove_file(&kept).unwrap();
        fs::write(&kept, &whole[..whole.len() / 2]).unwrap();
        assert_eq!(build(root.path(), &output, &[card("One")]), std::slice::from_ref(&whole));
        assert_eq!(fs::read(&kept).unwrap(), whole);
    }

    #[test]
    fn the_cards_no_build_uses_are_removed() {
        let (root, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let output = out.path().join("public");
        build(root.path(), &output, &[card("Old"), card("Kept")]);
        let dir = root.path().join(CARD_CACHE_DIR);
        fs::write(dir.join(".1-0.tmp"), b"stopped").unwrap();
        fs::write(dir.join("notes.txt"), b"not a card").unwrap();
        build(root.path(), &output, &[card("Kept"), card("New")]);
        let mut expected = vec![file_name(card("Kept").key()), file_name(card("New").key())];
        expected.sort();
        assert_eq!(files(&dir), expected);
    }

    #[cfg(unix)]
    #[test]
    fn a_cache_linked_outside_the_site_is_neither_read_nor_written_nor_pruned() {
        let (root, out, elsewhere) =
            (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        fs::write(elsewhere.path().join("notes.txt"), b"not the site's").unwrap();
        let dir = root.path().join(CARD_CACHE_DIR);
        fs::create_dir_all(dir.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), &dir).unwrap();
        let output = out.path().join("public");
        assert_eq!(build(root.path(), &output, &[card("Headline")]), [card("Headline").draw()]);
        build(root.path(), &output, &[card("Other")]);
        assert_eq!(files(elsewhere.path()), ["notes.txt"], "nothing kept or removed there");
    }

    #[cfg(unix)]
    #[test]
    fn a_kept_card_that_is_a_link_is_drawn_again() {
        let (root, out, elsewhere) =
            (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let output = out.path().join("public");
        build(root.path(), &output, &[card("Headline")]);
        let kept_card = kept(root.path(), &card("Headline"));
        let outside = elsewhere.path().join("outside.png");
        fs::rename(&kept_card, &outside).unwrap();
        std::os::unix::fs::symlink(&outside, &kept_card).unwrap();
        assert_eq!(whole_png_size(&kept_card), None);
        assert!(whole_png_size(&outside).is_some());
    }

    #[test]
    fn builds_with_and_without_drafts_keep_each_others_cards() {
        let (root, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let output = out.path().join("public");
        let drafts = BuildKind { drafts: true, future: false };
        build(root.path(), &output, &[card("Published")]);
        build_kind(root.path(), &output, drafts, &[card("Published"), card("Draft")]);
        build(root.path(), &output, &[card("Published")]);
        assert!(kept(root.path(), &card("Draft")).is_file(), "the last build with drafts used it");
        // The draft's headline is edited: the next build with drafts no longer needs the old card.
        build_kind(root.path(), &output, drafts, &[card("Published"), card("Draft, edited")]);
        assert!(!kept(root.path(), &card("Draft")).exists());
        assert!(kept(root.path(), &card("Draft, edited")).is_file());
    }

    #[test]
    fn a_cache_that_cannot_be_written_still_gives_the_card() {
        let (root, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        // A file where the cache's folder would be: nothing can be kept.
        fs::create_dir_all(root.path().join(".briefing/cache")).unwrap();
        fs::write(root.path().join(CARD_CACHE_DIR), b"in the way").unwrap();
        assert_eq!(build(root.path(), &out.path().join("public"), &[card("One")]), [card("One").draw()]);
    }
}
