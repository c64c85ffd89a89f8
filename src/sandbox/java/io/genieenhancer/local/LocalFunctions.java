package io.genieenhancer.local;

import io.genieenhancer.functions.EnhanceFunctions;
import io.genieenhancer.functions.EvaluationFunctions;
import io.genieenhancer.functions.LockFunctions;
import io.genieenhancer.functions.RunFunctions;
import io.genieenhancer.functions.SpaceFunctions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every deployed function by its export name, bound to the function beans of a running Quarkus app: the
 * same methods Lambda invokes (each Lambda through {@code QUARKUS_FUNQY_EXPORT}).
 */
public final class LocalFunctions {

    private LocalFunctions() {
    }

    public static Map<String, FunctionHost.Function> of(SpaceFunctions space, LockFunctions locks,
            EvaluationFunctions evaluation, EnhanceFunctions enhance, RunFunctions run) {
        Map<String, FunctionHost.Function> f = new LinkedHashMap<>();
        f.put("snapshot", space::snapshot);
        f.put("restore", space::restore);
        f.put("acquireLock", locks::acquireLock);
        f.put("releaseLock", locks::releaseLock);
        f.put("startEvaluation", evaluation::startEvaluation);
        f.put("evaluateQuestion", evaluation::evaluateQuestion);
        f.put("pollEvaluation", evaluation::pollEvaluation);
        f.put("judge", evaluation::judge);
        f.put("enhance", enhance::enhance);
        f.put("rollback", enhance::rollback);
        f.put("finish", run::finish);
        return f;
    }

    /** From the running application's CDI container. */
    public static Map<String, FunctionHost.Function> fromContainer() {
        var c = io.quarkus.arc.Arc.container();
        return of(c.instance(SpaceFunctions.class).get(), c.instance(LockFunctions.class).get(),
                c.instance(EvaluationFunctions.class).get(), c.instance(EnhanceFunctions.class).get(),
                c.instance(RunFunctions.class).get());
    }
}
