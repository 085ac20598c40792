package dev.jwkadapter.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyProvider;
import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyVersion;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jwk-adapter keys}: the key versions, newest first, and which one signs. */
@Command(name = "keys", sortOptions = false,
        description = "Lists the key versions, newest first: kid, key type, algorithm, creation time, and the active one.")
final class KeysCommand implements Callable<Integer> {

    @ParentCommand
    @Nullable JwkAdapterCommand root;

    @Mixin
    KeyAlgorithmOption keyAlgorithm = new KeyAlgorithmOption();

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        JwkAdapterCommand r = Objects.requireNonNull(root);
        KeyProvider provider = r.provider(keyAlgorithm.algorithm);
        List<KeyVersion> versions = provider.keys();
        String activeKid = versions.isEmpty() ? null : activeKid(provider);
        List<Row> rows = new ArrayList<>(versions.size());
        for (KeyVersion v : versions) {
            rows.add(new Row(v, provider.signingAlgorithm(v), v.kid().equals(activeKid)));
        }
        if (json) {
            printJson(r.out(), rows);
        } else {
            printTable(r.out(), rows);
        }
        return ExitCodes.OK;
    }

    /** The active version's kid, or null when no version may sign now (all disabled or retired). */
    private static @Nullable String activeKid(KeyProvider provider) {
        try {
            return provider.activeKey().kid();
        } catch (KeyProviderException e) {
            if (e.reason() == KeyProviderException.Reason.KEY_NOT_FOUND || e.reason() == KeyProviderException.Reason.KEY_DISABLED) {
                return null;
            }
            throw e;
        }
    }

    private record Row(KeyVersion version, JwsAlgorithm signingAlgorithm, boolean active) {
        String keyType() {
            return version.jwk().kty() + version.jwk().curve().map(c -> " " + c).orElse("")
                    + (version.jwk().kty().equals("RSA") ? " " + version.jwk().keySize() : "");
        }

        String status() {
            if (active) {
                return "active";
            }
            return version.enabled() ? "" : "disabled";
        }
    }

    private static void printTable(PrintWriter out, List<Row> rows) {
        if (rows.isEmpty()) {
            out.println("(no keys)");
            return;
        }
        String[] head = {"KID", "TYPE", "ALG", "CREATED", "STATUS"};
        List<String[]> lines = new ArrayList<>();
        lines.add(head);
        for (Row row : rows) {
            lines.add(new String[] {row.version().kid(), row.keyType(), row.signingAlgorithm().jwaName(),
                    time(row.version().createdOn()), row.status()});
        }
        int[] width = new int[head.length];
        for (String[] l : lines) {
            for (int i = 0; i < l.length; i++) {
                width[i] = Math.max(width[i], l[i].length());
            }
        }
        for (String[] l : lines) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < l.length; i++) {
                b.append(i == l.length - 1 ? l[i] : String.format("%-" + width[i] + "s  ", l[i]));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static void printJson(PrintWriter out, List<Row> rows) {
        ArrayNode array = CliJson.object().arrayNode();
        for (Row row : rows) {
            KeyVersion v = row.version();
            ObjectNode o = array.addObject();
            o.put("kid", v.kid());
            o.put("kty", v.jwk().kty());
            v.jwk().curve().ifPresent(c -> o.put("crv", c));
            if (v.jwk().kty().equals("RSA")) {
                o.put("bits", v.jwk().keySize());
            }
            o.put("alg", row.signingAlgorithm().jwaName());
            ArrayNode algs = o.putArray("algorithms");
            v.algorithms().stream().sorted().map(JwsAlgorithm::jwaName).forEach(algs::add);
            v.createdOn().ifPresent(t -> o.put("created", t.toString()));
            v.notBefore().ifPresent(t -> o.put("notBefore", t.toString()));
            v.expiresOn().ifPresent(t -> o.put("expiresOn", t.toString()));
            o.put("enabled", v.enabled());
            o.put("active", row.active());
            o.put("thumbprint", v.jwk().thumbprint());
        }
        out.println(CliJson.pretty(array));
    }

    private static String time(Optional<Instant> t) {
        return t.map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-");
    }
}
