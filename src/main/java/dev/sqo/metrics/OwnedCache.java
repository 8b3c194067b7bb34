package dev.sqo.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A cache whose entries live as long as a resource uses them. Each use names its resource (its owner); a resource
 * whose cycle read everything {@link #settle settles}, which forgets the entries it did not use in that cycle (a
 * query edited out of its spec); a deleted resource is {@link #forget forgotten}. An entry no resource uses any more
 * goes. Entries may be shared: resources with the same query use one. Past a size the least recently used entry
 * goes first, so that no tenant can grow the cache without bound. Locked only for map operations, never while a
 * value is computed from Prometheus: callers look up, query, then put.
 */
final class OwnedCache<K, V> {

    private static final class Held<V> {
        final V value;
        /** When each owner last used the entry. */
        final Map<String, Instant> owners = new HashMap<>();

        Held(V value) {
            this.value = value;
        }
    }

    private final Map<K, Held<V>> entries;
    /**
     * The keys each owner used, so that settling one owner looks at its own entries, not at the whole cache: a
     * cycle's cost must not grow with the number of other resources. A key evicted since is dropped when met.
     */
    private final Map<String, Set<K>> keysByOwner = new HashMap<>();

    OwnedCache(int maxEntries) {
        entries = new LruMap<>(maxEntries);
    }

    /** The value, recorded as used by the owner at {@code at}; null when none is cached. */
    synchronized V get(String owner, K key, Instant at) {
        Held<V> held = entries.get(key);
        if (held == null) {
            return null;
        }
        use(held, owner, key, at);
        return held.value;
    }

    /** The cached value or a new one from {@code create}, which must be quick: it runs under the cache's lock. */
    synchronized V computeIfAbsent(String owner, K key, Instant at, Function<K, V> create) {
        Held<V> held = entries.computeIfAbsent(key, k -> new Held<>(create.apply(k)));
        use(held, owner, key, at);
        return held.value;
    }

    /** Caches the value, keeping the entry's other owners. */
    synchronized void put(String owner, K key, V value, Instant at) {
        Held<V> held = new Held<>(value);
        Held<V> before = entries.put(key, held);
        if (before != null) {
            held.owners.putAll(before.owners);
        }
        use(held, owner, key, at);
    }

    /** The owner's cycle at {@code cycle} read everything it uses: what it did not use in that cycle is not its any more. */
    synchronized void settle(String owner, Instant cycle) {
        release(owner, used -> used.isBefore(cycle));
    }

    /** The owner is gone: nothing is its any more. */
    synchronized void forget(String owner) {
        release(owner, used -> true);
    }

    /** Forgets the entries whose value matches, whoever uses them: for values that age. */
    synchronized void removeIf(Predicate<V> stale) {
        entries.values().removeIf(held -> stale.test(held.value));
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized List<V> values() {
        return entries.values().stream().map(held -> held.value).toList();
    }

    private void use(Held<V> held, String owner, K key, Instant at) {
        held.owners.put(owner, at);
        keysByOwner.computeIfAbsent(owner, o -> new HashSet<>()).add(key);
    }

    private void release(String owner, Predicate<Instant> released) {
        Set<K> keys = keysByOwner.get(owner);
        if (keys == null) {
            return;
        }
        keys.removeIf(key -> {
            // A lookup counts as a use in the least-recently-used order; harmless here, as a settling owner used
            // its entries in the cycle that just ended.
            Held<V> held = entries.get(key);
            if (held == null) {
                return true;
            }
            Instant used = held.owners.get(owner);
            if (used == null || !released.test(used)) {
                return used == null;
            }
            held.owners.remove(owner);
            if (held.owners.isEmpty()) {
                entries.remove(key);
            }
            return true;
        });
        if (keys.isEmpty()) {
            keysByOwner.remove(owner);
        }
    }
}
