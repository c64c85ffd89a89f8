package io.genieenhancer.databricks;

import io.quarkus.funqy.Funq;

/**
 * Test-only Funqy function: a {@code @QuarkusTest} app must export a function that exists, and the contract
 * tests must not depend on the production functions. The Databricks test profiles export this one.
 */
public class ContractProbeFunction {

    public static final String NAME = "databricksContractProbe";

    @Funq(NAME)
    public String databricksContractProbe(String input) {
        return input;
    }
}
