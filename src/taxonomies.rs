//! The built-in taxonomies as one table: a new one (or a new label, or a weight) is a
//! row here, not a string matched in several files.

/// A taxonomy briefing knows: its name in site.yaml and front matter (and the key of its
/// heading in the interface files, `i18n/*.yaml`), and how much sharing one of its terms
/// makes two articles related.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BuiltinTaxonomy {
    pub name: &'static str,
    pub related_weight: u32,
    /// The schema.org type of its terms in structured data.
    pub schema_type: &'static str,
}

pub(crate) const TAGS: BuiltinTaxonomy = BuiltinTaxonomy { name: "tags", related_weight: 1, schema_type: "Thing" };
pub(crate) const ORGANIZATIONS: BuiltinTaxonomy =
    BuiltinTaxonomy { name: "organizations", related_weight: 2, schema_type: "Organization" };
pub(crate) const REGIONS: BuiltinTaxonomy =
    BuiltinTaxonomy { name: "regions", related_weight: 2, schema_type: "Place" };

pub(crate) const BUILTIN: [BuiltinTaxonomy; 3] = [TAGS, ORGANIZATIONS, REGIONS];

/// The weight of a term of a taxonomy a site declares itself (`people`): like an entity.
pub(crate) const DECLARED_WEIGHT: u32 = 2;

/// The built-in taxonomy of that name, if it is one.
pub(crate) fn builtin(name: &str) -> Option<&'static BuiltinTaxonomy> {
    BUILTIN.iter().find(|t| t.name == name)
}

/// How much a shared term of the taxonomy `name` counts towards two articles being related.
pub(crate) fn related_weight(name: &str) -> u32 {
    builtin(name).map_or(DECLARED_WEIGHT, |t| t.related_weight)
}

/// A topic shared says more than any term.
pub(crate) const TOPIC_WEIGHT: u32 = 3;

/// The schema.org type of a term of the taxonomy `name`: `Thing` for a site's own.
pub(crate) fn schema_type(name: &str) -> &'static str {
    builtin(name).map_or("Thing", |t| t.schema_type)
}
