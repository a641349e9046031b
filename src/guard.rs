//! Worker threads survive their own bugs: each request a long-lived worker serves runs inside [`catch_panic`], so a
//! panic becomes an error message for the UI (which shows it like any other error) and the worker goes on with the
//! next request, as if restarted. Without this a panic would end the thread silently and the window would wait for
//! its answers forever.

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `f`; a panic in it becomes `Err` with a message naming `worker` and the panic's own text.
///
/// `AssertUnwindSafe` is sound here because callers drop or reset whatever `f` was mutating when it panicked
/// (the loader forgets its open files, the stats worker its count in progress).
pub fn catch_panic<T>(worker: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let detail = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".into());
        crate::text::worker_panicked(worker, &detail)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_message_naming_the_worker_and_the_cause() {
        let caught = catch_panic("tile loader", || -> u32 { panic!("index {} out of range", 7) });
        let message = caught.expect_err("the panic is caught");
        assert!(message.contains("tile loader"), "{message}");
        assert!(message.contains("index 7 out of range"), "{message}");
        assert_eq!(catch_panic("tile loader", || 5), Ok(5));
    }
}
