package dev.loopinfo.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.loopinfo.support.RecordedRequests.Recorded;

/**
 * After each test class, replays the requests it sent that no class before it did
 * ({@link RecordedRequests}) and fails the class if one is answered as the OpenAPI
 * document does not allow ({@link DocumentReplay}): whatever order the classes run in,
 * every request of the suite is held to the document, by the class that sent it.
 * Registered for every class (JUnit's extension auto-detection,
 * {@code junit-platform.properties}).
 */
public class AnswersAsDocumented implements AfterAllCallback {

    private static final Set<Recorded> REPLAYED = ConcurrentHashMap.newKeySet();

    @Override
    public void afterAll(ExtensionContext context) {
        List<Recorded> sent = RecordedRequests.all().stream().filter(REPLAYED::add).toList();
        if (!sent.isEmpty()) {
            assertThat(DocumentReplay.instance().brokenAnswers(sent))
                .as("answers the OpenAPI document does not allow, of %d requests %s sent", sent.size(),
                        context.getDisplayName())
                .isEmpty();
        }
    }

}
