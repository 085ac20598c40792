package dev.jwkadapter.core.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.Assertions;

/**
 * One Wycheproof test with its group. {@link #toString()} is the display name of the parameterized
 * test: {@code tag/group_comment_tcId}, as Wycheproof's own harnesses named them.
 */
final class WycheproofCase {

    private final String file;
    private final String tag;
    private final int groupIndex;
    private final JsonNode group;
    private final JsonNode test;

    WycheproofCase(String file, String tag, int groupIndex, JsonNode group, JsonNode test) {
        this.file = file;
        this.tag = tag;
        this.groupIndex = groupIndex;
        this.group = group;
        this.test = test;
    }

    String file() {
        return file;
    }

    JsonNode group() {
        return group;
    }

    JsonNode test() {
        return test;
    }

    int tcId() {
        return test.get("tcId").intValue();
    }

    String comment() {
        return test.path("comment").asText("");
    }

    /** {@code valid}, {@code invalid} or {@code acceptable}. */
    String result() {
        return test.get("result").textValue();
    }

    boolean isValid() {
        return "valid".equals(result());
    }

    boolean isInvalid() {
        return "invalid".equals(result());
    }

    List<String> flags() {
        List<String> out = new ArrayList<>();
        test.path("flags").forEach(f -> out.add(f.textValue()));
        return out;
    }

    String groupString(String name) {
        return group.get(name).asText();
    }

    String testString(String name) {
        return test.get(name).asText();
    }

    byte[] testHex(String name) {
        return VectorJson.hex(test.get(name).textValue());
    }

    /** The group's label: its {@code comment} when it has one (JOSE files), else {@code g} and its index. */
    String groupLabel() {
        JsonNode c = group.get("comment");
        return c != null && c.isTextual() && !c.textValue().isEmpty() ? c.textValue() : "g" + groupIndex;
    }

    @Override
    public String toString() {
        String c = comment().isEmpty() ? "-" : comment();
        return tag + "/" + groupLabel() + "_" + c + "_" + tcId();
    }

    /**
     * Checks an outcome against the expected one, honouring an explicit suppression list: a suppressed
     * test must still show the known wrong outcome, otherwise it fails as "needlessly suppressed"
     * (Wycheproof harness rule 2).
     *
     * @param expected the outcome the vector's label asks for
     * @param actual the outcome observed
     * @param suppressed tcId → reason, for the known deviations of this file
     */
    void assertOutcome(boolean expected, boolean actual, Map<Integer, String> suppressed) {
        Optional<String> reason = Optional.ofNullable(suppressed.get(tcId()));
        if (reason.isPresent()) {
            Assertions.assertThat(actual)
                    .as("%s is suppressed (%s) but now gives the expected outcome: needlessly suppressed", this, reason.get())
                    .isNotEqualTo(expected);
        } else {
            Assertions.assertThat(actual)
                    .as("%s (%s, flags %s): expected %s", this, result(), flags(), expected ? "accept" : "reject")
                    .isEqualTo(expected);
        }
    }
}
