//! What the parser lets through and the output cannot take: aliases that expand a small
//! document into gigabytes, and control characters written as escapes (`"\x07"`).
//!
//! Both need the parsed scalars, so a document that could hold either (one with a `*`
//! or a `\`) is walked once before the typed parse; other documents, nearly all of them,
//! are not walked twice. The walk borrows each scalar, so measuring an alias costs its
//! length in time, not in memory.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Document, YamlError, character_message};
use crate::diagnostic::forbidden_character;

/// How many bytes aliases may add to a document, on top of its own length. Far more than
/// any front matter repeats, far less than memory: 2,000 aliases of a 1 MB value would
/// otherwise make 2 GB.
pub(crate) const MAX_ALIAS_EXPANSION: usize = 1 << 20;

/// Walks the document's values when it may hold aliases or escapes.
pub(super) fn check(document: &Document<'_>) -> Result<(), YamlError> {
    if !document.text.contains(['*', '\\']) {
        return Ok(());
    }
    let mut walk = Walk { bytes: 0, limit: document.text.len() + MAX_ALIAS_EXPANSION, found: None };
    let result = Node(&mut walk).deserialize(serde_yaml::Deserializer::from_str(document.text));
    let (Err(error), Some(problem)) = (result, walk.found) else {
        // Any other problem is the typed parse's to report.
        return Ok(());
    };
    let (line, column) = error.location().map_or((1, 1), |l| (l.line(), l.column()));
    let message = match problem {
        Problem::Expansion => format!(
            "YAML aliases (`*name`) repeat the value anchored here until the document would pass {} MiB: \
             write the value out where it is needed, or shorten it",
            (document.text.len() + MAX_ALIAS_EXPANSION) >> 20
        ),
        Problem::Character(character) => character_message(character),
    };
    Err(document.at(line, column, message))
}

enum Problem {
    Expansion,
    Character(char),
}

struct Walk {
    bytes: usize,
    limit: usize,
    found: Option<Problem>,
}

/// One value of the document; maps and sequences are walked in turn (the parser bounds
/// their depth).
struct Node<'w>(&'w mut Walk);

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<(), E> {
        self.0.bytes += text.len();
        if self.0.bytes > self.0.limit {
            self.0.found = Some(Problem::Expansion);
            return Err(E::custom("expansion"));
        }
        if let Some((_, character)) = forbidden_character(text) {
            self.0.found = Some(Problem::Character(character));
            return Err(E::custom("character"));
        }
        Ok(())
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar()
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar()
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar()
    }

    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
        self.scalar()
    }

    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
        self.scalar()
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar()
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.scalar()
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.scalar()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        Node(self.0).deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        Node(self.0).deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        while items.next_element_seed(Node(&mut *self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<(), A::Error> {
        while entries.next_key_seed(Node(&mut *self.0))?.is_some() {
            entries.next_value_seed(Node(&mut *self.0))?;
        }
        Ok(())
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag x`): the tag is not text of the site; its value is.
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(Tag)?;
        variant.newtype_variant_seed(Node(self.0))
    }
}

impl Node<'_> {
    /// Numbers, booleans and nulls count as a few bytes, so that aliases of long lists
    /// of them are bounded too.
    fn scalar<E: serde::de::Error>(self) -> Result<(), E> {
        self.0.bytes += 8;
        if self.0.bytes > self.0.limit {
            self.0.found = Some(Problem::Expansion);
            return Err(E::custom("expansion"));
        }
        Ok(())
    }
}

/// A tag's name, ignored.
struct Tag;

impl<'de> DeserializeSeed<'de> for Tag {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        <serde::de::IgnoredAny as serde::Deserialize>::deserialize(deserializer).map(|_| ())
    }
}
