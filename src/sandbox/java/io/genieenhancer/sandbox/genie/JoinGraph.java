package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Col;
import io.genieenhancer.sandbox.genie.Knowledge.JoinSpecK;
import io.genieenhancer.sandbox.genie.Knowledge.Tbl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the Genie connects tables. Join specs are the knowledge; without one for a pair of tables it
 * guesses like a model reading only the schema: it joins on every column name the two tables share
 * (right for {@code order_id}, wrong when they also share {@code status}); with no shared name the tables
 * cannot be joined at all. Paths through join specs are preferred over guessed ones.
 */
final class JoinGraph {

    /** One join step: the table added, and the ON condition. {@code guessed} when no join spec was used. */
    record Step(Tbl from, Tbl to, String condition, boolean guessed) {
    }

    private final Knowledge k;

    JoinGraph(Knowledge k) {
        this.k = k;
    }

    private List<Step> edges(Tbl t, boolean allowGuesses) {
        List<Step> out = new ArrayList<>();
        for (JoinSpecK j : k.joinSpecs) {
            if (j.left() == t || j.right() == t) {
                out.add(new Step(t, j.other(t), j.condition(), false));
            }
        }
        if (allowGuesses) {
            for (Tbl o : k.tables) {
                if (o == t || hasSpec(t, o)) {
                    continue;
                }
                List<String> shared = new ArrayList<>();
                for (Col c : t.columns) {
                    if (o.column(c.name).isPresent()) {
                        shared.add(t.alias + "." + c.name + " = " + o.alias + "." + c.name);
                    }
                }
                if (!shared.isEmpty()) {
                    out.add(new Step(t, o, String.join(" AND ", shared), true));
                }
            }
        }
        return out;
    }

    private boolean hasSpec(Tbl a, Tbl b) {
        return k.joinSpecs.stream().anyMatch(j -> (j.left() == a && j.right() == b) || (j.left() == b && j.right() == a));
    }

    /** Shortest path from any table already joined to {@code target}: through join specs if possible, else guessing. */
    Optional<List<Step>> path(Set<Tbl> joined, Tbl target) {
        return bfs(joined, target, false).or(() -> bfs(joined, target, true));
    }

    private Optional<List<Step>> bfs(Set<Tbl> joined, Tbl target, boolean allowGuesses) {
        Map<Tbl, Step> via = new HashMap<>();
        Deque<Tbl> queue = new ArrayDeque<>();
        List<Tbl> starts = new ArrayList<>(joined);
        starts.sort((a, b) -> Integer.compare(a.order, b.order));
        queue.addAll(starts);
        Set<Tbl> seen = new java.util.HashSet<>(joined);
        while (!queue.isEmpty()) {
            Tbl t = queue.poll();
            if (t == target) {
                List<Step> path = new ArrayList<>();
                for (Tbl x = target; via.containsKey(x); x = via.get(x).from()) {
                    path.add(0, via.get(x));
                }
                return Optional.of(path);
            }
            for (Step s : edges(t, allowGuesses)) {
                if (seen.add(s.to())) {
                    via.put(s.to(), s);
                    queue.add(s.to());
                }
            }
        }
        return Optional.empty();
    }

    /** Tables by join distance from {@code root} (root first), over specs and guesses alike. */
    List<Tbl> byDistance(Tbl root) {
        Map<Tbl, Integer> dist = new LinkedHashMap<>();
        Deque<Tbl> queue = new ArrayDeque<>(List.of(root));
        dist.put(root, 0);
        while (!queue.isEmpty()) {
            Tbl t = queue.poll();
            for (Step s : edges(t, true)) {
                if (!dist.containsKey(s.to())) {
                    dist.put(s.to(), dist.get(t) + 1);
                    queue.add(s.to());
                }
            }
        }
        List<Tbl> out = new ArrayList<>(dist.keySet());
        out.sort((a, b) -> dist.get(a).equals(dist.get(b)) ? Integer.compare(a.order, b.order) : Integer.compare(dist.get(a), dist.get(b)));
        return out;
    }
}
