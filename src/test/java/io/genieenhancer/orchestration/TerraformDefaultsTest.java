package io.genieenhancer.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genieenhancer.cycle.CycleConfig;
import io.genieenhancer.cycle.Strategy;
import io.genieenhancer.evaluation.EvaluationConfig;
import io.genieenhancer.store.StoreConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a setting exists both in Terraform ({@code terraform/variables.tf}) and in the functions' configuration, the
 * two defaults agree: a deployment with the defaults must not, say, let the lock expire before the run it guards.
 */
class TerraformDefaultsTest {

    private static final Path VARIABLES = Path.of("terraform/variables.tf");

    @Test
    void theLockTtlIsTheSameInTerraformAndInTheStoreConfiguration() throws IOException {
        Duration java = duration(StoreConfig.class, "lockTtl");
        assertEquals(Duration.ofSeconds(Long.parseLong(terraformDefault("lock_ttl_seconds"))), java,
                "lock_ttl_seconds vs enhancer.store.lock-ttl");
    }

    @Test
    void enhancesTimeBudgetIsTheEnhanceFunctionsTimeout() throws IOException {
        String timeouts = terraformDefault("function_timeouts");
        Matcher m = Pattern.compile("\\benhance\\s*=\\s*(\\d+)").matcher(timeouts);
        assertTrue(m.find(), "function_timeouts has an entry for enhance: " + timeouts);
        assertEquals(Duration.ofSeconds(Long.parseLong(m.group(1))), duration(CycleConfig.class, "timeBudget"),
                "function_timeouts.enhance vs enhancer.enhance.time-budget");
    }

    @Test
    void theDefaultEvaluatorAndJudgeToleranceAreTheSameInTerraformAndInTheEvaluationConfiguration() throws IOException {
        assertEquals(unquote(terraformDefault("default_evaluator")), withDefault(EvaluationConfig.class, "evaluator"));
        assertEquals(Double.parseDouble(terraformDefault("default_tolerance")),
                Double.parseDouble(withDefault(EvaluationConfig.JudgeConfig.class, "tolerance")), 0.0);
    }

    @Test
    void theDefaultStrategyIsWhatEnhanceUsesWithoutOne() throws IOException {
        assertEquals(Strategy.of(null).name(), unquote(terraformDefault("default_strategy")));
    }

    @Test
    void aVariableThatIsNotThereFailsTheReadingInsteadOfPassing() {
        assertEquals(Optional.empty(), find("no_such_variable"));
    }

    private static String terraformDefault(String variable) {
        return find(variable).orElseThrow(() -> new AssertionError(VARIABLES + " has no default for " + variable));
    }

    /** The default of {@code variable "name"}: a scalar, or the text of a map between its braces. */
    private static Optional<String> find(String variable) {
        String tf;
        try {
            tf = Files.readString(VARIABLES);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Matcher block = Pattern.compile("variable\\s+\"" + Pattern.quote(variable) + "\"\\s*\\{").matcher(tf);
        if (!block.find()) {
            return Optional.empty();
        }
        int next = tf.indexOf("\nvariable ", block.end());
        String body = tf.substring(block.end(), next < 0 ? tf.length() : next);
        Matcher d = Pattern.compile("(?m)^\\s*default\\s*=\\s*(\\{[^}]*\\}|.+)$").matcher(body);
        return d.find() ? Optional.of(d.group(1).trim()) : Optional.empty();
    }

    private static String unquote(String s) {
        return s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String withDefault(Class<?> config, String method) {
        try {
            return config.getMethod(method).getAnnotation(WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new AssertionError(config.getSimpleName() + " has no " + method, e);
        }
    }

    private static Duration duration(Class<?> config, String method) {
        return DurationConverter.parseDuration(withDefault(config, method));
    }
}
