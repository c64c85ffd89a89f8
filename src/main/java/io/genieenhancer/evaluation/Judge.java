package io.genieenhancer.evaluation;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides whether an enhancement helped, hurt or did nothing measurable. Genie is not deterministic
 * (the same configuration scored 40/87 and then 43/87 in a public report), so "new score &lt; old score"
 * would roll back good changes and keep lucky ones. Instead the two evaluations are paired per question
 * and only the questions that changed are looked at (a sign test, i.e. McNemar's exact test when each
 * question has one attempt):
 * <ul>
 *   <li>TARGET_MET when the new score reaches the target;</li>
 *   <li>IMPROVED / REGRESSED when the net change (sum of per-question pass-rate changes, as a share of the
 *       paired questions) exceeds {@code tolerance} in that direction AND the one-sided binomial probability
 *       of at least that many changes in that direction, if ups and downs were equally likely, is at most
 *       {@code alpha};</li>
 *   <li>REGRESSED also when the net loss exceeds one question ({@link #NOISE_QUESTIONS}), significant or not:
 *       rolling back a good change costs an iteration, keeping a bad one leaves the space worse;</li>
 *   <li>NO_CHANGE otherwise: a single question flipping either way never reaches the significance level.</li>
 * </ul>
 */
public final class Judge {

    @RegisterForReflection
    public enum Verdict { IMPROVED, REGRESSED, NO_CHANGE, TARGET_MET }

    /** Net questions that one noise flip can lose: a larger net loss is always a regression. */
    public static final int NOISE_QUESTIONS = 1;

    /**
     * @param targetScore score (0..1) at which the run is done
     * @param tolerance   net change, as a share of the paired questions (0..1), that counts as no change
     *                    (default 0: the sign test alone separates noise from change)
     * @param alpha       significance level of the one-sided sign test (default 0.2: with few changed
     *                    questions a stricter level could never call anything; a wrong IMPROVED costs one
     *                    more iteration, a wrong REGRESSED one rollback)
     */
    @RegisterForReflection
    public record Options(double targetScore, double tolerance, double alpha) {
        public static final double DEFAULT_TOLERANCE = 0.0;
        public static final double DEFAULT_ALPHA = 0.2;

        public Options {
            if (targetScore < 0 || targetScore > 1) {
                throw new IllegalArgumentException("targetScore must be between 0 and 1, was " + targetScore);
            }
            if (tolerance < 0 || tolerance >= 1) {
                throw new IllegalArgumentException("tolerance must be in [0, 1) (a share of the questions), was " + tolerance);
            }
            if (alpha <= 0 || alpha >= 1) {
                throw new IllegalArgumentException("alpha must be between 0 and 1 (exclusive), was " + alpha);
            }
        }

        public static Options target(double targetScore) {
            return new Options(targetScore, DEFAULT_TOLERANCE, DEFAULT_ALPHA);
        }
    }

    /**
     * The per-question comparison behind a verdict.
     *
     * @param paired    questions scorable in both evaluations
     * @param improved  question ids whose pass rate rose
     * @param regressed question ids whose pass rate fell
     * @param net       sum of pass-rate changes over paired questions (in questions)
     * @param pValue    one-sided sign-test probability for the observed direction (1 when no change)
     * @param unpaired  question ids scorable in only one of the two evaluations (not judged)
     */
    @RegisterForReflection
    public record Changes(int paired, List<String> improved, List<String> regressed, double net, double pValue,
                          List<String> unpaired) {
        public Changes {
            improved = List.copyOf(improved);
            regressed = List.copyOf(regressed);
            unpaired = List.copyOf(unpaired);
        }
    }

    @RegisterForReflection
    public record Judgement(Verdict verdict, double score, double previousScore, Changes changes, String explanation) {
    }

    public Judgement judge(Evaluation current, Evaluation previous, Options options) {
        Map<String, QuestionSummary> now = scorableById(current);
        Map<String, QuestionSummary> before = scorableById(previous);
        List<String> improved = new ArrayList<>();
        List<String> regressed = new ArrayList<>();
        List<String> unpaired = new ArrayList<>();
        double net = 0;
        int paired = 0;
        for (QuestionSummary q : now.values()) {
            QuestionSummary p = before.get(q.questionId());
            if (p == null) {
                unpaired.add(q.questionId());
                continue;
            }
            paired++;
            double delta = q.passRate() - p.passRate();
            net += delta;
            if (delta > 0) {
                improved.add(q.questionId());
            } else if (delta < 0) {
                regressed.add(q.questionId());
            }
        }
        before.keySet().stream().filter(id -> !now.containsKey(id)).forEach(unpaired::add);

        int n = improved.size() + regressed.size();
        double pValue = improved.size() > regressed.size() ? upperTail(n, improved.size())
                : regressed.size() > improved.size() ? upperTail(n, regressed.size())
                : 1.0;
        Changes changes = new Changes(paired, improved, regressed, net, pValue, unpaired);
        double score = current.score();
        double previousScore = previous.score();

        String counts = String.format("%d of %d paired questions improved, %d regressed (net %+.2f, p=%.3f)",
                improved.size(), paired, regressed.size(), net, pValue);
        if (score >= options.targetScore() && current.summary().scorable() > 0) {
            return new Judgement(Verdict.TARGET_MET, score, previousScore, changes,
                    String.format("score %.3f reached the target %.3f; %s", score, options.targetScore(), counts));
        }
        boolean significant = pValue <= options.alpha();
        double share = paired == 0 ? 0 : net / paired;
        if (net > 0 && share > options.tolerance() && significant) {
            return new Judgement(Verdict.IMPROVED, score, previousScore, changes, counts);
        }
        // Asymmetric on purpose: a missed regression leaves the space worse, a wrong REGRESSED costs one
        // rollback. So a net loss of more than one question (more than a single noise flip) is a regression
        // even when the sign test cannot call it significant on few changed questions.
        if (net < 0 && -share > options.tolerance() && (significant || -net > NOISE_QUESTIONS)) {
            return new Judgement(Verdict.REGRESSED, score, previousScore, changes, counts);
        }
        String why = net == 0 || Math.abs(share) <= options.tolerance()
                ? String.format("net change %+.3f of the paired questions is within the tolerance %.3f", share, options.tolerance())
                : "change not significant at alpha " + options.alpha();
        return new Judgement(Verdict.NO_CHANGE, score, previousScore, changes, counts + "; " + why);
    }

    private static Map<String, QuestionSummary> scorableById(Evaluation e) {
        return e.questions().stream()
                .filter(q -> q.stability() != Stability.NOT_SCORABLE)
                .collect(Collectors.toMap(QuestionSummary::questionId, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    /** P(X &gt;= k) for X ~ Binomial(n, 1/2), exact (log space so large n does not overflow). */
    static double upperTail(int n, int k) {
        if (k <= 0) {
            return 1.0;
        }
        if (k > n) {
            return 0.0;
        }
        double logHalfN = n * Math.log(0.5);
        double logC = 0; // log C(n, 0)
        double sum = 0;
        for (int i = 1; i <= n; i++) {
            logC += Math.log(n - i + 1) - Math.log(i);
            if (i >= k) {
                sum += Math.exp(logC + logHalfN);
            }
        }
        return Math.min(1.0, sum);
    }
}
