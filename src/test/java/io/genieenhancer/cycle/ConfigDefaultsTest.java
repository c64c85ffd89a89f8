package io.genieenhancer.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genieenhancer.analysis.AnalysisConfig;
import io.genieenhancer.evaluation.EvaluationConfig;
import io.genieenhancer.evaluation.EvaluationSettings;
import io.genieenhancer.testing.ConfigDefaults;

import org.junit.jupiter.api.Test;

/**
 * The settings records that code run without Quarkus starts from (tests, the in-process loop) hold the same defaults
 * as the configuration: a default changed in one place and not the other fails here.
 */
class ConfigDefaultsTest {

    @Test
    void theCyclesDefaultsAreTheEnhanceAndAnalysisConfigurationDefaults() {
        AnalysisConfig analysis = ConfigDefaults.of(AnalysisConfig.class);
        assertEquals(CycleSettings.defaults(), ConfigDefaults.of(CycleConfig.class).settings(analysis.minimum()));
    }

    @Test
    void theEvaluationDefaultsAreTheEvaluationConfigurationDefaults() {
        assertEquals(EvaluationSettings.DEFAULTS, ConfigDefaults.of(EvaluationConfig.class).settings());
    }
}
