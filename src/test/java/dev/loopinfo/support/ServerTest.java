package dev.loopinfo.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * The whole application on real Netty servers at random ports (app and management), with
 * a {@code WebTestClient} bound to the app port and metrics exported as in production.
 * Test classes that share this annotation share one running application. The client waits
 * up to 30 s for an answer: the suite shares two cores with child JVMs, a browser, a
 * container and Prometheus, and a response timeout is no speed check (speed is measured
 * in {@code bench/}).
 * <p>
 * Routes are tested here rather than in a {@code bindToRouterFunction} slice: every
 * request sent to this server is replayed against the OpenAPI document
 * ({@code ApiDocumentTest}), so each answer a route test provokes is also held to the
 * document. A slice serves where a setting's rule is all there is to see
 * ({@code HeadersTest}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
@AutoConfigureWebTestClient(timeout = "30s")
@AutoConfigureMetrics
public @interface ServerTest {

}
