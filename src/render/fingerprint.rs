//! What a page is rendered from, hashed: serve renders a page again only when the hash of
//! its template's context changes. The hash is taken of the values put into the context,
//! as they are put in, so it covers whatever a template can reach (through a computed
//! key, a component argument, an include, a filter) without knowing how it reaches it.

use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use serde::Serialize;
use tera::value::ValueKind;
use tera::{Context, Value};

/// A page's template context, with the hash of everything put into it when asked for.
pub(crate) struct PageContext {
    context: Context,
    hasher: Option<DefaultHasher>,
}

impl PageContext {
    /// An empty context; `hashed`: keep the hash of what is put in (serve), or not (build).
    pub(crate) fn new(hashed: bool) -> PageContext {
        PageContext { context: Context::new(), hasher: hashed.then(DefaultHasher::new) }
    }

    pub(crate) fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert_value(key, Value::from_serializable(value));
    }

    pub(crate) fn insert_value(&mut self, key: &'static str, value: Value) {
        if let Some(hasher) = &mut self.hasher {
            key.hash(hasher);
            hash_value(&value, hasher);
        }
        self.context.insert_value(key, value);
    }

    /// Puts in a value shared by many pages whose hash was taken once (`site`, `labels`).
    pub(crate) fn insert_shared(&mut self, key: &'static str, value: Value, hash: impl FnOnce() -> u64) {
        if let Some(hasher) = &mut self.hasher {
            key.hash(hasher);
            hash().hash(hasher);
        }
        self.context.insert_value(key, value);
    }

    pub(crate) fn context(&self) -> &Context {
        &self.context
    }

    /// The hash of the template's name, of the templates' texts (`texts_hash`) and of
    /// everything put in; `None` unless hashed.
    pub(crate) fn fingerprint(&self, template: &str, texts_hash: u64) -> Option<u64> {
        let mut hasher = self.hasher.clone()?;
        template.hash(&mut hasher);
        texts_hash.hash(&mut hasher);
        Some(hasher.finish())
    }
}

/// The hash of one value, the way `PageContext` hashes it.
pub(crate) fn of_value(value: &Value) -> u64 {
    let mut hasher = DefaultHasher::new();
    hash_value(value, &mut hasher);
    hasher.finish()
}

/// The hash of bytes made without a template (the search index, built-in assets).
pub(crate) fn of_bytes(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// Hashes a Tera value: every kind is tagged, so that `"1"` and `1` or `[]` and `{}` differ,
/// and a string marked safe differs from the same text that templates escape.
fn hash_value(value: &Value, hasher: &mut DefaultHasher) {
    let kind = value.kind();
    kind.hash(hasher);
    match kind {
        ValueKind::Bool => value.as_bool().hash(hasher),
        ValueKind::U64 | ValueKind::U128 => value.as_u128().hash(hasher),
        ValueKind::I64 | ValueKind::I128 => value.as_i128().hash(hasher),
        ValueKind::F64 => value.as_f64().map(f64::to_bits).hash(hasher),
        ValueKind::String => {
            value.is_safe().hash(hasher);
            value.as_str().hash(hasher);
        }
        ValueKind::Array => {
            let items = value.as_array().unwrap_or_default();
            items.len().hash(hasher);
            for item in items {
                hash_value(item, hasher);
            }
        }
        ValueKind::Map => {
            // Tera's maps iterate in an order of their own, which differs between two maps of
            // the same entries: the entries' hashes are summed, in whatever order they come.
            let Some(map) = value.as_map() else { return };
            map.len().hash(hasher);
            let mut sum = 0u64;
            for (key, item) in map {
                let mut entry = DefaultHasher::new();
                key.hash(&mut entry);
                hash_value(item, &mut entry);
                sum = sum.wrapping_add(entry.finish());
            }
            sum.hash(hasher);
        }
        ValueKind::Bytes => value.as_bytes().hash(hasher),
        // Undefined and none: the kind says it all; a kind Tera adds later hashes as text.
        _ => Cow::<str>::Owned(value.to_string()).hash(hasher),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashed(pairs: &[(&'static str, Value)]) -> u64 {
        let mut context = PageContext::new(true);
        for (key, value) in pairs {
            context.insert_value(key, value.clone());
        }
        context.fingerprint("page.html", 0).unwrap()
    }

    #[test]
    fn equal_values_hash_equal_and_any_difference_shows() {
        let site = |count: u64, topics: &[&str]| {
            Value::from_serializable(&serde_json::json!({ "article_count": count, "topics": topics }))
        };
        let a = hashed(&[("site", site(3, &["chips", "labs"]))]);
        assert_eq!(a, hashed(&[("site", site(3, &["chips", "labs"]))]));
        for other in [
            hashed(&[("site", site(4, &["chips", "labs"]))]),
            hashed(&[("site", site(3, &["labs", "chips"]))]),
            hashed(&[("site", site(3, &["chips"]))]),
            hashed(&[("other", site(3, &["chips", "labs"]))]),
        ] {
            assert_ne!(a, other);
        }
        assert_ne!(
            hashed(&[("x", Value::from_serializable(&"1"))]),
            hashed(&[("x", Value::from_serializable(&1))]),
            "a string is not a number"
        );
        assert_ne!(
            hashed(&[("x", Value::safe_string("<b>"))]),
            hashed(&[("x", Value::normal_string("<b>"))]),
            "safe text is not escaped text"
        );
    }

    #[test]
    fn maps_of_the_same_entries_hash_equal_whatever_their_order() {
        let entries: Vec<(String, u64)> = (0..50).map(|n| (format!("key {n}"), n)).collect();
        let forward: std::collections::BTreeMap<&str, u64> = entries.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let maps: Vec<Value> = (0..8).map(|_| Value::from_serializable(&forward)).collect();
        let first = of_value(&maps[0]);
        assert!(maps.iter().all(|map| of_value(map) == first));
        let mut other = forward.clone();
        other.insert("key 7", 8);
        assert_ne!(of_value(&Value::from_serializable(&other)), first);
    }

    #[test]
    fn the_template_and_its_texts_are_part_of_the_fingerprint_and_build_takes_none() {
        let mut context = PageContext::new(true);
        context.insert("title", "T");
        assert_ne!(context.fingerprint("a.html", 0), context.fingerprint("b.html", 0));
        assert_ne!(context.fingerprint("a.html", 0), context.fingerprint("a.html", 1));
        assert_eq!(PageContext::new(false).fingerprint("a.html", 0), None);
    }
}
