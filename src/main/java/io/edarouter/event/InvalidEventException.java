package io.edarouter.event;

/**
 * An input that is not a valid event. It carries the pipeline stage that refused it and a reason that
 * names the field or the limit, so the dead-letter headers tell an operator what to fix.
 */
public class InvalidEventException extends RuntimeException {

    /** Stage names, as they appear in the {@code eda-error-stage} header. */
    public static final String STAGE_DECODE = "decode";
    public static final String STAGE_VALIDATE = "validate";

    private final String stage;

    public InvalidEventException(String stage, String reason) {
        super(reason);
        this.stage = stage;
    }

    public InvalidEventException(String stage, String reason, Throwable cause) {
        super(reason, cause);
        this.stage = stage;
    }

    public String getStage() {
        return stage;
    }

    public String getReason() {
        return getMessage();
    }
}
