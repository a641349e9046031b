use thiserror::Error;

/// Errors of the raster layer. Every variant names the file, so a message shown to the user says which file failed.
#[derive(Debug, Error)]
pub enum RasterError {
    #[error("{path}: cannot open: {reason}")]
    Open { path: String, reason: String },
    #[error("{path}: {reason}")]
    Unsupported { path: String, reason: String },
    #[error("{path}: cannot read: {reason}")]
    Read { path: String, reason: String },
    #[error("{path}: cannot write: {reason}")]
    Write { path: String, reason: String },
    #[error("coordinate transform: {0}")]
    Transform(String),
}
