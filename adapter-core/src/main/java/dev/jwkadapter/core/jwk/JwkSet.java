package dev.jwkadapter.core.jwk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.internal.Json;
import dev.jwkadapter.core.jwk.JwkException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JWK Set (RFC 7517 §5): the usable public keys of a document, plus a report of the entries that
 * were skipped.
 *
 * <p>A set never fails because of one bad or foreign key: an entry with an unknown {@code kty}, an
 * unsupported curve, private members or a failed check is skipped, recorded in {@link #rejected()},
 * and never used. Only a document that is not a JSON object with a {@code keys} array of objects
 * fails as a whole. Lookups by {@code kid} use exact string equality. Instances are immutable and
 * thread-safe.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5</a>
 */
public final class JwkSet {

    private static final JwkSet EMPTY = new JwkSet(List.of(), List.of());

    /**
     * One skipped entry: its position in {@code keys}, its {@code kid} if it had a string one, and why.
     *
     * @param index position in the {@code keys} array
     * @param kid the entry's {@code kid}, or {@code null}
     * @param reason the stable reason
     * @param message what failed; never key material
     */
    public record Rejected(int index, @Nullable String kid, Reason reason, String message) {
        /** Creates a record; {@code reason} and {@code message} are required. */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    private final List<Jwk> keys;
    private final List<Rejected> rejected;
    private final Map<String, List<Jwk>> byKid;
    private final Map<String, Rejected> rejectedByKid;

    private JwkSet(List<Jwk> keys, List<Rejected> rejected) {
        this.keys = List.copyOf(keys);
        this.rejected = List.copyOf(rejected);
        Map<String, List<Jwk>> index = new HashMap<>();
        for (Jwk k : this.keys) {
            k.kid().ifPresent(kid -> index.computeIfAbsent(kid, x -> new ArrayList<>(1)).add(k));
        }
        index.replaceAll((kid, list) -> List.copyOf(list));
        this.byKid = Collections.unmodifiableMap(index);
        Map<String, Rejected> rej = new HashMap<>();
        for (Rejected r : this.rejected) {
            if (r.kid() != null) {
                rej.putIfAbsent(r.kid(), r);
            }
        }
        this.rejectedByKid = Collections.unmodifiableMap(rej);
    }

    /** A set of the given keys (each already checked). */
    public static JwkSet of(List<Jwk> keys) {
        Objects.requireNonNull(keys, "keys");
        return keys.isEmpty() ? EMPTY : new JwkSet(keys, List.of());
    }

    /** A set of the given keys. */
    public static JwkSet of(Jwk... keys) {
        return of(List.of(keys));
    }

    /** The empty set. */
    public static JwkSet empty() {
        return EMPTY;
    }

    /**
     * Parses a JWK Set document, keeping the usable keys and reporting the others.
     *
     * @throws JwkException ({@code MALFORMED}) if the document is not a JSON object whose {@code keys}
     *     member is an array of objects
     */
    public static JwkSet parse(String json) {
        Objects.requireNonNull(json, "json");
        ObjectNode root;
        try {
            root = Json.strict().parseObject(json);
        } catch (Json.JsonFormatException e) {
            throw new JwkException(Reason.MALFORMED, "JWK Set is not a JSON object: " + e.getMessage());
        }
        return fromJson(root);
    }

    /** Parses a JWK Set from strict UTF-8 bytes. */
    public static JwkSet parse(byte[] utf8) {
        Objects.requireNonNull(utf8, "utf8");
        String text;
        try {
            text = Json.strictUtf8(utf8);
        } catch (Json.JsonFormatException e) {
            throw new JwkException(Reason.MALFORMED, "JWK Set is not valid UTF-8");
        }
        return parse(text);
    }

    private static JwkSet fromJson(ObjectNode root) {
        JsonNode keysNode = root.get("keys");
        if (keysNode == null || !keysNode.isArray()) {
            throw new JwkException(Reason.MALFORMED, "JWK Set must have a 'keys' array (RFC 7517 §5)");
        }
        List<Jwk> keys = new ArrayList<>(keysNode.size());
        List<Rejected> rejected = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : keysNode) {
            if (!entry.isObject()) {
                throw new JwkException(Reason.MALFORMED, "JWK Set entry " + i + " is not a JSON object");
            }
            try {
                keys.add(Jwk.fromJson(entry));
            } catch (JwkException e) {
                JsonNode kid = entry.get("kid");
                rejected.add(new Rejected(i, kid != null && kid.isTextual() ? kid.textValue() : null, e.reason(), e.getMessage()));
            }
            i++;
        }
        return new JwkSet(keys, rejected);
    }

    /** The usable keys, in document order. */
    public List<Jwk> keys() {
        return keys;
    }

    /** The skipped entries, in document order. */
    public List<Rejected> rejected() {
        return rejected;
    }

    /** True when the set holds no usable key. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Number of usable keys. */
    public int size() {
        return keys.size();
    }

    /**
     * The one usable key with exactly this {@code kid}. Empty when there is none, and also when two or
     * more keys share the {@code kid} (ambiguous: see {@link #findAll(String)}).
     */
    public Optional<Jwk> find(String kid) {
        List<Jwk> l = byKid.get(kid);
        return l != null && l.size() == 1 ? Optional.of(l.get(0)) : Optional.empty();
    }

    /** Every usable key with exactly this {@code kid}, in document order. */
    public List<Jwk> findAll(String kid) {
        List<Jwk> l = byKid.get(kid);
        return l == null ? List.of() : l;
    }

    /** The skipped entry that carried this {@code kid}, if one did. */
    public Optional<Rejected> findRejected(String kid) {
        return Optional.ofNullable(rejectedByKid.get(kid));
    }

    /** The set as compact JSON ({@code {"keys":[…]}}), public members only. */
    public String toJson() {
        return Json.strict().writeString(toJsonNode());
    }

    /** The set as indented JSON, for people. */
    public String toPrettyJson() {
        return Json.strict().writePretty(toJsonNode());
    }

    private ObjectNode toJsonNode() {
        ObjectNode root = Json.object();
        root.set("keys", Jwk.arrayOf(keys));
        return root;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwkSet && keys.equals(((JwkSet) o).keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return "JwkSet[keys=" + keys.size() + ", rejected=" + rejected.size() + "]";
    }
}
