package dev.sqo.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that forgets its least recently used entry past a size: the backstop of every cache a tenant can grow. */
final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private final int maxEntries;

    LruMap(int maxEntries) {
        super(16, 0.75f, true);
        this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
    }
}
