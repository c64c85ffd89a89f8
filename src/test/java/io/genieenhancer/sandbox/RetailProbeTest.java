package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.genie.Knowledge;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.space.SpaceConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class RetailProbeTest {
    @Test
    void probe() {
        Scenario s = ScenarioLoader.read(ScenarioLoader.locate("retail"));
        try (SandboxDatabase db = SandboxDatabase.create(s.catalog())) {
            ScenarioLoader.install(s, db);
            run(db, s.space(), "BASELINE", false);
            run(db, RetailScenarioFixes.ideal(s.space()), "IDEAL", true);
            run(db, RetailScenarioFixes.withoutExamples(s.space()).result(), "NOEX", true);
        }
        Scenario r = ScenarioLoader.read(ScenarioLoader.locate("regress"));
        try (SandboxDatabase db = SandboxDatabase.create(r.catalog())) {
            ScenarioLoader.install(r, db);
            run(db, r.space(), "REGRESS-BASE", true);
            run(db, new SpaceEdits(r.space()).synonyms("main.shop.refunds", "amount", "sales").result(), "REGRESS-NAIVE", true);
            run(db, new SpaceEdits(r.space()).synonyms("main.shop.refunds", "amount", "refunded").result(), "REGRESS-RIGHT", true);
        }
    }

    static void run(SandboxDatabase db, SpaceConfig space, String label, boolean print) {
        Knowledge k = BenchmarkJudge.knowledge(space, db);
        System.out.println("NOTES " + k.notes());
        List<BenchmarkJudge.Outcome> outs = new ArrayList<>();
        for (var q : space.benchmarks().questions()) {
            var o = BenchmarkJudge.judge(db, k, q, false);
            outs.add(o);
            System.out.println(label + " === " + o.verdict() + "  " + q.questionText());
            if (print && !o.verdict().good()) {
                if (o.answer() instanceof SandboxGenie.SqlAnswer a) {
                    System.out.println(a.sql());
                    a.notes().forEach(n -> System.out.println("   # " + n));
                } else {
                    System.out.println(o.answer());
                }
                o.actualError().ifPresent(e -> System.out.println("   ERR " + e.getMessage()));
            }
        }
        System.out.println(label + " SCORE " + BenchmarkJudge.score(outs));
    }
}
