package io.genieenhancer.evaluation;

import io.genieenhancer.databricks.GenieConversations;
import io.genieenhancer.databricks.GenieEvalRuns;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.databricks.SqlStatements;
import io.genieenhancer.store.RunStore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Wires the evaluation service from configuration and the Databricks and run-store adapters. */
@ApplicationScoped
public class EvaluationBeans {

    @Produces
    @Singleton // a plain final class: no client proxy needed for a stateless service
    EvaluationService evaluationService(GenieSpaces spaces, GenieEvalRuns evalRuns, GenieConversations conversations,
                                        SqlStatements statements, RunStore store, EvaluationConfig config, Clock clock) {
        return new EvaluationService(spaces, evalRuns, conversations, statements, store, config.settings(), clock, Sleeper.SYSTEM);
    }
}
