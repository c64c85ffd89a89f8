package io.genieenhancer.bench;

import io.genieenhancer.fix.ApplyResult;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixEngine;
import io.genieenhancer.fix.FixPlan;
import io.genieenhancer.fix.FixPolicy;
import io.genieenhancer.fix.FixVerdict;
import io.genieenhancer.space.SpaceConfig;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Dedupe + validate + apply throughput on a wide synthetic space (a benchmark, not a test). Run:
 * <pre>
 * ./mvnw -B -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.genieenhancer.bench.FixEngineBenchmark [-Dexec.args="1000 10000 100000"]
 * </pre>
 * System properties: {@code bench.tables} (500), {@code bench.columns} (100), {@code bench.benchmarks} (200),
 * {@code bench.warmup} (3), {@code bench.reps} (5). Prints, per batch size, what the plan decided and the
 * median wall time of plan and apply, the best total, and the median CPU time of the measuring thread (the
 * figure to trust when other processes share the cores).
 */
public final class FixEngineBenchmark {

    /** CPU time of the measuring thread: on a shared machine wall time says more about the neighbours. */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private FixEngineBenchmark() {
    }

    public static void main(String[] args) {
        int tables = Integer.getInteger("bench.tables", 500);
        int columns = Integer.getInteger("bench.columns", 100);
        int benchmarks = Integer.getInteger("bench.benchmarks", 200);
        int warmup = Integer.getInteger("bench.warmup", 3);
        int reps = Integer.getInteger("bench.reps", 5);
        int[] sizes = args.length == 0 ? new int[]{1_000, 10_000, 100_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();

        SpaceConfig space = SpaceGenerator.space(tables, columns, benchmarks);
        FixPolicy policy = FixPolicy.defaults(space);
        System.out.printf(Locale.ROOT, "space: %d tables x %d columns, %d benchmark questions; JVM %s, %d cpu%n", tables, columns,
                benchmarks, Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%8s %8s %8s %6s %6s %6s %6s | %10s %10s %10s | %10s %10s %10s%n", "fixes", "unique", "valid", "invalid",
                "cut", "confl", "low", "plan ms", "apply ms", "total ms", "best ms", "cpu ms", "alloc MB");
        for (int n : sizes) {
            List<Fix> fixes = SpaceGenerator.fixes(n, tables, columns, 42);
            for (int i = 0; i < warmup; i++) {
                run(space, fixes, policy);
            }
            long[] plan = new long[reps];
            long[] apply = new long[reps];
            long[] total = new long[reps];
            long[] cpu = new long[reps];
            long[] alloc = new long[reps];
            FixPlan last = null;
            for (int i = 0; i < reps; i++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                long a0 = allocated();
                long t0 = System.nanoTime();
                FixPlan p = FixEngine.plan(space, fixes, policy);
                long t1 = System.nanoTime();
                ApplyResult r = FixEngine.apply(space, p);
                long t2 = System.nanoTime();
                cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
                alloc[i] = allocated() - a0;
                if (r.outcomes().isEmpty()) {
                    throw new IllegalStateException("nothing applied");
                }
                plan[i] = t1 - t0;
                apply[i] = t2 - t1;
                total[i] = t2 - t0;
                last = p;
            }
            System.out.printf(Locale.ROOT, "%8d %8d %8d %6d %6d %6d %6d | %10.1f %10.1f %10.1f | %10.1f %10.1f %10.0f%n", n, last.verdicts().size(),
                    last.accepted().size(), last.withStatus(FixVerdict.Status.INVALID).size(),
                    last.withStatus(FixVerdict.Status.CUT).size(), last.withStatus(FixVerdict.Status.CONFLICT).size(),
                    last.withStatus(FixVerdict.Status.BELOW_MIN_CONFIDENCE).size(),
                    median(plan), median(apply), median(total), Arrays.stream(total).min().orElse(0) / 1e6, median(cpu), median(alloc) * 1e6 / (1024.0 * 1024.0));
        }
    }

    /** Bytes allocated by this thread so far (HotSpot), or 0 where the JVM does not tell. */
    private static long allocated() {
        return THREADS instanceof com.sun.management.ThreadMXBean hs ? hs.getCurrentThreadAllocatedBytes() : 0;
    }

    private static void run(SpaceConfig space, List<Fix> fixes, FixPolicy policy) {
        FixEngine.apply(space, FixEngine.plan(space, fixes, policy));
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}
