package io.edarouter.embedded;

/**
 * The router will not start for a reason the operator can fix; the message says what to do. The jar logs
 * the message alone: a stack trace would only hide it.
 */
public final class StartRefusedException extends RuntimeException {

    StartRefusedException(String message) {
        super(message);
    }
}
