package io.genieenhancer.functions;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.RetryAdvice;

import org.jboss.logging.Logger;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one step under the error contract: retryable failures become a returned {@link RetryAdvice},
 * everything else is thrown (fatal, named by its {@code [Code]}).
 */
final class Steps {

    private static final Logger LOG = Logger.getLogger(Steps.class);

    private Steps() {
    }

    static <T> T run(String step, Supplier<T> body, Function<RetryAdvice, T> onRetry) {
        try {
            return body.get();
        } catch (EnhancerException e) {
            if (e.code().retryable()) {
                RetryAdvice advice = RetryAdvice.from(e);
                LOG.warnf("%s: transient failure, asking the state machine to retry in %ds: %s", step,
                        advice.retryAfterSeconds(), e.getMessage());
                return onRetry.apply(advice);
            }
            LOG.errorf("%s failed: %s", step, e.getMessage());
            throw e;
        }
    }
}
