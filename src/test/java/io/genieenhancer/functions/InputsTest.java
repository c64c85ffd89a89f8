package io.genieenhancer.functions;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.json.Json;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputsTest {

    @Test
    void aFractionWhereACountIsExpectedIsInvalidInputNotRoundedDown() throws Exception {
        EnhancerException e = assertThrows(EnhancerException.class, () -> Inputs.bind(
                Json.MAPPER.readTree("{\"spaceId\": \"s1\", \"runId\": \"r1\", \"iteration\": 1.9}"), EnhanceFunctions.RollbackInput.class));
        assertEquals(ErrorCode.InvalidInput, e.code());
        assertTrue(e.getMessage().contains("iteration"), e.getMessage());
        assertEquals(2, Inputs.bind(Json.MAPPER.readTree("{\"spaceId\": \"s1\", \"runId\": \"r1\", \"iteration\": 2}"),
                EnhanceFunctions.RollbackInput.class).iteration());
    }
}
