package io.edarouter.http;

/**
 * A request this API refuses: the status and the answer {@code {"error": code, "detail": what was wrong}}. Thrown by
 * the steps of {@link HttpApiRoutes}, whose error handling writes the answer.
 */
final class HttpError extends RuntimeException {

    static final String INVALID_PARAMETER = "invalid-parameter";
    static final String INVALID_BODY = "invalid-body";
    static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    static final String NOT_FOUND = "not-found";

    private final int status;
    private final String error;

    HttpError(int status, String error, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.error = error;
    }

    static HttpError invalidParameter(String detail) {
        return new HttpError(400, INVALID_PARAMETER, detail);
    }

    static HttpError invalidBody(String detail) {
        return new HttpError(400, INVALID_BODY, detail);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String detail() {
        return getMessage();
    }
}
