package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import reactor.core.observability.micrometer.Micrometer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The continuous pipeline unthrottled: as production builds it (timed single-thread scheduler, Prometheus
 * registry, transcript kept), with a tick of 1 ms producing up to 100,000 messages, work 0, and the
 * consumer at several concurrencies. Reports messages per second. Run with {@code bench/pipeline-jmh.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = { "-Xms512m", "-Xmx512m" })
public class PipelineBenchmark {

    private static final int MESSAGES = 1_000_000;

    @Param({ "1", "4", "16" })
    int concurrency;

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long messages() throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Scheduler scheduler = Micrometer.timedScheduler(Schedulers.newSingle("pipeline"), registry,
                "loopinfo.pipeline", Tags.empty());
        try {
            Pipeline pipeline = new Pipeline(PipelineSettings.unthrottled(concurrency), scheduler,
                    Consumer.Failures.NONE, registry, System::nanoTime);
            pipeline.start();
            while (pipeline.acknowledged() < MESSAGES) {
                Thread.onSpinWait();
            }
            CountDownLatch stopped = new CountDownLatch(1);
            pipeline.stop(stopped::countDown);
            stopped.await(10, TimeUnit.SECONDS);
            return pipeline.acknowledged();
        }
        finally {
            scheduler.dispose();
        }
    }

    /** Settings for an unthrottled run, bound as the application binds them. */
    static final class PipelineSettings {

        static PipelineProperties unthrottled(int concurrency) {
            return new PipelineProperties(true, Duration.ofMillis(1), 100_000, Duration.ZERO, 0, 2, concurrency,
                    256, Overflow.BACKPRESSURE, Duration.ofSeconds(10), 200, Duration.ofSeconds(1),
                    Duration.ofSeconds(15), 1000);
        }
    }
}
