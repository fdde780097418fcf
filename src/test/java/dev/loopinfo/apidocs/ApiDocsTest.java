package dev.loopinfo.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.loopinfo.apidocs.ApiDocs.ParameterRule;

/** The document as written, with the rules from settings filled in. */
class ApiDocsTest {

    @Test
    void aRuleSetsItsParameterOnlyAndTheVersionIsUnknownWithoutABuild() {
        Map<String, Object> document = ApiDocs.document(null,
                List.of(new ParameterRule("delay", "seconds", "maximum", 2.5)));

        assertThat(document).extractingByKey("info").asInstanceOf(MAP).containsEntry("version", "unknown");
        assertThat(schema(document, "/delay/{seconds}", "seconds")).containsEntry("maximum", 2.5)
            .containsEntry("minimum", 0);
        assertThat(schema(document, "/api/pipeline/runs", "count")).as("another operation's rule, as written")
            .containsEntry("maximum", 1000);
    }

    @Test
    void aRuleForAParameterTheDocumentLacksStopsTheDocument() {
        assertThatIllegalStateException()
            .isThrownBy(() -> ApiDocs.document(null, List.of(new ParameterRule("delay", "minutes", "maximum", 1))))
            .withMessageContaining("minutes");
        assertThatIllegalStateException()
            .isThrownBy(() -> ApiDocs.document(null, List.of(new ParameterRule("wait", "seconds", "maximum", 1))))
            .withMessageContaining("wait");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(Map<String, Object> document, String path, String parameter) {
        Map<String, Object> operations = (Map<String, Object>) ((Map<String, Object>) document.get("paths")).get(path);
        Map<String, Object> operation = (Map<String, Object>) operations.values().iterator().next();
        return ((List<Map<String, Object>>) operation.get("parameters")).stream()
            .filter(candidate -> parameter.equals(candidate.get("name")))
            .map(candidate -> (Map<String, Object>) candidate.get("schema"))
            .findFirst()
            .orElseThrow();
    }

}
