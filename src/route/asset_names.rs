//! The names static files are published under: a stylesheet or script with its content's
//! hash in its name, so a browser may cache it for good.

/// Eight hex digits of the 64-bit FNV-1a hash of `bytes`: stable across platforms and versions.
pub(crate) fn fingerprint(bytes: &[u8]) -> String {
    let hash =
        bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{:08x}", (hash >> 32) as u32 ^ hash as u32)
}

/// `style.css` with fingerprint `3f2a1c9e` -> `style.3f2a1c9e.css`.
pub(crate) fn fingerprinted_name(name: &str, fingerprint: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("{stem}.{fingerprint}.{extension}")
        }
        _ => format!("{name}.{fingerprint}"),
    }
}
