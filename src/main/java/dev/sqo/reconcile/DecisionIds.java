package dev.sqo.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short id for one decision, from the resource, the action and the time it was decided. It names the decision in
 * the status, the events and the journal; the journal, not a recomputed id, is what a restarted operator matches.
 */
final class DecisionIds {

    private DecisionIds() {
    }

    static String of(String... parts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
