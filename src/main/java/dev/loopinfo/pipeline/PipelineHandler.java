package dev.loopinfo.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;

import dev.loopinfo.web.EventStreams;
import dev.loopinfo.web.Routing;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The pipeline's page, its live events, its JSON snapshot, and one-shot runs of the
 * original.
 */
@Component
class PipelineHandler {

    /** The query parameter of a one-shot run: how many messages. */
    static final String COUNT = "count";

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

    private final PipelineControls pipeline;

    private final PipelineProperties settings;

    private final EventStreams streams;

    private final EventStreams.Stream stream;

    PipelineHandler(PipelineControls pipeline, PipelineProperties settings, EventStreams streams) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.streams = streams;
        this.stream = streams.named("pipeline");
    }

    Mono<ServerResponse> page(ServerRequest request) {
        return Mono.zip(pipeline.snapshot(), pipeline.transcript())
            .flatMap(now -> Routing.ok(Routing.HTML,
                    new PipelinePage(now.getT1(), now.getT2(), settings.transcriptLines())));
    }

    Mono<ServerResponse> snapshot(ServerRequest request) {
        return pipeline.snapshot().flatMap(snapshot -> Routing.ok(MediaType.APPLICATION_JSON, snapshot));
    }

    /**
     * Snapshots every {@code events-interval} and each transcript line as it is written,
     * each line with its number as the event's id, as an event stream that ends when the
     * pipeline stops ({@link EventStreams}). A browser back on the same server first gets
     * the lines it missed that are still kept, after a {@code gap} event saying how many
     * are not.
     */
    Mono<ServerResponse> events(ServerRequest request) {
        return stream.answer(request, resume -> {
            Flux<ServerSentEvent<Object>> snapshots = Flux.interval(Duration.ZERO, settings.eventsInterval())
                .onBackpressureDrop()
                .concatMap(tick -> pipeline.snapshot())
                .map(snapshot -> ServerSentEvent.builder((Object) snapshot).event("snapshot").build());
            if (resume.after().isPresent()) {
                return Flux.merge(snapshots, lines(resume));
            }
            // Where the transcript is now, as the id a browser sends back should it
            // reconnect before the next line.
            Mono<ServerSentEvent<Object>> position = pipeline.transcriptPosition()
                .map(count -> ServerSentEvent.builder().id(streams.id(count)).comment("transcript").build());
            return Flux.concat(position, Flux.merge(snapshots, lines(resume)));
        }, pipeline.stopped());
    }

    private Flux<ServerSentEvent<Object>> lines(EventStreams.Resume resume) {
        if (resume.after().isEmpty()) {
            return pipeline.transcriptLines().map(this::line);
        }
        long after = resume.after().getAsLong();
        // Listening first, the kept lines read after: a line written between the two
        // reaches this listener instead
        // of falling between them (the transcript hands lines on only while someone
        // listens); one in both goes once.
        Sinks.One<TranscriptRing.Since> kept = Sinks.one();
        Flux<TranscriptRing.NumberedLine> listening = pipeline.transcriptLines()
            .doOnSubscribe(joined -> pipeline.transcriptSince(after).subscribe(kept::tryEmitValue));
        AtomicLong heard = new AtomicLong(after);
        Flux<TranscriptRing.NumberedLine> lines = Flux
            .mergeSequential(kept.asMono().flatMapIterable(TranscriptRing.Since::lines), listening)
            .filter(line -> heard.getAndAccumulate(line.number(), Math::max) < line.number());
        Mono<ServerSentEvent<Object>> gap = kept.asMono()
            .filter(since -> since.missed() > 0)
            .map(since -> ServerSentEvent.builder((Object) since.missed()).event("gap").build());
        return Flux.mergeSequential(gap, lines.map(this::line));
    }

    private ServerSentEvent<Object> line(TranscriptRing.NumberedLine line) {
        return ServerSentEvent.builder((Object) line.text()).event("line").id(streams.id(line.number())).build();
    }

    Mono<ServerResponse> run(ServerRequest request) {
        int count = count(request);
        return OriginalRun.of(count)
            .map(PipelineHandler::texts)
            .flatMap(transcript -> Routing.ok(MediaType.TEXT_PLAIN, String.join("\n", transcript) + "\n"));
    }

    Mono<ServerResponse> runJson(ServerRequest request) {
        int count = count(request);
        return OriginalRun.of(count)
            .map(PipelineHandler::texts)
            .flatMap(transcript -> Routing.ok(MediaType.APPLICATION_JSON, new Run(count, transcript)));
    }

    private static List<String> texts(List<OriginalRun.Line> transcript) {
        return transcript.stream().map(OriginalRun.Line::text).toList();
    }

    private int count(ServerRequest request) {
        String rule = "count must be a whole number from 1 to " + settings.maxRunCount() + ".";
        String count = request.queryParam(COUNT)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "count is missing: " + rule));
        int parsed = WHOLE_NUMBER.matcher(count).matches() ? Integer.parseInt(count) : 0;
        if (parsed < 1 || parsed > settings.maxRunCount()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "count is not valid: " + rule);
        }
        return parsed;
    }

    /**
     * A one-shot run's result.
     *
     * @param count messages produced and consumed
     * @param transcript the run's lines, in order
     */
    record Run(int count, List<String> transcript) {
    }

}
