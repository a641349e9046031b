//! Rasters read over HTTP: a path that is an `http://` or `https://` URL is opened through GDAL's `/vsicurl/`, which
//! reads only the byte ranges it needs (a COG's header, then the blocks of the level in view), so the pyramid,
//! inspector and statistics work on a remote file as on a local one. Only a URL the user gave reaches the network:
//! local files, VRTs included, never do (see `network_guard`).

/// Whether `path` is an `http://` or `https://` URL (scheme in any case).
pub fn is_url(path: &str) -> bool {
    let lower = path.get(..8).unwrap_or(path).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The name GDAL opens `path` by: a URL through `/vsicurl/`, a local path absolute (so a VRT written elsewhere that
/// names it stays valid), anything else as it is.
pub fn gdal_path(path: &str) -> String {
    if is_url(path) {
        format!("/vsicurl/{path}")
    } else if path.starts_with("/vsi") {
        path.to_string()
    } else {
        std::fs::canonicalize(path).map_or_else(|_| path.to_string(), |p| p.display().to_string())
    }
}

/// GDAL's HTTP settings, applied at start unless the environment sets them (a user on a slow link can raise the
/// timeout with `GDAL_HTTP_TIMEOUT=120`).
pub(super) const HTTP_SETTINGS: [(&str, &str); 5] = [
    // Seconds for a whole request, and to connect: a dead server is reported, never waited on forever.
    ("GDAL_HTTP_TIMEOUT", "30"),
    ("GDAL_HTTP_CONNECTTIMEOUT", "10"),
    // Two retries on 429, 502, 503 and 504, one second apart.
    ("GDAL_HTTP_MAX_RETRY", "2"),
    ("GDAL_HTTP_RETRY_DELAY", "1"),
    // No listing of the remote folder (one request that web servers rarely answer usefully); sidecars such as
    // `.aux.xml` are still asked for by name.
    ("GDAL_DISABLE_READDIR_ON_OPEN", "YES"),
];

/// Why reading a URL failed, in words, from the series of GDAL messages the failure raised (oldest first): the
/// first that names a cause wins, else they are given as they are.
pub(super) fn explain(messages: &[String]) -> String {
    messages.iter().find_map(|m| cause(m)).unwrap_or_else(|| {
        let mut distinct: Vec<&str> = Vec::new();
        for m in messages.iter().map(|m| m.trim()).filter(|m| !m.is_empty()) {
            if !distinct.contains(&m) {
                distinct.push(m);
            }
        }
        match distinct.is_empty() {
            true => "GDAL could not read it over HTTP (no reason given)".into(),
            false => distinct.join("; "),
        }
    })
}

/// The cause one GDAL message names, if it names one.
fn cause(message: &str) -> Option<String> {
    let lower = message.to_ascii_lowercase();
    if lower.contains("range downloading not supported") {
        Some(
            "the server does not support HTTP range requests, which reading a COG over the network needs \
             (download the file and open it locally)"
                .into(),
        )
    } else if lower.contains("timed out") {
        Some(format!("no answer in time ({message}); raise GDAL_HTTP_TIMEOUT for a slow link"))
    } else if let Some(code) = lower.split("http response code: ").nth(1) {
        let code = code.trim();
        let meaning = match code {
            "404" => " (not found: check the address)",
            "401" | "403" => " (access refused)",
            _ => "",
        };
        Some(format!("the server answered HTTP {code}{meaning}"))
    } else if lower.contains("couldn't connect") || lower.contains("could not resolve") {
        Some(format!("cannot reach the server ({message})"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://example.org/a.tif"));
        assert!(is_url("HTTP://example.org/a.tif"));
        assert!(!is_url("/data/http://a.tif"));
        assert!(!is_url("/vsicurl/https://example.org/a.tif"));
        assert!(!is_url("httpx.tif"));
        assert!(!is_url("ü"));
        assert_eq!(gdal_path("https://example.org/a.tif"), "/vsicurl/https://example.org/a.tif");
        assert_eq!(gdal_path("/vsimem/x.vrt"), "/vsimem/x.vrt");
    }

    #[test]
    fn gdal_messages_become_reasons_a_user_can_act_on() {
        let explain_one = |m: &str| explain(&[m.to_string()]);
        assert!(explain_one("HTTP response code: 404").contains("not found"));
        assert!(explain_one("Range downloading not supported by this server!").contains("range requests"));
        assert!(explain_one("CURL error: Operation timed out after 2001 milliseconds").contains("GDAL_HTTP_TIMEOUT"));
        assert!(explain_one("CURL error: Failed to connect to 127.0.0.1 port 1: Couldn't connect to server")
            .contains("cannot reach"));
        // The cause is found among the messages whatever comes after it; without one, all of them are given.
        let series = ["HTTP response code: 404".to_string(), "GDALOpenEx returned NULL".to_string()];
        assert!(explain(&series).contains("HTTP 404"));
        assert_eq!(explain(&["a".into(), "b".into(), "a".into()]), "a; b");
        assert!(explain(&[]).contains("no reason given"));
    }
}
