//! Errors as HTTP answers: the facade's `ErrorReport` as the body, a status chosen by its kind and code.
//!
//! | status | when |
//! |---|---|
//! | 400 | a bad assessment (Y07xx), an assessment that names no standard or not enough of it (Y0807, Y0803, Y0805), a bad query parameter or body (Y0901) |
//! | 404 | an unknown standard, version or document (Y0801, Y0802, Y0804, Y0806); no such route (Y0904) |
//! | 405 | the route does not take the method (Y0905) |
//! | 408 | over the request time limit (Y0908) |
//! | 413 | a body over the route's limit (Y0902); too many assessments for one diff (Y0906) |
//! | 422 | a document with errors (its first error's code; `problems` lists them); an evaluation that could not run (Y06xx) |
//! | 500 | a bug (Y0909) |
//! | 503 | no library loaded yet (Y0903) |

use crate::codes;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use yardstick::api::{ErrorReport, CONTRACT_VERSION};
use yardstick::{Error, Msg};

/// The code of an error answer, for the metrics and the log (a response extension).
#[derive(Clone, Debug)]
pub struct ErrorCode(pub String);

/// An error answer.
#[derive(Clone, Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub report: Box<ErrorReport>,
}

impl ApiError {
    /// One of the server's own errors (kind `request`, or `not_ready` for Y0903).
    pub fn new(status: StatusCode, code: &str, msg: Msg) -> ApiError {
        let kind = if code == codes::NOT_READY {
            "not_ready"
        } else {
            "request"
        };
        ApiError {
            status,
            report: Box::new(ErrorReport {
                contract: CONTRACT_VERSION,
                kind: kind.into(),
                code: code.into(),
                en: msg.en,
                zh: msg.zh,
                problems: Vec::new(),
                inputs: Vec::new(),
            }),
        }
    }

    /// A bad argument (Y0901, 400), as the facade's bindings report one.
    pub fn argument(msg: Msg) -> ApiError {
        let mut e = ApiError::from(Error::Argument(yardstick::Failure {
            code: codes::BAD_ARGUMENT.into(),
            en: msg.en,
            zh: msg.zh,
        }));
        e.status = StatusCode::BAD_REQUEST;
        e
    }

    pub fn not_ready() -> ApiError {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            codes::NOT_READY,
            yardstick::catalogue::server::not_ready(),
        )
    }

    pub fn too_large(limit: usize) -> ApiError {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            codes::TOO_LARGE,
            yardstick::catalogue::server::body_too_large(limit),
        )
    }

    pub fn internal() -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::INTERNAL,
            yardstick::catalogue::server::internal(),
        )
    }
}

/// The status of a facade error.
pub fn status_of(e: &Error) -> StatusCode {
    use yardstick::codes as c;
    match e {
        Error::Assessment(_) | Error::Argument(_) => StatusCode::BAD_REQUEST,
        Error::NotFound(f)
            if [
                c::NOT_NAMED,
                c::WHICH_VERSION,
                c::SEVERAL_APPLY,
                c::LACKS_RULE,
            ]
            .contains(&f.code.as_str()) =>
        {
            StatusCode::BAD_REQUEST
        }
        Error::NotFound(_) => StatusCode::NOT_FOUND,
        Error::Problems(_) | Error::Eval(_) => StatusCode::UNPROCESSABLE_ENTITY,
        Error::Io { .. } => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        ApiError {
            status: status_of(&e),
            report: Box::new(e.report()),
        }
    }
}

/// A JSON body with its content type.
pub fn json_response(status: StatusCode, body: String) -> Response {
    let mut r = (status, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_string(&self.report).unwrap_or_default();
        let mut r = json_response(self.status, body);
        r.extensions_mut().insert(ErrorCode(self.report.code));
        r
    }
}
