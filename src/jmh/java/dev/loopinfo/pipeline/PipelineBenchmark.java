package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import reactor.core.observability.micrometer.Micrometer;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The continuous pipeline unthrottled: as production builds it (timed single-thread scheduler, Prometheus
 * registry, transcript kept), with a tick of 1 ms producing up to 100,000 messages, work 0, and the
 * consumer at several concurrencies. The pipeline runs on its own thread for the whole trial; the benchmark
 * thread only reads its acknowledged counter, as a scrape would, every 10 ms. The {@code messages} counter is the result:
 * messages acknowledged per second. Run with {@code bench/pipeline-jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = { "-Xms512m", "-Xmx512m" })
public class PipelineBenchmark {

    @Param({ "1", "4", "16" })
    int concurrency;

    private Scheduler scheduler;

    private Pipeline pipeline;

    private FunctionCounter acknowledged;

    @Setup(Level.Trial)
    public void start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        scheduler = Micrometer.timedScheduler(Schedulers.newSingle("pipeline"), registry, "loopinfo.pipeline",
                Tags.empty());
        pipeline = new Pipeline(PipelineSettings.unthrottled(concurrency), scheduler, Consumer.Failures.NONE,
                registry, System::nanoTime);
        acknowledged = registry.get("loopinfo.pipeline.messages").tag("outcome", "acknowledged").functionCounter();
        pipeline.start();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        pipeline.stop(stopped::countDown);
        stopped.await(30, TimeUnit.SECONDS);
        scheduler.dispose();
    }

    @Benchmark
    public void messages(Acknowledged acknowledged) {
        double before = this.acknowledged.count();
        // Look now and then: spinning on the counter would fight the pipeline's thread for its cache line.
        LockSupport.parkNanos(10_000_000);
        acknowledged.messages += (long) (this.acknowledged.count() - before);
    }

    /** Messages acknowledged while the benchmark looked, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Acknowledged {

        public long messages;

        @Setup(Level.Iteration)
        public void reset() {
            messages = 0;
        }
    }

    /** Settings for an unthrottled run, bound as the application binds them. */
    static final class PipelineSettings {

        static PipelineProperties unthrottled(int concurrency) {
            return new PipelineProperties(true, Duration.ofMillis(1), 100_000, Duration.ZERO, 0, 2, concurrency,
                    256, Overflow.BACKPRESSURE, Duration.ofSeconds(10), 200, Duration.ofSeconds(1), 1000);
        }
    }
}
