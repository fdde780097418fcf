package dev.loopinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * BlockHound is installed for the whole suite (blockhound-junit-platform); this proves it
 * is watching.
 */
class BlockHoundTest {

    @Test
    void aBlockingCallOnANonBlockingThreadFails() {
        Mono<Long> blocking = Mono.delay(Duration.ofMillis(1)).doOnNext(tick -> sleep());

        StepVerifier.create(blocking)
            .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(BlockingOperationError.class)
                .hasMessageContaining("java.lang.Thread.sleep"))
            .verify(Duration.ofSeconds(5));
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

}
