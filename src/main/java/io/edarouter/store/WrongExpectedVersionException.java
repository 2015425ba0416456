package io.edarouter.store;

/** An append found its stream at another version than it expected; nothing was stored. */
public class WrongExpectedVersionException extends RuntimeException {

    private final String stream;
    private final ExpectedVersion expected;
    private final long actual;

    public WrongExpectedVersionException(String stream, ExpectedVersion expected, long actual) {
        super("stream '" + stream + "': expected version " + expected + " but the stream "
                + (actual < 0 ? "does not exist" : "is at version " + actual));
        this.stream = stream;
        this.expected = expected;
        this.actual = actual;
    }

    public String getStream() {
        return stream;
    }

    public ExpectedVersion getExpected() {
        return expected;
    }

    /** The stream's version when the append was refused; -1 when the stream does not exist. */
    public long getActual() {
        return actual;
    }
}
