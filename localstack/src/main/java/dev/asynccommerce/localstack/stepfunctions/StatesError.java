package dev.asynccommerce.localstack.stepfunctions;

/**
 * An error raised while running a state: {@code error} is the name Retry and Catch match on, {@code
 * cause} the human text. Carries no stack trace: it is control flow, and Step Functions reports
 * only the name and cause.
 */
public final class StatesError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String error;
    private final String cause;
    private final boolean heartbeat;
    private final String location;

    /** {@code cause} may be null: AWS reports some errors (States.Timeout) with no cause at all. */
    public StatesError(String error, String cause) {
        this(error, cause, false);
    }

    private StatesError(String error, String cause, boolean heartbeat) {
        this(error, cause, heartbeat, null);
    }

    private StatesError(String error, String cause, boolean heartbeat, String location) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
        this.heartbeat = heartbeat;
        this.location = location;
    }

    /**
     * A States.QueryEvaluationError raised by the JSONata of field {@code location} ("Output/result",
     * "Items", "Assign/x"): AWS names the field in the EvaluationFailed event it writes.
     */
    static StatesError queryEvaluation(String cause, String location) {
        return new StatesError(Errors.QUERY_EVALUATION_ERROR, cause, false, location);
    }

    /** The field whose JSONata failed, or null. */
    String location() {
        return location;
    }

    /**
     * A task that sent no heartbeat within HeartbeatSeconds. AWS reports it as {@code
     * States.Timeout} with no cause (recorded TaskTimedOut and ExecutionFailed events carry only
     * {@code "error": "States.Timeout"}); the guide's error-handling page lists {@code
     * States.HeartbeatTimeout} as a name "only available inside the Catch and Retry fields", so a
     * retrier or catcher naming it matches this error too.
     */
    public static StatesError heartbeatTimeout() {
        return new StatesError(Errors.TIMEOUT, null, true);
    }

    /** Whether this is a heartbeat timeout (reported as States.Timeout, matched by States.HeartbeatTimeout). */
    public boolean heartbeat() {
        return heartbeat;
    }

    /** Prefixes the cause with the state's location, as AWS words States.Runtime and QueryEvaluationError causes. */
    StatesError locatedIn(String stateName, long enteredEventId) {
        String prefix = "An error occurred while executing the state '" + stateName + "' (entered at the event id #"
                + enteredEventId + "). ";
        if (cause != null && cause.startsWith("An error occurred while executing the state ")) {
            return this;
        }
        return new StatesError(error, prefix + (cause == null ? "" : cause), heartbeat, location);
    }

    public String error() {
        return error;
    }

    public String cause() {
        return cause;
    }

    public static StatesError runtime(String cause) {
        return new StatesError(Errors.RUNTIME, cause);
    }

    /** The predefined error names of the States Language. */
    public static final class Errors {
        public static final String ALL = "States.ALL";
        public static final String RUNTIME = "States.Runtime";
        public static final String TIMEOUT = "States.Timeout";
        public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
        public static final String TASK_FAILED = "States.TaskFailed";
        public static final String BRANCH_FAILED = "States.BranchFailed";
        public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
        public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
        public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
        public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
        public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
        public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
        public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";
        public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";

        private Errors() {}
    }
}
