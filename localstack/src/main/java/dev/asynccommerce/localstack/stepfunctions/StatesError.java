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

    public StatesError(String error, String cause) {
        super(error + ": " + cause, null, false, false);
        this.error = error;
        this.cause = cause;
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
