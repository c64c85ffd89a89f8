package io.genieenhancer.store;

import io.genieenhancer.json.JsonMappers;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The run store on the local filesystem, for local runs and the sandbox. Keeps every version like a
 * versioned bucket: {@code <root>/<key>} is the latest, {@code <root>/.versions/<key>/<n>} each version
 * (with a {@code .meta.json} beside it). Conditional writes are atomic within one process, which is
 * what a local run is: operations on one key are serialised, different keys proceed in parallel (a
 * self-run evaluation writes one object per question from many threads).
 */
public final class LocalRunStore implements RunStore {

    private static final ObjectMapper JSON = JsonMappers.storedDocuments();
    private static final TypeReference<Map<String, String>> META = new TypeReference<>() {
    };

    private final Path root;
    private final java.util.concurrent.ConcurrentHashMap<String, Object> keyLocks = new java.util.concurrent.ConcurrentHashMap<>();

    public LocalRunStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public StoredObject put(String key, byte[] content, Map<String, String> metadata) {
        synchronized (lock(key)) {
            return write(key, content, metadata);
        }
    }

    @Override
    public Optional<StoredObject> putIfAbsent(String key, byte[] content, Map<String, String> metadata) {
        synchronized (lock(key)) {
            return Files.exists(latest(key)) ? Optional.empty() : Optional.of(write(key, content, metadata));
        }
    }

    @Override
    public Optional<StoredObject> putIfMatch(String key, byte[] content, Map<String, String> metadata,
            String expectedEtag) {
        synchronized (lock(key)) {
            Optional<StoredContent> current = get(key);
            if (current.isEmpty() || !current.get().object().etag().equals(expectedEtag)) {
                return Optional.empty();
            }
            return Optional.of(write(key, content, metadata));
        }
    }

    @Override
    public Optional<StoredContent> get(String key) {
        synchronized (lock(key)) {
            Path latest = latest(key);
            if (!Files.exists(latest)) {
                return Optional.empty();
            }
            return get(key, read(metaOf(latest)).get("version-id"));
        }
    }

    @Override
    public Optional<StoredContent> get(String key, String versionId) {
        if (versionId == null || !versionId.matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        Path version = versions(key).resolve(versionId);
        if (!Files.exists(version)) {
            return Optional.empty();
        }
        try {
            byte[] content = Files.readAllBytes(version);
            Map<String, String> meta = read(metaOf(version));
            String sha = Hashes.sha256(content);
            return Optional.of(new StoredContent(new StoredObject(key, versionId, sha, sha), content, userMeta(meta)));
        } catch (IOException e) {
            throw unavailable(key, e);
        }
    }

    @Override
    public void delete(String key) {
        synchronized (lock(key)) {
            try {
                Files.deleteIfExists(latest(key));
                Files.deleteIfExists(metaOf(latest(key)));
            } catch (IOException e) {
                throw unavailable(key, e);
            }
        }
    }

    @Override
    public List<String> list(String prefix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        // walk only below the prefix's folder; other threads write meanwhile, so a file may vanish mid-walk
        String folder = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "";
        Path start = folder.isEmpty() ? root : resolve(folder);
        for (int attempt = 0; ; attempt++) {
            if (!Files.isDirectory(start)) {
                return List.of();
            }
            try (Stream<Path> files = Files.walk(start)) {
                return files.filter(Files::isRegularFile)
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .filter(k -> !k.startsWith(".versions/") && !k.endsWith(".meta.json") && !k.endsWith(".tmp")
                                && k.startsWith(prefix))
                        .sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                if (attempt >= 2) {
                    throw unavailable(prefix, e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
                }
            }
        }
    }

    @Override
    public String location() {
        return root.toString();
    }

    private Object lock(String key) {
        return keyLocks.computeIfAbsent(key, k -> new Object());
    }

    private StoredObject write(String key, byte[] content, Map<String, String> metadata) {
        try {
            Path dir = versions(key);
            Files.createDirectories(dir);
            long next;
            try (Stream<Path> existing = Files.list(dir)) {
                next = existing.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]+"))
                        .mapToLong(Long::parseLong).max().orElse(0) + 1;
            }
            String versionId = Long.toString(next);
            Path version = dir.resolve(versionId);
            Files.write(version, content);
            var meta = new java.util.LinkedHashMap<>(metadata);
            meta.put("version-id", versionId);
            Files.writeString(metaOf(version), JSON.writeValueAsString(meta));
            Path latest = latest(key);
            Files.createDirectories(latest.getParent());
            Path tmp = latest.resolveSibling(latest.getFileName() + ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(metaOf(latest), JSON.writeValueAsString(meta));
            String sha = Hashes.sha256(content);
            return new StoredObject(key, versionId, sha, sha);
        } catch (IOException e) {
            throw unavailable(key, e);
        }
    }

    private static Map<String, String> userMeta(Map<String, String> meta) {
        var m = new java.util.LinkedHashMap<>(meta);
        m.remove("version-id");
        return Map.copyOf(m);
    }

    private Map<String, String> read(Path meta) {
        try {
            return Files.exists(meta) ? JSON.readValue(meta.toFile(), META) : Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path latest(String key) {
        return resolve(key);
    }

    private Path versions(String key) {
        return resolve(".versions/" + key);
    }

    private static Path metaOf(Path p) {
        return p.resolveSibling(p.getFileName() + ".meta.json");
    }

    /** Keys come from RunKeys, but the store still refuses any key that escapes its root. */
    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || key.startsWith("/")) {
            throw EnhancerException.invalidInput("store key escapes the run store: " + key);
        }
        return p;
    }

    private static EnhancerException unavailable(String key, IOException e) {
        return new EnhancerException(ErrorCode.StoreUnavailable, "local run store cannot access " + key + ": " + e, e);
    }
}
