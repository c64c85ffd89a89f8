package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.genie.Genie;
import io.genieenhancer.sandbox.genie.Knowledge;
import io.genieenhancer.sandbox.genie.LlmGenie;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.server.ApiError;
import io.genieenhancer.sandbox.sql.QueryResult;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.sandbox.sql.SqlFailure;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.BenchmarkQuestion;
import io.genieenhancer.space.SpaceJson;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Everything a sandbox workspace remembers: the space and its version history (for the re-index delay),
 * conversations, statements, eval runs, the rate-limit window and the slip counter. Time-dependent
 * states (message status, eval-run progress, which version Genie uses) are computed from the clock when
 * read, so a test that moves a {@link ManualClock} sees them change without any background thread.
 * All methods are synchronized: the HTTP server calls them from several threads.
 */
public final class WorkspaceState {

    /** A stored version of the space and when Genie starts using it. */
    public record Version(SpaceConfig config, String serialized, String etag, Instant updatedAt, Instant effectiveAt) {
    }

    /** The space as GET returns it. */
    public record SpaceView(String spaceId, String title, String description, String warehouseId, String parentPath,
                            String serializedSpace, String etag, Instant createTime, Instant updateTime) {
    }

    /** A PATCH body; absent fields are not changed. */
    public record SpaceUpdate(Optional<String> serializedSpace, Optional<String> title, Optional<String> description,
                              Optional<String> warehouseId, Optional<String> parentPath, Optional<String> etag) {
    }

    /** A statement run on the warehouse: by the Statement API or for a Genie answer. */
    public static final class Statement {
        final String id;
        final String sql;
        final Instant createdAt;
        final Optional<QueryResult> result;
        final Optional<SqlFailure> failure;
        boolean canceled;
        boolean polled;

        Statement(String id, String sql, Instant createdAt, Optional<QueryResult> result, Optional<SqlFailure> failure) {
            this.id = id;
            this.sql = sql;
            this.createdAt = createdAt;
            this.result = result;
            this.failure = failure;
        }

        public String id() {
            return id;
        }

        public String sql() {
            return sql;
        }

        public Optional<QueryResult> result() {
            return result;
        }

        public Optional<SqlFailure> failure() {
            return failure;
        }

        /** SUCCEEDED or FAILED (CANCELED if a client cancelled it while we still reported it PENDING). */
        public String state() {
            if (canceled) {
                return "CANCELED";
            }
            return result.isPresent() ? "SUCCEEDED" : "FAILED";
        }
    }

    public record Conversation(String id, String spaceId, String title, Instant createdAt, List<String> messageIds) {
    }

    /** A question and Genie's answer (decided when asked, shown as time passes). */
    public record Message(String id, String conversationId, String spaceId, String content, Instant createdAt,
                          SandboxGenie.Answer answer, String attachmentId, Optional<Statement> statement) {
    }

    /** One benchmark question of an eval run, finished at {@code doneAt}. */
    public record EvalItem(String resultId, BenchmarkJudge.Outcome outcome, Optional<Statement> actual,
                           Optional<Statement> expected, Instant doneAt) {
    }

    public record EvalRun(String id, String spaceId, Instant createdAt, List<EvalItem> items) {
        public Instant lastUpdated(Instant now) {
            return items.stream().map(EvalItem::doneAt).filter(d -> !d.isAfter(now)).max(Instant::compareTo).orElse(createdAt);
        }
    }

    public static final long USER_ID = 4_242_424_242L;

    private final Scenario scenario;
    private final SandboxDatabase db;
    private final Knobs knobs;
    private final Genie genie;
    private final Clock clock;

    private String title;
    private String description;
    private String parentPath;
    private final Instant createTime;
    private final List<Version> versions = new ArrayList<>();
    private final Map<String, Knowledge> knowledgeByEtag = new HashMap<>();
    private long etagCounter;

    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, Message> messages = new HashMap<>();
    private final Map<String, Statement> statements = new HashMap<>();
    private final Map<String, EvalRun> evalRuns = new LinkedHashMap<>();
    private final Deque<Instant> questionTimes = new ArrayDeque<>();
    private final Map<String, Integer> askCounts = new HashMap<>();
    private long idCounter;

    public WorkspaceState(Scenario scenario, SandboxDatabase db, Knobs knobs, Clock clock) {
        this.scenario = scenario;
        this.db = db;
        this.knobs = knobs;
        this.genie = knobs.genieLlm().<Genie>map(llm -> new LlmGenie(llm, db.tables())).orElse(Genie.DETERMINISTIC);
        this.clock = clock;
        this.title = scenario.title();
        this.description = scenario.description();
        this.parentPath = scenario.parentPath();
        this.createTime = clock.instant();
        versions.add(new Version(scenario.space(), scenario.serializedSpace(), nextEtag(), createTime, createTime));
    }

    public Knobs knobs() {
        return knobs;
    }

    public Clock clock() {
        return clock;
    }

    public SandboxDatabase database() {
        return db;
    }

    // ------------------------------------------------------------------------------------ space

    public synchronized SpaceView space(String spaceId) {
        requireSpace(spaceId);
        Version v = latest();
        return new SpaceView(scenario.spaceId(), title, description, scenario.warehouseId(), parentPath, v.serialized(), v.etag(),
                createTime, v.updatedAt());
    }

    public synchronized List<SpaceView> spaces() {
        return List.of(space(scenario.spaceId()));
    }

    public synchronized SpaceView update(String spaceId, SpaceUpdate u) {
        requireSpace(spaceId);
        Version current = latest();
        if (u.etag().isPresent() && !u.etag().get().equals(current.etag())) {
            throw new ApiError(409, "ABORTED", "The space was modified since etag " + u.etag().get()
                    + " (current etag " + current.etag() + "). Get the space again and retry.");
        }
        if (u.warehouseId().isPresent() && !u.warehouseId().get().equals(scenario.warehouseId())) {
            throw ApiError.invalid("warehouse_id " + u.warehouseId().get() + " does not exist or is not accessible");
        }
        if (u.serializedSpace().isPresent()) {
            SpaceAcceptance.Result r = SpaceAcceptance.check(u.serializedSpace().get(), db.tables());
            if (!r.accepted()) {
                throw ApiError.invalid("Invalid serialized_space: " + String.join("; ", r.problems()));
            }
            Instant now = clock.instant();
            Duration delay = entityMatchingChanged(current.config(), r.space()) ? knobs.entityMatchingReindexDelay() : knobs.reindexDelay();
            versions.add(new Version(r.space(), SpaceJson.print(r.space()), nextEtag(), now, now.plus(delay)));
        }
        u.title().ifPresent(t -> title = t);
        u.description().ifPresent(d -> description = d);
        u.parentPath().ifPresent(p -> parentPath = p);
        return space(spaceId);
    }

    /** The version Genie answers from now: the newest one whose re-index delay has passed. */
    public synchronized Version effectiveVersion() {
        Instant now = clock.instant();
        Version effective = versions.get(0);
        for (Version v : versions) {
            if (!v.effectiveAt().isAfter(now)) {
                effective = v;
            }
        }
        return effective;
    }

    public synchronized Version latest() {
        return versions.get(versions.size() - 1);
    }

    public synchronized List<Version> history() {
        return List.copyOf(versions);
    }

    private static boolean entityMatchingChanged(SpaceConfig before, SpaceConfig after) {
        return !entityMatchingColumns(before).equals(entityMatchingColumns(after));
    }

    private static List<String> entityMatchingColumns(SpaceConfig s) {
        return s.allTables().flatMap(t -> t.columnConfigs().stream().filter(SpaceConfig.ColumnConfig::entityMatching)
                .map(c -> t.identifier() + "." + c.columnName())).sorted().toList();
    }

    private Knowledge knowledge(Version v) {
        return knowledgeByEtag.computeIfAbsent(v.etag(), e -> BenchmarkJudge.knowledge(v.config(), db));
    }

    private void requireSpace(String spaceId) {
        if (!scenario.spaceId().equals(spaceId)) {
            throw ApiError.notFound("Genie space " + spaceId + " does not exist.");
        }
    }

    private String nextEtag() {
        etagCounter++;
        return "sandbox-" + Long.toHexString(0x5a00L + etagCounter * 7919L) + "-" + etagCounter;
    }

    // ------------------------------------------------------------------------------------ asking Genie

    private int refusedQuestions;

    /** How many questions the rate limit refused with 429 so far. */
    public synchronized int refusedQuestions() {
        return refusedQuestions;
    }

    /** Counts a question against the rate limit; refuses with 429 beyond the limit. */
    private void admitQuestion() {
        int limit = knobs.rateLimitPerMinute();
        if (limit <= 0) {
            return;
        }
        Instant now = clock.instant();
        while (!questionTimes.isEmpty() && !questionTimes.peekFirst().isAfter(now.minusSeconds(60))) {
            questionTimes.pollFirst();
        }
        if (questionTimes.size() >= limit) {
            refusedQuestions++;
            long wait = Math.max(1, Duration.between(now, questionTimes.peekFirst().plusSeconds(60)).toMillis() / 1000 + 1);
            throw new ApiError(429, "RESOURCE_EXHAUSTED", "Too many requests: the Genie API allows " + limit
                    + " questions per minute in this workspace. Retry after " + wait + " seconds.", (int) wait);
        }
        questionTimes.addLast(now);
    }

    /** Whether this ask of {@code question} slips: seeded by (seed, question, how often it was asked). */
    private boolean slips(String question) {
        if (knobs.flipRate() <= 0) {
            return false;
        }
        String key = question.trim().toLowerCase(java.util.Locale.ROOT);
        int n = askCounts.merge(key, 1, Integer::sum);
        long mix = knobs.seed() * 0x9E3779B97F4A7C15L ^ key.hashCode() * 0xC2B2AE3D27D4EB4FL ^ n * 0x165667B19E3779F9L;
        return new SplittableRandom(mix).nextDouble() < knobs.flipRate();
    }

    public synchronized Map.Entry<Conversation, Message> startConversation(String spaceId, String content) {
        requireSpace(spaceId);
        requireContent(content);
        admitQuestion();
        Instant now = clock.instant();
        Conversation c = new Conversation(newId(), spaceId, content.length() > 80 ? content.substring(0, 80) : content, now, new ArrayList<>());
        conversations.put(c.id(), c);
        Message m = ask(c, content, now);
        return Map.entry(c, m);
    }

    public synchronized Message followUp(String spaceId, String conversationId, String content) {
        requireSpace(spaceId);
        Conversation c = conversation(spaceId, conversationId);
        requireContent(content);
        admitQuestion();
        return ask(c, content, clock.instant());
    }

    private static void requireContent(String content) {
        if (content == null || content.isBlank()) {
            throw ApiError.invalid("content must not be empty");
        }
    }

    private Message ask(Conversation c, String content, Instant now) {
        Version v = effectiveVersion();
        SandboxGenie.Answer answer;
        try {
            answer = genie.answer(v.config(), knowledge(v), content, slips(content));
        } catch (RuntimeException e) {
            // A real Genie answers what it cannot handle with text, never with a 5xx; a defect in the sandbox's grammar
            // must not either (the enhancer would read it as DatabricksUnavailable and retry). Said loudly for maintainers.
            System.err.println("sandbox Genie failed on \"" + content + "\": " + e);
            e.printStackTrace();
            answer = new SandboxGenie.TextAnswer("I could not answer that question.", List.of("sandbox Genie error: " + e));
        }
        Optional<Statement> st = Optional.empty();
        if (answer instanceof SandboxGenie.SqlAnswer sql) {
            st = Optional.of(run(sql.sql(), BenchmarkJudge.ROW_LIMIT, now));
        }
        Message m = new Message(newId(), c.id(), c.spaceId(), content, now, answer, newId(), st);
        messages.put(m.id(), m);
        c.messageIds().add(m.id());
        return m;
    }

    public synchronized Conversation conversation(String spaceId, String conversationId) {
        requireSpace(spaceId);
        Conversation c = conversations.get(conversationId);
        if (c == null) {
            throw ApiError.notFound("Conversation " + conversationId + " does not exist.");
        }
        return c;
    }

    public synchronized Message message(String spaceId, String conversationId, String messageId) {
        conversation(spaceId, conversationId);
        Message m = messages.get(messageId);
        if (m == null || !m.conversationId().equals(conversationId)) {
            throw ApiError.notFound("Message " + messageId + " does not exist.");
        }
        return m;
    }

    /** SUBMITTED for the first half of the latency, then EXECUTING_QUERY (SQL) or ASKING_AI (text), then COMPLETED. */
    public synchronized String status(Message m) {
        Duration elapsed = Duration.between(m.createdAt(), clock.instant());
        Duration latency = knobs.genieLatency();
        if (elapsed.compareTo(latency) >= 0) {
            return "COMPLETED";
        }
        if (elapsed.compareTo(latency.dividedBy(2)) >= 0) {
            return m.statement().isPresent() ? "EXECUTING_QUERY" : "ASKING_AI";
        }
        return "SUBMITTED";
    }

    // ------------------------------------------------------------------------------------ statements

    /** Runs a statement now; the caller reports it PENDING when the client asked not to wait (wait_timeout=0s). */
    public synchronized Statement execute(String warehouseId, String sql, int rowLimit) {
        if (!scenario.warehouseId().equals(warehouseId)) {
            throw ApiError.notFound("Warehouse " + warehouseId + " does not exist.");
        }
        return run(sql, rowLimit, clock.instant());
    }

    private Statement run(String sql, int rowLimit, Instant now) {
        Optional<QueryResult> result = Optional.empty();
        Optional<SqlFailure> failure = Optional.empty();
        try {
            result = Optional.of(db.query(sql, rowLimit));
        } catch (SqlFailure e) {
            failure = Optional.of(e);
        }
        Statement s = new Statement(newStatementId(), sql, now, result, failure);
        statements.put(s.id, s);
        return s;
    }

    public synchronized Statement statement(String statementId) {
        Statement s = statements.get(statementId);
        if (s == null) {
            throw ApiError.notFound("Statement " + statementId + " does not exist.");
        }
        return s;
    }

    /**
     * Statements finish before the POST returns, so a cancel only matters for one reported PENDING
     * (wait_timeout=0s) and not read since: it then reads CANCELED, as a cancelled statement would.
     */
    public synchronized void cancel(String statementId) {
        Statement s = statement(statementId);
        if (!s.polled) {
            s.canceled = true;
        }
    }

    /** Marks a statement as read by a client (after that a cancel is too late). */
    public synchronized Statement poll(String statementId) {
        Statement s = statement(statementId);
        s.polled = true;
        return s;
    }

    // ------------------------------------------------------------------------------------ eval runs

    /** Runs the chosen benchmarks (all when empty) with the version Genie uses now; results appear one latency apart. */
    public synchronized EvalRun createEvalRun(String spaceId, List<String> questionIds) {
        requireSpace(spaceId);
        List<BenchmarkQuestion> all = latest().config().benchmarks().questions();
        List<BenchmarkQuestion> chosen = new ArrayList<>();
        if (questionIds.isEmpty()) {
            chosen.addAll(all);
        } else {
            for (String id : questionIds) {
                BenchmarkQuestion q = all.stream().filter(b -> b.id().equals(id)).findFirst()
                        .orElseThrow(() -> ApiError.invalid("benchmark_question_ids: " + id + " is not a benchmark question of space " + spaceId));
                if (!chosen.contains(q)) {
                    chosen.add(q);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw ApiError.invalid("The space has no benchmark questions to evaluate.");
        }
        Instant now = clock.instant();
        Version v = effectiveVersion();
        Knowledge k = knowledge(v);
        List<EvalItem> items = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            BenchmarkQuestion q = chosen.get(i);
            BenchmarkJudge.Outcome o = BenchmarkJudge.judge(db, genie, v.config(), k, q, slips(q.questionText()));
            Optional<Statement> actual = o.answer() instanceof SandboxGenie.SqlAnswer a
                    ? Optional.of(record(a.sql(), o.actual(), o.actualError(), now)) : Optional.empty();
            Optional<Statement> expected = Optional.of(record(q.groundTruthSql().orElse(""), o.expected(), o.expectedError(), now));
            items.add(new EvalItem(newId(), o, actual, expected, now.plus(knobs.genieLatency().multipliedBy(i + 1L))));
        }
        EvalRun run = new EvalRun(newId(), spaceId, now, items);
        evalRuns.put(run.id(), run);
        return run;
    }

    private Statement record(String sql, Optional<QueryResult> r, Optional<SqlFailure> f, Instant now) {
        Statement s = new Statement(newStatementId(), sql, now, r, f);
        statements.put(s.id, s);
        return s;
    }

    public synchronized EvalRun evalRun(String spaceId, String runId) {
        requireSpace(spaceId);
        EvalRun r = evalRuns.get(runId);
        if (r == null) {
            throw ApiError.notFound("Evaluation run " + runId + " does not exist.");
        }
        return r;
    }

    public synchronized List<EvalRun> evalRuns(String spaceId) {
        requireSpace(spaceId);
        List<EvalRun> out = new ArrayList<>(evalRuns.values());
        java.util.Collections.reverse(out); // newest first
        return out;
    }

    public synchronized boolean done(EvalItem item) {
        return !item.doneAt().isAfter(clock.instant());
    }

    public synchronized boolean done(EvalRun run) {
        return run.items().stream().allMatch(this::done);
    }

    // ------------------------------------------------------------------------------------ ids

    private String newId() {
        idCounter++;
        return String.format("01f0%012x%016x", clock.instant().getEpochSecond() & 0xffffffffffffL, idCounter);
    }

    private String newStatementId() {
        idCounter++;
        return UUID.nameUUIDFromBytes((scenario.spaceId() + ":" + idCounter).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Scenario scenario() {
        return scenario;
    }

    @Override
    public String toString() {
        return "WorkspaceState[" + scenario.name() + ", " + versions.size() + " versions, " + Objects.toString(latest().etag()) + "]";
    }
}
